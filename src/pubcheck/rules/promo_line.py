from __future__ import annotations

import re
import string

from ..document import Document
from ..findings import Fix
from .base import Problem, Rule, removal_fix, shorten

# Promo lines ask the reader to follow, join or subscribe rather than read another article.
_PLATFORMS = r"(?:instagram|facebook|tiktok|twitter|x|youtube|telegram|whatsapp|threads|snapchat|linkedin)\b"
PROMO = re.compile(
    rf"""[^\w\s]*\s*(?:
    pay\s+attention\b
    |(?:follow|join)\s+(?:us|our|(?-i:[A-Z]{{2,}})\w*)\b.{{0,40}}?\b(?:on|channel|group|page|community)\b
    |follow\s+(?:us|(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*){{0,3}})\s+(?:on\s+{_PLATFORMS}|for\s+more\b)
    |(?:don['’]?t|do\s+not)\s+miss\s+(?:trending|the\s+latest|any|a\s+(?:beat|thing))\b.{{0,60}}?\b(?:subscribe|follow|join|download)
    |(?:don['’]?t\s+forget|remember)\s+to\s+(?:share|like|subscribe|follow)\b.{{0,40}}?\b(?:subscribe|follow|newsletters?|channel|page)\b
    |(?:click\s+here\s+to\s+)?(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\b.{{0,40}}?\b(?:newsletters?|channel|updates?|alerts?)
    |for\s+more\b[^.!?]{{0,40}}?,\s*(?:follow|subscribe|join|like)\s+(?:us|our|(?-i:[A-Z]))
    |bookmark\s+(?:this|our)\s+(?:page|site|website)\b
    |(?:do\s+you\s+have|got)\s+a\s+(?:\w+\s+){{0,2}}(?:story|tip)\b[^.!]{{0,40}}\?\s*(?:reach|contact|call|email|send|message|whatsapp|dm)\b
    |get\s+(?:instant(?:ly)?\s+)?updates?\b.{{0,20}}?\b(?:join|by|on|via)
    |download\s+(?:our|the)\b.{{0,30}}?\bapp\b
    |read\s+(?:the\s+)?best\s+news\s+on\b
    )""",
    re.I | re.X,
)
_QUOTE_MARKS = "\"'“‘«"
# The first words of promo calls: a paragraph whose last sentence opens otherwise (most) has no
# promo tail, which a set lookup says before any regex runs.
PROMO_OPENERS = frozenset(
    "pay follow join don't don’t do subscribe sign click bookmark download get got for read remember".split()
)
# Their first characters, in either case: every character whose lower case opens one of them
# (``tests/test_promo_line.py`` checks every code point), so the words need not be split and lowered.
_OPENER_INITIALS = frozenset(initial for word in PROMO_OPENERS for initial in (word[0], word[0].upper()))


# What a block opening with a word character (most do) must open with for PROMO to match: the
# first letter of a call (pay, follow, join, do, don't, remember, click, subscribe, sign, for,
# bookmark, got, get, download, read). A block opening with any other ASCII letter or digit ("The",
# "In", "2024") is no promo line, which one set lookup says before the regex runs
# (``tests/test_promo_line.py`` checks it against the regex).
NEVER_OPENS_A_CALL = frozenset(string.ascii_letters + string.digits + "_") - frozenset("pfjdrcsbgPFJDRCSBG")


class PromoLine(Rule):
    """Flags promo lines in the article body that ask readers to follow, join or subscribe.

    Gossip and news-farm pages break the story with calls to action: "PAY ATTENTION: Follow us on
    …", "Join our WhatsApp channel", "Don't miss trending news, subscribe …", "Download our app".
    Unlike a teaser they do not send the reader to another article, so they are reported on their
    own, as advice (`info`). A line is a promo line when it *starts* with such a call and is short;
    calls to action that close a paragraph ("… regularly. Subscribe to our newsletter!") are
    reported alone, at the sentences they take up.

    ## Why is this bad?
    Promo lines interrupt the story and read as spam; standards desks move them out of the body
    into the page template, where one copy serves every article.

    ## Example
    ```
    PAY ATTENTION: Follow us on Instagram for the latest gist

    Join our Telegram channel for instant updates

    Don't miss trending news, subscribe to our newsletter today

    Click here to sign up for our newsletters

    Do you have a hot story or tip? Reach us on WhatsApp or email.

    Bookmark this page and follow us for more celebrity heights!

    We update this page regularly. Don't forget to share this post and subscribe to our newsletter!
    ```

    ## Not flagged
    ```
    Fans can follow the tour on the band's website.

    She asked her followers to join her at the premiere on Friday.

    Don't miss the final episode, which airs on Sunday.
    ```

    ## How to fix
    Delete the line, or move the call to action into the page template. `pubcheck lint --fix`
    removes the line, or only the closing sentences with the space before them (a safe fix).

    ## Options
    - `max-words` (default 40): longer blocks are prose, not promo lines.
    """

    id = "promo-line"
    category = "clickbait"
    severity = "info"
    summary = 'A promo line in the body ("PAY ATTENTION: Follow us on …") asks readers to follow or subscribe'
    options = {"max-words": 40}

    def check(self, doc: Document):
        max_words = self.settings["max-words"]
        for block in doc.body:
            if block.kind == "blockquote":
                continue
            if block.text[:1] not in NEVER_OPENS_A_CALL and PROMO.match(block.text) and len(block.words) <= max_words:
                yield Problem(
                    f'Promo line "{shorten(block.text, 60)}" asks readers to follow or subscribe; move it out of the story',
                    block,
                    fix=removal_fix(doc, block, "remove the promo line"),
                )
            elif block.kind == "paragraph" and block.text[-1:] in "!.":
                start = _promo_tail(block)
                if start is not None:
                    # Only the closing call to action goes, with the space before it; the paragraph stays.
                    before = len(block.text[:start].rstrip())
                    begin, end = block.source_span(before, len(block.text))
                    yield Problem(
                        f'Promo sentence "{shorten(block.text[start:], 60)}" at the end of the paragraph asks readers '
                        "to follow or subscribe; remove it",
                        block,
                        start,
                        fix=Fix(begin, end, "", "remove the promo sentence", safe=True),
                    )


def _promo_tail(block) -> int | None:
    """Where the promo sentences closing a paragraph begin ("… regularly. Subscribe to our
    newsletter!"), or None. A quotation ("'Follow me on TikTok,' she joked.") is no promo."""
    sentences = block.sentences
    if len(sentences) < 2 or sentences[-1].text[:1] not in _OPENER_INITIALS or sentences[-1].text.split(None, 1)[0].lower() not in PROMO_OPENERS:
        return None
    start = None
    for sentence in reversed(sentences[1:]):
        if sentence.text[:1] in _QUOTE_MARKS or not PROMO.match(sentence.text):
            break
        start = sentence.start
    return start

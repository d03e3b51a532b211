from __future__ import annotations

import re

from ..document import Document
from .base import Problem, Rule, removal_fix, shorten

# Arrows and emoji mark a teaser's label as a colon does ("SEE ALSO 👉 …", "MORE FROM US → …").
_ARROWS = "→➡▶►⇒"
_EMOJI = "\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"  # arrows, dingbats, pictographs
LABELS = (
    r"related(?:\s+(?:articles?|stories|stor(?:y|ies)|reading|news|posts?))?",
    r"see\s+also",
    r"(?:don['’]?t|do\s+not)\s+miss(?:\s+this)?",
    r"read\s+(?:more|also|next|this)",
    r"also\s+read",
    r"must[\s-]+(?:read|see|watch)",
    r"trending(?:\s+now)?",
    r"recommended(?:\s+(?:for\s+you|reading|stories))?",
    rf"more\s+from\s+[^:：|»›>–—{_ARROWS}{_EMOJI}]{{1,40}}?(?=\s*[:：|»›>–—{_ARROWS}{_EMOJI}])",
    r"(?:you\s+(?:may|might)\s+also\s+like|you\s+(?:may|might)\s+have\s+missed)",
    r"check\s+(?:it\s+)?out",
    r"click\s+here(?:\s+to\s+read)?",
    r"(?:keep|continue)\s+reading",
    r"(?:icymi|in\s+case\s+you\s+missed\s+it|see\s+more|also\s+see|further\s+reading|more\s+like\s+this)",
    r"(?:also\s+check\s+out|suggested\s+read(?:ing)?)",
    r"(?-i:MORE)(?=\s*[:：])",  # "MORE: …" in capitals, as tabloids print it; "More:" may open a list
    r"(?:up\s+next|next\s+up|editor['’]?s\s+picks?|popular(?:\s+now)?|most\s+read|more\s+news)",
)
# Labels that only tease when an emoji or arrow marks them ("📸 Photos:", "▶ Watch:").
MARKED_ONLY_LABELS = (r"photos?", r"gallery", r"watch", r"video", r"more", r"hot")

BULLETS = "•·▪‣◦*-– \t"
# A review's star rating ("★★★★☆ Recommended", "⭐⭐⭐⭐") is not a teaser's emoji; one star may be.
RATING = frozenset("★☆✩✫✭✮✯⯨⯪⭐")
_LEAD = r"(?P<lead>[^\w\s\"'“‘(\[]*)\s*"
_SEPARATOR = rf"\s*(?P<sep>[:：|»›>–—\-{_ARROWS}]+\ufe0f?|\.{{3}}|…|(?:[{_EMOJI}]\ufe0f?)+)?\s*"
# A label is whole words: "🔥 Hotel Transylvania" and "🎬 Watchmen" are not "HOT" and "Watch".
_TEASER = re.compile(rf"{_LEAD}(?P<label>{'|'.join(LABELS)})(?!\w){_SEPARATOR}(?P<rest>.*)", re.I | re.S)
_MARKED_TEASER = re.compile(rf"{_LEAD}(?P<label>{'|'.join(MARKED_ONLY_LABELS)})(?!\w){_SEPARATOR}(?P<rest>.*)", re.I | re.S)
_CAPITALISED = re.compile(r"^[\"“‘']?[A-Z0-9]")


class ClickbaitInterstitial(Rule):
    """Flags lines in the article body that push the reader to another article.

    SEO-farm pages break the story with teaser blocks such as "📖 Related: …", "👉 See also: …",
    "✨ Don't miss: …", "READ MORE: …" or "ALSO READ". A block is a teaser when it *starts* with
    such a label (after an optional emoji or arrow), followed by a separator or an emoji, a
    headline-style title, or a link, and is short. Site navigation outside the article body
    (`<nav>`, `<aside>`, page header and footer) is not part of the body and is never checked.

    ## Why is this bad?
    Teasers interrupt the story, read as spam to editors, and are treated by search engines as
    low-quality, engagement-bait content. Standards desks remove them before publication.

    ## Example
    ```
    📖 Related: Is The Weeknd a Christian? The Truth Behind Abel's Faith and Lyrics

    READ MORE: Star's Net Worth Revealed

    ALSO READ
    ```

    ## Not flagged
    ```
    The related lawsuit was dismissed in March.

    Fans can check out the trailer on Friday.

    Check out "Too Much": this is Dunham's other Netflix series.
    ```
    Nor a site's own navigation outside the article: `<nav><h2>Related articles</h2>…</nav>`.

    ## How to fix
    Delete the block. `pubcheck lint --fix` removes it (a safe fix): the element, or the whole
    line in Markdown and plain text, and nothing else.

    ## Options
    - `max-words` (default 30): longer blocks are prose, not teasers.
    """

    id = "clickbait-interstitial"
    category = "clickbait"
    severity = "warning"
    summary = "A teaser line in the body (\"📖 Related: …\") pushes readers to another article"
    options = {"max-words": 30}

    def check(self, doc: Document):
        max_words = self.settings["max-words"]
        for block in doc.body:
            # The label test first: it fails at a block's first characters, where counting words reads them all.
            if is_teaser(doc, block) and len(block.words) <= max_words:
                yield Problem(
                    f'Teaser "{shorten(block.text, 60)}" sends readers to another article; remove it',
                    block,
                    fix=removal_fix(doc, block, "remove the teaser block"),
                )


def is_teaser(doc: Document, block) -> bool:
    """Whether ``block`` opens like a teaser. The quote rules ask too: a teaser styled as a
    blockquote is not a quotation."""
    text = block.text.lstrip(BULLETS)  # a typed bullet ("• Watch …") is list markup, not a teaser's emoji
    match = _TEASER.match(text)
    marked_only = False
    if not match:
        match = _MARKED_TEASER.match(text)
        marked_only = True
        if not match:
            return False
    lead, sep, rest = match.group("lead"), match.group("sep"), match.group("rest").strip()
    if len(lead) > 1 and set(lead) <= RATING:
        return False
    if marked_only and not lead:
        return False
    if not rest:
        # A bare label is a teaser heading when shouted or marked: "ALSO READ", "👉 READ MORE".
        return bool(lead or sep or match.group("label").isupper())
    if not (lead or sep or _is_link_text(doc, block, rest)):
        return False  # "Check out the trailer", "Related lawsuits were filed"
    return bool(lead) or _is_link_text(doc, block, rest) or _looks_like_headline(rest) or match.group("label").isupper()


def _is_link_text(doc: Document, block, text: str) -> bool:
    start, end = block.element
    return any(start <= link.offset < end and link.text and text.startswith(link.text) for link in doc.links)


def _looks_like_headline(text: str) -> bool:
    """Title Case or a quoted title: most longer words capitalised, and not a sentence that ends in a period."""
    words = [w for w in re.findall(r"[\w’']+", text) if len(w) > 3]
    if not words or (text.endswith(".") and not text.endswith("...")):
        return False
    capitalised = sum(1 for w in words if _CAPITALISED.match(w))
    return capitalised / len(words) >= 0.6

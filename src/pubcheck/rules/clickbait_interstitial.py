from __future__ import annotations

import re

from ..document import Document
from ..findings import Fix
from ..text.teasers import could_open_teaser, is_link_text, looks_like_headline, teaser_opening
from .base import Problem, Rule, removal_fix, shorten

# "… at the airport. (Also Read: Actor denies any part in the deal)", or after a dash at the end.
# It opens with "(" or the dash, so the search skips to those characters; the space before is taken after.
_INLINE_TEASER = re.compile(
    r"""\(\s*(?:also\s+read|read\s+also|read\s+more|also\s+see|don['’]?t\s+miss|must\s+read|related)\s*[:：;\-–—]\s*[^()]{8,200}\)
    |(?<=\s)[–—-]\s*(?:also\s+read|read\s+also|read\s+more)\s*[:：;]\s*[^.!?]{8,200}$""",
    re.I | re.X,
)
TEASER_RUN_WORDS = 25  # a headline under a bare label ("RELATED") is at most this long
# A path with a slug-like segment, or a section then a numeric id ("/story/1322", "/showbiz/7711").
_SAME_SITE_ARTICLE = re.compile(r"/(?:[^?#]*[\w-]{8,}|[^?#]*[^/?#]/\d{3,}(?:[/?#]|$))")


class ClickbaitInterstitial(Rule):
    """Flags lines in the article body that push the reader to another article.

    SEO-farm pages break the story with teaser blocks such as "📖 Related: …", "👉 See also: …",
    "✨ Don't miss: …", "READ MORE: …" or "ALSO READ". A block is a teaser when it *starts* with
    such a label (after an optional emoji or arrow), followed by a separator (`:` `;` `-` `|`, an
    arrow) or an emoji, a headline-style title, or a link, and is short. "Also read", "Read also",
    "Don't miss", "Must read", "You may like" and "More stories" need no separator at all, even
    glued to the headline ("Also ReadActor buys …"); Tagalog "BASAHIN:" and "Basahin din:" are
    labels too. Also flagged: a label alone on its line
    ("RELATED", "More stories", "Also read;") and the headline line or lines under it (both are
    the teaser); an inline teaser in parentheses or after a dash inside a paragraph ("… at the
    airport. (Also Read: …)"); and, in HTML and Markdown, a paragraph that is nothing but one link
    to another article on the same site (a relative link, or one to the canonical URL's host,
    whose path has a slug or a section and a numeric id: "/story/1322").
    Text laid out one paragraph a line is read a block a line, so these lines stand alone there
    too. Site navigation outside the article body (`<nav>`, `<aside>`, page header and footer) is
    not part of the body and is never checked. Promo lines ("PAY ATTENTION: Follow us on …") are
    `promo-line`'s.

    ## Why is this bad?
    Teasers interrupt the story, read as spam to editors, and are treated by search engines as
    low-quality, engagement-bait content. Standards desks remove them before publication.

    ## Example
    ```
    📖 Related: Does Corin Mabry Really Own a Castle? The Story Behind the Rumors

    READ MORE: Star's Net Worth Revealed

    ALSO READ

    Read also; Star reveals her secret

    ALSO READ - (Singer slams troll)

    Also ReadActor buys a mansion

    More:'Quoted headline' anniversary

    READ: Singer Opens Up About Her Comeback Tour

    Related Story — Bea Lacson reveals dream wedding details

    Basahin din: Kim Saldaña, ipinakita ang bagong bahay sa Tagaytay

    RELATED
    Star's mansion: inside the $40M home

    He was photographed at the airport. (Also Read: Actor denies any part in the deal)
    ```
    In HTML, between paragraphs: `<p><a href="/2024/05/other-story">Star's mansion: inside the $40M home</a></p>`.

    ## Not flagged
    ```
    The related lawsuit was dismissed in March.

    Fans can check out the trailer on Friday.

    Check out "Low Orbit": this is Lindgren's earlier streaming series.

    Read the full statement below:

    More: the timeline of their relationship

    See also: List of awards received by the band

    "See also the way she handled the press," her manager said.

    Director: Ada Mensah
    Starring: Kofi Boateng
    Related: The Harbour Years (2019)
    Runtime: 112 minutes
    ```
    Nor a site's own navigation outside the article: `<nav><h2>Related articles</h2>…</nav>`; nor
    a paragraph that is one link to another site, a tag page, or a link inside a sentence.

    ## How to fix
    Delete the block. `pubcheck lint --fix` removes it (a safe fix): the element, or the whole
    line in Markdown and plain text, and nothing else; a label and the headlines under it go
    together, and an inline teaser goes alone, with the space before it, leaving the paragraph.

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
        body = doc.body
        links = _LinkParagraphs(doc)
        may_link = bool(doc.links) and doc.format != "text"
        after_run = 0  # blocks before this index were reported as the headlines under a label
        for index, block in enumerate(body):
            if index < after_run:
                continue
            text = block.text
            # The block's first characters turn away the prose blocks, most of them; then the length,
            # before the label patterns read a long paragraph to its end.
            teaser = _teaser(doc, body, index) if could_open_teaser(text) and len(block.words) <= max_words else None
            if teaser:
                run = []  # the headlines under a bare label ("RELATED", "Read Also")
                while teaser == "label" and index + 1 + len(run) < len(body) and _continues_run(doc, body, index + 1 + len(run), index):
                    run.append(body[index + 1 + len(run)])
                after_run = index + 1 + len(run)
                # One fix takes the label and its headlines, so the spacing around them stays even.
                whole = _Span((block.element[0], (run[-1] if run else block).element[1]))
                yield Problem(
                    f'Teaser "{shorten(block.text, 60)}" sends readers to another article; remove it',
                    block,
                    fix=removal_fix(doc, whole, "remove the teaser block"),
                )
                for headline in run:
                    yield Problem(
                        f'Teaser headline "{shorten(headline.text, 60)}" under "{shorten(block.text, 20)}" sends '
                        "readers to another article; remove it (the label's fix removes it too)",
                        headline,
                    )
            elif (
                may_link
                and len(text) <= _LINK_HEADLINE_CHARS
                and block.kind in _LINKABLE
                and text[-1:] != "."
                and _opens_with_link(doc, block.element[0])
                and _is_related_link(doc, block, links)
            ):
                yield Problem(
                    f'Headline link "{shorten(block.text, 60)}" to another article on this site interrupts the story; remove it',
                    block,
                    fix=removal_fix(doc, block, "remove the related-article link"),
                )
            elif block.kind in _PROSE and (
                "(" in text or (text[-1:] not in _ENDS_PROSE and ("—" in text or "–" in text or " - " in text))
            ):
                # Only after the substring tests: a parenthesis, or a dash in a block not ending a sentence.
                inline = _INLINE_TEASER.search(text)
                if inline:
                    before = len(text[: inline.start()].rstrip())  # the space before it goes too
                    begin, end = block.source_span(before, inline.end())
                    yield Problem(
                        f'Teaser "{shorten(inline.group(), 60)}" inside the paragraph sends readers to another '
                        "article; remove it",
                        block,
                        inline.start(),
                        inline.end(),
                        fix=Fix(begin, end, "", "remove the inline teaser", safe=True),
                    )


class _Span:
    """A stretch of source for :func:`removal_fix`: a teaser label and the headlines under it."""

    def __init__(self, element: tuple[int, int]):
        self.element = element


def _teaser(doc: Document, body, index: int) -> str | None:
    """"teaser", "label" (a bare label whose headline is on the following lines) or None."""
    kind = teaser_opening(doc, body[index])
    if kind == "label" and _SCHEDULE_LABEL.fullmatch(body[index].text):
        kind = "label?"  # a sports story's schedule: "UP NEXT" over "Thunder: Host the Lakers on Friday."
    if kind == "label?":  # an unmarked bare label ("Read more") only when a headline follows it
        return "label" if index + 1 < len(body) and _continues_run(doc, body, index + 1, index) else None
    if kind and body[index].text[:1].isalpha() and _in_field_list(body, index):
        return None  # a review's credits box: "Director: …", "Related: …", "Runtime: …" (no emoji there)
    return kind


_FIELD = re.compile(r"[A-Z][\w ]{1,20}:\s+\S")
# AP sports copy closes with "UP NEXT" over each team's next game: a teaser only with a headline under it.
_SCHEDULE_LABEL = re.compile(r"\W*(?i:up\s+next|next\s+up)\W*")


def _in_field_list(body, index: int) -> bool:
    """Whether the block sits among "Field: value" lines, as in a review's credits box (two more
    such lines within two blocks of it)."""
    if not _FIELD.match(body[index].text):
        return False
    neighbours = [body[i] for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < len(body)]
    return sum(1 for block in neighbours if _FIELD.match(block.text)) >= 2


_PROSE = ("paragraph", "list-item", "blockquote")
_LINKABLE = ("paragraph", "list-item")
_ENDS_PROSE = frozenset(".!?\"”’")


def _continues_run(doc: Document, body, index: int, label_at: int) -> bool:
    """Whether body[index] is one of the headlines under the bare label at ``label_at``: the first
    short block after it unless it is a sentence set off by a blank line, then short blocks that do
    not end a sentence and run on without a blank line, are links or headlines, or are all that is
    left of the article."""
    block = body[index]
    text = block.text.rstrip()
    if len(block.words) > TEASER_RUN_WORDS or text.endswith(":") or (block.kind == "heading" and block.level == 1):
        return False
    if block.kind == "heading" and doc.format != "text" and not is_link_text(doc, block, text):
        return False  # a marked-up section heading opens the next section, unless it is a link
    previous = body[index - 1]
    # Lines with no blank line between (text and Markdown); HTML paragraphs are apart whatever the layout.
    # Compared as line numbers, which count LF, CRLF and a lone CR alike.
    adjacent = doc.format != "html" and (
        doc.lines.position(block.element[0])[0] - doc.lines.position(previous.element[1])[0] <= 1
    )
    if index == label_at + 1:
        return adjacent or not text.endswith(".")
    if text.endswith("."):
        return False
    tail = body[index:]
    return (
        adjacent
        or is_link_text(doc, block, text)
        or looks_like_headline(text)
        or (len(tail) <= 6 and all(len(b.words) <= TEASER_RUN_WORDS and len(b.sentences) <= 1 for b in tail))
    )


_LINK_HEADLINE_CHARS = 200
_HTML_LINK_OPENERS = ("<a ", "<a>", "<strong><a ", "<b><a ", "<em><a ", "\n<a ", " <a ")
_MARKDOWN_LINK_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?\[")


def _opens_with_link(doc: Document, start: int) -> bool:
    """Whether the element at ``start`` opens with a link: "<p><a …", "<li><strong><a …", "[…", "- […".
    Two string calls in C for HTML, where this is asked of every short paragraph."""
    if doc.format == "html":
        return doc.source.startswith(_HTML_LINK_OPENERS, doc.source.find(">", start) + 1)
    return bool(_MARKDOWN_LINK_LINE.match(doc.source, start))
# Listings, and files to download ("GET THE GUIDE" on a button to a PDF): not another article.
_NOT_ARTICLES = re.compile(
    r"/(?:tags?|category|categories|author|topics?|search)/|\.(?:pdf|zip|epub|docx?|xlsx?|pptx?|mp3|mp4|jpe?g|png|gif)(?:[?#]|$)", re.I
)


class _LinkParagraphs:
    """The document's link texts, built at the first question: whether a block is one link is then
    a lookup, not a scan of the page's links."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.texts: set[str] | None = None

    def holds(self, text: str) -> bool:
        """Whether some link's text is exactly ``text``."""
        if self.texts is None:
            self.texts = {link.text for link in self.doc.links}
        return text in self.texts

    def only_link(self, block):
        """The one link that makes up ``block``'s whole text (known to be some link's text), or None."""
        within = self.doc.links_within(*block.element)
        return within[0] if len(within) == 1 and within[0].text == block.text and within[0].in_body else None


def _is_related_link(doc: Document, block, links: _LinkParagraphs) -> bool:
    """(Asked of a short paragraph or list item whose element opens with a link.) One that is nothing but one link to another article on the same site
    (a relative link, or one to the canonical URL's host), its text a headline of four words or more."""
    if len(block.words) < 4 or not links.holds(block.text):
        return False
    link = links.only_link(block)
    if link is None:
        return False
    href = link.href
    if href.startswith("/") and not href.startswith("//"):
        path = href
    else:
        host = re.match(r"https?://([^/?#]+)(/[^#]*)?", href, re.I)
        canonical = re.match(r"https?://([^/?#]+)", doc.canonical or "", re.I)
        if not (host and canonical and host.group(1).lower().removeprefix("www.") == canonical.group(1).lower().removeprefix("www.")):
            return False
        path = host.group(2) or "/"
    return bool(_SAME_SITE_ARTICLE.match(path)) and not _NOT_ARTICLES.search(path)



"""Which part of a full web page is the article: the reader-mode decision, in one place to tune.

The HTML reader records every element it opens (tag, class and id words, role, the range of
blocks inside it) and every block's text and link length. :func:`choose_body` then does what
reader modes (Readability, boilerpipe, trafilatura) do, on that record instead of a DOM tree:

1. Names: an element whose class, id or role names page chrome (comments, related stories,
   share bars, newsletter boxes…) is not body, unless it holds the article itself.
2. Density: every paragraph of real prose scores for its parent and ancestors; the element
   with the best score, discounted by its link density, is the article. Its siblings join it
   when they score close to it or are prose paragraphs themselves.
3. Cleaning: inside the article, link lists and named widgets go; a single teaser line between
   the article's own paragraphs ("Read more: …") stays, because that is what rules look for.

Short pages and CMS fragments skip step 2: everything not named or marked as chrome is body.
Every threshold below is a named constant; tune them against ``benchmarks/body_extraction.py``.
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from .model import BodyRegion

# -- names --------------------------------------------------------------------------------------
# Matched against an element's class and id words (camelCase split, lower case, "-" and "_" as
# separators). CHROME names never hold article text, wherever they are.
CHROME_NAMES = re.compile(
    r"""(?<![a-z])(?:
        comments?|comment-(?:list|form|section|area|count|respond)|commentlist|disqus|respond|replies|
        share|shares|sharing|sharebar|share-?tools|social|social-?links|sharedaddy|addthis|
        newsletter|subscribe|subscription|signup|sign-up|cookie|cookies|consent|gdpr|paywall|
        breadcrumbs?|crumbs|tags|tag-?list|taglist|post-?tags|keywords|topics-list|
        author-?(?:bio|box|info|card|profile)|about-?the-?author|bio-?box|
        taboola|outbrain|promoted|promo|sponsored|sponsor|advert|advertisement|ad-?slot|ads|adsbygoogle|
        banner|popup|modal|masthead|sidebar|widget|widgets|navbar|nav|menu|pagination|pager|
        skip-?link|hatnote|navbox|mw-editsection|noprint|print-?only|site-?footer|page-?footer|footer|
        carousel|slideshow|gallery-?(?:nav|strip|thumbs|carousel)|lightbox|
        related|recommended|recommendations|recirc|more-?stories|more-?from|most-?read|mostread|
        most-?popular|popular|trending|read-?next|up-?next|next-?article|jp-relatedposts|yarpp
    )(?![a-z])""",
    re.X,
)
# Of the chrome names, those of recommendation widgets: one such line between the article's
# paragraphs is an in-body teaser (kept for clickbait-interstitial); a list of them is chrome.
WIDGET_NAMES = re.compile(
    r"(?<![a-z])(?:related|recommended|recirc|more-?stories|more-?from|read-?next|up-?next|next-?article|promo)(?![a-z])"
)
# Of the chrome names, those that never wrap an article: any other chrome-named element that holds
# most of the page's prose is a wrapper ("paywall", "has-sidebar") around the article, not chrome.
COMMENT_NAMES = re.compile(r"(?<![a-z])(?:comments?|comment-[a-z-]+|commentlist|disqus|respond|replies)(?![a-z])")
WRAPPER_PROSE_SHARE = 0.5
# Names of the article's own container (Readability's "positive" words).
ARTICLE_NAMES = re.compile(
    r"(?<![a-z])(?:article|articlebody|article-?body|article-?content|body|content|entry|entry-?content|"
    r"main|post|post-?body|post-?content|story|story-?body|text|prose|rich-?text|blog|hentry|h-entry)(?![a-z])"
)
CHROME_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "menu", "menubar", "dialog", "alertdialog"})
NAME_WEIGHT = 25  # added to (ARTICLE_NAMES, <article>, <main>) or taken from (CHROME_NAMES) an element's score
# Readability's base score of a candidate by tag: containers of prose up, lists and headings down.
TAG_SCORE = {"div": 5, "article": 5, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
             "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
             "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5}

# -- density ------------------------------------------------------------------------------------
MIN_PARAGRAPH_CHARS = 25  # shorter blocks do not score (menus, bylines, captions)
FULL_PAGE_CHARS = 1500  # pages with less text are fragments: no density step
ANCESTOR_LEVELS = 5  # how far up a paragraph's score reaches
SIBLING_SHARE = 0.2  # a sibling of the article joins it at this share of its score (at least 10)
PROSE_SIBLING_CHARS = 80  # or when it is a paragraph this long with little link text
PROSE_SIBLING_LINKS = 0.25
# -- cleaning -----------------------------------------------------------------------------------
LINK_LIST_DENSITY = 0.5  # a container inside the article whose text is mostly links is a link list
TEASER_MAX_CHARS = 300  # a named widget this short holding one block, between paragraphs, is a teaser line


PULL_QUOTE_NAMES = re.compile(r"(?<![a-z])(?:pull-?quote|pullout|blockquote)(?![a-z])")
CONTAINERS = frozenset("div section ul ol dl table form nav aside figure".split())  # what cleaning may remove
HEADLINE_LOOKBACK = 2000  # how far (in source characters) before the article its <h1> may be


class Node(Protocol):
    """An element as the HTML reader records it."""

    tag: str
    names: str  # class and id words (see split_names)
    role: str
    marks_article: bool  # <article>, <main>, role=main, itemprop=articleBody
    parent: int  # index of the parent node; node 0 is the document
    first_block: int  # its blocks are blocks[first_block:end_block]
    end_block: int
    start: int  # source offsets of the whole element
    end: int
    level: int  # heading level, 0 outside headings


def split_names(raw: str) -> str:
    """Class and id words as matched: camelCase split, lower case, "_" read as "-"."""
    return re.sub(r"([a-z])([A-Z])", r"\1-\2", raw).lower().replace("_", "-")


def is_pull_quote(names: str) -> bool:
    """An ``<aside>`` named as a pull quote is the article's own text, not a sidebar."""
    return bool(names and PULL_QUOTE_NAMES.search(names))


def choose_body(nodes: Sequence[Node], block_nodes: list[int], texts: list[str], links: list[int], full_page: bool):
    """Which nodes are body, and the region taken as the article (None when the density step did not run).

    ``block_nodes[j]`` is the index of the innermost node block j was read in, ``texts[j]`` its
    text and ``links[j]`` how many of its characters are link text. Nodes come in document order.
    """
    count = len(nodes)
    own_chrome = [False] * count  # named as chrome itself
    widget = [False] * count
    weight = [0] * count
    for i in range(1, count):
        node = nodes[i]
        names = node.names
        chrome = node.role in CHROME_ROLES or bool(names and CHROME_NAMES.search(names))
        own_chrome[i] = chrome and node.tag not in ("html", "body")
        widget[i] = chrome and bool(WIDGET_NAMES.search(names))
        positive = node.marks_article or bool(names and ARTICLE_NAMES.search(names))
        weight[i] = (NAME_WEIGHT if positive else 0) - (NAME_WEIGHT if chrome else 0)
    sums = _Sums(nodes, texts, links)
    for i in range(1, count):
        if own_chrome[i] and sums.prose_of(nodes[i]) > sums.prose[-1] * WRAPPER_PROSE_SHARE and not COMMENT_NAMES.search(nodes[i].names):
            own_chrome[i] = False
    top = None
    if full_page and sums.chars[-1] >= FULL_PAGE_CHARS:
        top = _top_candidate(nodes, block_nodes, texts, links, own_chrome, weight, sums)
    body = [True] * count
    keep: set[int] = set()
    if top is not None:
        for i in (top, *_ancestors(nodes, top)):  # a wrapper named like chrome that holds the article is not chrome
            own_chrome[i] = False
        keep = _with_siblings(nodes, top, texts, links, weight, sums)
        keep |= _headline(nodes, top, block_nodes, texts, own_chrome)
        body[0] = False
    for i in range(1, count):
        node = nodes[i]
        inside = i in keep or body[node.parent]
        if inside and own_chrome[i]:
            inside = widget[i] and _teaser(node, texts, links)
        elif inside and node.tag in CONTAINERS and i != top and node.end_block - node.first_block > 1:
            inside = sums.link_density(node) <= LINK_LIST_DENSITY  # a list of links: a widget without a name
        body[i] = inside
    region = None
    if top is not None:
        node = nodes[top]
        region = BodyRegion(node.tag, node.names, node.start, node.end)
    return body, region


class _Sums:
    """Text and link characters of any node's blocks, from prefix sums."""

    def __init__(self, nodes, texts, links):
        self.chars = chars = [0] * (len(texts) + 1)
        self.links = link_chars = [0] * (len(texts) + 1)
        self.prose = prose = [0] * (len(texts) + 1)  # text of blocks that read as prose paragraphs
        for j, text in enumerate(texts):
            chars[j + 1] = chars[j] + len(text)
            link_chars[j + 1] = link_chars[j] + links[j]
            prose[j + 1] = prose[j] + (len(text) if _is_prose(text, links[j]) else 0)

    def prose_of(self, node) -> int:
        return self.prose[node.end_block] - self.prose[node.first_block]

    def text(self, node) -> int:
        return self.chars[node.end_block] - self.chars[node.first_block]

    def link_density(self, node) -> float:
        total = self.text(node)
        return (self.links[node.end_block] - self.links[node.first_block]) / total if total else 0.0


def _ancestors(nodes, i: int):
    i = nodes[i].parent
    while i > 0:
        yield i
        i = nodes[i].parent


# The elements whose text is one paragraph: their score goes to their container.
_PARAGRAPHS = frozenset("p span li dt dd h2 h3 h4 h5 h6 blockquote figcaption pre a em strong b i font".split())


def _is_prose(text: str, link_chars: int) -> bool:
    return len(text) >= MIN_PARAGRAPH_CHARS and link_chars * 2 <= len(text)


def _paragraph_score(text: str) -> float:
    """Readability's score of a paragraph: one, plus its commas, plus one per 100 characters (at most 3)."""
    return 1 + text.count(",") + min(len(text) // 100, 3)


def _top_candidate(nodes, block_nodes, texts, links, own_chrome, weight, sums) -> int | None:
    """The element whose paragraphs score best, discounted by its link density."""
    count = len(nodes)
    in_chrome = own_chrome[:]  # named chrome or inside it
    for i in range(1, count):
        in_chrome[i] = in_chrome[i] or in_chrome[nodes[i].parent]
    score: dict[int, float] = {}
    for j, text in enumerate(texts):
        node = block_nodes[j]
        if not _is_prose(text, links[j]) or in_chrome[node]:
            continue
        value = _paragraph_score(text)
        i = nodes[node].parent if nodes[node].tag in _PARAGRAPHS else node
        level = 0
        while i > 0 and level < ANCESTOR_LEVELS:
            if i not in score:
                score[i] = TAG_SCORE.get(nodes[i].tag, 0) + weight[i]
            score[i] += value if level == 0 else value / 2 if level == 1 else value / (level * 3)
            level += 1
            i = nodes[i].parent
    if not score:
        return None
    return max(score, key=lambda i: score[i] * (1 - sums.link_density(nodes[i])))


def _with_siblings(nodes, top, texts, links, weight, sums) -> set[int]:
    """The article element and those of its siblings that read as more of it."""
    return {top}


def _headline(nodes, top, block_nodes, texts, own_chrome) -> set[int]:
    return set()


def _teaser(node, texts, links) -> bool:
    return False

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
from functools import lru_cache
from itertools import accumulate, compress
from typing import Protocol, Sequence

from .model import Block, BodyRegion

# -- names --------------------------------------------------------------------------------------
# Matched against an element's class and id words (camelCase split, lower case, "_" read as "-").
# CHROME names never hold article text, wherever they are. Distinctive words match inside a longer
# word ("relatedpoststitle", "wabtn-share"); short or common ones only as whole words ("ad", "tags").
_CHROME_INSIDE = r"""comment|disqus|share|sharing|social|newsletter|subscribe|subscription|signup|
    cookie|consent|gdpr|paywall|breadcrumb|taboola|outbrain|sponsor|advert|adsbygoogle|
    sidebar|widget|navbar|pagination|hatnote|navbox|editsection|noprint|carousel|slideshow|lightbox|
    related|recommend|recirc|mostread|mostpopular|trending|yarpp|masthead|popup"""
_CHROME_WORDS = r"""ad|ads|ad-[a-z]+|respond|replies|tags|tag-?list|keywords|crumbs|bio|author-?(?:bio|box|info|card|profile)|
    about-?the-?author|promo|promoted|banner|modal|nav|menu|pager|skip-?link|print-?only|footer|
    more-?stories|more-?from|most-?read|most-?popular|popular|read-?next|up-?next|next-?article"""
CHROME_NAMES = re.compile(rf"(?:{_CHROME_INSIDE})|(?<![a-z])(?:{_CHROME_WORDS})(?![a-z])", re.X)
# Of the chrome names, those of recommendation widgets: one such line between the article's
# paragraphs is an in-body teaser (kept for clickbait-interstitial); a list of them is chrome.
WIDGET_NAMES = re.compile(r"related|recommend|recirc|(?<![a-z])(?:more-?stories|more-?from|read-?next|up-?next|next-?article|promo)(?![a-z])")
# Of the chrome names, those that never wrap an article: any other chrome-named element that holds
# most of the page's prose is a wrapper ("paywall", "has-sidebar") around the article, not chrome.
COMMENT_NAMES = re.compile(r"comment|disqus|(?<![a-z])(?:respond|replies)(?![a-z])")
WRAPPER_PROSE_SHARE = 0.5
# Names of the article's own container (Readability's "positive" words).
ARTICLE_NAMES = re.compile(
    r"(?<![a-z])(?:article|articlebody|article-?body|article-?content|body|content|entry|entry-?content|"
    r"main|post|post-?body|post-?content|story|story-?body|text|prose|rich-?text|blog|hentry|h-entry)(?![a-z])"
)
PULL_QUOTE_NAMES = re.compile(r"(?<![a-z])(?:pull-?quote|pullout|blockquote)(?![a-z])")  # an <aside> that is article text
CHROME_TAGS = frozenset({"nav", "aside"})
PAGE_CHROME_TAGS = frozenset({"header", "footer"})  # chrome outside <article>/<main> only
LANDMARK_TAGS = CHROME_TAGS | PAGE_CHROME_TAGS  # the tags that make an element chrome
CHROME_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "menu", "menubar", "dialog", "alertdialog"})
NAME_WEIGHT = 25  # added to (ARTICLE_NAMES, <article>, <main>) or taken from (CHROME_NAMES) an element's score
# Readability's base score of a candidate by tag: containers of prose up, lists and headings down.
TAG_SCORE = {"div": 5, "article": 5, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
             "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
             "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5}

# -- density ------------------------------------------------------------------------------------
SCORED_KINDS = frozenset({"paragraph", "heading", "pre", "cell", "blockquote"})  # as Readability: not list items or captions
MIN_PARAGRAPH_CHARS = 25  # shorter blocks do not score (menus, bylines, captions)
FULL_PAGE_CHARS = 1000  # pages with less text (about 150 words) are fragments: no density step
ANCESTOR_LEVELS = 5  # how far up a paragraph's score reaches
SIBLING_SHARE = 0.2  # a sibling of the article joins it at this share of its score (at least 10)
NAMESAKE_WORDS = 2  # a container elsewhere named exactly as the article, with this many class/id words, is more of it
PROSE_SIBLING_CHARS = 80  # or when it is a paragraph this long with little link text
PROSE_SIBLING_LINKS = 0.25
TOP_CANDIDATES = 5  # Readability: when several of the best candidates score close to the best…
CLOSE_CANDIDATE = 0.75
MIN_CLOSE_CANDIDATES = 3  # …and this many share an ancestor, the ancestor is the article
HEADLINE_GAP = 4  # prose paragraphs that may stand between the article and its <h1> above it
# -- cleaning -----------------------------------------------------------------------------------
LINK_LIST_DENSITY = 0.5  # a container inside the article whose text is mostly links is a link list
CONTAINERS = frozenset("div section ul ol dl table form nav aside figure".split())  # what the link-list rule may remove
TEASER_MAX_CHARS = 300  # a named widget this short holding one block, between paragraphs, is a teaser line
MIN_TRAILING_LINKS = 2  # linked headlines (of HEADLINE_WORDS words or more) after the article's last paragraph make a widget…
HEADLINE_WORDS = 4
LEAD_IN_CHARS = 40  # …with the short lines around them ("You may also like...", "View comments")
TEXT_KINDS = frozenset({"paragraph", "heading", "blockquote", "list-item"})  # what a teaser line may stand between


_CAMEL = re.compile(r"([a-z])([A-Z])")


class Node(Protocol):
    """An element as the HTML reader records it."""

    tag: str
    names: str  # class and id words (see split_names)
    role: str
    marks_article: bool  # <article>, <main>, role=main, itemprop=articleBody
    main: bool  # it or an ancestor marks the article
    parent: int  # index of the parent node; node 0 is the document
    first_block: int  # its blocks are blocks[first_block:end_block]
    end_block: int
    end_node: int  # its descendants are nodes[index + 1:end_node]
    start: int  # source offsets of the whole element
    end: int
    level: int  # heading level, 0 outside headings


@lru_cache(maxsize=4096)  # a page repeats its class names: each is split once
def split_names(raw: str) -> str:
    """Class and id words as matched: camelCase split, lower case, "_" read as "-"."""
    # Most names are in lower case already, with nothing to split: on Python 3.11 sub() with a
    # template runs Python code on every call, even when nothing matches (names split 0.27 ->
    # 0.12 ms a real page).
    return (raw if raw.islower() else _CAMEL.sub(r"\1-\2", raw)).strip().lower().replace("_", "-")


@lru_cache(maxsize=4096)  # a page repeats its class names: each is matched once
def _name_kinds(names: str) -> tuple[bool, bool, bool]:
    """Whether class and id words name chrome, a recommendation widget, the article's container.

    Word by word: no pattern below matches whitespace, so the words' answers, or-ed, are the
    whole string's. An id ("post-4512", "googleAd66b0f192…") makes most strings of names new,
    but their words come back on every page, and each is matched once."""
    chrome = widget = article = False
    for word in names.split():
        word_chrome, word_widget, word_article = _word_kinds(word)
        chrome, widget, article = chrome or word_chrome, widget or word_widget, article or word_article
    return chrome, chrome and widget, article


@lru_cache(maxsize=8192)
def _word_kinds(word: str) -> tuple[bool, bool, bool]:
    """One class or id word: whether it names chrome, a recommendation widget, the article's container."""
    return (bool(CHROME_NAMES.search(_LAYOUT_NAMES.sub(" ", word))), bool(WIDGET_NAMES.search(word)),
            bool(ARTICLE_NAMES.search(word)))


# Layout words that mention chrome without being it: "content-with-sidebar" is the column that
# holds the article beside a sidebar.
_LAYOUT_NAMES = re.compile(r"(?<![a-z])(?:with|has|no|without)-sidebar(?![a-z])")


def is_pull_quote(names: str) -> bool:
    """An ``<aside>`` named as a pull quote is the article's own text, not a sidebar."""
    return bool(names and PULL_QUOTE_NAMES.search(names))


def choose_body(nodes: Sequence[Node], named: Sequence[int], blocks: Sequence[Block], block_nodes: list[int],
                links: list[int], full_page: bool, title: str = ""):
    """Which nodes are body, and the region taken as the article (None when the density step did not run).

    ``named`` lists the nodes that have class or id words, a role, a tag in LANDMARK_TAGS or mark
    the article (in order): the others (<p>, <a>, <em>…) carry no name of chrome or article, and no
    weight. ``block_nodes[j]`` is the index of the innermost node block j was read in and ``links[j]``
    how many of its characters are link text. Nodes come in document order. ``title`` is the
    page's ``<title>``: the article is the one under the ``<h1>`` that it names.
    """
    texts = [block.text for block in blocks]
    # Readability scores paragraphs, cells, preformatted text and subheadings, not list items or captions.
    scored = [block.kind in SCORED_KINDS and block.level != 1 for block in blocks]
    count = len(nodes)
    own_chrome = [False] * count  # named as chrome itself
    widget = [False] * count
    weight = [0] * count
    for i in named:
        node = nodes[i]
        chrome_name, widget_name, article_name = _name_kinds(node.names) if node.names else (False, False, False)
        if not (chrome_name or article_name or node.role or node.marks_article or node.tag in LANDMARK_TAGS):
            continue  # most class names (a page's "container", "row", ids): nothing says chrome or article
        chrome = (
            chrome_name
            or node.role in CHROME_ROLES
            or (node.tag in CHROME_TAGS and not (node.tag == "aside" and is_pull_quote(node.names)))
            or (node.tag in PAGE_CHROME_TAGS and not node.main)
        )
        own_chrome[i] = chrome and node.tag not in ("html", "body")
        widget[i] = chrome and widget_name
        positive = node.marks_article or article_name
        weight[i] = (NAME_WEIGHT if positive else 0) - (NAME_WEIGHT if chrome else 0)
    sums = _Sums(nodes, texts, links)
    top = None
    if full_page and sums.chars[-1] >= FULL_PAGE_CHARS:
        for i in compress(range(count), own_chrome):  # the chrome elements
            if sums.prose_of(nodes[i]) > sums.prose[-1] * WRAPPER_PROSE_SHARE and not COMMENT_NAMES.search(nodes[i].names):
                own_chrome[i] = False
        score = _scores(nodes, block_nodes, texts, sums.is_prose, scored, own_chrome, weight)
        score = {i: value * (1 - sums.link_density(nodes[i])) for i, value in score.items()}
        top = _top_candidate(nodes, score)
        headlines = [j for j, block in enumerate(blocks) if block.kind == "heading" and block.level == 1]  # the <h1> blocks
        if top is not None and title:
            top = _titled(nodes, top, blocks, headlines, score, title)
    body = [True] * count
    keep: set[int] = set()
    if top is not None:
        for i in (top, *_ancestors(nodes, top)):  # a wrapper named like chrome that holds the article is not chrome
            own_chrome[i] = False
        keep = _with_siblings(nodes, top, texts, links, score, sums) | _namesakes(nodes, top, score, headlines)
        keep |= _headline(nodes, top, block_nodes, sums.is_prose, own_chrome)
        body[0] = False
    for i in range(1, count):
        node = nodes[i]
        inside = i in keep or body[node.parent]
        if inside and own_chrome[i]:
            inside = widget[i] and _teaser(nodes, i, blocks, texts, links)
        elif inside and node.tag in CONTAINERS and i != top and node.end_block - node.first_block > 1:
            # A list of links is a widget without a name, unless it holds the article's prose (a page wrapper).
            inside = sums.link_density(node) <= LINK_LIST_DENSITY or sums.prose_of(node) > sums.prose[-1] * WRAPPER_PROSE_SHARE
        body[i] = inside
    if top is not None:  # on a full page: what is left of widgets around the article
        _drop_trailing_links(nodes, blocks, block_nodes, links, body)
        _drop_orphan_headings(nodes, blocks, block_nodes, body)
    region = None
    if top is not None:
        node = nodes[top]
        region = BodyRegion(node.tag, node.names, node.start, node.end)
    return body, region


class _Sums:
    """Text and link characters of any node's blocks, from prefix sums."""

    def __init__(self, nodes, texts, links):
        lengths = [len(text) for text in texts]
        # Whether each block is prose: MIN_PARAGRAPH_CHARS or more, not _mostly_links (written out:
        # two calls a block were most of this).
        self.is_prose = is_prose = [
            length >= MIN_PARAGRAPH_CHARS and not (link * 2 > length and length - link < PROSE_AROUND_LINKS)
            for length, link in zip(lengths, links)
        ]
        self.chars = [0, *accumulate(lengths)]
        self.links = [0, *accumulate(links)]
        self.prose = [0, *accumulate(length if prose else 0 for length, prose in zip(lengths, is_prose))]  # text of prose paragraphs

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


_PARAGRAPH_TAGS = frozenset("p li dt dd h2 h3 h4 h5 h6 blockquote figcaption caption pre td th".split())


def _mostly_links(text: str, link_chars: int) -> bool:
    """A line of links: most of its characters are link text, and little text is its own."""
    return link_chars * 2 > len(text) and len(text) - link_chars < PROSE_AROUND_LINKS


# A paragraph with this much text of its own is prose however many links it carries (a news
# site's name links that open hover cards of their own).
PROSE_AROUND_LINKS = 100


def _scores(nodes, block_nodes, texts, is_prose, scored, own_chrome, weight) -> dict[int, float]:
    """Each candidate container's score: its paragraphs' scores (less for those further down),
    its tag's and names' weight, discounted by its link density."""
    in_chrome = _in_chrome(nodes, own_chrome)
    score: dict[int, float] = {}
    reaches: dict[int, list[tuple[int, int]]] = {}  # a scoring container: whom a paragraph's score reaches from it
    for text, node, scores, prose in zip(texts, block_nodes, scored, is_prose):
        if not scores or not prose or in_chrome[node]:
            continue
        lines = text.count("\n") + 1
        # Readability's score of a paragraph: one, plus its commas, plus one per 100 characters (at
        # most 3); lines split by <br> count as paragraphs of their own, as Readability splits them.
        value = lines + text.count(",") + min(len(text) // 100, 3 * lines)
        # A paragraph scores for its container; so does a <div> that holds nothing but this text.
        # Text loose in a container beside other blocks is one of its paragraphs, as Readability
        # wraps such runs in <p>: it scores for the container itself.
        element = nodes[node]
        i = element.parent if element.tag in _PARAGRAPH_TAGS or element.end_block - element.first_block == 1 else node
        reached = reaches.get(i)
        if reached is None:  # most paragraphs share their container with the one before
            reached = reaches[i] = _reached(nodes, i)
        for i, divisor in reached:
            if i not in score:
                score[i] = TAG_SCORE.get(nodes[i].tag, 0) + weight[i]
            score[i] += value if divisor == 1 else value / divisor
    return score


def _in_chrome(nodes, own_chrome: list[bool]) -> list[bool]:
    """Which nodes are named chrome or inside such an element: each one's descendants marked at
    once, a slice of the list (not a walk of every node of the page to its parent)."""
    in_chrome = own_chrome[:]
    marked = 0  # nodes before this one are marked already
    for i in compress(range(len(nodes)), own_chrome):
        if i >= marked:
            marked = nodes[i].end_node
            in_chrome[i:marked] = [True] * (marked - i)
    return in_chrome


def _reached(nodes, i: int) -> list[tuple[int, int]]:
    """The containers a paragraph scoring for ``i`` adds to, each with what its score is divided by
    there: all of it for ``i``, half for its parent, a sixth, a ninth… further up."""
    reached = []
    level = 0
    while i > 0 and level < ANCESTOR_LEVELS:
        reached.append((i, 1 if level == 0 else 2 if level == 1 else level * 3))
        level += 1
        i = nodes[i].parent
    return reached


def _top_candidate(nodes, score: dict[int, float]) -> int | None:
    """The best-scoring container, moved up to the ancestor that holds the article when its
    paragraphs are split between several near-equal containers (Readability's rule)."""
    if not score:
        return None
    ranked = sorted(score, key=score.__getitem__, reverse=True)
    top = ranked[0]
    best = score[top]
    if best <= 0:
        return top
    close = [i for i in ranked[1:TOP_CANDIDATES] if score[i] / best >= CLOSE_CANDIDATE]
    if len(close) >= MIN_CLOSE_CANDIDATES:
        lines = [{i, *_ancestors(nodes, i)} for i in close]  # each close candidate and its ancestors
        for ancestor in _ancestors(nodes, top):
            if sum(1 for line in lines if ancestor in line) >= MIN_CLOSE_CANDIDATES:
                top = ancestor
                break
    last = score.get(top, 0)
    for parent in _ancestors(nodes, top):  # a parent scoring higher than the candidate holds more of the article
        if parent not in score:
            continue
        if score[parent] < last / 3:
            break
        if score[parent] > last:
            top = parent
            break
        last = score[parent]
    return top


def _titled(nodes, top, blocks, headlines: list[int], score, title: str) -> int:
    """On a page that appends the next stories under their own <h1> (endless-scroll themes), the
    article is the one under the headline the page's <title> names, not the longest: when the
    chosen element follows (or holds) an <h1> the title does not name, take the best element
    between the <h1> it names and the next <h1>, if that scores at least TITLED_SHARE of the choice."""
    first, end = nodes[top].first_block, nodes[top].end_block
    inside = [j for j in headlines if first <= j < end]  # the element may hold its own headline
    above = [j for j in headlines if j < first]
    own = inside[0] if inside else above[-1] if above else None
    if own is None or len(headlines) == 1:
        return top  # no <h1> of its own, or none other to name (the title is read only when it may matter)
    named = next((j for j in headlines if _names_headline(title, blocks[j].text)), None)
    if named is None or own == named or named > first:
        return top  # no <h1> named, or the choice is already under it
    after = next((j for j in headlines if j > named), len(blocks))
    under = [i for i in score if named < nodes[i].first_block and nodes[i].end_block <= after]
    best = max(under, key=score.__getitem__, default=None)
    return best if best is not None and score[best] >= score[top] * TITLED_SHARE else top


def _names_headline(title: str, headline: str) -> bool:
    """Whether a page title ("Meta Outage Hits Facebook | Kulu Media") names a headline: most of
    the title's words before its site name are the headline's."""
    wanted = set(_WORDS.findall(_SITE_SUFFIX.sub("", title).lower()))
    return len(wanted) >= 3 and len(wanted & set(_WORDS.findall(headline.lower()))) >= len(wanted) * TITLE_WORDS_SHARE


_WORDS = re.compile(r"\w+")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]*$")  # " | Kulu Media", " - The Daily Reel"
TITLED_SHARE = 0.25  # the titled article is taken over a longer one after it when it scores at least this share
TITLE_WORDS_SHARE = 0.8  # of the title's words in the headline


def _with_siblings(nodes, top, texts, links, score, sums) -> set[int]:
    """The article element and those of its siblings that read as more of it: scoring close to
    it, or a prose paragraph with few links."""
    keep = {top}
    parent = nodes[top].parent
    if parent == 0:
        return keep
    threshold = max(10, score.get(top, 0) * SIBLING_SHARE)
    names = nodes[top].names
    # The parent's children: each comes after the one before and its descendants (nodes[i + 1:end_node]).
    child, end = parent + 1, nodes[parent].end_node
    while child < end:
        i, node = child, nodes[child]
        child = node.end_node
        if i == top:
            continue
        value = score.get(i, 0) + (score.get(top, 0) * SIBLING_SHARE if names and node.names == names else 0)
        if value >= threshold:
            keep.add(i)
        elif node.end_block - node.first_block == 1 and node.tag == "p":
            text = texts[node.first_block]
            density = links[node.first_block] / len(text)
            if len(text) >= PROSE_SIBLING_CHARS and density < PROSE_SIBLING_LINKS:
                keep.add(i)
            elif density == 0 and text.endswith((".", "!", "?", "”", '"')):
                keep.add(i)
    return keep


def _namesakes(nodes, top, score, headlines: list[int]) -> set[int]:
    """The rest of an article that a figure or an ad splits into containers of one name in
    different places ("post__content" before and after a full-width photo): every container
    named exactly as the article element that scores as prose, outside it, with no <h1> in it or
    between the two (a story appended under its own headline, in the same template, is another
    article)."""
    names = nodes[top].names
    if len(names.split()) < NAMESAKE_WORDS:
        return set()  # one common word ("content") names many containers of a page, not one article's
    threshold = max(10, score.get(top, 0) * SIBLING_SHARE)
    first, end = nodes[top].first_block, nodes[top].end_block
    apart = [j for j in headlines if not first <= j < end]  # <h1>s outside the article element
    found = set()
    for i, value in score.items():
        node = nodes[i]
        if i == top or value < threshold or node.names != names or first <= node.first_block < end:
            continue
        low, high = min(first, node.first_block), max(end, node.end_block)
        if not any(low <= j < high for j in apart):
            found.add(i)
    return found


def _headline(nodes, top, block_nodes, is_prose, own_chrome) -> set[int]:
    """The article's <h1> when it stands above the article element (in a header beside it):
    the nearest before it, with at most HEADLINE_GAP prose paragraphs between."""
    first = nodes[top].first_block
    if any(nodes[block_nodes[j]].level == 1 for j in range(first, nodes[top].end_block)):
        return set()
    gap = 0
    for j in range(first - 1, -1, -1):
        node = block_nodes[j]
        if nodes[node].level == 1:
            if own_chrome[node] or any(own_chrome[a] for a in _ancestors(nodes, node)):
                return set()
            return {node}
        gap += is_prose[j]
        if gap > HEADLINE_GAP:
            break
    return set()


def _drop_trailing_links(nodes, blocks, block_nodes, links, body) -> None:
    """Lines of links after the article's last paragraph ("You may also like…" over a few
    headlines, a "View comments" button) are a recommendation widget even without a name. It
    takes MIN_TRAILING_LINKS of them: a single teaser line at the end stays."""
    run: list[int] = []  # the body blocks after the last real paragraph: links and short lines
    for j in range(len(blocks) - 1, -1, -1):
        if not body[block_nodes[j]]:
            continue
        text = blocks[j].text
        if not _mostly_links(text, links[j]) and len(text) > LEAD_IN_CHARS:
            break
        run.append(j)
    headlines = [j for j in run if _mostly_links(blocks[j].text, links[j]) and blocks[j].text.count(" ") >= HEADLINE_WORDS - 1]
    if len(headlines) < MIN_TRAILING_LINKS:
        return
    for j in run:
        node = block_nodes[j]
        if nodes[node].end_block - nodes[node].first_block == 1:  # the line's own element
            body[node] = False


def _drop_orphan_headings(nodes, blocks, block_nodes, body) -> None:
    """A heading whose section was all chrome ("You may also like:" over a removed widget) is
    chrome too: the next body block after it is a heading of its level or above, or there is none."""
    following: Block | None = None  # the next body block, walking backwards
    for j in range(len(blocks) - 1, -1, -1):
        node = block_nodes[j]
        if not body[node]:
            continue
        block = blocks[j]
        if block.kind == "heading" and j + 1 < len(blocks) and not body[block_nodes[j + 1]]:
            if following is None or (following.kind == "heading" and following.level <= block.level):
                if nodes[node].end_block - nodes[node].first_block == 1:  # the heading's own element
                    body[node] = False
                    continue
        following = block


def _teaser(nodes, i, blocks, texts, links) -> bool:
    """A recommendation widget that is one short line between two text blocks of the article
    (not link lines): an in-body teaser, which rules must see."""
    node = nodes[i]
    first, end = node.first_block, node.end_block
    if end - first != 1 or len(texts[first]) > TEASER_MAX_CHARS or first == 0 or end >= len(texts):
        return False
    return all(blocks[j].kind in TEXT_KINDS and links[j] * 2 <= len(texts[j]) for j in (first - 1, end))

"""HTML reader: one pass over the source that records where every character of text came from.

Why not a tree parser? A tree (BeautifulSoup, lxml) keeps no offsets for text nodes, so the
exact line and column of a word inside ``<p>`` would be lost, and building a BeautifulSoup tree
costs about 7 ms for a 1,000-word page, more than our whole per-article budget. This reader
tokenises the source with a few regular expressions, tracks the open elements the way a browser
does for the cases articles contain (implied ``</p>``, ``</li>``, stray end tags, unclosed
elements), and emits text blocks whose characters map to source offsets. The test suite
checks its text against BeautifulSoup's on every fixture. Hidden elements are not read at all;
which of the rest is the article and which is page chrome, ``boilerplate.choose_body`` decides
from the elements recorded here.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from . import boilerplate
from .mapping import LINE_BREAK, PACKED_PIECES_FROM, TextBuilder, mapped_html_value, unescape
from .model import Block, Directive, Document, Image, Link, built_block

_NAME = r"[A-Za-z][^\s/>]*"
# Quotes quote only an attribute value, right after "=" (elsewhere, as in "<b don't>", they are
# ordinary characters, as in a browser), so a tag ends at the first ">" outside a quoted value.
# Possessive, it never re-reads a quoted value as plain characters: matching stays linear. (As an
# atomic group repeated greedily it matched the same: no iteration starts at a ">", so giving one
# back never lets the ">" after it match; possessive, the engine keeps no state to give back.)
_ATTRIBUTES = r"""(?:[^>="']++|=\s*+(?:"[^"]*+"|'[^']*+')|[="'])*+"""
_MARKUP = r"<(?:!--|[!?]|/?[A-Za-z])"
# One search finds the next start tag (groups 1 and 2), end tag (group 3) or other markup: a
# comment, "<!", "<?", or a "<" whose tag is never closed (no group; read by _markup).
_TAG = re.compile(rf"<({_NAME})({_ATTRIBUTES})>|</({_NAME})[^>]*+>|{_MARKUP}")
_STRAY_MARKUP = re.compile(_MARKUP)  # past the file's last ">", where no tag can close
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_DIRECTIVE = re.compile(r"^\s*pubcheck-(disable-next-line|disable|enable)\b([^>]*?)\s*$", re.S)

VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
# Elements whose content is never article text: skipped to their end tag without tokenising.
# MathML and SVG are read: a formula or a chart label in the article is text (their annotations
# and SVG titles are not; "title" is skipped everywhere, see _special_start).
SKIPPED = frozenset("script style template noscript iframe noembed noframes object textarea select annotation annotation-xml desc".split())
BLOCK = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section
    summary table tbody td tfoot th thead tr ul""".split()
)
# Start tags that close an open <p> (the HTML "p in button scope" rule, simplified).
CLOSES_P = BLOCK - {"body", "html", "caption", "td", "th", "tr", "tbody", "thead", "tfoot", "li", "dd", "dt"}
# The block kind a rule sees, from the innermost of these ancestors; anything else is a paragraph.
KINDS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list-item", "dt": "list-item", "dd": "list-item",
    "blockquote": "blockquote", "figcaption": "caption", "caption": "caption",
    "td": "cell", "th": "cell", "pre": "pre",
}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A wrapper holding a single block is removed with it, unless it is the page's own structure.
WRAPPERS = BLOCK - {"html", "body", "main", "article", "section", "table", "tbody", "thead", "tfoot", "tr"}
MAIN = frozenset({"article", "main"})
# A start tag closes an open sibling ("<li>" an open <li>) unless a container of its own lies between.
_SIBLINGS = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "td": ("td", "th"), "th": ("td", "th"), "tr": ("tr",)}
_SIBLING_CONTAINERS = {
    "li": ("ul", "ol", "menu"), "tr": ("table", "tbody", "thead", "tfoot"),
    **dict.fromkeys(("dt", "dd", "td", "th"), ("dl", "tr", "table")),
}
_READ_ATTRS = frozenset({"a", "img", "meta", "link", "html"})  # whose other attributes the reader uses
# Start tags with handling of their own (_special_start); any other opens an element.
_OWN_HANDLING = SKIPPED | VOID | {"title", "svg", "a", "html", "body"}

# Tag names as pages write most of them, each the one string all elements of that name share:
# name.lower() made a new string for every element, which its node and its blocks kept.
_TAG_NAMES = {
    name: name
    for name in BLOCK | VOID | _OWN_HANDLING
    | {"head", "a", "b", "i", "em", "strong", "span", "time", "small", "sup", "sub", "u", "cite", "abbr", "mark", "label", "button", "picture"}
}


def _settled(name: str) -> frozenset[str] | None:
    """The innermost elements under which start tag ``name`` closes nothing (_implied_close stops
    at the first it looks at), or None when it never closes any."""
    if name in CLOSES_P:
        return BLOCK - {"p"}
    if name in _SIBLINGS:
        return frozenset(_SIBLING_CONTAINERS[name])
    return None


# What opening a block element takes, looked up once: under which innermost elements it closes
# nothing (_settled), its kind and heading level (None and 0: its parent's), whether it marks the
# article, and whether boilerplate reads its tag (<article>, <nav>, <header>…).
_BLOCKS = {
    name: (_settled(name), KINDS.get(name), int(name[1]) if name in HEADINGS else 0, name in MAIN,
           name in MAIN or name in boilerplate.LANDMARK_TAGS)
    for name in BLOCK
}
# A style that hides the element (inline display:none or visibility:hidden).
_HIDDEN_STYLE_TEXT = r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\b"
_HIDDEN_STYLE = re.compile(_HIDDEN_STYLE_TEXT, re.I)
# Off-screen text for screen readers ("Share on X", "Image caption,") and the usual CSS classes
# that hide an element (Bootstrap's d-none, "hidden"): not what a reader sees.
_VISUALLY_HIDDEN_TEXT = r"(?<![\w-])(?:sr-only|screen-reader-text|visually-hidden|visuallyhidden|a11y-hidden|hidden-visually|u-hidden|element-invisible|hidden|is-hidden|d-none|hide|invisible)(?![\w-])"
_VISUALLY_HIDDEN = re.compile(_VISUALLY_HIDDEN_TEXT, re.I)
# The two, for ASCII text in lower case (see _hidden).
_HIDDEN_STYLE_LOWER = re.compile(_HIDDEN_STYLE_TEXT)
_VISUALLY_HIDDEN_LOWER = re.compile(_VISUALLY_HIDDEN_TEXT)


def attr_values(text: str) -> dict[str, str]:
    """Attribute name -> raw value: parse_attrs without the offsets, which only a <meta> content
    needs (no match object for each attribute: a page's links and classes are most of its tags)."""
    values: dict[str, str] = {}
    for name, double_quoted, single_quoted, bare in _ATTR.findall(text):
        name = name.lower()
        if name not in values:  # the first of a repeated attribute counts, as in a browser
            values[name] = double_quoted or single_quoted or bare  # the value's group; the others are ""
    return values


def parse_attrs(text: str, offset: int) -> dict[str, tuple[str, int]]:
    """Attribute name -> (raw value, source offset of the value)."""
    attrs: dict[str, tuple[str, int]] = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        if name not in attrs:
            value = match.lastindex  # the group of its value, quoted or bare, or 1 (the name) when it has none
            attrs[name] = (match.group(value), offset + match.start(value)) if value > 1 else ("", offset + match.end())
    return attrs


def parse_directive(comment: str, start: int, end: int) -> Directive | None:
    match = _DIRECTIVE.match(comment)
    if not match:
        return None
    rules = tuple(r for r in re.split(r"[\s,]+", match.group(2)) if r)
    return Directive(match.group(1), rules, start, end)


class _OpenLink:
    """An ``<a>`` being read: its text so far, which may run over several blocks (a card link)."""

    __slots__ = ("attrs", "offset", "text_at", "parts")

    def __init__(self, attrs: dict, offset: int, text_at: int):
        self.attrs = attrs
        self.offset = offset
        self.text_at = text_at  # where its text starts in the text being gathered (a TextBuilder mark)
        self.parts: list[str] = []  # its text from blocks already flushed


class _Open:
    """An element: while open, on the reader's stack; for boilerplate.choose_body, a node of the page."""

    __slots__ = ("tag", "start", "kind", "level", "hidden", "main", "first_block",
                 "index", "parent", "names", "role", "marks_article", "end", "end_block", "end_node")

    def __init__(self, tag, start, kind, level, hidden, main, first_block, index=0, parent=0, names="", role="", marks_article=False):
        self.tag = tag
        self.start = start
        self.kind = kind
        self.level = level
        self.hidden = hidden  # hidden from readers: its text is not read at all
        self.main = main
        # Blocks are flushed in order, so those flushed while this element is open are blocks[first_block:].
        self.first_block = first_block
        self.index = index  # its place in _Reader.nodes
        self.parent = parent  # its parent's index there
        self.names = names  # class and id words, as boilerplate matches them
        self.role = role
        self.marks_article = marks_article  # <article>, <main>, role=main or itemprop=articleBody
        self.end = start  # where it ends, and the end of its blocks: set when it closes
        self.end_block = first_block
        # Set when it closes: its descendants are nodes[index + 1:end_node] (they open while it is open).
        self.end_node = index + 1


_new_node = object.__new__


class _Node(NamedTuple):
    """An element as a _NodeTable gives it back: the fields boilerplate reads (boilerplate.Node)."""

    tag: str
    names: str
    role: str
    marks_article: bool
    main: bool
    parent: int
    first_block: int
    end_block: int
    end_node: int
    start: int
    end: int
    level: int


# A large page's reader moves its closed elements into a _NodeTable once this many are waiting.
NODES_PACKED_AT_ONCE = 65_536


class _NodeTable(Sequence):
    """A large page's elements, one column a field: some 90 bytes an element, against some 360 for
    an _Open and its ints (a 50 MB page's 586,000 elements were 210 MB while it was read). The
    reader moves them in as they close (:meth:`take`); boilerplate.choose_body reads them as it
    reads the list of _Open, each element made as a _Node when asked for."""

    __slots__ = ("tag", "names", "role", "flags", "level", "parent", "first_block", "end_block", "end_node", "start", "end", "waiting")

    def __init__(self) -> None:
        self.tag: list[str] = []
        self.names: list[str] = []
        self.role: list[str] = []
        self.flags = bytearray()  # 1: marks the article; 2: it or an ancestor does (main)
        self.level = array("q")
        self.parent, self.first_block, self.end_block, self.end_node, self.start, self.end = (array("q") for _ in range(6))
        self.waiting: list[int] = []  # elements taken in while still open: their ends are written when they close

    def __len__(self) -> int:
        return len(self.tag)

    def __getitem__(self, i: int) -> _Node:
        if not 0 <= i < len(self.tag):
            raise IndexError("node index out of range")
        flags = self.flags[i]
        return _Node(self.tag[i], self.names[i], self.role[i], bool(flags & 1), bool(flags & 2), self.parent[i],
                     self.first_block[i], self.end_block[i], self.end_node[i], self.start[i], self.end[i], self.level[i])

    def take(self, nodes: list[_Open | None], still_open: list[_Open]) -> None:
        """Take in the elements of ``nodes`` (the reader's list) not yet taken, leaving None in the
        place of each that has closed; an element ``still_open`` stays in ``nodes`` until a later call
        finds it closed and writes its ends (the only fields that change when an element closes)."""
        open_now = {id(element) for element in still_open}
        waiting = []
        for i in self.waiting:
            element = nodes[i]
            if id(element) in open_now:
                waiting.append(i)
            else:
                self.end[i], self.end_block[i], self.end_node[i] = element.end, element.end_block, element.end_node
                nodes[i] = None
        for i in range(len(self.tag), len(nodes)):
            element = nodes[i]
            self.tag.append(element.tag)
            self.names.append(element.names)
            self.role.append(element.role)
            self.flags.append(element.marks_article | element.main << 1)
            self.level.append(element.level)
            self.parent.append(element.parent)
            self.first_block.append(element.first_block)
            self.end_block.append(element.end_block)
            self.end_node.append(element.end_node)
            self.start.append(element.start)
            self.end.append(element.end)
            if id(element) in open_now:
                waiting.append(i)
            else:
                nodes[i] = None
        self.waiting = waiting


@lru_cache(maxsize=None)
def _closing_tag(name: str) -> re.Pattern:
    """``</name>`` in any case: where a skipped element (script, style, title…) ends."""
    return re.compile(rf"</{name}\s*>", re.I)


_SVG_END = _closing_tag("svg")
_SVG_TEXT = re.compile("<text", re.I)


class _Reader:
    def __init__(self, source: str, path: str):
        self.source = source
        self.path = path
        # The document itself sits at the bottom of the stack, so every element and block has a parent.
        self.stack: list[_Open] = [_Open("", 0, "paragraph", 0, False, False, 0)]
        self.nodes: list[_Open | None] = [self.stack[0]]  # every element, in document order
        # On a large page the elements move into a table as they close, NODES_PACKED_AT_ONCE at a time (_flush).
        self.table = _NodeTable() if len(source) >= PACKED_PIECES_FROM else None
        # The elements whose names, role or tag boilerplate reads (class or id words, a role, a
        # landmark tag, a mark of the article): most of a page's elements have none of those.
        self.named: list[int] = []
        self.block_nodes: list[int] = []  # per block, the index of the element it was flushed in
        self.block_links: list[int] = []  # per block, how many of its characters are link text
        self.link_chars = 0  # link text in the block being gathered
        self.full_page = False  # an <html> or <body> tag: a saved web page, not a CMS fragment
        self.text = TextBuilder(packed=len(source) >= PACKED_PIECES_FROM)
        self.blocks: list[Block] = []
        self.doc = Document(path=path, format="html", source=source, blocks=self.blocks)
        self.link: _OpenLink | None = None
        self.last_close = source.rfind(">")  # no tag can start after this offset
        self.unclosed_reported = False
        self.found: dict[re.Pattern, tuple[int, re.Match | None]] = {}  # _next_at: (searched from, match)
        self.not_open: dict[str, tuple[int, _Open]] = {}  # _end_tag: a name open nowhere below a depth, and the element there
        self.in_main: set[int] = set()  # indexes of blocks inside <article>/<main>
        # Each link and image as read, with whether a reader sees it, whether it sits inside
        # <article>/<main> and the element it sits in: _finish makes the Link or Image once it
        # knows whether it is in the body (a frozen dataclass costs ~0.8 us to make, and most of a
        # real page's links are chrome, which were made twice).
        self.links: list[tuple[str, str, tuple[str, ...], int, bool, bool, int]] = []
        self.images: list[tuple[str | None, str, int, bool, bool, int]] = []

    # -- tokenising -------------------------------------------------------------------------
    def run(self) -> Document:
        # The loop below is the reader's hot path, one turn per tag: opening an element, adding
        # text and closing the innermost element are written out here rather than in methods
        # (a call each cost as much as the work), and the less common cases call out.
        source, stack, nodes, blocks, text = self.source, self.stack, self.nodes, self.blocks, self.text
        add_part = text.parts.append  # the builder keeps this list (TextBuilder.take)
        narrow = getattr(source, "placeholder", "")  # a large page held narrow (NarrowSource): its stand-in character
        length = len(source)
        pos = 0
        # Searching only up to the last ">" keeps a page full of "a<b" linear: past it no tag can
        # close, and a tag pattern tried there would scan to the end of the file every time.
        limit = self.last_close + 1
        resume = True
        while resume:
            resume = False
            # One finditer walks the tags; a token that jumps ahead (a skipped element, a comment)
            # starts a new one from where reading goes on.
            for match in _TAG.finditer(source, pos, limit):
                start, end = match.span()
                if start > pos and not stack[-1].hidden:
                    chunk = source[pos:start]
                    if text.length or not chunk.isspace():  # whitespace before a block's text is dropped anyway
                        if "&" in chunk:
                            text.add_html(chunk, pos)
                        else:  # most text: TextBuilder.add, written out
                            add_part(chunk)
                            text.pieces.append((start - pos, pos, -1))
                            text.length += start - pos
                        if self.link is not None:
                            self.link_chars += start - pos
                pos = end
                name, raw_attrs, end_name = match.groups()  # a start tag, an end tag, or neither: other markup
                if narrow and narrow in match.group():  # a group holds a stand-in: read the page's own characters
                    name, raw_attrs, end_name = (source[match.start(g) : match.end(g)] if match.start(g) >= 0 else None for g in (1, 2, 3))
                if name is not None:
                    name = _TAG_NAMES.get(name) or name.lower()
                    if name in _OWN_HANDLING:
                        after = self._special_start(name, raw_attrs, start, end)
                        if after is not None:
                            if after != end:
                                pos, resume = after, True
                                break
                            continue
                    # Open the element (any but those _special_start reads to their end).
                    block = _BLOCKS.get(name)
                    if block is None:  # an inline element (<a>, <em>, <span>…): in its parent's block, of its kind
                        parent = stack[-1]
                        kind, level, marks_article, is_named = parent.kind, parent.level, False, False
                    else:
                        settled, kind, level, marks_article, is_named = block
                        if settled is not None and stack[-1].tag not in settled:  # <p> in <div>, <li> in <ul>: nothing to close
                            self._implied_close(name, start)
                        if text.length:
                            self._flush()
                        parent = stack[-1]
                        kind = kind or parent.kind
                        level = level or parent.level
                    # _signals reads class, id, role and hiding, which matter on every element.
                    if raw_attrs and _may_signal(raw_attrs.lower()):
                        names, role, hidden, marked = _signals(raw_attrs)
                        hidden = hidden or parent.hidden
                        marks_article = marks_article or marked
                        is_named = is_named or marked or bool(names or role)
                    else:
                        names, role, hidden = "", "", parent.hidden
                    index = len(nodes)
                    if is_named:
                        self.named.append(index)
                    # _Open(name, start, kind, …), its fields set here: calling the class ran __init__ as
                    # a call of its own, for every element.
                    element = _new_node(_Open)
                    (element.tag, element.start, element.kind, element.level, element.hidden, element.main,
                     element.first_block, element.index, element.parent, element.names, element.role,
                     element.marks_article, element.end, element.end_block, element.end_node) = (
                        name, start, kind, level, hidden, parent.main or marks_article,
                        len(blocks), index, parent.index, names, role,
                        marks_article, start, len(blocks), index + 1)
                    nodes.append(element)
                    stack.append(element)
                elif end_name is not None:
                    element = stack[-1]
                    name = element.tag  # in lower case: the end tag, as most are written, needs no lower()
                    if end_name != name and end_name.lower() != name:
                        self._end_tag(end_name.lower(), start, end)
                        continue
                    # The usual case: the innermost element closes (_close_to and _pop, written out).
                    if text.length and name in BLOCK:
                        self._flush()
                    stack.pop()
                    element.end, element.end_block, element.end_node = end, len(blocks), len(nodes)
                    if name == "a":
                        if self.link is not None:
                            self._finish_link(element.hidden, element.main, element.index)
                    elif name in WRAPPERS and element.end_block - element.first_block == 1:
                        blocks[-1].element = (element.start, end)  # see _pop
                else:
                    pos, resume = self._markup(start), True
                    break
        # Past the last tag: markup that never closes ("a<b" in prose), and the text after it.
        while pos < length:
            match = _STRAY_MARKUP.search(source, pos)
            if not match:
                if not stack[-1].hidden:
                    text.add_html(source[pos:], pos)
                break
            start = match.start()
            if start > pos and not stack[-1].hidden:
                chunk = source[pos:start]
                if text.length or not chunk.isspace():
                    text.add_html(chunk, pos)
                    if self.link is not None:
                        self.link_chars += len(chunk)
            pos = self._markup(start)
        self._close_to(1, length)
        self._flush()  # text after the last element closed, as in a fragment ending in bare text
        self._finish()
        return self.doc

    def _markup(self, start: int) -> int:
        source = self.source
        if source.startswith("<!--", start):
            if source.startswith(">", start + 4) or source.startswith("->", start + 4):
                return source.index(">", start + 4) + 1  # "<!-->" and "<!--->" are whole, empty comments
            end = source.find("-->", start + 4)
            if end == -1:
                line = self.doc.lines.position(start)[0]
                self.doc.parse_problems.append(f"comment opened on line {line} is never closed; the rest of the file is ignored")
                return len(source)
            directive = parse_directive(source[start + 4 : end], start, end + 3)
            if directive:
                self.doc.directives.append(directive)
            return end + 3
        if source[start + 1] in "!?":
            if start > self.last_close:  # "<!x" with no ">" after it: a browser drops the rest of the file
                line = self.doc.lines.position(start)[0]
                self.doc.parse_problems.append(f"'<{source[start + 1]}' on line {line} is never closed with '>'; the rest of the file is ignored")
                return len(source)
            return source.find(">", start) + 1
        if start > self.last_close:
            # No ">" anywhere after: this "<" opens no tag ("a<b" in prose). Checking first keeps such a
            # page linear, where each tag regex would scan to the end of the file; report it once.
            if not self.unclosed_reported:
                self.unclosed_reported = True
                line = self.doc.lines.position(start)[0]
                self.doc.parse_problems.append(f"tag on line {line} is never closed with '>'")
            self.text.add("<", start)
            return start + 1
        # A start tag whose last quoted value runs past the file's last ">" (an end tag always closes).
        line = self.doc.lines.position(start)[0]
        self.doc.parse_problems.append(f"tag on line {line} is never closed with '>'")
        self.text.add("<", start)
        return start + 1

    def _next_at(self, pattern: re.Pattern, start: int) -> re.Match | None:
        """``pattern``'s first match at or after ``start``. The last search is remembered, so a page
        of nested <svg> elements costs one scan, not one per element."""
        searched_from, found = self.found.get(pattern, (len(self.source) + 1, None))
        if not searched_from <= start or found is not None and found.start() < start:
            searched_from, found = start, pattern.search(self.source, start)
            self.found[pattern] = (searched_from, found)
        return found

    def _special_start(self, name: str, raw_attrs: str, start: int, end: int) -> int | None:
        """The start tags run does not handle alone: returns where reading goes on, or None to
        open the element as any other."""
        if name in SKIPPED or name == "title":
            close = _closing_tag(name).search(self.source, end)
            content_end = close.start() if close else len(self.source)
            after = close.end() if close else len(self.source)
            if name == "title" and self.doc.title is None and not any(e.tag == "svg" for e in self.stack):
                self.doc.title = mapped_html_value(self.source[end:content_end], end, attribute=False)
            return after
        if name in VOID:
            self._void(name, raw_attrs, start, end)
            return end
        if name == "svg":
            # Icons are most of a page's SVG, and their paths are no text: skip an <svg> without
            # <text>, as before SVG was read, rather than record each of its elements.
            close = self._next_at(_SVG_END, end)
            after = close.end() if close else len(self.source)
            text = self._next_at(_SVG_TEXT, end)
            return after if text is None or text.start() >= after else None
        # Most tags' attributes mean nothing to a rule: parse only those that may.
        attrs = attr_values(raw_attrs) if raw_attrs and name in _READ_ATTRS else {}
        if name == "a":
            if self.link is not None:  # <a> inside <a>: a browser ends the open link first
                parent = self.stack[-1]
                self._finish_link(parent.hidden, parent.main, parent.index)
            self.link = _OpenLink(attrs, start, self.text.mark())
        else:  # <html>, <body>: a saved web page, not a CMS fragment
            self.full_page = True
            if "lang" in attrs:
                self.doc.lang = unescape(attrs["lang"], attribute=True).strip()
        return None

    def _void(self, name: str, raw_attrs: str, start: int, end: int) -> None:
        if name == "br":
            self.text.add_wide(LINE_BREAK, start, end)
        elif name == "hr":
            self._flush()
        elif name == "img":
            parent = self.stack[-1]
            attrs = attr_values(raw_attrs)
            alt = attrs.get("alt")
            alt = unescape(alt, attribute=True) if alt is not None else None
            src = unescape(attrs.get("src", ""), attribute=True).strip()
            self.images.append((alt, src, start, not parent.hidden, parent.main, parent.index))
        elif name == "meta":
            attrs = parse_attrs(raw_attrs, end - 1 - len(raw_attrs))  # the content's offset: it is mapped text
            key = (attrs.get("name") or attrs.get("property") or attrs.get("http-equiv") or ("", 0))[0].lower()
            content = attrs.get("content")
            if key and content and key not in self.doc.meta:
                self.doc.meta[key] = mapped_html_value(*content)
        elif name == "link":
            attrs = attr_values(raw_attrs)
            rel = attrs.get("rel", "").lower().split()
            if "canonical" in rel and "href" in attrs and self.doc.canonical is None:
                self.doc.canonical = unescape(attrs["href"], attribute=True).strip()

    def _end_tag(self, name: str, start: int, end: int) -> None:
        """An end tag that does not close the innermost element (run handles that usual case)."""
        stack = self.stack
        # Where a stray end tag of this name last found none open: below that depth, if the
        # element there is still the same one, nothing has closed or opened since (the stack only
        # changes at its top, and an element once closed never opens again). Without it, a page
        # of unclosed elements each followed by a stray end tag ("<ix>…</i>", again and again)
        # walked the whole stack each time: 2M characters took 30 s.
        low = 1
        known = self.not_open.get(name)
        if known is not None and known[0] <= len(stack) and stack[known[0] - 1] is known[1]:
            low = known[0]
        for depth in range(len(stack) - 1, low - 1, -1):
            if stack[depth].tag == name:
                break
        else:
            self.not_open[name] = (len(stack), stack[-1])
            return  # a stray end tag closes nothing, as in a browser
        self._close_to(depth, start, end)

    def _implied_close(self, name: str, at: int) -> None:
        """Close what a browser closes implicitly when ``name`` starts at offset ``at``."""
        stack = self.stack
        if name in CLOSES_P:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].tag == "p":
                    self._flush()
                    self._close_to(depth, at)
                    return
                if stack[depth].tag in BLOCK:
                    return
        if name in _SIBLINGS:
            containers = _SIBLING_CONTAINERS[name]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].tag in containers:
                    return
                if stack[depth].tag in _SIBLINGS[name]:
                    self._flush()
                    self._close_to(depth, at)
                    return

    def _close_to(self, depth: int, start: int, end: int | None = None) -> None:
        """Pop elements down to ``depth``; the last one ends at ``end`` (its end tag), others at ``start``."""
        stack = self.stack
        for element in stack[depth:]:
            if element.tag in BLOCK:
                self._flush()
                break
        while len(stack) > depth:
            self._pop(end if (end is not None and len(stack) == depth + 1) else start)

    def _pop(self, element_end: int) -> None:
        """Close the innermost element, which ends at source offset ``element_end``."""
        element = self.stack.pop()
        blocks = len(self.blocks)
        element.end, element.end_block, element.end_node = element_end, blocks, len(self.nodes)
        tag = element.tag
        if tag == "a" and self.link is not None:
            self._finish_link(element.hidden, element.main, element.index)
        elif tag in WRAPPERS and blocks - element.first_block == 1:
            # The element holds exactly one block and nothing else: removing the block removes it.
            self.blocks[-1].element = (element.start, element_end)

    def _finish_link(self, hidden: bool, main: bool, node: int) -> None:
        link = self.link
        self.link = None
        text = self.text.since(link.text_at)
        if link.parts:
            text = " ".join([*link.parts, text])
        attrs = link.attrs
        rel = attrs.get("rel")
        self.links.append((
            " ".join(text.split()),  # split() splits at LINE_BREAK too
            unescape(attrs.get("href", ""), attribute=True).strip(),
            tuple(unescape(rel, attribute=True).lower().split()) if rel else (),
            link.offset,
            not hidden, main, node,
        ))

    # -- blocks -----------------------------------------------------------------------------
    def _flush(self) -> None:
        builder = self.text
        if not builder.length:
            return
        link = self.link
        if link is not None:  # a block boundary inside <a>: its text continues in the next block
            link.parts.append(builder.since(link.text_at))
            link.text_at = 0
        text, resolve, span = builder.take()
        link_chars, self.link_chars = self.link_chars, 0
        if not text:
            return
        parent = self.stack[-1]
        blocks = self.blocks
        index = len(blocks)
        blocks.append(built_block(text, resolve, parent.kind, parent.tag, parent.level, span, not parent.hidden, index))
        if parent.main:
            self.in_main.add(index)
        self.block_nodes.append(parent.index)
        self.block_links.append(link_chars)
        if self.table is not None and len(self.nodes) - len(self.table) >= NODES_PACKED_AT_ONCE:
            self.table.take(self.nodes, self.stack)

    def _finish(self) -> None:
        doc = self.doc
        document = self.nodes[0]
        document.end, document.end_block, document.end_node = len(self.source), len(self.blocks), len(self.nodes)
        nodes = self.nodes
        if self.table is not None:
            self.table.take(nodes, [])  # every element has closed
            nodes = self.table
        body, doc.body_region = boilerplate.choose_body(
            nodes, self.named, self.blocks, self.block_nodes, self.block_links, self.full_page,
            doc.title.text if doc.title else "",
        )
        for block, node in zip(self.blocks, self.block_nodes):
            block.in_body = block.in_body and body[node]
        # A short page that marks its article (and not only a card of chrome): the rest is chrome.
        only_main = doc.body_region is None and any(self.blocks[i].in_body for i in self.in_main)
        if only_main:
            for block in self.blocks:
                block.in_body = block.in_body and block.index in self.in_main
        doc.links = [
            Link(text, href, rel, offset, seen and body[node] and (main or not only_main))
            for text, href, rel, offset, seen, main, node in self.links
        ]
        doc.images = [
            Image(alt, src, offset, seen and body[node] and (main or not only_main))
            for alt, src, offset, seen, main, node in self.images
        ]


# The attribute names _signals reads, as a quick test before it (its plain spelling: the reader
# asks _may_signal, which tests/test_document_html.py holds to it): a link's lone href="/story/123"
# (thousands of them, each different, on a page of related links) tells nothing, and asking the
# cache about each would push out the class strings it exists for. Searched in the lower-cased
# attributes: with re.I this alternation was 3 µs on a long href, a tenth of that without.
_MAY_SIGNAL = re.compile(r"class|id|role|hidden|style|itemprop")


def _may_signal(lowered: str) -> bool:
    """``_MAY_SIGNAL.search(lowered)``, by looking for each word: a regex search tests every
    character of a long href against the words' first letters ("hidden" holds "id")."""
    return "id" in lowered or "class" in lowered or "role" in lowered or "style" in lowered or "itemprop" in lowered


@lru_cache(maxsize=8192)  # a page repeats its attribute strings ('class="story-body"'): each is read once
def _signals(raw_attrs: str) -> tuple[str, str, bool, bool]:
    """What an element's attributes tell the reader: its class and id words, its role, whether
    it is hidden, and whether it marks the article (role=main, itemprop=articleBody)."""
    attrs = attr_values(raw_attrs)
    names = ""
    if "class" in attrs or "id" in attrs:
        names = boilerplate.split_names(f"{attrs.get('id', '')} {attrs.get('class', '')}")
    role = attrs["role"].lower() if "role" in attrs else ""
    marks_article = role == "main" or ("itemprop" in attrs and attrs["itemprop"].lower() == "articlebody")
    return names, role, _hidden(attrs), marks_article


def _hidden(attrs: dict) -> bool:
    """Whether a reader sees nothing of the element: hidden, aria-hidden, an inline hiding style,
    or a screen-reader-only class (a visually hidden label is not article text)."""
    if "hidden" in attrs and attrs["hidden"].lower() != "until-found":  # until-found: shown by find-in-page
        return True
    if attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    # The case-insensitive searches, on ASCII text, as searches of it in lower case: re.I made them
    # several times slower on a long class list (Tailwind's), read for each new class string of a
    # page; and most class lists hold no part of a hiding name. Other text keeps re.I, which also
    # reads "ſ" as "s" and "İ" as "i" (lower() does not).
    if "style" in attrs:
        style = attrs["style"]
        if _HIDDEN_STYLE_LOWER.search(style.lower()) if style.isascii() else _HIDDEN_STYLE.search(style):
            return True
    if "class" not in attrs:
        return False
    names = attrs["class"]
    if not names.isascii():
        return bool(_VISUALLY_HIDDEN.search(names))
    names = names.lower()
    # Each name _VISUALLY_HIDDEN matches holds one of these.
    if "hid" in names or "invisible" in names or "sr-only" in names or "screen-reader-text" in names or "d-none" in names:
        return bool(_VISUALLY_HIDDEN_LOWER.search(names))
    return False


def read_html(source: str, path: str = "<string>") -> Document:
    return _Reader(source, path).run()

"""Structured rich text -> HTML, so the linter can read it: Contentful Rich Text, Sanity Portable Text, Strapi blocks.

The linter reads HTML, Markdown and text, not these JSON trees, so the adapters convert them.
Finding positions then refer to the converted HTML, which the service returns with the findings;
and because a CMS cannot find "line 4 of some HTML" in its editor, every block written here
remembers the path of the node it came from (``fields.body.en-US.content[5]``,
``body[_key=="aee747130201"]``), and each finding is given the path of the innermost block that
holds it. Each block is written on its own line. Embedded entries, assets, images and other
custom objects carry no article text and are skipped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 64  # deeper trees are refused rather than recursed into
_CONTAINERS = frozenset({"ul", "ol", "table", "tr"})  # their children start on a line of their own


class RichTextError(ValueError):
    """The value is not a rich-text tree this module can read; the message names the node."""


@dataclass(frozen=True)
class Converted:
    html: str
    nodes: tuple[tuple[int, int, str], ...]  # [start, end) offsets in ``html`` -> source node path
    kind: str  # "contentful-rich-text", "portable-text", "strapi-blocks"

    def node_at(self, offset: int) -> str | None:
        """The path of the innermost block containing ``offset``."""
        holding = [(end - start, path) for start, end, path in self.nodes if start <= offset < end]
        return min(holding)[1] if holding else None


class _Writer:
    """HTML under construction, with the source node of each block it wrote."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.nodes: list[tuple[int, int, str]] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def open(self, tag: str) -> int:
        start = self.size
        self.write(f"<{tag}>\n" if tag in _CONTAINERS else f"<{tag}>")
        return start

    def close(self, tag: str, start: int, path: str) -> None:
        self.write(f"</{tag}>\n")
        self.nodes.append((start, self.size, path))

    def text(self, value: str, tags: list[str]) -> None:
        escaped = html.escape(value, quote=False).replace("\n", "<br>")
        self.write("".join(f"<{t}>" for t in tags) + escaped + "".join(f"</{t}>" for t in reversed(tags)))

    def link(self, href: str | None) -> None:
        self.write(f'<a href="{html.escape(href)}">' if href else "<a>")

    def result(self, kind: str) -> Converted:
        return Converted("".join(self.parts), tuple(self.nodes), kind)


def _depth(path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise RichTextError(f"{path}: rich text nested more than {MAX_DEPTH} levels deep")


# -- Contentful Rich Text -----------------------------------------------------------------------

_CONTENTFUL_BLOCKS = {
    "paragraph": "p", "blockquote": "blockquote", "unordered-list": "ul", "ordered-list": "ol", "list-item": "li",
    "table": "table", "table-row": "tr", "table-cell": "td", "table-header-cell": "th",
    **{f"heading-{level}": f"h{level}" for level in range(1, 7)},
}
_CONTENTFUL_MARKS = {"bold": "strong", "italic": "em", "underline": "u", "code": "code", "superscript": "sup",
                     "subscript": "sub", "strikethrough": "s"}
_CONTENTFUL_LINKS = {"hyperlink", "entry-hyperlink", "asset-hyperlink", "resource-hyperlink"}


def contentful_html(document: dict, path: str) -> Converted:
    """A Rich Text ``document`` node; ``path`` is where it sits in the payload (``fields.body.en-US``)."""
    out = _Writer()
    _contentful_node(out, document, path, 0)
    return out.result("contentful-rich-text")


def _contentful_node(out: _Writer, node: Any, path: str, depth: int) -> None:
    _depth(path, depth)
    if not isinstance(node, dict):
        raise RichTextError(f"{path}: expected a Rich Text node (an object with nodeType)")
    kind = node.get("nodeType")
    if kind == "text":
        marks = node.get("marks") or ()
        tags = [_CONTENTFUL_MARKS[m.get("type")] for m in marks if isinstance(m, dict) and m.get("type") in _CONTENTFUL_MARKS]
        out.text(node.get("value") if isinstance(node.get("value"), str) else "", tags)
        return
    if kind == "hr":
        out.write("<hr>\n")
        return
    children = node.get("content") or []
    if not isinstance(children, list):
        raise RichTextError(f"{path}.content: expected a list of nodes")
    tag = _CONTENTFUL_BLOCKS.get(kind)
    if tag is None and kind not in _CONTENTFUL_LINKS and kind != "document":
        return  # embedded entries and assets: no article text
    if kind in _CONTENTFUL_LINKS:
        uri = (node.get("data") or {}).get("uri") if kind == "hyperlink" else None
        out.link(uri if isinstance(uri, str) else None)
    start = out.open(tag) if tag else 0
    for index, child in enumerate(children):
        _contentful_node(out, child, f"{path}.content[{index}]", depth + 1)
    if tag:
        out.close(tag, start, path)
    elif kind in _CONTENTFUL_LINKS:
        out.write("</a>")


# -- Sanity Portable Text ------------------------------------------------------------------------

_PORTABLE_STYLES = {"normal": "p", "blockquote": "blockquote", **{f"h{level}": f"h{level}" for level in range(1, 7)}}
_PORTABLE_DECORATORS = {"strong": "strong", "em": "em", "underline": "u", "code": "code", "strike-through": "s"}


def portable_text_html(blocks: list, path: str) -> Converted:
    """A Portable Text array; ``path`` is its field (``body``). Blocks are addressed by ``_key``, as Sanity does."""
    out = _Writer()
    lists: list[tuple[str, int]] = []  # open lists: (tag, level)
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            raise RichTextError(f"{path}[{index}]: expected a Portable Text block (an object with _type)")
        key = block.get("_key")
        where = f'{path}[_key=="{key}"]' if isinstance(key, str) and key else f"{path}[{index}]"
        item = block.get("listItem") if block.get("_type") == "block" else None
        level = block.get("level") if isinstance(block.get("level"), int) else 1
        tag = "ol" if item == "number" else "ul"
        while lists and (not item or lists[-1][1] > level or (lists[-1][1] == level and lists[-1][0] != tag)):
            out.write(f"</{lists.pop()[0]}>\n")
        if block.get("_type") != "block":
            continue  # images, embeds and other custom objects
        while item and (not lists or lists[-1][1] < level):
            lists.append((tag, lists[-1][1] + 1 if lists else level))
            out.write(f"<{tag}>\n")
        element = "li" if item else _PORTABLE_STYLES.get(block.get("style") or "normal", "p")
        start = out.open(element)
        _portable_spans(out, block, where)
        out.close(element, start, where)
    for tag, _ in reversed(lists):
        out.write(f"</{tag}>\n")
    return out.result("portable-text")


def _portable_spans(out: _Writer, block: dict, where: str) -> None:
    definitions = {d.get("_key"): d for d in block.get("markDefs") or () if isinstance(d, dict)}
    for index, span in enumerate(block.get("children") or ()):
        if not isinstance(span, dict) or span.get("_type") != "span" or not isinstance(span.get("text"), str):
            continue  # inline objects carry no text
        marks = [m for m in span.get("marks") or () if isinstance(m, str)]
        tags = [_PORTABLE_DECORATORS[m] for m in marks if m in _PORTABLE_DECORATORS]
        links = [definitions[m] for m in marks if m in definitions and definitions[m].get("_type") == "link"]
        if links:
            href = links[0].get("href")
            out.link(href if isinstance(href, str) else None)
        out.text(span["text"], tags)
        if links:
            out.write("</a>")


# -- Strapi blocks ("Rich text (Blocks)") ---------------------------------------------------------

_STRAPI_MARKS = {"bold": "strong", "italic": "em", "underline": "u", "strikethrough": "s", "code": "code"}


def strapi_blocks_html(blocks: list, path: str) -> Converted:
    """A Strapi 5 blocks array; ``path`` is its field (``entry.content``)."""
    out = _Writer()
    for index, block in enumerate(blocks):
        _strapi_node(out, block, f"{path}[{index}]", 0)
    return out.result("strapi-blocks")


def _strapi_node(out: _Writer, node: Any, path: str, depth: int) -> None:
    _depth(path, depth)
    if not isinstance(node, dict):
        raise RichTextError(f"{path}: expected a Strapi block (an object with type)")
    kind = node.get("type")
    if kind == "text":
        tags = [tag for mark, tag in _STRAPI_MARKS.items() if node.get(mark) is True]
        out.text(node.get("text") if isinstance(node.get("text"), str) else "", tags)
        return
    tag = {
        "paragraph": "p", "quote": "blockquote", "code": "pre", "list-item": "li",
        "list": "ol" if node.get("format") == "ordered" else "ul",
        "heading": f"h{node.get('level')}" if node.get("level") in range(1, 7) else "h2",
    }.get(kind)
    if tag is None and kind != "link":
        return  # images and unknown blocks
    if kind == "link":
        out.link(node.get("url") if isinstance(node.get("url"), str) else None)
    start = out.open(tag) if tag else 0
    for index, child in enumerate(node.get("children") or ()):
        _strapi_node(out, child, f"{path}.children[{index}]", depth + 1)
    if tag:
        out.close(tag, start, path)
    else:
        out.write("</a>")

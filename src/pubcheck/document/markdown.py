"""Markdown reader: CommonMark's block structure for the constructs articles use, inline markup
stripped while keeping every character's source offset. Front matter supplies the metadata."""

from __future__ import annotations

import re

from .html import parse_directive
from .mapping import LINE_BREAK, TextBuilder
from .model import Block, Document, Image, Link, MappedText
from .text import iter_lines, split_lines

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A quote marker, nested ones ("> >") and a heading or list marker inside the quote: none is text.
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s*\S+")
_COMMENT_START = re.compile(r"[ \t]*<!--")
_FRONT_MATTER_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(['\"]?)(.*?)\2[ \t]*$")
FRONT_MATTER_META = {"description": "description", "summary": "description", "excerpt": "description", "keywords": "keywords"}

# One level of balanced parentheses, as in Wikipedia's "Foo_(bar)". Possessive: what follows a
# URL (space, ")") can stand only after its longest run, and a run the engine could give back
# kept a mark for each character (a 2 MB link took 550 MB).
_URL = r"(?:[^()\s]|\([^()\s]*\))*+"
# Inline constructs. The leading lookahead names every character one can start with, so plain text
# is skipped at C speed instead of trying each alternative at each character (6x faster on articles).
# No construct's scan runs past the next opener ("[" for link text, "<" for a tag, "<!--" for a
# comment): a line of unmatched ones then costs linear time, not a scan to the line's end per opener.
# Emphasis markers are markup only next to text: "2 * 3" and "a _ b" keep theirs (CommonMark's
# flanking rule), and "snake_case" keeps its underscore.
_INLINE = re.compile(
    rf"""(?=[\\!\[<&`*~_])(?:
    \\(?P<esc>[!-/:-@\[-`{{-~])
    |!\[(?P<alt>[^\[\]]*)\]\((?P<src>{_URL})(?:\s+["'][^()]*["'])?\)
    |\[(?P<text>(?:!\[[^\[\]]*\]\([^()]*\)|[^\[\]])++)\](?:\((?P<href>{_URL})(?:\s+["'][^()]*["'])?\)|\[[^\[\]]*\])
    |<(?P<auto>(?:https?|mailto):[^<>\s]+)>
    |(?P<comment><!--(?:(?!<!--).)*?-->)
    |(?P<br><br\s*/?>)
    |(?P<tag></?[A-Za-z][^<>]*>)
    |(?P<entity>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)
    |(?P<code>`+)
    |(?P<strong>~~|(?<!\s)\*{{1,3}}|\*{{1,3}}(?!\s))
    |(?P<under>(?<![^\W_])_{{1,3}}(?=\S)|(?<=\S)_{{1,3}}(?![^\W_]))
    )""",
    re.X | re.I,
)


def read_markdown(source: str, path: str = "<string>") -> Document:
    doc = Document(path=path, format="markdown", source=source, blocks=[])
    lines = list(iter_lines(source))
    index = _front_matter(doc, lines)
    pending: list[tuple[int, str]] = []  # the paragraph being gathered
    pending_kind = "paragraph"
    list_indent = 0  # the content column of the list item lines belong to (0: not in a list)

    def flush(kind: str | None = None, level: int = 0) -> None:
        nonlocal pending_kind
        if pending and (kind or pending_kind) == "paragraph":
            # Soft breaks: one paragraph a line is read as the plain-text reader reads it.
            for stretch in split_lines(pending):
                _add_block(doc, "paragraph", 0, stretch)
        elif pending:
            _add_block(doc, kind or pending_kind, level, pending)
        pending.clear()
        pending_kind = "paragraph"

    while index < len(lines):
        offset, line = lines[index]
        index += 1
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            while index < len(lines) and not lines[index][1].lstrip().startswith(marker):
                index += 1
            index += 1
            continue
        if _COMMENT_START.match(line):
            flush()
            start = offset + line.index("<!--")
            end = source.find("-->", start)
            end = len(source) if end == -1 else end + 3
            directive = parse_directive(source[start + 4 : end - 3], start, end)
            if directive:
                doc.directives.append(directive)
            while index < len(lines) and lines[index][0] < end:
                index += 1
            # Text after "-->" on the comment's last line is shown: read it as a line of its own.
            last_offset, last_line = lines[index - 1]
            if last_line[end - last_offset :].strip():
                index -= 1
                lines[index] = (end, last_line[end - last_offset :])
            continue
        if not line.strip():
            flush()
            continue
        if not pending and _indent(line) < list_indent and not _LIST.match(line):
            list_indent = 0  # a line left of the item's content ends the list
        if not pending and _indent(line) >= list_indent + 4:  # indented code: not prose, never checked
            while index < len(lines) and (not lines[index][1].strip() or _indent(lines[index][1]) >= list_indent + 4):
                index += 1
            continue
        if pending and pending_kind == "paragraph" and _SETEXT.match(line) and not _LIST.match(line):
            flush("heading", 1 if line.strip()[0] == "=" else 2)
            continue
        if _RULE.match(line) or _REFERENCE.match(line):
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            content = _ATX_CLOSE.sub("", line[atx.end() :])
            pending.append((offset + atx.end(), content))
            flush("heading", len(atx.group(1)))
            continue
        quote = _QUOTE.match(line)
        fence = quote and _FENCE.match(line, quote.end())
        if fence:  # fenced code inside a quote runs to its closing fence or the quote's end
            flush()
            while index < len(lines):
                inner = _QUOTE.match(lines[index][1])
                if not inner:
                    break
                index += 1
                if lines[index - 1][1][inner.end() :].lstrip().startswith(fence.group(1)):
                    break
            continue
        if quote:
            if pending_kind != "blockquote":
                flush()
            pending_kind = "blockquote"
            pending.append((offset + quote.end(), line[quote.end() :]))
            continue
        item = _LIST.match(line)
        if item:
            flush()
            list_indent = len(item.group().expandtabs(4))
            pending_kind = "list-item"
            pending.append((offset + item.end(), line[item.end() :]))
            continue
        if pending_kind == "blockquote":  # lazy continuation of a quote
            pending.append((offset, line))
            continue
        pending.append((offset, line))
    flush()
    return doc


def _indent(line: str) -> int:
    """The columns of leading space and tab (a tab stops at the next multiple of 4, as in CommonMark)."""
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def _add_block(doc: Document, kind: str, level: int, lines: list[tuple[int, str]]) -> None:
    builder = TextBuilder()
    for offset, line in lines:
        _inline(doc, builder, line, offset)
        builder.add(" ", offset + len(line))
    text, resolve, _ = builder.build()
    if not text:
        return
    line_start = doc.lines.start_of_line_at(lines[0][0])
    last_offset, last_line = lines[-1]
    doc.blocks.append(
        Block(text, resolve=resolve, kind=kind, level=level, element=(line_start, last_offset + len(last_line)), index=len(doc.blocks))
    )


def _inline(doc: Document, builder: TextBuilder, text: str, offset: int) -> None:
    """Append ``text`` without its inline markup; links and images are recorded on the document."""
    pos = 0
    for match in _INLINE.finditer(text):
        builder.add(text[pos : match.start()], offset + pos)
        pos = match.end()
        kind = match.lastgroup
        if kind == "esc":
            builder.add(match.group("esc"), offset + match.start("esc"))
        elif kind in ("alt", "src"):
            doc.images.append(Image(match.group("alt"), match.group("src"), offset + match.start(), True))
        elif kind in ("text", "href"):
            at = builder.mark()
            links = len(doc.links)
            _inline(doc, builder, match.group("text"), offset + match.start("text"))
            shown = " ".join(builder.since(at).replace(LINE_BREAK, " ").split())  # without markup
            doc.links.insert(links, Link(shown, match.group("href") or "", (), offset + match.start(), True))
        elif kind == "auto":
            builder.add(match.group("auto"), offset + match.start("auto"))
            doc.links.append(Link(match.group("auto"), match.group("auto"), (), offset + match.start(), True))
        elif kind == "br":
            builder.add_wide(LINE_BREAK, offset + match.start(), offset + match.end())
        elif kind == "entity":
            builder.add_html(match.group(), offset + match.start())
        elif kind == "comment":
            directive = parse_directive(match.group()[4:-3], offset + match.start(), offset + match.end())
            if directive:
                doc.directives.append(directive)
    builder.add(text[pos:], offset + pos)


def _front_matter(doc: Document, lines: list[tuple[int, str]]) -> int:
    """Read a leading YAML front matter block; returns the index of the first body line."""
    if not lines or lines[0][1].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index][1].strip() in ("---", "..."):
            break
    else:
        return 0
    for start, line in lines[1:index]:  # line by line, so a CR-only file reads as a CRLF one does
        match = _FRONT_MATTER_FIELD.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(3)
        mapped = MappedText(value, list(range(start + match.start(3), start + match.end(3))))
        if key == "title" and doc.title is None:
            doc.title = mapped
        elif key in FRONT_MATTER_META:
            doc.meta.setdefault(FRONT_MATTER_META[key], mapped)
        elif key in ("canonical", "canonical_url", "canonicalurl"):
            doc.canonical = value
        elif key == "lang":
            doc.lang = value
    return index + 1

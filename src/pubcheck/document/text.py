"""Plain-text reader: paragraphs split on blank lines (or one a line, where the text is laid out so), list
lines as list items, short lines as headings."""

from __future__ import annotations

import re

from .html import parse_directive
from .mapping import TextBuilder
from .model import Block, Document
from .sentences import is_title_case

LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•·▪‣◦]|\d{1,3}[.)])[ \t]+")
_DIRECTIVE_LINE = re.compile(r"[ \t]*<!--(.*?)-->[ \t]*$")
_ENDS_LIKE_PROSE = tuple(".!?,;:…\"”’)")
HEADING_MAX_WORDS = 15
# Hard-wrapped text keeps every line within about this many columns; a longer line is a paragraph
# laid out on one line (CMS exports, text copied from a browser, feeds).
WRAP_WIDTH = 80
_ENDS_SENTENCE = tuple(".!?…\"”’)")


_LINE = re.compile(r"([^\r\n]*)(?:\r\n?|\n)?")


def iter_lines(source: str):
    """(start offset, line without its line ending) for every line.

    Lines end at LF, CRLF or a lone CR, as in CommonMark and :class:`LineIndex`; not at the other
    characters ``str.splitlines`` breaks on (U+2028, U+0085, form feed), which sit inside a line.
    """
    for match in _LINE.finditer(source):
        if match.end() == match.start():  # the empty match at the very end
            break
        yield match.start(), match.group(1)


def read_text(source: str, path: str = "<string>") -> Document:
    doc = Document(path=path, format="text", source=source, blocks=[])
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if not doc.blocks and len(paragraph) > 1 and _headline_on_top(paragraph):
            _add_block(doc, "paragraph", paragraph[:1])  # the file's headline, with no blank line under it
            del paragraph[:1]
        for stretch in split_lines(paragraph):
            for kind, lines in _split_list_items(stretch):
                _add_block(doc, kind, lines)
        paragraph.clear()

    for offset, line in iter_lines(source):
        comment = _DIRECTIVE_LINE.match(line)
        directive = comment and parse_directive(comment.group(1), offset, offset + len(line))
        if directive:
            doc.directives.append(directive)
            flush()
        elif line.strip():
            paragraph.append((offset, line))
        else:
            flush()
    flush()
    return doc


def split_lines(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A run of lines with no blank line between is one hard-wrapped paragraph, or one paragraph a
    line (CMS exports, text copied from a browser, feeds), where each line is a block of its own so
    that a heading or teaser line between paragraphs stands alone. Hard-wrapped lines are full: the
    next line's first word would not have fitted on most of them, and most break mid-sentence or
    all stay within :data:`WRAP_WIDTH` columns. Laid out one a line, a line that breaks mid-sentence
    before a lower-case word still runs on ("… about her / new film …", a list item's second line)."""
    if len(lines) < 2:
        return [lines]
    width = max(len(line.rstrip()) for _, line in lines)
    pairs = list(zip(lines, lines[1:]))
    full = sum(1 for (_, line), (_, after) in pairs if len(line.rstrip()) + 1 + len(after.split(None, 1)[0]) > width)
    unended = sum(1 for (_, line), _ in pairs if not line.rstrip().endswith(_ENDS_SENTENCE))
    wrapped = full * 2 > len(pairs) and (unended * 2 > len(pairs) or width <= WRAP_WIDTH)
    if wrapped:
        return [lines]
    stretches = [[lines[0]]]
    for (_, line), after in pairs:
        if not line.rstrip().endswith(_ENDS_SENTENCE) and after[1].lstrip()[:1].islower():
            stretches[-1].append(after)
        else:
            stretches.append([after])
    return stretches


def _split_list_items(lines: list[tuple[int, str]]):
    """A paragraph becomes one block, or one list-item block per marked line."""
    current: list[tuple[int, str]] = []
    kind = "paragraph"
    for offset, line in lines:
        marker = LIST_MARKER.match(line)
        if marker:
            if current:
                yield kind, current
            current, kind = [(offset + marker.end(), line[marker.end() :])], "list-item"
        else:
            current.append((offset, line))
    if current:
        yield kind, current


def _add_block(doc: Document, kind: str, lines: list[tuple[int, str]]) -> None:
    builder = TextBuilder()
    for offset, line in lines:
        builder.add(line + " ", offset)
    text, resolve, _ = builder.build()
    if not text:
        return
    level = 0
    if kind == "paragraph" and len(lines) == 1 and _looks_like_heading(text, headline=not doc.blocks):
        kind = "heading"
        level = 1 if not doc.blocks else 2
    line_start = doc.lines.start_of_line_at(lines[0][0])
    last_offset, last_line = lines[-1]
    doc.blocks.append(
        Block(text, resolve=resolve, kind=kind, level=level, element=(line_start, last_offset + len(last_line)), index=len(doc.blocks))
    )


def _headline_on_top(lines: list[tuple[int, str]]) -> bool:
    """The first paragraph starts with a Title Case headline line, and what follows is prose or
    the same headline again (a pasted duplicate), not more title-like lines."""
    first, following = lines[0][1].strip(), lines[1][1].strip()
    prose = lines[-1][1].rstrip().endswith(_ENDS_LIKE_PROSE)
    titled = is_title_case(first) and len(first.split()) >= 3 and _looks_like_heading(first, headline=True)
    return titled and (following == first or prose)


def _looks_like_heading(text: str, headline: bool = False) -> bool:
    """Short, starts like a title, and does not end like prose. The file's first line may end
    in "?" or "!" when it is in Title Case, as headlines are ("Who Is the Rapper Dating in 2026?")."""
    ending = text.rstrip("?!") if headline and is_title_case(text) else text
    return (
        bool(ending)
        and (text[0].isalnum() or text[0] in "\"“'")
        and not ending.endswith(_ENDS_LIKE_PROSE)
        and len(text.split()) <= HEADING_MAX_WORDS
    )

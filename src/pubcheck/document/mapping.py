"""Building mapped text: append source pieces, decode entities, collapse whitespace."""

from __future__ import annotations

import html
import re

from .model import MappedText

# A character that stands for a hard line break (<br>, a list line) until whitespace is collapsed.
LINE_BREAK = "\u2028"
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_SPACE = re.compile(r"\s+")


class TextBuilder:
    """Accumulates characters with their source offsets; ``build`` collapses whitespace as a browser does."""

    __slots__ = ("chars", "starts", "wide_ends")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.wide_ends: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.chars)

    def add(self, chunk: str, offset: int) -> None:
        """Source text taken literally: character i sits at offset + i."""
        self.chars.extend(chunk)
        self.starts.extend(range(offset, offset + len(chunk)))

    def add_wide(self, value: str, start: int, end: int) -> None:
        """Characters that stand for the whole source range [start, end): an entity, a <br>."""
        for char in value:
            self.wide_ends[len(self.chars)] = end
            self.chars.append(char)
            self.starts.append(start)

    def add_html(self, chunk: str, offset: int) -> None:
        """Source text with character references (``&amp;``, ``&#8217;``) decoded."""
        if "&" not in chunk:
            self.add(chunk, offset)
            return
        pos = 0
        for match in _ENTITY.finditer(chunk):
            decoded = html.unescape(match.group())
            if decoded == match.group():
                continue
            self.add(chunk[pos : match.start()], offset + pos)
            self.add_wide(decoded, offset + match.start(), offset + match.end())
            pos = match.end()
        self.add(chunk[pos:], offset + pos)

    def build(self) -> tuple[str, list[int], dict[int, int]]:
        """Collapse runs of whitespace to one space (one newline if they hold a line break) and trim."""
        raw = "".join(self.chars)
        starts, wide = self.starts, self.wide_ends
        out: list[str] = []
        out_starts: list[int] = []
        out_wide: dict[int, int] = {}
        pos = 0

        def keep(begin: int, stop: int) -> None:
            base = len(out_starts)
            out.append(raw[begin:stop])
            out_starts.extend(starts[begin:stop])
            if wide:
                for i in range(begin, stop):
                    if i in wide:
                        out_wide[base + i - begin] = wide[i]

        for match in _SPACE.finditer(raw):
            begin, stop = match.span()
            keep(pos, begin)
            pos = stop
            if begin == 0 or stop == len(raw):
                continue
            run = match.group()
            if LINE_BREAK in run:
                at = begin + run.index(LINE_BREAK)
                out.append("\n")
                if at in wide:
                    out_wide[len(out_starts)] = wide[at]
                out_starts.append(starts[at])
            else:
                out.append(" ")
                out_starts.append(starts[begin])
        keep(pos, len(raw))
        return "".join(out), out_starts, out_wide

    def mapped(self) -> MappedText:
        return MappedText(*self.build())

    def clear(self) -> None:
        self.chars = []
        self.starts = []
        self.wide_ends = {}


def mapped_html_value(value: str, offset: int) -> MappedText:
    """An attribute value (entities decoded, whitespace collapsed) mapped into the source."""
    builder = TextBuilder()
    builder.add_html(value, offset)
    return builder.mapped()

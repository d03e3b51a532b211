"""Building mapped text: append source pieces, decode entities, collapse whitespace."""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from html.entities import html5 as _NAMED  # "amp;" -> "&", and the legacy forms without ";": "amp" -> "&"

from .model import MappedText, Offsets

# A character that stands for a hard line break (<br>, a list line) until whitespace is collapsed.
LINE_BREAK = "\u2028"
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# Whitespace that collapsing changes: runs of two or more, and single characters other than " ".
# A lone space (most of them) stays where it is, so the common case costs nothing.
_COLLAPSE = re.compile(r"\s{2,}|[^\S ]")
_LONGEST_LEGACY = max(len(name) for name in _NAMED if not name.endswith(";"))


def references(text: str, attribute: bool = False) -> Iterator[tuple[int, int, str]]:
    """(start, end, decoded) for each character reference in ``text`` that decodes, as browsers decode them.

    A reference without ";" decodes by its longest legacy prefix (``&copy2024`` is "©" and then
    the literal "2024"), so ``end`` stops where the reference does and the rest keeps its offsets.
    In an attribute value such a reference followed by "=" or a letter or digit stays literal:
    ``href="?a=1&copy=2"`` is a query string, not a copyright sign.
    """
    for match in _ENTITY.finditer(text):
        found = _reference(text, match, attribute)
        if found is not None:
            yield match.start(), found[0], found[1]


# References that decode whole wherever they stand ("&amp;", "&#8217;", "&#38"), with their value:
# most of a page's references, looked up here before _reference reads one. Bounded, as a page can
# spell numbers with any count of leading zeros.
_WHOLE: dict[str, str] = {}
_WHOLE_MAX = 8192


def _reference(text: str, match: re.Match, attribute: bool) -> tuple[int, str] | None:
    """Where the reference ``match`` (an _ENTITY match in ``text``) ends and what it decodes to, or
    None when it decodes to nothing (see :func:`references`)."""
    ref = match.group()
    if ref[1] == "#":
        value = html.unescape(ref)
    else:
        value = _NAMED.get(ref[1:])
        if value is None or not ref.endswith(";"):
            return _legacy_prefix(text, match.start(), ref, attribute)
    if len(_WHOLE) < _WHOLE_MAX:
        _WHOLE[ref] = value
    return match.end(), value


def _legacy_prefix(text: str, start: int, ref: str, attribute: bool) -> tuple[int, str] | None:
    """A named reference that is not whole: its longest legacy prefix (``&copy2024``), if any."""
    name = ref[1:].rstrip(";")
    for size in range(min(len(name), _LONGEST_LEGACY), 1, -1):
        value = _NAMED.get(name[:size])
        if value is not None:
            end = start + 1 + size
            if attribute and (size < len(name) or text[end : end + 1] == "="):
                return None
            return end, value
    return None


def unescape(text: str, attribute: bool = False) -> str:
    """``text`` with its character references decoded (see :func:`references`)."""
    if "&" not in text:
        return text
    out = []
    pos = 0
    for start, end, value in references(text, attribute):
        out.append(text[pos:start])
        out.append(value)
        pos = end
    out.append(text[pos:])
    return "".join(out)


PACKED_PIECES_FROM = 1_000_000  # characters of source: the HTML reader keeps a page this long's pieces packed


class PackedPieces(Sequence):
    """A block's pieces on a large page: the (length, start, stop) triples in one array, 24 bytes a
    piece against some 110 for a tuple of ints in a list; read as the list is. Made by
    :meth:`TextBuilder.take`, it is the block's :class:`Offsets` as well, holding what build kept
    (``raw[low:high]``, collapsed or not), where a block's tuple of them cost 130 bytes more."""

    __slots__ = ("_flat", "raw", "low", "high", "collapsed")

    def __init__(self, pieces: Iterable[tuple[int, int, int]], raw: str = "", low: int = 0, high: int = 0, collapsed: bool = False):
        self._flat = array("q", [number for piece in pieces for number in piece])
        self.raw, self.low, self.high, self.collapsed = raw, low, high, collapsed

    def __call__(self) -> tuple[list[int], dict[int, int]]:
        return _offsets(self.raw, self, self.low, self.high, self.collapsed)

    def source_span(self, first: int, last: int) -> tuple[int, int] | None:
        return _source_span(self, self.low, self.collapsed, first, last)

    def __len__(self) -> int:
        return len(self._flat) // 3

    def __getitem__(self, index: int) -> tuple[int, int, int]:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("piece index out of range")
        return tuple(self._flat[3 * index : 3 * index + 3])

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        flat = self._flat
        return zip(flat[0::3], flat[1::3], flat[2::3])

    def __reversed__(self) -> Iterator[tuple[int, int, int]]:
        flat = self._flat
        return zip(flat[-3::-3], flat[-2::-3], flat[-1::-3])


# A built block of text: (text, resolve, span). Its per-character source offsets are worked out by
# ``resolve`` only when a finding asks for a position: most text never has one, and computing them
# for every block was a third of the reading time. ``span``: the source offsets where the text
# begins and ends. A plain tuple, not a NamedTuple, whose constructor (a Python function) was a
# third of the cost of building a block.
Built = tuple[str, Offsets, tuple[int, int]]


class TextBuilder:
    """Accumulates source pieces with their offsets; ``build`` collapses whitespace as a browser does.

    Pieces are kept as they come — a literal run of source text, or characters that stand for
    a whole source range (an entity, a ``<br>``) — so adding costs one append per piece.
    """

    __slots__ = ("parts", "pieces", "length", "packed")

    def __init__(self, packed: bool = False) -> None:
        """``packed``: :meth:`take` hands each block's pieces on as :class:`PackedPieces`."""
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []  # (length, source start, source end or -1 for literal text)
        self.length = 0
        self.packed = packed

    def __len__(self) -> int:
        return self.length

    def add(self, chunk: str, offset: int) -> None:
        """Source text taken literally: character i sits at offset + i."""
        if chunk:
            self.parts.append(chunk)
            self.pieces.append((len(chunk), offset, -1))
            self.length += len(chunk)

    def add_wide(self, value: str, start: int, end: int) -> None:
        """Characters that stand for the whole source range [start, end): an entity, a <br>."""
        self.parts.append(value)
        self.pieces.append((len(value), start, end))
        self.length += len(value)

    def add_html(self, chunk: str, offset: int, attribute: bool = False) -> None:
        """Source text with character references (``&amp;``, ``&#8217;``) decoded."""
        if "&" not in chunk:  # most text: add's body, without a second call
            if chunk:
                self.parts.append(chunk)
                self.pieces.append((len(chunk), offset, -1))
                self.length += len(chunk)
            return
        # add and add_wide for each reference, written out; a whole reference is looked up in
        # _WHOLE (references' answer, without the generator and its calls).
        parts, pieces = self.parts, self.pieces
        pos = 0
        added = len(chunk)  # what the text grows by: the chunk, less its references, plus their values
        for match in _ENTITY.finditer(chunk):
            start, end = match.span()
            value = _WHOLE.get(match.group())
            if value is None:
                found = _reference(chunk, match, attribute)
                if found is None:
                    continue
                end, value = found
            if start > pos:
                parts.append(chunk[pos:start])
                pieces.append((start - pos, offset + pos, -1))
            parts.append(value)
            pieces.append((len(value), offset + start, offset + end))
            added += len(value) - (end - start)
            pos = end
        if pos < len(chunk):
            parts.append(chunk[pos:])
            pieces.append((len(chunk) - pos, offset + pos, -1))
        self.length += added

    def mark(self) -> int:
        """A place to come back to with :meth:`since`."""
        return len(self.parts)

    def since(self, mark: int) -> str:
        """The raw text added after ``mark`` (a link's text, say). Only those pieces are joined:
        a page of many links in one long block must not copy the whole block for each link."""
        return "".join(self.parts[mark:])

    def build(self) -> Built:
        """Collapse runs of whitespace to one space (one newline if they hold a line break) and trim.

        The character left for a run maps to the run's first character (its line break, if it
        has one), keeping that character's full source extent: a lone ``&nbsp;`` stays ``&nbsp;``.
        """
        return _built("".join(self.parts), self.pieces.copy())

    def take(self) -> Built:
        """:meth:`build`, leaving the builder empty for the next block (its pieces handed on, not copied)."""
        parts = self.parts
        raw = "".join(parts)
        parts.clear()  # emptied, not replaced: the HTML reader appends to it without looking it up
        pieces = self.pieces
        self.length = 0
        if self.packed:  # packed as each block is taken: a large page's pieces are never all tuples at once
            built = _built(raw, pieces, packed=True)
            pieces.clear()
            return built
        self.pieces = []
        return _built(raw, pieces)

    def mapped(self) -> MappedText:
        text, resolve, _ = self.build()
        return MappedText(text, resolve=resolve)


def _built(raw: str, pieces: list[tuple[int, int, int]], packed: bool = False) -> Built:
    """TextBuilder.build of the text ``raw`` gathered from ``pieces`` (with ``packed``, its offsets a
    :class:`PackedPieces`)."""
    kept = raw.strip()
    if not kept:
        return "", _BuiltOffsets(("", [], 0, 0, False)), (0, 0)
    # No whitespace but single spaces (isprintable is False for every other whitespace character): nothing to collapse.
    collapse = not kept.isprintable() or "  " in kept
    text = _COLLAPSE.sub(_one_space if LINE_BREAK in kept else " ", kept) if collapse else kept
    length, start, stop = pieces[-1]
    if kept is raw and pieces[0][0] and length:
        # Most blocks: nothing trimmed (strip() hands back the text itself), so the text runs from
        # its first piece to its last (when neither is an entity that decodes to nothing): the
        # walks below, without their calls.
        low, high = 0, len(raw)
        first = pieces[0][1]
        last = stop if stop >= 0 else start + length
    else:
        low = len(raw) - len(raw.lstrip())
        high = low + len(kept)
        first = _offset_of(pieces, low)
        last = _end_offset_of(pieces, high - 1, len(raw))
    if packed:
        return text, PackedPieces(pieces, raw, low, high, collapse), (first, last)
    return text, _BuiltOffsets((raw, pieces, low, high, collapse)), (first, last)


def _one_space(run: re.Match) -> str:
    return "\n" if LINE_BREAK in run.group() else " "


def _offset_of(pieces: list[tuple[int, int, int]], index: int, end: bool = False) -> int:
    """Source offset where raw character ``index`` begins (or, with ``end``, where it ends)."""
    position = 0
    for length, start, stop in pieces:
        if index < position + length:
            if stop >= 0:
                return stop if end else start
            return start + index - position + (1 if end else 0)
        position += length
    raise IndexError(index)


def _span_of(pieces: list[tuple[int, int, int]], first: int, last: int) -> tuple[int, int]:
    """``(_offset_of(pieces, first), _offset_of(pieces, last, end=True))`` in one walk (``first <= last``):
    the walk to the last character goes on from the first's piece, not from the start again."""
    length, start, stop = pieces[0]
    if last < length and stop < 0:  # most findings: in a block's first run of literal text
        return start + first, start + last + 1
    walk = iter(pieces)
    position = 0
    for length, start, stop in walk:
        if first < position + length:
            begin = start if stop >= 0 else start + first - position
            while last >= position + length:  # the last character lies in a later piece
                position += length
                length, start, stop = next(walk)
            return begin, stop if stop >= 0 else start + last - position + 1
        position += length
    raise IndexError(first)


def _end_offset_of(pieces: list[tuple[int, int, int]], index: int, total: int) -> int:
    """``_offset_of(pieces, index, end=True)`` walked from the last piece, where a block's last
    character is (``total`` is the pieces' length): a long block's pieces are not walked twice."""
    position = total
    for length, start, stop in reversed(pieces):
        position -= length
        if index >= position:
            return stop if stop >= 0 else start + index - position + 1
    raise IndexError(index)


MAX_PIECES_WALKED = 32  # a paragraph's text runs, entities and line breaks; longer blocks are mapped whole


class _BuiltOffsets(tuple):
    """The offsets of text built from ``raw[low:high]`` (collapsed or not): see :class:`Offsets`.

    Made from the tuple (raw, pieces, low, high, collapsed): one is made for every block, and a
    tuple is made without running Python code (a class with five slots took a tenth of build)."""

    __slots__ = ()

    def __call__(self) -> tuple[list[int], dict[int, int]]:
        return _offsets(*self)

    def source_span(self, first: int, last: int) -> tuple[int, int] | None:
        _, pieces, low, _, collapsed = self
        return _source_span(pieces, low, collapsed, first, last)


def _offsets(raw: str, pieces: Sequence[tuple[int, int, int]], low: int, high: int, collapsed: bool) -> tuple[list[int], dict[int, int]]:
    """Per-character source offsets of text built from ``raw[low:high]`` (what ``build`` left out,
    done on demand), and the end offsets of its wide characters."""
    starts: list[int] = []
    wide: dict[int, int] = {}
    for length, start, stop in pieces:
        if stop < 0:
            starts.extend(range(start, start + length))
        else:
            for _ in range(length):
                wide[len(starts)] = stop
                starts.append(start)
    out_starts: list[int] = []
    out_wide: dict[int, int] = {}
    keys = sorted(wide) if wide else ()  # wide characters, remapped as the text shrinks
    key = 0
    pos = low

    def keep(begin: int, stop: int) -> None:
        """Carry raw characters [begin, stop) over unchanged, with their wide extents."""
        nonlocal key
        shift = len(out_starts) - begin
        out_starts.extend(starts[begin:stop])
        while key < len(keys) and keys[key] < stop:
            if keys[key] >= begin:
                out_wide[keys[key] + shift] = wide[keys[key]]
            key += 1

    for match in _COLLAPSE.finditer(raw, low, high) if collapsed else ():
        begin, stop = match.span()
        if begin > pos:
            keep(pos, begin)
        run = match.group()
        at = begin + run.index(LINE_BREAK) if LINE_BREAK in run else begin
        if at in wide:
            out_wide[len(out_starts)] = wide[at]
        out_starts.append(starts[at])
        pos = stop
    keep(pos, high)
    return out_starts, out_wide


def _source_span(pieces: Sequence[tuple[int, int, int]], low: int, collapsed: bool, first: int, last: int) -> tuple[int, int] | None:
    # Only the full mapping knows where characters went if collapsing whitespace moved them. A
    # long block with many pieces is mapped once too: a walk through its pieces for each of
    # its findings would make one huge paragraph quadratic.
    if collapsed or len(pieces) > MAX_PIECES_WALKED:
        return None
    return _span_of(pieces, low + first, low + last)


def mapped_html_value(value: str, offset: int, attribute: bool = True) -> MappedText:
    """An attribute value or ``<title>`` (entities decoded, whitespace collapsed) mapped into the source."""
    if "&" in value:
        builder = TextBuilder()
        builder.add_html(value, offset, attribute)
        return builder.mapped()
    # Most values (a page's <meta> descriptions and titles): one literal piece, what add_html adds.
    text, resolve, _ = _built(value, [(len(value), offset, -1)] if value else [])
    return MappedText(text, resolve=resolve)

"""The document every rule reads: text blocks that remember where each character came from.

Readers (html, markdown, text) turn source text into a :class:`Document`. Every piece of
extracted text is a :class:`MappedText`: the text plus, for each character, its offset in the
decoded source, so a finding on extracted text can be reported at the exact source line and
column even through entities, inline tags and collapsed whitespace.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .sentences import Sentence, split_sentences, words


class computed_once:  # noqa: N801 - a decorator, named like functools.cached_property
    """functools.cached_property without the lock Python 3.11 takes on every first use (3.12
    dropped it): a document's body, headings and line index are first asked for in every article,
    and the lock cost as much as some rules did. Threads asking at once each compute the same value."""

    def __init__(self, compute: Callable):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Offsets(Protocol):
    """How a reader works out, when a finding first asks, where built text came from."""

    def __call__(self) -> tuple[list[int], dict[int, int]]:
        """Every character's source offset, and the end offsets of wide characters."""

    def source_span(self, first: int, last: int) -> tuple[int, int] | None:
        """Source offsets [begin, end) of characters ``first``..``last``, found without working
        out every character's offset; None when that needs them all."""


def _sentence_start(sentence: Sentence) -> int:
    return sentence.start


class MappedText:
    """Text whose characters map back to offsets in the decoded source.

    ``starts[i]`` is the source offset where character ``i`` begins. A character usually
    covers one source character; those that do not (``&amp;`` is five source characters,
    a ``<br>`` tag becomes one newline) record where they end in ``wide_ends``.
    """

    # ``sentences`` and ``words`` are kept in slots, filled when first read: an instance dict for
    # the two cost some 270 bytes a block (73 MB on a page of 270,000 blocks), a slot 8. (Filled by
    # properties, not __getattr__: a class with __getattr__ has every attribute read go through
    # it, which cost an article 4% more instructions in all.)
    __slots__ = ("text", "_starts", "_wide_ends", "_resolve", "_sentences", "_words")

    def __init__(
        self,
        text: str,
        starts: list[int] | None = None,
        wide_ends: dict[int, int] | None = None,
        *,
        resolve: Offsets | None = None,
    ):
        """Give the offsets, or ``resolve``, which computes them when a position is first asked for."""
        if starts is None and resolve is None:
            raise ValueError("give the source offsets or a way to compute them")
        if starts is not None and len(text) != len(starts):
            raise ValueError("every character needs a source offset")
        self.text = text
        self._starts = starts
        self._wide_ends = wide_ends or ({} if starts is not None else None)  # else resolve() gives them: no dict a block
        self._resolve = resolve
        self._sentences = self._words = None

    def _resolved(self) -> None:
        if self._starts is None:
            self._starts, self._wide_ends = self._resolve()
            self._resolve = None

    @property
    def starts(self) -> list[int]:
        self._resolved()
        return self._starts

    @property
    def wide_ends(self) -> dict[int, int]:
        self._resolved()
        return self._wide_ends

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [begin, end) covered by text[start:end]."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        last = min(max(end, start + 1), len(self.text)) - 1
        if self._starts is None:
            # A block with a finding or two need not have every character's offset worked out.
            span = self._resolve.source_span(start, last)
            if span is not None:
                return span
        return self.starts[start], self.wide_ends.get(last, self.starts[last] + 1)

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    @property
    def sentences(self) -> Sequence[Sentence]:
        """A tuple, or on a large page PackedSentences (Document.compact)."""
        sentences = self._sentences
        if sentences is None:
            sentences = self._sentences = tuple(split_sentences(self.text))
        return sentences

    @sentences.setter
    def sentences(self, sentences: Sequence[Sentence] | None) -> None:
        self._sentences = sentences  # None: split again when next read

    @property
    def words(self) -> tuple[str, ...]:
        """A tuple: shared by every rule, so nobody may change it."""
        found = self._words
        if found is None:
            found = self._words = tuple(words(self.text))
        return found

    @words.setter
    def words(self, found: tuple[str, ...] | None) -> None:
        self._words = found  # None: split again when next read

    def sentence_index(self, offset: int) -> int:
        """The index of the last sentence starting at or before ``offset`` (-1 if none): a
        bisection, as a long paragraph asked once per match must not be scanned each time."""
        sentences = self.sentences
        if type(sentences) is PackedSentences:
            return bisect.bisect_right(sentences.starts, offset) - 1
        return bisect.bisect_right(sentences, offset, key=_sentence_start) - 1

    def sentence_holding(self, offset: int) -> int | None:
        """The index of the sentence that holds ``offset``, or None (before the first, or in the
        space between two)."""
        index = self.sentence_index(offset)
        return index if index >= 0 and offset < self.sentences[index].end else None


class PackedSentences(Sequence):
    """A block's sentences kept as their offsets, each :class:`Sentence` made when it is read (its
    text a slice of the block's): 16 bytes a sentence against some 190 for the tuple, its offsets
    and its own copy of the text. A rule reads them as it reads a tuple of sentences, but two
    readings of a sentence are equal, not the same object (compare them by value, not ``is``)."""

    __slots__ = ("_text", "_bounds")

    def __init__(self, text: str, sentences: Iterable[Sentence]):
        self._text = text
        self._bounds = array("q", [offset for sentence in sentences for offset in sentence[:2]])  # start, end, start, …

    def __len__(self) -> int:
        return len(self._bounds) // 2

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(map(self.__getitem__, range(*index.indices(len(self)))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        start, end = self._bounds[2 * index], self._bounds[2 * index + 1]
        return Sentence(start, end, self._text[start:end])

    @property
    def starts(self) -> memoryview:
        """Each sentence's start, in order: a view for bisection (without it, each step of a
        bisection made a Sentence)."""
        return memoryview(self._bounds)[::2]

    def __iter__(self) -> Iterator[Sentence]:
        text, bounds = self._text, self._bounds
        return (Sentence(start, end, text[start:end]) for start, end in zip(bounds[::2], bounds[1::2]))


class Block(MappedText):
    """One block of text: a paragraph, heading, list item, quote, caption, cell or title.

    ``element`` is the source range of the whole element (tags included), which is what a fix
    that removes the block deletes. ``in_body`` is False for site chrome (navigation, page
    header and footer, asides) and for the ``<title>``.
    """

    # ``element`` is kept as its two offsets: a tuple a block cost 72 bytes (19 MB on a 52.7 MB page)
    __slots__ = ("kind", "tag", "level", "element_start", "element_end", "in_body", "index")

    def __init__(self, text, starts=None, wide_ends=None, *, resolve=None, kind, tag="", level=0, element=(0, 0), in_body=True, index=0):
        # Named, not super(): super() doubled the cost of a block (0.8 µs against 0.4), made for each paragraph.
        MappedText.__init__(self, text, starts, wide_ends, resolve=resolve)
        self.kind = kind
        self.tag = tag
        self.level = level
        self.element_start, self.element_end = element
        self.in_body = in_body
        self.index = index

    @property
    def element(self) -> tuple[int, int]:
        return self.element_start, self.element_end

    @element.setter
    def element(self, span: tuple[int, int]) -> None:
        self.element_start, self.element_end = span

    def __repr__(self) -> str:
        return f"Block({self.kind}, {self.text[:40]!r})"


_new_block = object.__new__


def built_block(
    text: str, resolve: Offsets, kind: str, tag: str, level: int, element: tuple[int, int], in_body: bool, index: int
) -> Block:
    """``Block(text, resolve=resolve, kind=kind, tag=tag, …)``, made as the HTML reader makes every
    block: its fields set in order, no keywords matched (the keyword call cost twice as much)."""
    block = _new_block(Block)
    block.text, block._starts, block._wide_ends, block._resolve, block._sentences, block._words = text, None, None, resolve, None, None
    block.kind, block.tag, block.level, (block.element_start, block.element_end), block.in_body, block.index = (
        kind, tag, level, element, in_body, index)
    return block


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str
    rel: tuple[str, ...]
    offset: int
    in_body: bool


@dataclass(frozen=True, slots=True)
class Image:
    alt: str | None
    src: str
    offset: int
    in_body: bool


@dataclass(frozen=True, slots=True)
class BodyRegion:
    """The element taken as the article on a full web page: its tag, class and id words, and the
    source offsets [offset, end) of the whole element."""

    tag: str
    names: str
    offset: int
    end: int


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment: ``pubcheck-disable``, ``-enable`` or ``-disable-next-line``."""

    action: str  # "disable", "enable" or "disable-next-line"
    rules: tuple[str, ...]  # empty means every rule
    offset: int
    end: int


PACKED_LINES_FROM = 10_000  # lines: a source this long keeps its line starts in an array (LineIndex)
_LINE_END = re.compile(r"\r\n?|\n")


class LineIndex:
    """Converts source offsets to 1-based line and column numbers (columns count code points).

    Lines end at LF, CRLF or a lone CR (an old Mac file), as editors and the readers count them.
    """

    __slots__ = ("_starts", "_length")

    def __init__(self, source: str):
        if "\r" in source and source.count("\r") != source.count("\r\n"):
            starts = [0] + [m.end() for m in _LINE_END.finditer(source)]
        else:
            starts = [0]
            find = source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
        # a long page's line starts packed: 8 bytes each, not 40 (an article's stay a list, quicker to bisect)
        self._starts = starts if len(starts) < PACKED_LINES_FROM else array("q", starts)
        self._length = len(source)

    def position(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), self._length)
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def start_of_line_at(self, offset: int) -> int:
        """Where the line holding ``offset`` starts."""
        return self._starts[bisect.bisect_right(self._starts, max(offset, 0)) - 1]

    def start_of_next_line_at(self, offset: int) -> int:
        """Where the line after the one holding ``offset`` starts (past its LF, CRLF or CR), or
        the source's length on the last line."""
        index = bisect.bisect_right(self._starts, offset)
        return self._starts[index] if index < len(self._starts) else self._length

    @property
    def line_count(self) -> int:
        return len(self._starts)


class BodyPositions(Mapping):
    """``{block.index: position for position, block in enumerate(body)}`` as one array over the
    page's blocks (each body block's position + 1, 0 for the others): 8 bytes a block, where the
    dict was some 70 (18 MB on a page of 270,000 blocks)."""

    __slots__ = ("_positions", "_count")

    def __init__(self, blocks: Sequence[Block], body: Sequence[Block]):
        self._positions = array("q", [0]) * len(blocks)
        for position, block in enumerate(body):
            self._positions[block.index] = position + 1
        self._count = len(body)

    def __getitem__(self, index: int) -> int:
        if isinstance(index, int) and 0 <= index < len(self._positions) and self._positions[index]:
            return self._positions[index] - 1
        raise KeyError(index)

    def __iter__(self) -> Iterator[int]:
        return (index for index, position in enumerate(self._positions) if position)

    def __len__(self) -> int:
        return self._count


COMPACT_FROM = 1_000_000  # characters of text: a page with this many keeps its sentences and words small (Document.compact)


@dataclass(eq=False)
class Document:
    """What a reader makes of one article. Rules only read it."""

    path: str
    format: str  # "html", "markdown" or "text"
    source: str  # the decoded page; a large one may be a NarrowSource: read spans as source[start:end] (narrow.py)
    blocks: list[Block]
    title: MappedText | None = None
    meta: dict[str, MappedText] = field(default_factory=dict)  # description, og:title, robots, …
    canonical: str | None = None
    lang: str | None = None
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    parse_problems: list[str] = field(default_factory=list)
    body_region: BodyRegion | None = None  # None: no reader-mode choice (a fragment or a short page)

    @computed_once
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    @computed_once
    def body(self) -> tuple[Block, ...]:
        """The article itself: blocks outside navigation and page chrome, without the <title>."""
        return tuple(b for b in self.blocks if b.in_body)

    @computed_once
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.body if b.kind == "heading")

    @computed_once
    def headline(self) -> MappedText | None:
        """The article's headline: its first level-1 heading, else the page title."""
        for block in self.headings:
            if block.level == 1:
                return block
        return self.title

    @computed_once
    def body_positions(self) -> Mapping[int, int]:
        """Each body block's position in ``body``, by its ``index`` (its position in ``blocks``)."""
        return BodyPositions(self.blocks, self.body)

    def compact(self) -> None:
        """On a large page, split every block into sentences and words now, and keep them small:
        one ``str`` per distinct word (a page's words repeat, and as separate objects they cost
        some 55 bytes each against 8 for another reference: a 50 MB page holds 7 million words,
        380 MB), and a block's sentences as their offsets (:class:`PackedSentences`). Below
        :data:`COMPACT_FROM` characters of text the saving is small and the work per word is not
        (a tenth of the split's time), so an article's sentences and words stay as the splitter
        makes them."""
        if not self.is_large:
            return
        shared: dict[str, str] = {}
        one = shared.setdefault
        for text in (self.title, *self.meta.values(), *self.blocks):
            if text is not None:
                text.words = tuple([one(word, word) for word in text.words])
        for block in self.blocks:
            if len(block.sentences) > 1:  # a block's only sentence is mostly the block's own text
                block.sentences = PackedSentences(block.text, block.sentences)

    def forget_split(self) -> None:
        """On a large page (one :meth:`compact` keeps small), let every block's sentences and words
        go once the rules are done: they are split again if asked for, and the findings are made in
        the memory they held (on a 50 MB page, some 80 MB)."""
        if self.is_large:
            for text in (self.title, *self.meta.values(), *self.blocks):
                if text is not None:
                    text.words = text.sentences = None

    @computed_once
    def is_large(self) -> bool:
        """:data:`COMPACT_FROM` characters of source and of text or more (a web page of a million
        characters is mostly markup: its text is an article's)."""
        return len(self.source) >= COMPACT_FROM and sum(len(block.text) for block in self.blocks) >= COMPACT_FROM

    @computed_once
    def word_count(self) -> int:
        return sum(len(b.words) for b in self.body)

    def links_within(self, start: int, end: int) -> list[Link]:
        """The links that open at source offsets [start, end), in source order: a bisection of the
        links sorted once, not a scan of every link on the page for each question."""
        offsets, ordered = self._links_by_offset
        return ordered[bisect.bisect_left(offsets, start):bisect.bisect_left(offsets, end)]

    @computed_once
    def _links_by_offset(self) -> tuple[list[int], list[Link]]:
        ordered = sorted(self.links, key=lambda link: link.offset)
        return [link.offset for link in ordered], ordered

"""A large page's text held at one byte a character.

Python stores a string at the width of its widest character: one emoji in a 50 MB page makes the
whole decoded page 200 MB. A large HTML page whose characters beyond Latin-1 are few and inert
(emoji, curly quotes, dashes: no letter, digit, space or cased character) is held instead as a
:class:`NarrowSource`, a ``str`` in which each such character stands as one placeholder character
found nowhere else in the page. Offsets, lines and columns are the same, and so is every search
the reader and the rules make over the source (tags, ``>``, ``\\n``): an inert character and the
placeholder are alike to them. Indexing and slicing put the page's own characters back, so
``source[a:b]`` is exactly the page's text, as with a plain string.
"""

from __future__ import annotations

import operator
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator

NARROW_FROM = 4_000_000  # characters: a page this long is held narrow when it can be (as one wide string: 8-16 MB)
BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
# Placeholder candidates: controls that are not whitespace (re's \s, str.split()) nor word
# characters, so no word holds one (keyword-stuffing's lower-cased pieces use them too).
PLACEHOLDERS = "".join(chr(c) for c in (*range(0x01, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)))
_CHUNK = 1 << 16  # characters handed out at a time by iteration


class NarrowSource(str):
    """The page's text with each character beyond Latin-1 as ``placeholder`` (see the module).

    Indexing, slicing and iteration give the page's own characters; ``in``, ``find``,
    ``startswith``, ``count``, other methods, regular expressions, equality and hashing run over
    the narrow string (two pages that differ only in such characters compare equal), and a
    match's ``group()`` holds the placeholder: read a span as ``source[start:end]`` where its text
    matters.
    """

    placeholder: str
    _offsets: array  # where each character beyond Latin-1 stands, in order
    _chars: str  # those characters, in the same order

    def __new__(cls, narrow: str, placeholder: str, offsets: array, chars: str) -> NarrowSource:
        self = super().__new__(cls, narrow)
        self.placeholder, self._offsets, self._chars = placeholder, offsets, chars
        return self

    def __getitem__(self, index):
        text = str.__getitem__(self, index)
        if self.placeholder not in text:
            return text
        if not isinstance(index, slice):
            return self._chars[bisect_left(self._offsets, operator.index(index) % len(self))]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return "".join(map(self.__getitem__, range(start, stop, step)))
        # The placeholders in the slice are the page's wide characters from the first at or after start, in order.
        pieces = text.split(self.placeholder)
        first = bisect_left(self._offsets, start)
        out = [pieces[0]]
        for char, piece in zip(self._chars[first : first + len(pieces) - 1], pieces[1:]):
            out += (char, piece)
        return "".join(out)

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self), _CHUNK):
            yield from self[start : start + _CHUNK]

    def __reduce__(self):  # pickle and copy: __new__ takes the narrow text and what it stands for
        return (NarrowSource, (str(self), self.placeholder, self._offsets, self._chars))


def _inert(char: str) -> bool:
    """Whether no search of the reader or the rules tells ``char`` from the placeholder: not
    whitespace, not a word character (``\\w``, ``\\b``), and without case (``re.I`` matches "ſ"
    with "s" and "K" with "k")."""
    return not (char.isspace() or char.isalnum() or char == "_") and char.lower() == char == char.upper() == char.casefold()


def held_source(text: str, fmt: str) -> str:
    """``text`` as the lint holds it: a large HTML page narrow (:class:`NarrowSource`) when its
    characters beyond Latin-1 are inert and few (at most one in 16); any other text as it is."""
    if fmt != "html" or len(text) < NARROW_FROM or text.isascii():
        return text
    most = len(text) // 16
    offsets = array("q")
    chars: list[str] = []
    inert: dict[str, str] = {}  # each character found so far, once: what chars refers to
    for match in BEYOND_LATIN1.finditer(text):
        char = match.group()
        if char not in inert:
            if not _inert(char):
                return text  # given up at the first: a page in Greek is not read to its end
            inert[char] = char
        if len(offsets) == most:
            return text
        offsets.append(match.start())
        chars.append(inert[char])
    if not offsets:
        return text  # Latin-1 already: one byte a character
    placeholder = next((candidate for candidate in PLACEHOLDERS if candidate not in text), None)
    if placeholder is None:
        return text
    return NarrowSource(BEYOND_LATIN1.sub(placeholder, text), placeholder, offsets, "".join(chars))

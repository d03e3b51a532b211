"""The body's prose, as the readability rules measure it: paragraphs, list items and quotes; and
the body's words as keyword-stuffing and the quote reader both read them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..document import Document
from .memo import latest_document

PROSE = ("paragraph", "list-item", "blockquote")
# Up to this many body blocks, their words joined are kept for the document (below).
SPACED_KEPT_BLOCKS = 1024


def prose_blocks(doc: Document) -> list:
    """The body's blocks of running prose, in order."""
    return [block for block in doc.body if block.kind in PROSE]


def spaced_words(doc: Document) -> Sequence[str]:
    """Each body block's words joined by single spaces, in the order of ``doc.body``. Joined once
    an article for keyword-stuffing's phrase search and the quote reader's pull-quote test (a
    join of every word, some 35 us an article); a long page's are joined as each is read and not
    kept, as they would be a copy of its whole text beside the document."""
    if len(doc.body) > SPACED_KEPT_BLOCKS:
        return MadeWhenRead(_spaced, doc.body)
    return _kept_spaced_words(doc)


def _spaced(block) -> str:
    return " ".join(block.words)


class MadeWhenRead(Sequence):
    """``[make(item) for item in items]``, each made when read and not kept: what a long page
    would hold as a copy of its whole text."""

    __slots__ = ("_make", "_items")

    def __init__(self, make: Callable, items: Sequence):
        self._make, self._items = make, items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int):
        return self._make(self._items[index])

    def __iter__(self) -> Iterator:
        return map(self._make, self._items)


@latest_document
def _kept_spaced_words(doc: Document) -> tuple[str, ...]:
    return tuple([" ".join(block.words) for block in doc.body])

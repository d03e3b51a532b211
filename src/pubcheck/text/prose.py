"""The body's prose, as the readability rules measure it: paragraphs, list items and quotes; and
the body's words as keyword-stuffing and the quote reader both read them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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
        return _JoinedWhenRead(doc.body)
    return _kept_spaced_words(doc)


class _JoinedWhenRead(Sequence):
    """A long page's body blocks' words, each block's joined when read."""

    def __init__(self, blocks: Sequence):
        self._blocks = blocks

    def __len__(self) -> int:
        return len(self._blocks)

    def __getitem__(self, index: int) -> str:
        return " ".join(self._blocks[index].words)

    def __iter__(self) -> Iterator[str]:
        return (" ".join(block.words) for block in self._blocks)


@latest_document
def _kept_spaced_words(doc: Document) -> tuple[str, ...]:
    return tuple([" ".join(block.words) for block in doc.body])

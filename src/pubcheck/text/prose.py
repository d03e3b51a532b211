"""The body's prose, as the readability rules measure it: paragraphs, list items and quotes."""

from __future__ import annotations

from ..document import Document

PROSE = ("paragraph", "list-item", "blockquote")


def prose_blocks(doc: Document) -> list:
    """The body's blocks of running prose, in order."""
    return [block for block in doc.body if block.kind in PROSE]

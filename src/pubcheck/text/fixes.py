"""The fix a finding offers to replace the text it points at."""

from __future__ import annotations

from ..document import Document, MappedText
from ..findings import Fix

__all__ = ["replacement_fix"]


def replacement_fix(doc: Document, where: MappedText, found_start: int, found_end: int, replacement: str, safe: bool) -> Fix | None:
    """A fix is offered only where the match is the literal source text (no tags or entities inside)."""
    start, end = where.source_span(found_start, found_end)
    if doc.source[start:end] != where.text[found_start:found_end]:
        return None
    return Fix(start, end, replacement, f"replace with {replacement!r}", safe=safe)

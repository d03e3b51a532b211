"""What several rules build from the same document, built once for the document being checked."""

from __future__ import annotations

import weakref
from functools import wraps
from typing import Callable, TypeVar

from ..document import Document

__all__ = ["latest_document"]

_Result = TypeVar("_Result")


def latest_document(function: Callable[[Document], _Result]) -> Callable[[Document], _Result]:
    """``function(doc)`` remembered for the latest document, as ``lru_cache(maxsize=1)`` would,
    without keeping that document alive: what was built from it is dropped with it, where the
    engine lets go of it, not at the next document's first call (a page's worth of blocks freed
    inside the next article's quote rules)."""
    latest: list[tuple[weakref.ref, _Result] | None] = [None]  # one tuple, read and replaced whole (threads)

    def forget(reference: weakref.ref) -> None:
        entry = latest[0]
        if entry is not None and entry[0] is reference:
            latest[0] = None

    @wraps(function)
    def remembered(doc: Document) -> _Result:
        entry = latest[0]
        if entry is not None and entry[0]() is doc:
            return entry[1]
        result = function(doc)
        latest[0] = (weakref.ref(doc, forget), result)
        return result

    return remembered

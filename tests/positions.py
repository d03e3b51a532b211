"""Positions computed without the library, for the reader tests to check the library against."""

from __future__ import annotations


def snippet(source: str, span: tuple[int, int]) -> str:
    start, end = span
    return source[start:end]


def position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of ``offset`` (lines end at "\\n")."""
    before = source[:offset]
    line = before.count("\n") + 1
    column = offset - (before.rfind("\n") + 1) + 1
    return line, column


def find(mapped, word: str, nth: int = 0) -> tuple[int, int]:
    """Source span of the ``nth`` occurrence of ``word`` in ``mapped.text``."""
    at = -1
    for _ in range(nth + 1):
        at = mapped.text.index(word, at + 1)
    return mapped.source_span(at, at + len(word))

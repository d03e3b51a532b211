"""Regexes compiled on first use, not on import.

Every rule module is imported on every run, for the rule catalogue and the result cache's key,
yet a run answered from the result cache runs no rule, and most articles never reach a rule's
rarer patterns. Compiling the quote and anonymous-source patterns on import cost a one-file run
about 20 ms of its ~110 ms CPU.
"""

from __future__ import annotations

import re

from ..regexes import compiled_lazily

__all__ = ["LazyPattern"]

# The methods of re.Pattern the rules call; each is bound once, at the first use of any.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled the first time it is used. From then on its
    methods are the compiled pattern's own bound methods, kept in slots, so a search costs what
    it costs on the compiled pattern; anything else (``.pattern``, ``.groupindex``) is passed on."""

    __slots__ = ("_source", "_flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only for an attribute not set yet: the first use
        try:
            compiled = object.__getattribute__(self, "_compiled")
        except AttributeError:
            compiled = self._compiled = re.compile(self._source, self._flags)
            compiled_lazily(self._source, self._flags)  # kept compiled for the next run (regexes.py)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[:40]!r}…)"

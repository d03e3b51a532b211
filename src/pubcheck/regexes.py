"""Python regexes kept compiled between runs.

Every run compiles the same hundred-odd patterns with Python's ``re``: the modules' own as they
are imported, the larger ones on first use (``text/patterns.LazyPattern``). That was 26 ms of a
one-file run, paid again by each worker process, and ``re`` keeps what it compiles for the
process only. So the compiled code of each pattern a run used is kept in the cache folder
(:func:`keep`, after linting), and handed back to ``re``'s own cache as pubcheck is imported
(:func:`preload`, 1 ms), where ``re.compile`` finds it before compiling anything.

A pattern made from the kept code is equal (``==``: the same pattern, flags and code) to the one
``re.compile`` makes, and ``re``'s engine checks the code as it takes it. The file is keyed by the
Python build and its regex engine's version, and checked against its checksum. Where this
Python's ``re`` keeps its cache otherwise, or takes code in another form, nothing is preloaded
and ``re`` compiles as it always does.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

import _sre  # type: ignore[import-not-found]

from .cache import cache_folder, keyed_name, read_kept, write_kept

# What the kept code is valid for: another Python or another version of its regex engine compiles afresh.
_ENGINE = (sys.version, _sre.MAGIC, _sre.CODESIZE)
_FILE = keyed_name("regexes-", _ENGINE, ".marshal")
# Patterns kept at most, and preloaded at most: ``re`` drops its oldest entries past _MAXCACHE
# (512), and a run's own patterns must stay in it beside those the process compiles itself.
MOST_KEPT = 400

_cache: dict | None = getattr(re, "_cache", None)
_kept: set[tuple[str | bytes, int]] = set()  # (pattern, flags) of what the file held when preloaded, or last kept


def preload() -> None:
    """Put every pattern the cache folder keeps into ``re``'s cache (unless one differs already there)."""
    if not isinstance(_cache, dict):
        return
    stored = read_kept(_FILE)
    if not isinstance(stored, list):
        return
    try:
        made = [((pattern, flags), _sre.compile(pattern, *arguments)) for (pattern, flags), arguments in stored[:MOST_KEPT]]
    except (TypeError, ValueError, RuntimeError):  # kept in a form this Python does not take: compile afresh
        return
    for (pattern, flags), compiled in made:
        _cache.setdefault((type(pattern), pattern, flags), compiled)
    _kept.update(key for key, _ in made)


def keep() -> None:
    """Add the patterns this process compiled that the cache folder lacks (nothing when it lacks none)."""
    if not isinstance(_cache, dict):
        return
    new = [(pattern, flags) for kind, pattern, flags in list(_cache) if kind in (str, bytes) and not flags & re.DEBUG and (pattern, flags) not in _kept]
    if not new or not _writable(cache_folder()):
        return  # (no code worked out again each run only to go unkept)
    stored = read_kept(_FILE)
    kept = stored if isinstance(stored, list) else []
    known = {key for key, _ in kept}
    try:
        fresh = [(key, _arguments(*key)) for key in new if key not in known]
    except (AttributeError, TypeError, ValueError):  # a Python whose compiler is laid out otherwise: nothing kept
        return
    everything = kept + fresh
    if len(everything) > MOST_KEPT:  # grown with patterns of other programs: keep this run's own
        used = set(new) | _kept
        everything = [entry for entry in everything if entry[0] in used][-MOST_KEPT:]
    write_kept(_FILE, everything)
    _kept.update(key for key, _ in everything)


def _writable(folder: Path) -> bool:
    """Whether ``folder``, or the nearest folder above it that exists, can be written in."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def _arguments(pattern: str | bytes, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes ``_sre.compile`` after the pattern, in a form marshal keeps."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # its opcodes are an int subclass marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)

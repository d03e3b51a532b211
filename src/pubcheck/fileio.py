"""Writing a user's file whole: the one way the report page and the baseline are written.

(``--fix`` writes through its own path in fix.py: it must keep an existing file's owner, mode and
hard links. The cache writes its own files beside tables it may rebuild at any time.)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole: into a new file beside it, with the permissions any new file
    gets (0o666 less the umask), flushed to disk, then renamed over ``path``, so a reader sees the
    old file or the new one, never half of one. Nothing is left behind when it fails."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")  # no two writers share one
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with open(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

"""Starting the service under uvicorn, as ``pubcheck serve`` does.

The settings are read and checked here first, so a broken config or a server with no secrets
stops with one line and exit code 2 before any port is opened. Flags reach uvicorn's worker
processes as environment variables, the same ones an operator can set.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from ..errors import PubcheckError
from .replay import ReplayCache, ReplayStoreError
from .settings import CONFIG_ENV, INSECURE_ENV, Settings, load_settings

EXTRAS = ("starlette", "uvicorn", "httptools", "httpx")
SHUTDOWN_GRACE = 5.0  # seconds beyond the longest request time limit that shutdown waits for in-flight requests


def serve(*, host: str, port: int, workers: int, config: str | None, insecure_no_auth: bool, log_level: str) -> int:
    missing = [name for name in EXTRAS if importlib.util.find_spec(name) is None]
    if missing:
        raise PubcheckError(f"`pubcheck serve` needs {', '.join(missing)}: pip install 'pubcheck[serve]'")
    if config:
        os.environ[CONFIG_ENV] = str(Path(config).resolve())
    if insecure_no_auth:
        os.environ[INSECURE_ENV] = "1"
    settings = load_settings()
    _check_replay_store(settings)

    import uvicorn

    from .app import build_app
    from .logs import log_config

    options = {
        "host": host,
        "port": port,
        "log_config": log_config(log_level),
        "access_log": False,  # pubcheck writes its own, with request ids and finding counts
        "server_header": False,
        "http": "pubcheck.server.connections:GuardedProtocol",  # header deadline, per-client connection cap
        "timeout_graceful_shutdown": max(e.timeout for e in settings.endpoints.values()) + SHUTDOWN_GRACE,
    }
    if workers == 1:
        uvicorn.run(build_app(settings), **options)
    else:  # each worker process builds its app from the same environment
        uvicorn.run("pubcheck.server:create_app", factory=True, workers=workers, **options)
    return 0


def _check_replay_store(settings: Settings) -> None:
    """An unwritable replay store would refuse every WordPress and Strapi delivery: stop before opening the port."""
    store = ReplayCache(settings.replay_cache, settings.replay_window)
    try:
        store.check()
    except ReplayStoreError as exc:
        raise PubcheckError(f"server.replay-cache: {exc}; set it (or PUBCHECK_REPLAY_CACHE) to a writable path") from None
    finally:
        store.close()

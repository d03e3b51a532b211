"""Structured logs: one JSON object per line on stderr, for the access log, the findings and uvicorn's own messages.

Log lines carry ids, counts and codes, never article text, finding messages (they quote the
article), payloads (Ghost's carry staff e-mail addresses) or secrets.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

ACCESS = logging.getLogger("pubcheck.server.access")
LOG = logging.getLogger("pubcheck.server")


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "pid", "message", …fields}``; fields come from ``extra={"fields": {...}}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,  # which worker process, when there are several
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)  # server side only, never in a response
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and pubcheck (uvicorn applies it in every worker process).

    uvicorn's own access log is off: pubcheck writes a richer one (request id, article, counts).
    """
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "pubcheck": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }


def ensure_handler() -> None:
    """When the app runs under someone else's launcher (``uvicorn pubcheck.server:app``), still log JSON."""
    logger = logging.getLogger("pubcheck")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def event(logger: logging.Logger, message: str, level: int = logging.INFO, **fields: Any) -> None:
    logger.log(level, message, extra={"fields": {k: v for k, v in fields.items() if v is not None}})

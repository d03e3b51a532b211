"""Every error the service answers with: a status, a stable ``error.code`` and a one-line message.

Clients (CMS webhook senders, newsroom tooling) branch on ``error.code``, so codes never change
meaning; messages may be reworded. Nothing here ever carries a traceback or a server path. The
service never answers 410: Ghost deletes a webhook that receives one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.responses import Response


class ApiError(Exception):
    """Raised anywhere in request handling; turned into a JSON error response by :func:`error_response`."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        if status == 410:
            raise ValueError("410 makes Ghost delete the webhook; use another status")
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, request_id: str | None, headers: dict[str, str] | None = None) -> "Response":
    """The one shape of every error body: ``{"error": {"code", "message", "request_id"}}``."""
    from starlette.responses import Response  # here: the adapters use ApiError without the web stack

    body = {"error": {"code": code, "message": message, "request_id": request_id}}
    return Response(
        json.dumps(body, ensure_ascii=False).encode(),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )

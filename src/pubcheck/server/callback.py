"""Posting each CMS delivery's findings to a newsroom's callback URL.

Some CMSs do not wait for the answer (the WordPress webhook plugins send and forget), so without
this the findings would only reach the log. The body is the same JSON the CMS was answered
with, signed with ``X-Pubcheck-Signature`` under the callback secret exactly as ``/v1/lint``
requests are, so the receiver can verify it with the same code. Posts run in the background,
are retried on connection errors and 5xx, and shutdown waits for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable

import httpx

from .logs import LOG, event
from .signatures import sign_generic

ATTEMPTS = 3
TIMEOUT = 10.0


class Callback:
    def __init__(self, url: str, secret: str, clock: Callable[[], float] = time.time):
        self.url = url
        self.secret = secret
        self.clock = clock
        self._client = httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)
        self._tasks: set[asyncio.Task] = set()

    def send(self, body: bytes, media_type: str, request_id: str, article_id: str | None) -> None:
        task = asyncio.create_task(self._post(body, media_type, request_id, article_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _post(self, body: bytes, media_type: str, request_id: str, article_id: str | None) -> None:
        status, error = None, None
        for attempt in range(1, ATTEMPTS + 1):
            headers = {
                "content-type": media_type,
                "x-request-id": request_id,
                "x-pubcheck-signature": sign_generic(self.secret, body, int(self.clock())),
            }
            try:
                response = await self._client.post(self.url, content=body, headers=headers)
                status, error = response.status_code, None
            except httpx.HTTPError as exc:
                status, error = None, type(exc).__name__
            if status is not None and status < 500 or attempt == ATTEMPTS:
                break
            await asyncio.sleep(2 ** (attempt - 1))
        ok = status is not None and status < 400
        event(LOG, "callback delivered" if ok else "callback failed", logging.INFO if ok else logging.WARNING,
              request_id=request_id, article_id=article_id, status=status, error=error, attempts=attempt)

    async def close(self, timeout: float) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)
        await self._client.aclose()

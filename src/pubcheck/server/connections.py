"""Connection guards uvicorn lacks: a deadline and a size bound for request headers, and a cap on one client's connections.

uvicorn bounds the idle time between keep-alive requests, but not how long a request's headers
take to arrive, so a client trickling a header byte every few seconds (slowloris) holds its
connection for ever; nor how large they are (150 MB of headers were buffered whole); nor how
many connections one address holds. Both are enforced
here, in uvicorn's httptools protocol, through httptools' own parser callbacks
(``on_message_begin``, ``on_headers_complete``) and the asyncio protocol interface. A body that
arrives too slowly is the application's to cut (``408``, see app.py). ``pubcheck serve`` passes
this protocol to uvicorn; ``build_app`` sets the limits for its process.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .settings import DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_CLIENT


@dataclass(frozen=True)
class ConnectionLimits:
    header_timeout: float  # seconds from a request's first byte (or the connection) to its last header line
    per_client: int  # connections one client address may hold open at once, per worker process


LIMITS = ConnectionLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_CLIENT)
MAX_HEAD_BYTES = 64 * 1024  # a request's target and headers; a CMS sends a few hundred bytes
REFUSAL_LINGER = 1.0  # seconds a refused connection stays half-open, so the client reads its 429 instead of a reset


def configure(limits: ConnectionLimits) -> None:
    global LIMITS
    LIMITS = limits


def _raw_error(status: str, code: str, message: str) -> bytes:
    body = json.dumps({"error": {"code": code, "message": message, "request_id": None}}).encode()
    head = (f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            "connection: close\r\n\r\n")
    return head.encode() + body


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header deadline and a per-client connection cap."""

    open_by_client: Counter[str] = Counter()  # this worker process's open connections, by client address

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._address: str | None = None
        self._refused = False
        self._header_timer: asyncio.TimerHandle | None = None
        self._head_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        peer = transport.get_extra_info("peername")
        self._address = peer[0] if isinstance(peer, tuple) else None
        if self._address is not None and self.open_by_client[self._address] >= LIMITS.per_client:
            self._refuse(transport)
            return
        if self._address is not None:
            self.open_by_client[self._address] += 1
        super().connection_made(transport)
        self._arm()

    def _refuse(self, transport: asyncio.Transport) -> None:
        """Answer 429 and close; half-closed first so what the client already sent cannot turn the answer into a reset."""
        self._refused = True
        transport.write(_raw_error("429 Too Many Requests", "too-many-connections",
                                   f"this client already holds {LIMITS.per_client} connections "
                                   "(server.max-connections-per-client); reuse them or close some"))
        if transport.can_write_eof():
            transport.write_eof()
            self.loop.call_later(REFUSAL_LINGER, transport.close)
        else:
            transport.close()

    def data_received(self, data: bytes) -> None:
        if not self._refused:  # a refused connection's request is read and dropped
            super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._refused:
            return
        self._disarm()
        if self._address is not None:
            self.open_by_client[self._address] -= 1
            if not self.open_by_client[self._address]:
                del self.open_by_client[self._address]
        super().connection_lost(exc)

    # httptools parser callbacks: a request starts, its target and headers arrive, they are complete
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        if self._header_timer is None:  # the first request's deadline runs from the connection
            self._arm()

    def on_url(self, url: bytes) -> None:
        self._count_head(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_head(len(name) + len(value))
        super().on_header(name, value)

    def _count_head(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > MAX_HEAD_BYTES:  # the parser stops; uvicorn answers its plain 400 and closes
            raise ValueError(f"request headers over {MAX_HEAD_BYTES} bytes")

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(LIMITS.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            self._arm()  # a pipelined request waits behind a running one: that one's time limit applies
            return
        if not self.transport.is_closing():
            self.transport.write(_raw_error("408 Request Timeout", "request-timeout",
                                            f"the request headers did not arrive within {LIMITS.header_timeout:g} s"))
            self.transport.close()

"""Bounded lint work: how many requests a worker process holds at once, and how long each may take.

The linter is CPU-bound pure Python, so it runs in a small thread pool and the event loop stays
free to accept connections, answer health checks and time requests out. Every lint request
takes a slot before its body is read, so a burst can hold at most ``running + queued`` bodies in
memory; with no slot free the answer is an immediate 503 with ``Retry-After``. A lint cannot be
interrupted half-way (threads cannot be killed), so when a request runs out of time its client
gets 503 at once while the job finishes in the background, still holding its slot: runaway work
is bounded by the slots, never multiplied by retries.
"""

from __future__ import annotations

import asyncio
import math
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from .errors import ApiError

T = TypeVar("T")


class Slot:
    """One admitted request's claim on the pool; released exactly once, by whoever finishes last."""

    def __init__(self, free: Callable[[], None]):
        self._free = free
        self._lock = threading.Lock()
        self._released = False
        self.handed_off = False  # the lint job now owns the slot and releases it when it ends

    def release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
        self._free()


class LintPool:
    def __init__(self, workers: int, queue: int, retry_after: float):
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pubcheck-lint")
        self._capacity = workers + queue
        self._held = 0
        self._lock = threading.Lock()
        self.retry_after = str(max(1, math.ceil(retry_after)))

    def admit(self) -> Slot:
        """A slot for one request, or 503 when every slot is taken."""
        with self._lock:
            if self._held >= self._capacity:
                raise ApiError(503, "overloaded", "the service is at capacity; retry shortly", {"Retry-After": self.retry_after})
            self._held += 1
        return Slot(self._free)

    def _free(self) -> None:
        with self._lock:
            self._held -= 1

    async def run(self, job: Callable[[], T], timeout: float) -> T:
        """Run ``job`` in a worker thread; 503 when no slot is free or it has not finished within ``timeout`` seconds."""
        slot = self.admit()
        try:
            future = self._executor.submit(job)
        except BaseException:
            slot.release()
            raise
        slot.handed_off = True
        future.add_done_callback(lambda _: slot.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(timeout, 0.0))
        except TimeoutError:
            future.cancel()  # frees the slot now if the job had not started; else it finishes unseen
            raise ApiError(
                503, "timeout", "linting did not finish within the time limit; retry shortly", {"Retry-After": self.retry_after}
            ) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)

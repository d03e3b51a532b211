"""Bounded lint work: how many requests a worker process holds at once, and how long and how much memory each lint may take.

The linter is CPU-bound pure Python and a thread cannot be stopped, so each lint runs in a worker
process of its own (worker.py; ``max-concurrent`` of them, each with the rules built once), watched
by a thread that the event loop awaits: the loop stays free to accept connections, answer health
checks and time requests out. A lint still running at its request's deadline, or whose process
grows by more than ``lint-memory`` while it runs, is stopped (SIGKILL) and its process replaced, so
a pathological article costs one time limit, never a slot for good. A request takes a slot only
once its body is read and verified; with no slot free the answer is an immediate 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import math
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from ..config import Config
from .adapters import Article
from .errors import ApiError
from .linting import Outcome
from .logs import LOG, event
from .worker import receive, send

POLL = 0.05  # seconds between memory readings while a lint runs
START_TIMEOUT = 120.0  # seconds a worker process may take to build the rules and warm up at start-up
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
PENDING = object()  # no message from the worker process yet


class Overrun(Exception):
    """A lint went past its deadline or its memory bound (``limit``: "time" or "memory") and was stopped."""

    def __init__(self, limit: str):
        super().__init__(limit)
        self.limit = limit


def _resident(pid: int) -> int | None:
    """The process's resident memory in bytes (Linux /proc); None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class LintProcess:
    """One worker process and its pipes; started again whenever a lint in it has to be stopped."""

    def __init__(self, config: Config):
        self.config = config
        self._start()

    def _start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "pubcheck.server.worker"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.ready = False
        self._answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
        threading.Thread(target=_read_answers, args=(self.process.stdout, self._answers), daemon=True,
                         name="pubcheck-lint-answers").start()
        send(self.process.stdin, self.config)

    def _answer(self, deadline: float) -> Any:
        """The process's next message if one comes within POLL seconds (and before ``deadline``), else PENDING;
        None once the process has gone."""
        remaining = deadline - time.monotonic()
        try:
            return self._answers.get(timeout=min(remaining, POLL)) if remaining > 0 else PENDING
        except queue.Empty:
            return PENDING

    def wait_ready(self, deadline: float) -> bool:
        """Whether the process has built its rules by ``deadline`` (a replacement takes about a second)."""
        while not self.ready and time.monotonic() < deadline:
            message = self._answer(deadline)
            if message is None:
                self.replace("it exited while starting")
                raise RuntimeError("a lint worker process exited while starting; the log has its error")
            self.ready = message is not PENDING  # its first message says it is ready
        return self.ready

    def lint(self, article: Article, sarif: bool, deadline: float, memory: int) -> Outcome:
        baseline = _resident(self.process.pid)
        try:
            send(self.process.stdin, (article, sarif))
        except OSError:
            self.replace("it stopped taking work")
            raise RuntimeError("the lint worker process stopped taking work") from None
        while (answer := self._answer(deadline)) is PENDING:
            if time.monotonic() >= deadline:
                self.replace("a lint ran out of time")
                raise Overrun("time")
            used = _resident(self.process.pid)
            if baseline is not None and used is not None and used - baseline > memory:
                self.replace("a lint went over the memory limit")
                raise Overrun("memory")
        if answer is None:
            self.replace("it exited during a lint")
            raise RuntimeError("the lint worker process exited during the lint (killed for memory by the system?)")
        kind, value = answer
        if kind == "refused":
            raise ApiError(*value)
        if kind == "crashed":
            raise RuntimeError(f"the lint failed in the worker process:\n{value}")
        return value

    def replace(self, reason: str) -> None:
        event(LOG, f"lint worker process replaced: {reason}", pid=self.process.pid)
        self.stop(kill=True)
        self._start()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        self.process.stdin.close()  # the worker ends when its input does
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _read_answers(stream: BinaryIO, answers: queue.SimpleQueue) -> None:
    """Every message from a worker process, then None once it has gone. A thread rather than select(),
    which cannot wait on a pipe on Windows."""
    try:
        while True:
            answers.put(receive(stream))
    except (EOFError, OSError, pickle.UnpicklingError):
        answers.put(None)
    finally:
        stream.close()


class LintPool:
    def __init__(self, config: Config, workers: int, queue_size: int, memory: int, retry_after: float):
        self._config = config
        self._workers = workers
        self._memory = memory
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pubcheck-lint")
        self._idle: queue.SimpleQueue[LintProcess] = queue.SimpleQueue()  # as many processes as threads: never empty for a thread
        self._processes: list[LintProcess] = []
        self._capacity = workers + queue_size
        self._held = 0
        self._lock = threading.Lock()
        self.retry_after = str(max(1, math.ceil(retry_after)))

    def start(self) -> None:
        """Start the worker processes and wait until each has built its rules."""
        deadline = time.monotonic() + START_TIMEOUT
        self._processes = [LintProcess(self._config) for _ in range(self._workers)]
        for process in self._processes:
            if not process.wait_ready(deadline):
                raise RuntimeError(f"a lint worker process did not start within {START_TIMEOUT:g} s")
            self._idle.put(process)

    @property
    def in_use(self) -> tuple[int, int]:
        """Slots taken (running and queued lints) and the capacity."""
        return self._held, self._capacity

    def _admit(self) -> None:
        with self._lock:
            if self._held >= self._capacity:
                raise ApiError(503, "overloaded", "the service is at capacity; retry shortly", {"Retry-After": self.retry_after})
            self._held += 1

    def _free(self, _: Any = None) -> None:
        with self._lock:
            self._held -= 1

    async def run(self, article: Article, sarif: bool, timeout: float) -> Outcome:
        """Lint in a worker process: 503 when no slot is free or the time runs out, 422 when the memory does."""
        self._admit()
        deadline = time.monotonic() + timeout
        try:
            future = self._executor.submit(self._lint, article, sarif, deadline)
        except BaseException:
            self._free()
            raise
        future.add_done_callback(self._free)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(timeout, 0.0))
        except (TimeoutError, Overrun) as exc:
            future.cancel()  # a queued job never starts; a running one is stopped at the same deadline
            if isinstance(exc, Overrun) and exc.limit == "memory":
                raise ApiError(422, "memory-limit", f"linting this article took more than the {self._memory:,}-byte "
                               "memory limit (server.lint-memory) and was stopped") from None
            raise ApiError(503, "timeout", "linting did not finish within the time limit; retry shortly",
                           {"Retry-After": self.retry_after}) from None

    def _lint(self, article: Article, sarif: bool, deadline: float) -> Outcome:
        process = self._idle.get()
        try:
            if not process.wait_ready(deadline):  # a replacement still building its rules
                raise Overrun("time")
            return process.lint(article, sarif, deadline, self._memory)
        finally:
            self._idle.put(process)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)
        for process in self._processes:
            process.stop()

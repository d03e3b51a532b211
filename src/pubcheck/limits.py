"""Bounded work: a time limit and a memory budget around linting one file (or answering one request).

    from pubcheck.limits import deadline, memory_budget, MemoryLimitExceeded, TimeLimitExceeded

    try:
        with memory_budget(2 * 1024**3), deadline(30):
            report = linter.lint_text(text, "html", "story.html")
    except TimeLimitExceeded: ...
    except MemoryLimitExceeded: ...

Python code running past the deadline is interrupted between two bytecodes; a C call finishes
first. On the main thread the deadline is a SIGALRM interval timer, which also interrupts a blocking
read and a regular-expression match (the re module looks at signals as it runs); on any other thread
a watchdog thread raises the exception in it at its next bytecode. The memory budget caps the process's address space (RLIMIT_AS) at what it
uses on entry plus the budget, so an allocation past it raises MemoryError, reported as
MemoryLimitExceeded. The cap is process-wide: give one budget to work that runs in threads.
Without ``signal.setitimer`` (Windows) the watchdog serves the main thread too; without
``resource`` or ``/proc/self/statm`` (Windows, macOS) there is no memory cap.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import time

try:
    import resource
except ImportError:  # Windows
    resource = None


class LimitExceeded(BaseException):
    """Work stopped by a limit. A BaseException, like KeyboardInterrupt, so that code catching
    ``Exception`` (a rule guarding itself) cannot swallow it and run on past the limit."""


class TimeLimitExceeded(LimitExceeded):
    """The deadline passed."""


class MemoryLimitExceeded(LimitExceeded):
    """An allocation would have taken the process past its memory budget."""


class deadline:
    """Raise TimeLimitExceeded in the block once ``seconds`` have passed (None: no limit)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._armed = False
        self._previous = None
        self._watched = False

    def __enter__(self) -> "deadline":
        if not self.seconds:
            return self
        if _alarm_free():
            self._previous = signal.signal(signal.SIGALRM, self._ring)
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._watched = _WATCHDOG.watch(self)
        return self

    def _ring(self, signum, frame) -> None:
        if self._armed:  # still inside the block: put the previous handler back, then stop the work
            self._disarm()
            raise TimeLimitExceeded(self.seconds)

    def _disarm(self) -> None:
        self._armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)

    def __exit__(self, exc_type, exc, traceback) -> None:
        if self._armed:
            self._disarm()
        elif self._watched:
            _WATCHDOG.forget(self)
        if exc_type is TimeLimitExceeded and not exc.args:  # raised by the watchdog, which passes a class
            raise TimeLimitExceeded(self.seconds) from None


def _alarm_free() -> bool:
    """SIGALRM is ours to use: on the main thread, on Unix, with no interval timer already running."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


class _Watchdog:
    """One daemon thread that raises TimeLimitExceeded in threads whose deadline has passed.

    The exception can surface at any bytecode of the target thread, also in ``watch`` and
    ``forget``, so those take only C locks with ``with`` (nowhere for it to surface between acquire
    and release) and never a Condition or Event, whose methods are Python code that would leave
    their lock held."""

    def __init__(self):
        self._lock = threading.Lock()
        self._bell = threading.Lock()  # held; released to wake the watchdog thread early
        self._bell.acquire()
        self._due: dict[deadline, tuple[float, int]] = {}  # -> (when, thread ident); fired ones leave
        self._thread: threading.Thread | None = None

    def watch(self, limit: deadline) -> bool:
        if _set_async_exc() is None:
            return False
        with self._lock:
            self._due[limit] = (time.monotonic() + limit.seconds, threading.get_ident())
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pubcheck-deadlines", daemon=True)
                self._thread.start()
        try:
            self._bell.release()
        except RuntimeError:  # already rung
            pass
        return True

    def forget(self, limit: deadline) -> None:
        with self._lock:
            if self._due.pop(limit, None) is None:  # fired as the block ended: withdraw it if not yet raised
                _set_async_exc()(threading.get_ident(), None)

    def _run(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                for limit, (when, ident) in list(self._due.items()):
                    if when <= now:
                        del self._due[limit]
                        _set_async_exc()(ident, TimeLimitExceeded)
                wait = min((when for when, _ in self._due.values()), default=now + 3600) - now
            self._bell.acquire(timeout=wait)

    def _after_fork(self) -> None:  # the thread does not exist in a forked child
        self.__init__()


@functools.cache
def _set_async_exc():
    """``f(thread ident, exception class or None)``: raise that exception in the thread at its next
    bytecode (None withdraws it); None where the interpreter has no such call (not CPython)."""
    try:
        import ctypes

        raw = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # not CPython
        return None
    raw.argtypes = (ctypes.c_ulong, ctypes.py_object)

    def set_async_exc(ident: int, exc_class) -> None:
        raw(ident, ctypes.py_object() if exc_class is None else exc_class)

    return set_async_exc


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_WATCHDOG._after_fork)


class memory_budget:
    """Let the block grow the process by at most ``nbytes`` (None: no limit); an allocation past
    that raises MemoryLimitExceeded once the block has unwound and its memory is free again."""

    def __init__(self, nbytes: int | None):
        self.nbytes = nbytes
        self._previous: tuple[int, int] | None = None

    def __enter__(self) -> "memory_budget":
        in_use = _address_space() if self.nbytes else None
        if in_use is not None:
            soft, hard = self._previous = resource.getrlimit(resource.RLIMIT_AS)
            cap = in_use + self.nbytes
            for bound in (soft, hard):  # never loosen a limit someone else set
                if bound != resource.RLIM_INFINITY:
                    cap = min(cap, bound)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if self._previous is not None:
            resource.setrlimit(resource.RLIMIT_AS, self._previous)
            if exc_type is not None and issubclass(exc_type, MemoryError):
                raise MemoryLimitExceeded(self.nbytes) from None


def give_back_freed_memory() -> None:
    """Return to the system what the C library keeps of memory Python has freed. glibc holds the
    memory of freed large objects (a long page's text joined, copied or lowered) for its own
    later use, which Python's arenas of small objects cannot take, so each stage of a large
    page's lint would pile its copies on the last's. A few milliseconds a call: for large pages.
    Where the C library has no malloc_trim, nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: a run of articles never needs it, and importing it costs a start-up some milliseconds

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # a C library without it
        return None


def _address_space() -> int | None:
    """Bytes of address space this process has mapped (Linux), or None where that is unknown."""
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        return None
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None

"""A lint worker process: builds the rules once, then lints one article at a time for the server's pool.

Run as ``python -m pubcheck.server.worker`` by pool.py, never by hand. Messages are length-prefixed
pickles on stdin and stdout, between two processes of the same install: first the config in,
then ``ready`` out; then, for ever, ``(article, sarif)`` in and ``(kind, value)`` out, where kind
is ``ok`` (an Outcome), ``refused`` (an ApiError's status, code and message) or ``crashed`` (a
traceback, for the server's log). The process ends
when stdin closes. The server stops it (SIGKILL) when a lint overruns its time or memory bound,
so it ignores the terminal's and orchestrator's signals and leaves shutdown to the server.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import sys
import traceback
from typing import Any, BinaryIO

HEADER = struct.Struct("!Q")  # the length of the pickle that follows


def send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> Any:
    """The next message; EOFError when the other side has gone."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError
    (size,) = HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def main() -> None:
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the message stream

    from .errors import ApiError
    from .linting import LintService

    service = LintService(receive(requests))
    service.warm_up()
    gc.freeze()  # the rules' tables (CMU dictionary, word lists) are permanent: keep them out of every GC pass
    send(answers, ("ready", os.getpid()))
    while True:
        try:
            article, sarif = receive(requests)
        except EOFError:
            return
        try:
            send(answers, ("ok", service.lint(article, sarif)))
        except ApiError as exc:
            send(answers, ("refused", (exc.status, exc.code, exc.message)))
        except Exception:
            send(answers, ("crashed", traceback.format_exc()))


if __name__ == "__main__":
    main()

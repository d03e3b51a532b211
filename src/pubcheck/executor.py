"""Where a batch's files are linted: here (engine.Batch's worker processes), or on a Dask cluster.

On Dask the client (this process) reads each file, looks it up in the result cache, and ships
its bytes, with the effective Config of the file, to a worker, which lints them with the same
per-file call as a local run (``Linter.lint_bytes`` within the file's time limit). Bytes are
shipped so that workers need not see the client's files (a laptop's archive, a CI checkout);
the content hash keys the cache either way. Workers must have the same pubcheck (and plugins,
packs and dictionary at the same paths) installed. Each worker builds a config's rules once.
A worker lost mid-run has its files linted again elsewhere (the scheduler reschedules them, up
to its ``allowed-failures``); a file whose workers keep dying is reported, the others still run.
"""

from __future__ import annotations

import warnings
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .engine import content_digest, linter_for, within_limits
from .errors import PubcheckError, UsageError
from .findings import Report

if TYPE_CHECKING:
    from .engine import RunLinters

CONNECT_TIMEOUT = 5  # seconds to reach a scheduler before giving up with one line, exit 2
WORKER_WAIT = 30  # seconds a scheduler may have no workers before the run gives up the same way
IN_FLIGHT_PER_WORKER_THREAD = 4  # files sent ahead per worker thread: enough to keep it busy, bounded memory
RESHIPMENTS = 3  # times a file whose task the cluster cancelled is submitted again


@contextmanager
def executor(where: str, jobs: int):
    """None for ``local`` (engine.Batch's own processes); for ``dask-local`` or ``dask://HOST:PORT``,
    a function that lints a batch's files on that cluster, reports in order as they finish."""
    if where == "local":
        yield None
        return
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(f"--executor {where} needs Dask: pip install 'pubcheck[dask]'") from None
    logging.getLogger("distributed").setLevel(logging.ERROR)  # a rescheduled file is Dask's business, not the user's
    if where == "dask-local":
        with warnings.catch_warnings():  # its HTTP endpoint falls back to a free port when 8787 is taken: fine
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        with cluster, Client(cluster) as client:
            yield lambda files, linters: _lint_on_dask(client, files, linters)
        return
    address = "tcp://" + where.removeprefix("dask://")
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise PubcheckError(f"cannot reach the Dask scheduler at {address}: {str(exc).splitlines()[0]}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise PubcheckError(f"the Dask scheduler at {address} has had no workers for {WORKER_WAIT} s; start some") from None
        yield lambda files, linters: _lint_on_dask(client, files, linters)


def _lint_on_dask(client, files: list[Path], linters: RunLinters) -> Iterator[Report]:
    import hashlib
    import pickle  # here, not at the top: every `pubcheck lint` imports this module, few use Dask
    from concurrent.futures import CancelledError  # with logging and traceback: 5 ms of every run's start

    from distributed import KilledWorker

    threads = sum(client.nthreads().values()) or 1
    ahead: deque = deque()  # ((future, config) or None, linter or settled report, cache key, path, (bytes, format)), in file order
    shipped: dict[int, object] = {}  # id(linter) -> its config, scattered to the workers (linters live through the run)

    def ship(linter: Linter, data: bytes, fmt: str, display: str) -> tuple:
        """The file's future and the scattered config it uses."""
        if id(linter) not in shipped:
            # hash=False: a config scattered again after a loss gets a new key, not the forgotten one
            shipped[id(linter)] = client.scatter(linter.config, broadcast=True, hash=False)
        config = shipped[id(linter)]
        return client.submit(lint_shipped, config, data, fmt, display, pure=False), config

    def send(path: Path) -> tuple:
        display = str(path)
        linter = linters(display)
        loaded = linter.load(path, display, linters.options.format)
        if isinstance(loaded, Report):
            return None, loaded, None, display, None
        data, fmt = loaded
        key = linter.result_key(display, fmt, content_digest(data))
        cached = linter.results.get(key, display) if key else None
        if cached is not None:
            return None, cached, None, display, None
        return ship(linter, data, fmt, display), linter, key, display, (data, fmt)

    def receive(item: tuple) -> Report:
        shipment, linter, key, path, content = item
        if shipment is None:
            return linter
        for attempt in range(RESHIPMENTS + 1):
            future, config = shipment
            try:
                report = future.result()
                break
            except KilledWorker:
                return Report(path, None, error="every Dask worker that linted this file died; the other files were still checked")
            except CancelledError:
                # The scheduler forgets the scattered config when every worker holding it died
                # ("already forgotten"), cancelling the files that use it: scatter it again, resubmit.
                if attempt == RESHIPMENTS:
                    return Report(path, None, error="the Dask cluster kept losing this file's task; the other files were still checked")
                if shipped.get(id(linter)) is config:
                    del shipped[id(linter)]
                shipment = ship(linter, *content, path)
        linter.keep(key, report)
        return report

    for path in files:
        ahead.append(send(path))
        while len(ahead) > threads * IN_FLIGHT_PER_WORKER_THREAD:
            yield receive(ahead.popleft())
    while ahead:
        yield receive(ahead.popleft())


def lint_shipped(config, data: bytes, fmt: str, path: str) -> Report:
    """On a Dask worker: lint one file's bytes with the rules for ``config`` (built once per worker)."""
    linter = linter_for(config)
    # no memory cap here: it would be process-wide, and the worker's own threads share the process
    return linter.lint_bytes(
        data, fmt, path, within=lambda lint: within_limits(linter, path, lint, linter.config.max_memory, own_budget=False)
    )

"""Load test for `pubcheck serve`: requests/second and p50/p95/p99 latency of POST /v1/lint.

Starts the service (``--workers`` uvicorn processes, every offline rule on) on a free loopback
port, unless ``--url`` points at one already running, then, from this second process:

1. warm-up requests;
2. paced open-loop load: request ``i`` is sent at ``start + i / rate`` whether or not earlier
   ones have been answered, and its latency is counted from that scheduled moment, so a server
   that falls behind shows it (no coordinated omission);
3. saturation: ``--concurrency`` clients send back to back for ``--duration`` seconds; the
   answered requests/second is the throughput ceiling.

Every request is signed with ``X-Pubcheck-Signature`` (as a CMS integration would) and must come
back 200 with a verdict; anything else counts as an error. The client shares the machine's
cores with the server, so its own CPU time is reported too. Pure Python (asyncio streams)::

    python benchmarks/load.py                       # 100 req/s for 20 s, then saturation
    python benchmarks/load.py --rate 150 --duration 30 --workers 2 --json out.json
    python benchmarks/load.py --url http://127.0.0.1:8080 --secret "$PUBCHECK_WEBHOOK_SECRET"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pubcheck.server.signatures import sign_generic  # noqa: E402  (the same signing code a sender would use)

DEFAULT_ARTICLE = ROOT / "fixtures/articles/celeste-marrow-dorian-vance-feud.html"  # ~900 words of real markup


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] if ordered else float("nan")


class Target:
    """``POST /v1/lint`` over plain keep-alive HTTP/1.1 connections.

    Written on asyncio streams rather than an HTTP library: the client shares the machine's two
    cores with the server, and httpx spent about as much CPU per request as the server's lint.
    """

    def __init__(self, url: str, secret: str, body: bytes):
        parsed = urlsplit(url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.secret = secret
        self.body = body
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.errors: list[str] = []
        self._signed = (0, "")

    def _signature(self) -> str:
        now = int(time.time())
        if self._signed[0] != now:  # one HMAC a second, as the timestamp only changes that often
            self._signed = (now, sign_generic(self.secret, self.body, now))
        return self._signed[1]

    async def send(self) -> bool:
        """One request; True when it came back 200 with a verdict.

        Idle connections are reused oldest first, so the load spreads over every connection (and
        so over the worker processes that accepted them); one the server closed while idle
        (uvicorn's keep-alive timeout) is replaced, as any HTTP client does.
        """
        head = (f"POST /v1/lint HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(self.body)}\r\nX-Pubcheck-Signature: {self._signature()}\r\n\r\n").encode()
        while True:
            reused = bool(self.idle)
            reader, writer = self.idle.pop(0) if reused else await asyncio.open_connection(self.host, self.port)
            try:
                writer.write(head + self.body)
                status_line = await reader.readline()
                if not status_line and reused:
                    writer.close()
                    continue
                status = int(status_line.split()[1])
                length, close = 0, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "connection":
                        close = value.strip().lower() == "close"
                answer = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, IndexError, ValueError) as exc:
                writer.close()
                self.errors.append(type(exc).__name__)
                return False
            break
        if close:
            writer.close()
        else:
            self.idle.append((reader, writer))
        if status != 200 or b'"verdict"' not in answer:
            self.errors.append(f"HTTP {status}")
            return False
        return True

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


async def paced(target: Target, rate: float, duration: float) -> dict:
    """Open loop: request i leaves at start + i/rate; latency runs from then to the last byte."""
    latencies: list[float] = []
    start = time.perf_counter() + 0.05
    total = int(rate * duration)

    async def one(i: int) -> None:
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        if await target.send():
            latencies.append(time.perf_counter() - scheduled)

    await asyncio.gather(*(one(i) for i in range(total)))
    target.close()
    return _stats(f"paced {rate:g} req/s", total, latencies, time.perf_counter() - start)


async def saturate(target: Target, concurrency: int, duration: float) -> dict:
    """Closed loop: ``concurrency`` clients send back to back; throughput is answered requests per second."""
    latencies: list[float] = []
    sent = 0
    start = time.perf_counter()
    stop = start + duration

    async def client() -> None:
        nonlocal sent
        while time.perf_counter() < stop:
            began = time.perf_counter()
            sent += 1
            if await target.send():
                latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    target.close()
    return _stats(f"saturation, {concurrency} clients", sent, latencies, time.perf_counter() - start)


def _stats(name: str, sent: int, latencies: list[float], elapsed: float) -> dict:
    ms = [x * 1000 for x in latencies]
    return {
        "phase": name, "sent": sent, "ok": len(ms), "errors": sent - len(ms), "seconds": round(elapsed, 2),
        "rps": round(len(ms) / elapsed, 1),
        **{f"p{p}_ms": round(percentile(ms, p), 1) for p in (50, 95, 99)},
        "max_ms": round(max(ms), 1) if ms else None,
    }


def server_cpu_seconds(pid: int) -> float | None:
    """CPU time of the server and its worker processes so far (Linux /proc; None elsewhere).

    On a shared machine the answered requests/second depend on what else runs; the server's
    CPU time per request does not, so it is reported as well."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = 0
        for process in [str(pid), *children]:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def start_server(workers: int, secret: str, folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PUBCHECK_WEBHOOK_SECRET": secret, "PUBCHECK_REPLAY_CACHE": str(folder / "replay.sqlite3")}
    log = open(folder / "server.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "pubcheck", "serve", "--port", str(port), "--workers", str(workers),
                                "--log-level", "warning"], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urlopen(f"{url}/readyz", timeout=1) as answer:
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"server did not become ready; see {folder / 'server.log'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--secret", default=os.environ.get("PUBCHECK_WEBHOOK_SECRET"), help="its PUBCHECK_WEBHOOK_SECRET")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes for the started server (default: 2)")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="HTML article to lint (default: a ~900-word fixture)")
    parser.add_argument("--rate", type=float, default=100.0, help="paced load, requests/second (default: 100)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each phase (default: 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="clients in the saturation phase (default: 32)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    text = args.article.read_text(encoding="utf-8")
    body = json.dumps({"content": text, "format": "html", "title": "Load test"}).encode()
    with tempfile.TemporaryDirectory(prefix="pubcheck-load-") as folder:
        process = None
        if args.url:
            if not args.secret:
                parser.error("--url needs --secret (or PUBCHECK_WEBHOOK_SECRET)")
            url, secret = args.url, args.secret
        else:
            secret = secrets.token_hex(16)
            process, url = start_server(args.workers, secret, Path(folder))
        try:
            target = Target(url, secret, body)
            asyncio.run(saturate(target, 4, 2.0))  # warm-up
            target.errors.clear()
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            results = []
            for phase in (paced(target, args.rate, args.duration), saturate(target, args.concurrency, args.duration)):
                before = server_cpu_seconds(process.pid) if process else None
                results.append(asyncio.run(phase))
                after = server_cpu_seconds(process.pid) if process else None
                if before is not None and after is not None and results[-1]["ok"]:
                    results[-1]["server_cpu_ms_per_request"] = round((after - before) * 1000 / results[-1]["ok"], 1)
            used = resource.getrusage(resource.RUSAGE_SELF)
        finally:
            if process:
                process.send_signal(signal.SIGTERM)
                process.wait(30)
    words = len(text.split())
    summary = {
        "article": {"path": str(args.article.relative_to(ROOT) if args.article.is_relative_to(ROOT) else args.article), "words≈": words},
        "server": {"url": args.url or "started here", "workers": None if args.url else args.workers, "cpus": os.cpu_count()},
        "client_cpu_seconds": round(used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime, 1),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # other work on the machine skews the figures
        "error_kinds": sorted(set(target.errors)),
        "phases": results,
    }
    print(f"pubcheck serve load test: {summary['article']['path']} (~{words} words incl. markup), "
          f"{summary['server']['workers'] or '?'} workers, {os.cpu_count()} CPUs")
    print(f"{'phase':<26}{'sent':>7}{'ok':>7}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}{'server CPU ms/req':>19}")
    for r in results:
        print(f"{r['phase']:<26}{r['sent']:>7}{r['ok']:>7}{r['errors']:>7}{r['rps']:>8}{r['p50_ms']:>8}{r['p95_ms']:>8}"
              f"{r['p99_ms']:>8}{r['max_ms']:>8}{r.get('server_cpu_ms_per_request', 'n/a'):>19}")
    print(f"client CPU: {summary['client_cpu_seconds']} s (it shares the cores with the server); "
          f"load average before/after: {summary['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

"""`pubcheck serve` under hostile load and hostile input, tested on the real server process.

Slow senders go in over raw sockets to 127.0.0.1 (httpx would never send this slowly); every loop
is bounded and stops by itself. The load is small and the limits are configured tight, so each
case runs in seconds.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from test_server import (ALL_SECRETS, SIGNERS, WEBHOOK_SECRET, Server, assert_error, free_port, ghost_signed,
                         huge_article, lint_body, pubcheck_signed, sample)

SLOW_SENDERS = 70  # more than the default lint capacity (1 running + 64 queued)


def http_request(path: str, body: bytes = b"", length: int | None = None, headers: dict[str, str] | None = None) -> bytes:
    """A request's head, and as much of its body as given; ``length`` may promise more than is sent."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             f"Content-Length: {len(body) if length is None else length}",
             *(f"{k}: {v}" for k, v in (headers or {}).items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def read_until_closed(sock: socket.socket, within: float) -> tuple[bytes, float | None]:
    """Everything the server sends, and how long until it closed the connection (None: still open after ``within``)."""
    started, received = time.monotonic(), b""
    while time.monotonic() - started < within:
        sock.settimeout(max(within - (time.monotonic() - started), 0.01))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            break
        except ConnectionResetError:
            return received, time.monotonic() - started
        if not chunk:
            return received, time.monotonic() - started
        received += chunk
    return received, None


def status_and_error(raw: bytes) -> tuple[int, str | None]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)["error"]["code"] if body.startswith(b"{") and b'"error"' in body else None


# -- 13: slow, unauthenticated requests cannot starve the signed ones -------------------------------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """Default lint capacity; a 2 s request limit (Ghost 1.5 s); 1 s for headers; the tests' one address may hold 200 connections."""
    config = "server:\n  timeout: 2\n  header-timeout: 1\n  max-connections-per-client: 200\n"
    started = Server(tmp_path_factory.mktemp("guarded"), env=ALL_SECRETS, config=config)
    yield started
    assert started.stop()


def test_seventy_slow_unsigned_bodies_do_not_keep_a_signed_ghost_delivery_out(guarded):
    slow = []
    try:
        for _ in range(SLOW_SENDERS):  # headers and one byte of a body that never finishes
            sock = connect(guarded)
            sock.sendall(http_request("/v1/lint", b"{", length=100_000))
            slow.append(sock)
        time.sleep(0.2)  # every slow request has reached the application and is waiting for its body
        ready = guarded.client.get("/readyz")  # no lint slot is taken, so ready is the truth
        assert ready.status_code == 200 and {"name": "lint-slots", "ok": True, "detail": "0 of 65 lint slots in use"} in ready.json()["checks"]
        body = sample("ghost-post-published.json")
        started = time.monotonic()
        response = guarded.post("/v1/hooks/ghost", body, ghost_signed(body))
        assert response.status_code == 200, response.text
        assert response.json()["verdict"] == "fail" and time.monotonic() - started < 3
        for sock in slow[:5]:  # each slow body is cut at the request's time limit, and its connection closed
            received, closed_after = read_until_closed(sock, within=5)
            assert status_and_error(received) == (408, "request-timeout") and closed_after is not None
    finally:
        for sock in slow:
            sock.close()


def test_a_slowloris_header_sender_is_disconnected_at_the_header_deadline(guarded):
    with connect(guarded) as sock:
        sock.sendall(b"POST /v1/lint HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started, closed = time.monotonic(), False
        for index in range(40):  # one header byte every 0.1 s for at most 4 s; the deadline is 1 s
            try:
                sock.sendall(b"X-Slow: a\r\n"[index % 11 : index % 11 + 1])
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            received, closed_after = read_until_closed(sock, within=0.1)
            if closed_after is not None:
                closed = True
                break
        elapsed = time.monotonic() - started
    assert closed and 0.8 < elapsed < 2.5, elapsed
    if received:
        assert status_and_error(received) == (408, "request-timeout")


def test_a_connection_that_sends_nothing_is_closed_at_the_header_deadline(guarded):
    with connect(guarded) as sock:
        received, closed_after = read_until_closed(sock, within=4)
    assert closed_after is not None and closed_after < 2.5


def test_one_client_holding_too_many_connections_is_refused_with_429(tmp_path):
    server = Server(tmp_path, env=ALL_SECRETS, config="server:\n  max-connections-per-client: 3\n")
    held = []
    try:
        answers = []
        for _ in range(4):
            sock = connect(server)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = sock.recv(65536)
            answers.append(status_and_error(answer)[0])
            held.append(sock)
            if answers[-1] == 429:
                assert status_and_error(answer) == (429, "too-many-connections")
                assert read_until_closed(sock, within=3)[1] is not None
                break
        # the test client's own keep-alive connection may hold one of the three
        assert answers in ([200, 200, 429], [200, 200, 200, 429]), answers
        held.pop(0).close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the server notices the closed connection, then takes a new one
            with connect(server) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if status_and_error(read_until_closed(sock, within=3)[0])[0] == 200:
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("a connection freed by the client was not given back")
    finally:
        for sock in held:
            sock.close()
        assert server.stop()


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """Default settings (a 10 s header deadline), every endpoint secured."""
    started = Server(tmp_path_factory.mktemp("plain"), env=ALL_SECRETS)
    yield started
    assert started.stop()


def resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm", "rb") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the server's memory from /proc")
def test_headers_past_64_kb_are_refused_not_buffered(plain):
    before = resident_mb(plain.process.pid)
    with connect(plain) as sock:
        sock.sendall(b"POST /v1/lint HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        try:
            for index in range(8000):  # up to 64 MB of header lines, which the server used to keep whole
                sock.sendall(b"X-Filler-%d: " % index + b"a" * 8000 + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        received, closed_after = read_until_closed(sock, within=3)
    assert closed_after is not None and resident_mb(plain.process.pid) - before < 32
    assert not received or received.startswith(b"HTTP/1.1 400 ")
    assert plain.client.get("/healthz").status_code == 200


# -- 15: a lone surrogate is not text ----------------------------------------------------------------------


def test_a_lone_surrogate_in_lint_content_is_422_invalid_field(plain):
    body = b'{"content": "<p>The premiere \\ud800 was on Friday.</p>", "format": "html"}'
    error = assert_error(plain.post("/v1/lint", body, pubcheck_signed(body)), 422, "invalid-field")
    assert error["message"].startswith("content holds an unpaired UTF-16 surrogate")
    paired = b'{"content": "<p>The premiere \\ud83c\\udfac was on Friday.</p>", "format": "html"}'  # a real emoji
    assert plain.post("/v1/lint", paired, pubcheck_signed(paired)).json()["verdict"] == "pass"


@pytest.mark.parametrize("escape", [b"\\udfff", b"\\uDC00 and more"])
def test_a_lone_surrogate_in_a_ghost_post_is_422_naming_the_field(plain, escape):
    payload = json.loads(sample("ghost-post-published.json"))
    payload["post"]["current"]["title"] = "SURROGATE"
    body = json.dumps(payload).encode().replace(b"SURROGATE", escape)
    error = assert_error(plain.post("/v1/hooks/ghost", body, ghost_signed(body)), 422, "invalid-field")
    assert error["message"].startswith("post.current.title holds an unpaired UTF-16 surrogate")


# -- 14: a replay store that cannot be written --------------------------------------------------------------


def unwritable_store(tmp_path: Path) -> Path:
    """A store path under a regular file: no one, root included, can create it."""
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    return tmp_path / "not-a-folder" / "replay.sqlite3"


def test_an_unwritable_replay_store_stops_start_up_with_one_line(tmp_path, cli):
    for store in (unwritable_store(tmp_path), tmp_path):  # a folder in place of the file, too
        result = cli("serve", "--port", str(free_port()), cwd=tmp_path,
                     env={**ALL_SECRETS, "PUBCHECK_REPLAY_CACHE": str(store)})
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("pubcheck: error: server.replay-cache: cannot write the replay store")
        assert str(store) in lines[0] and "Traceback" not in lines[0]


def test_under_another_launcher_an_unwritable_replay_store_fails_readiness_not_every_delivery(tmp_path):
    port = free_port()
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("PUBCHECK_")}, **ALL_SECRETS,
                   "PUBCHECK_REPLAY_CACHE": str(unwritable_store(tmp_path))}
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "pubcheck.server:create_app",
                                    "--port", str(port), "--no-access-log"], cwd=tmp_path, env=environment,
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            ready = client.get("/readyz")
            assert ready.status_code == 503
            store = next(c for c in ready.json()["checks"] if c["name"] == "replay-store")
            assert not store["ok"] and "PUBCHECK_REPLAY_CACHE" in store["detail"]
            body = sample("wordpress-post-published.json")
            refused = client.post("/v1/hooks/wordpress", content=body,
                                  headers={"content-type": "application/json", **SIGNERS["wordpress"](body)})
            assert_error(refused, 503, "replay-store-unavailable")
            body = sample("ghost-post-published.json")  # a timestamped signature needs no store
            answered = client.post("/v1/hooks/ghost", content=body, headers={"content-type": "application/json", **ghost_signed(body)})
            assert answered.status_code == 200 and answered.json()["verdict"] == "fail"
    finally:
        process.terminate()
        process.wait(30)


# -- 8: a lint that overruns its time or memory bound is stopped, and the next request is served ------------

SMALL = lint_body("<p>The premiere was on Friday, the studio said.</p>")
# Legal and about 4 MB, every paragraph different (repeated text would be quick: the rules cache words
# and sentences), so linting it takes several seconds.
LONG_REPORT = "".join(f"<p>Reporter {i} said the premiere of film number {i} drew {i * 7} fans to the Odeon on Friday night.</p>\n"
                      for i in range(40_000))


def served_again(server: Server, within: float) -> bool:
    """Whether a small lint comes back 200 within ``within`` seconds (the stopped worker's replacement starts in about one)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.post("/v1/lint", SMALL, pubcheck_signed(SMALL)).status_code == 200:
            return True
        time.sleep(0.1)
    return False


def test_a_lint_past_its_deadline_is_stopped_and_frees_its_worker(tmp_path):
    config = "server:\n  timeout: 1.5\n  max-body-size: 6MB\n  max-concurrent: 1\n  max-queue: 0\n"
    server = Server(tmp_path, env={"PUBCHECK_WEBHOOK_SECRET": WEBHOOK_SECRET}, config=config)
    try:
        huge = lint_body(LONG_REPORT)
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(server.post, "/v1/lint", huge, pubcheck_signed(huge))
            saturated = None
            for _ in range(30):  # while the only slot is taken, readiness says so
                checks = {c["name"]: c for c in server.client.get("/readyz").json()["checks"]}
                if not checks["lint-slots"]["ok"]:
                    saturated = checks["lint-slots"]["detail"]
                    break
                time.sleep(0.05)
            timed_out = pending.result()
        assert saturated == "all 1 lint slots are in use"
        assert_error(timed_out, 503, "timeout")
        assert served_again(server, within=5)  # not after the eight or more seconds the lint would have taken
        assert any(e["message"].startswith("lint worker process replaced: a lint ran out of time") for e in server.logs())
    finally:
        assert server.stop()


def test_a_lint_over_its_memory_bound_is_stopped_with_422_and_the_next_request_is_served(tmp_path):
    config = "server:\n  timeout: 30\n  lint-memory: 4MB\n  max-concurrent: 1\n"
    server = Server(tmp_path, env={"PUBCHECK_WEBHOOK_SECRET": WEBHOOK_SECRET}, config=config)
    try:
        huge = lint_body(huge_article(60))  # legal, about 54,000 words of body: tens of megabytes while it is linted
        error = assert_error(server.post("/v1/lint", huge, pubcheck_signed(huge)), 422, "memory-limit")
        assert "server.lint-memory" in error["message"]
        assert served_again(server, within=10)
        assert server.post("/v1/lint", SMALL, pubcheck_signed(SMALL)).json()["verdict"] == "pass"
    finally:
        assert server.stop()

"""LanguageTool, the way pubcheck runs it: a server the newsroom hosts, reached through the
``language-tool-python`` client in remote mode. All LanguageTool client code lives here.

- pubcheck never lets language-tool-python download or start a LanguageTool release. The client
  is only ever built with ``remote_server=``; with a local installation configured (``path``),
  pubcheck starts that installation's own ``languagetool-server.jar`` on a free loopback port
  and talks to it the same way.
- A text longer than ``max-chars`` is split at paragraph boundaries; the pieces are checked
  concurrently through a bounded pool (``concurrency``) and the offsets merged back.
- Every request has a timeout. A failure is an :class:`Unavailable` naming the server and the
  cause (unreachable, timeout, HTTP 429 and other statuses, a malformed response). A server
  that is unreachable, rate limiting, or failing again and again is left alone for a while
  (``RETRY_PAUSE``, or the server's Retry-After), so one bad server never stalls a batch of
  files, and a long-running process (the webhook service) picks it up again when it is back.

language-tool-python supplies the language negotiation (``/v2/languages``), the request
parameters (rules, categories, picky level) and the request itself; its transport is replaced
(:class:`_Client`) because the stock one drops the HTTP status (a 429 or 500 with a JSON body
reads as a result), retries a failed check (doubling the wait on a dead server), opens a new
connection per request, and shares state between threads when it parses matches.
"""

from __future__ import annotations

import atexit
import os
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

# LanguageTool's spelling rules: the TYPOS category, issue type "misspelling", and the
# dictionary-based rules by id (MORFOLOGIK_RULE_EN_US, HUNSPELL_RULE, SPELLER_RULE, …).
SPELLING_CATEGORIES = frozenset({"TYPOS"})
SPELLING_RULE_PREFIXES = ("MORFOLOGIK_RULE", "HUNSPELL_", "SPELLER_RULE", "GERMAN_SPELLER_RULE")
CONNECT_TIMEOUT = 3.0  # seconds to open a connection: a server that is there answers at once
LOCAL_START_TIMEOUT = 90.0  # seconds for a local installation to load its language data
FAILURES_BEFORE_GIVING_UP = 3  # consecutive timeouts, errors or bad answers before a server is left alone
RATE_LIMIT_PAUSE = 60.0  # seconds to leave a rate-limiting server alone when it says nothing
RETRY_PAUSE = 60.0  # seconds to leave a failing server alone before trying it again (a long-running
# process such as the webhook service recovers on its own; a CLI batch does not wait on it)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Settings:
    """The ``languagetool:`` config section (and PUBCHECK_LANGUAGETOOL_URL)."""

    url: str = ""
    language: str = "en-US"
    timeout: float = 10.0
    max_chars: int = 20000
    picky: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    concurrency: int = 4
    path: str = ""  # a local LanguageTool installation (folder or languagetool-server.jar)

    @property
    def base_url(self) -> str:
        """The server's root URL (``…/v2`` is added by the client), with a trailing slash."""
        url = self.url.strip()
        if url and "://" not in url:
            url = "http://" + url
        url = re.sub(r"/v2/?$", "", url.rstrip("/"))
        return url + "/"

    @property
    def label(self) -> str:
        """How notices name the server."""
        if self.url:
            return f"LanguageTool server {self.base_url.rstrip('/')}"
        return f"local LanguageTool at {self.path}"


class Unavailable(Exception):
    """LanguageTool could not check (part of) a text. ``str()`` names the server and the cause;
    ``down`` means the server is left alone for the rest of the run."""

    def __init__(self, message: str, *, down: bool = False):
        super().__init__(message)
        self.down = down


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, with offsets in code points of the text that was checked."""

    offset: int
    length: int
    message: str
    short_message: str
    replacements: tuple[str, ...]
    rule_id: str
    rule_description: str
    issue_type: str
    category_id: str
    category_name: str

    @property
    def is_spelling(self) -> bool:
        return (
            self.category_id in SPELLING_CATEGORIES
            or self.issue_type == "misspelling"
            or self.rule_id.startswith(SPELLING_RULE_PREFIXES)
        )


@dataclass
class Result:
    """The matches for the parts that were checked, and why any part was not."""

    matches: list[Match] = field(default_factory=list)
    error: Unavailable | None = None


# -- splitting long texts ---------------------------------------------------------------------------


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as pieces of at most ``limit`` characters, each with its offset: cut at a blank
    line when one is in reach, else at a line break, a sentence end, a space, or (for a run of
    ``limit`` characters without any) anywhere."""
    limit = max(limit, 1)
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for separator, keep in (("\n\n", 2), ("\n", 1), (". ", 2), ("? ", 2), ("! ", 2), (" ", 1)):
            found = text.rfind(separator, start + 1, end - keep + 1)
            if found != -1:
                cut = found + keep
                break
        if cut <= start:
            cut = end
        pieces.append((start, text[start:cut]))
        start = cut
    if start < len(text) or not pieces:
        pieces.append((start, text[start:]))
    return pieces


def _code_points(text: str):
    """A function from UTF-16 offsets (LanguageTool counts Java chars) to offsets in ``text``."""
    if not _ASTRAL.search(text):
        return lambda offset: offset
    table = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) > 0xFFFF:
            table.append(index)  # the second half of a surrogate pair
    table.append(len(text))
    return lambda offset: table[min(max(offset, 0), len(table) - 1)]


def parse_matches(response: Any, text: str) -> list[Match]:
    """The ``matches`` of a ``/v2/check`` response, checked for the fields pubcheck uses."""
    if not isinstance(response, dict) or not isinstance(response.get("matches"), list):
        raise ValueError("no 'matches' list in the response")
    position = _code_points(text)
    matches = []
    for raw in response["matches"]:
        rule = raw.get("rule") if isinstance(raw, dict) else None
        if not isinstance(rule, dict) or not isinstance(raw.get("offset"), int) or not isinstance(raw.get("length"), int):
            raise ValueError("a match lacks rule, offset or length")
        category = rule.get("category") if isinstance(rule.get("category"), dict) else {}
        start = position(raw["offset"])
        end = position(raw["offset"] + raw["length"])
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"a match at offset {raw['offset']} lies outside the text")
        replacements = raw.get("replacements") if isinstance(raw.get("replacements"), list) else []
        matches.append(
            Match(
                offset=start,
                length=end - start,
                message=str(raw.get("message") or rule.get("description") or "LanguageTool match"),
                short_message=str(raw.get("shortMessage") or ""),
                replacements=tuple(str(r["value"]) for r in replacements if isinstance(r, dict) and "value" in r),
                rule_id=str(rule.get("id") or "UNKNOWN_RULE"),
                rule_description=str(rule.get("description") or ""),
                issue_type=str(rule.get("issueType") or ""),
                category_id=str(category.get("id") or ""),
                category_name=str(category.get("name") or ""),
            )
        )
    return matches


# -- the client -------------------------------------------------------------------------------------

_local = threading.local()


def _session():
    """One HTTP session per thread: connections to the server are kept alive between requests."""
    import requests

    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def _client_class():
    """language-tool-python's LanguageTool with pubcheck's transport (imported only when used)."""
    global _CLIENT_CLASS
    if _CLIENT_CLASS is not None:
        return _CLIENT_CLASS
    import language_tool_python

    class _Client(language_tool_python.LanguageTool):
        _TIMEOUT = 10.0  # type: ignore[assignment]  # replaced per server (see Server._connect)
        _label = "LanguageTool server"
        _server = None  # never a process of ours (read by the client's __del__)

        def __init__(self, *args, **kwargs):
            if not kwargs.get("remote_server"):  # local mode downloads LanguageTool: never
                raise RuntimeError("pubcheck only talks to LanguageTool servers (remote_server=…)")
            super().__init__(*args, **kwargs)

        def _start_server_on_free_port(self):  # the client's own start-up downloads a release
            raise RuntimeError("pubcheck never lets language-tool-python start or download LanguageTool")

        def _query_server(self, url, params=None, num_tries=1, method="get"):
            return _request(self._label, url, params, method, self._TIMEOUT, self._proxies)

    _CLIENT_CLASS = _Client
    return _Client


_CLIENT_CLASS = None


def _request(label: str, url: str, params, method: str, timeout: float, proxies) -> Any:
    import requests

    try:
        session = _session()
        send = session.post if method == "post" else session.get
        payload = {"data": params} if method == "post" else {"params": params}
        response = send(url, timeout=(min(CONNECT_TIMEOUT, timeout), timeout), proxies=proxies, **payload)
    except requests.exceptions.ConnectTimeout:
        raise Unavailable(f"{label} is unreachable (no answer to connect within {min(CONNECT_TIMEOUT, timeout):g} s)", down=True) from None
    except requests.exceptions.Timeout:
        raise Unavailable(f"{label} did not answer within {timeout:g} s (timeout)") from None
    except requests.exceptions.ConnectionError as exc:
        raise Unavailable(f"{label} is unreachable ({_connection_cause(exc)})", down=True) from None
    except requests.exceptions.RequestException as exc:
        raise Unavailable(f"{label} request failed ({type(exc).__name__})", down=True) from None
    with response:
        status = response.status_code
        if status == 429 or status == 503:
            wait = _retry_after(response.headers.get("Retry-After"))
            what = "is rate limiting requests" if status == 429 else "is overloaded"
            error = Unavailable(f"{label} {what} (HTTP {status}; retry after {wait:g} s)", down=True)
            error.retry_after = wait  # type: ignore[attr-defined]
            raise error
        if status == 413:
            raise Unavailable(f"{label} refused a text as too long (HTTP 413); lower languagetool.max-chars")
        if status >= 400:
            raise Unavailable(f"{label} answered HTTP {status} ({_first_line(response.text)})")
        try:
            return response.json()
        except ValueError:
            raise Unavailable(f"{label} sent a malformed response (not JSON: {_first_line(response.text)})") from None


def _connection_cause(exc: Exception) -> str:
    text = str(exc)
    for needle, cause in (("refused", "connection refused"), ("Name or service not known", "unknown host"),
                          ("nodename nor servname", "unknown host"), ("getaddrinfo", "unknown host"),
                          ("reset", "connection reset")):
        if needle in text:
            return cause
    return "connection failed"


def _retry_after(value: str | None) -> float:
    try:
        return min(max(float(value), 1.0), 3600.0) if value else RATE_LIMIT_PAUSE
    except ValueError:
        return RATE_LIMIT_PAUSE


def _first_line(text: str) -> str:
    line = " ".join((text or "").split())
    return repr(line[:80] + ("…" if len(line) > 80 else "")) if line else "empty body"


# -- a server, once per process ---------------------------------------------------------------------


class Server:
    """One configured LanguageTool server, shared by every document a process checks."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._client = None
        self._pool = None
        self._down: Unavailable | None = None
        self._down_until = 0.0
        self._failures = 0
        # Requests in flight, across every thread of the process: pieces of one article and
        # articles linted side by side (the engine's document threads) share this bound.
        self._in_flight = threading.BoundedSemaphore(max(1, settings.concurrency))

    def check(self, text: str) -> Result:
        """Check ``text`` (split into pieces of at most ``max-chars``, sent concurrently)."""
        result = Result()
        if not text.strip():
            return result
        try:
            self._ensure_up()
            client = self._connect()
        except Unavailable as exc:
            result.error = exc
            return result
        pieces = [(offset, piece) for offset, piece in split_text(text, self.settings.max_chars) if piece.strip()]
        if len(pieces) == 1:
            outcomes = [self._check_piece(client, *pieces[0])]
        else:
            pool = self._executor()
            futures = [pool.submit(self._check_piece, client, offset, piece) for offset, piece in pieces]
            outcomes = [future.result() for future in futures]
        for outcome in outcomes:
            if isinstance(outcome, Unavailable):
                result.error = result.error or outcome
            else:
                result.matches.extend(outcome)
        result.matches.sort(key=lambda m: (m.offset, m.rule_id))
        return result

    def _check_piece(self, client, offset: int, piece: str) -> list[Match] | Unavailable:
        try:
            self._ensure_up()
            params = client._create_params(piece)
            with self._in_flight:
                response = client._query_server(client._url + "check", params, method="post")
            matches = parse_matches(response, piece)
        except Unavailable as exc:
            return self._failed(exc)
        except ValueError as exc:
            return self._failed(Unavailable(f"{self.settings.label} sent a malformed response ({exc})"))
        with self._lock:
            self._failures = 0
        return [
            Match(m.offset + offset, m.length, m.message, m.short_message, m.replacements, m.rule_id,
                  m.rule_description, m.issue_type, m.category_id, m.category_name)
            for m in matches
        ]

    def _failed(self, error: Unavailable) -> Unavailable:
        with self._lock:
            self._failures += 1
            if error.down or self._failures >= FAILURES_BEFORE_GIVING_UP:
                self._down = error
                pause = getattr(error, "retry_after", None) or RETRY_PAUSE
                self._down_until = time.monotonic() + pause
        return error

    def _ensure_up(self) -> None:
        with self._lock:
            if self._down is not None:
                if time.monotonic() < self._down_until:
                    raise self._down
                self._down, self._failures = None, 0  # the pause has passed: try again

    def _executor(self):
        with self._lock:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency), thread_name_prefix="pubcheck-lt")
            return self._pool

    def _connect(self):
        """The client, built once: asks the server for its languages (GET /v2/languages)."""
        with self._lock:
            if self._client is not None:
                return self._client
        settings = self.settings
        url = settings.base_url if settings.url else start_local(settings)
        Client = _client_class()
        label = settings.label
        # The class attributes are read while the client is being built (it asks for /v2/languages).
        Bound = type("PubcheckLanguageTool", (Client,), {"_TIMEOUT": settings.timeout, "_label": label})
        try:
            client = Bound(settings.language, remote_server=url)
        except Unavailable as exc:  # unreachable, rate limited, …: nothing can be checked
            exc.down = True
            raise self._failed(exc) from None
        except ValueError as exc:  # the language is not one the server has
            raise self._give_up(Unavailable(f"{label} does not support language {settings.language!r} ({exc})", down=True)) from None
        except Exception as exc:  # a malformed /v2/languages answer, and anything else the client raises
            raise self._give_up(Unavailable(f"{label} could not be used ({type(exc).__name__}: {exc})", down=True)) from None
        client.picky = settings.picky
        client.enabled_rules = set(settings.enabled_rules)
        client.disabled_rules = set(settings.disabled_rules)
        client.enabled_categories = set(settings.enabled_categories)
        client.disabled_categories = set(settings.disabled_categories)
        with self._lock:
            if self._client is None:
                self._client = client
            return self._client

    def _give_up(self, error: Unavailable) -> Unavailable:
        with self._lock:
            self._down, self._down_until = error, time.monotonic() + RETRY_PAUSE
        return error


_SERVERS: dict[Settings, Server] = {}
_SERVERS_LOCK = threading.Lock()


def server(settings: Settings) -> Server:
    """The process's :class:`Server` for these settings (connections and state are reused)."""
    with _SERVERS_LOCK:
        found = _SERVERS.get(settings)
        if found is None:
            found = _SERVERS[settings] = Server(settings)
        return found


def reset() -> None:
    """Forget every server's state (for tests, and for a long-running process after an outage)."""
    with _SERVERS_LOCK:
        _SERVERS.clear()


def _after_fork() -> None:
    """A worker process (``--jobs``) starts afresh: threads, pools, locks and kept-alive
    connections do not survive a fork. A local server the parent started is reused."""
    global _local, _SERVERS_LOCK, _LOCAL_LOCK
    _local = threading.local()
    _SERVERS_LOCK = threading.Lock()
    _LOCAL_LOCK = threading.Lock()
    _SERVERS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


# -- a local installation ---------------------------------------------------------------------------

_LOCAL: dict[str, str | Unavailable] = {}  # installation path -> URL of its server, or why it did not start
_LOCAL_LOCK = threading.Lock()


def start_local(settings: Settings) -> str:
    """Start the configured installation's ``languagetool-server.jar`` (once per process tree)
    on a free loopback port with ``java``, wait until it answers, and return its URL. Nothing
    is downloaded: without the jar or Java it is reported as unavailable."""
    with _LOCAL_LOCK:
        known = _LOCAL.get(settings.path)
        if known is None:
            try:
                known = _start(settings)
            except Unavailable as exc:
                known = exc
            _LOCAL[settings.path] = known
    if isinstance(known, Unavailable):
        raise known
    return known


def _start(settings: Settings) -> str:
    import shutil
    import subprocess
    from pathlib import Path

    label = settings.label
    given = Path(settings.path).expanduser()
    jars = [given] if given.suffix == ".jar" else [given / "languagetool-server.jar", given / "languagetool.jar"]
    jar = next((j for j in jars if j.is_file()), None)
    if jar is None:
        raise Unavailable(f"{label}: no languagetool-server.jar there (pubcheck never downloads LanguageTool)", down=True)
    java = shutil.which("java")
    if java is None:
        raise Unavailable(f"{label}: java is not installed, so the local server cannot start", down=True)
    port = _free_port()
    process = subprocess.Popen(
        [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    owner = os.getpid()
    atexit.register(lambda: os.getpid() == owner and _stop(process))
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + LOCAL_START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise Unavailable(f"{label}: the server exited at start-up (code {process.returncode})", down=True)
        try:
            _request(label, url + "v2/languages", None, "get", 2.0, None)
            break
        except Unavailable:
            if time.monotonic() > deadline:
                _stop(process)
                raise Unavailable(f"{label}: the server did not start within {LOCAL_START_TIMEOUT:g} s", down=True) from None
            time.sleep(0.2)
    return url


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except Exception:
            process.kill()

"""The ASGI application: routes, the request pipeline, health and readiness, and the access log.

A lint request goes: endpoint enabled? -> content type and declared size -> body within the size
and time limits -> signature -> not a replay -> JSON -> the article (adapter) -> a slot in the
lint pool -> lint in a worker process within the time and memory limits -> JSON or SARIF. Each
step fails with its own status and stable ``error.code``; see docs/webhook.md for the table.
Slow headers and too many connections from one client are refused before this (connections.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .adapters import ADAPTERS, Article, Skipped, read_request
from .callback import Callback
from .connections import ConnectionLimits
from .connections import configure as configure_connections
from .errors import ApiError, error_response
from .linting import LintService, Outcome
from .logs import ACCESS, LOG, ensure_handler, event
from .pool import LintPool
from .replay import ReplayCache, ReplayStoreError
from .settings import Endpoint, Settings
from .signatures import Delivery, SignatureError, verify

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_JSON_TYPE = re.compile(r"^application/(?:json|[\w.+-]+\+json)$")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
CHECK_TIMEOUT = 5.0


@dataclass
class State:
    settings: Settings
    service: LintService
    pool: LintPool
    replay: ReplayCache
    callback: Callback | None
    clock: Callable[[], float]
    ready: bool = False
    catalogue: bytes = b""
    checks: list["Check"] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """One readiness check: ``probe`` returns a detail, or raises NotReady. Runs in a thread, so it may block."""

    name: str
    probe: Callable[[State], str]


class NotReady(Exception):
    pass


def _rules_loaded(state: State) -> str:
    if not state.ready:
        raise NotReady("rules are still loading")
    return f"{len(state.service.linter.rules_for(()))} rules active"


def _required_rules_run(state: State) -> str:
    """Rules the config marks ``require:`` (a LanguageTool grammar rule) can run: a small article is
    linted, so a service that does not answer shows up here and not on a newsroom's story."""
    if not state.settings.config.require:
        return "no rules are required"
    reasons = state.service.warm_up()
    if reasons:
        raise NotReady("; ".join(map(str, reasons)))
    return "required rules ran"


def _replay_store_writable(state: State) -> str:
    """WordPress and Strapi deliveries are recorded there; a store that cannot be written would refuse each one."""
    try:
        state.replay.check()
    except ReplayStoreError as exc:
        raise NotReady(f"{exc}; set server.replay-cache (PUBCHECK_REPLAY_CACHE) to a writable path") from None
    return "writable"


def _lint_slots_free(state: State) -> str:
    """A worker whose every lint slot is taken answers new lints 503 at once; a balancer should send them elsewhere."""
    held, capacity = state.pool.in_use
    if held >= capacity:
        raise NotReady(f"all {capacity} lint slots are in use")
    return f"{held} of {capacity} lint slots in use"


CHECKS = [Check("rules", _rules_loaded), Check("required-rules", _required_rules_run),
          Check("replay-store", _replay_store_writable), Check("lint-slots", _lint_slots_free)]


def build_app(settings: Settings, clock: Callable[[], float] = time.time) -> Starlette:
    ensure_handler()
    configure_connections(ConnectionLimits(settings.header_timeout, settings.max_connections_per_client))
    callback = Callback(settings.callback_url, settings.callback_secrets[0], clock) if settings.callback_url else None
    timeout = max(e.timeout for e in settings.endpoints.values())
    state = State(
        settings=settings,
        service=LintService(settings.config),
        pool=LintPool(settings.config, settings.max_concurrent, settings.max_queue, settings.lint_memory, retry_after=timeout),
        replay=ReplayCache(settings.replay_cache, settings.replay_window, clock),
        callback=callback,
        clock=clock,
        checks=list(CHECKS),
    )
    routes = [
        Route("/healthz", _healthz, methods=["GET"]),
        Route("/readyz", _readyz, methods=["GET"]),
        Route("/v1/rules", _rules, methods=["GET"]),
        Route("/v1/lint", partial(_deliver, "lint"), methods=["POST"]),
        *[Route(f"/v1/hooks/{name}", partial(_deliver, name), methods=["POST"]) for name in ADAPTERS],
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(RequestContext)],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
        lifespan=_lifespan,
    )
    app.state.pubcheck = state
    return app


@asynccontextmanager
async def _lifespan(app: Starlette):
    state: State = app.state.pubcheck
    await asyncio.to_thread(state.pool.start)
    state.catalogue = json.dumps({"version": __version__, "fail_on": state.settings.config.fail_on,
                                  "rules": state.service.catalogue()}, ensure_ascii=False).encode()
    state.ready = True
    _log_endpoints(state.settings)
    yield
    if state.callback:
        await state.callback.close(timeout=10.0)
    await asyncio.to_thread(state.pool.shutdown)
    state.replay.close()
    event(LOG, "stopped")


def _log_endpoints(settings: Settings) -> None:
    if settings.insecure_no_auth:
        event(LOG, "INSECURE: started with --insecure-no-auth; endpoints without a secret accept UNSIGNED requests "
                   "from anyone who can reach this port", logging.WARNING)
    for endpoint in settings.endpoints.values():
        path = endpoint.path
        if endpoint.secrets:
            schemes = " or ".join([*(endpoint.scheme.headers if endpoint.scheme else ()), "X-Pubcheck-Signature"])
            event(LOG, f"{path}: enabled, signed with {schemes}", endpoint=endpoint.name)
        elif settings.insecure_no_auth:
            event(LOG, f"{path}: enabled WITHOUT authentication (no secret; --insecure-no-auth)", logging.WARNING, endpoint=endpoint.name)
        else:
            event(LOG, f"{path}: disabled, no secret configured (set {endpoint.secret_variable})", logging.WARNING,
                  endpoint=endpoint.name)


# -- the lint pipeline ---------------------------------------------------------------------------


async def _deliver(name: str, request: Request) -> Response:
    state: State = request.app.state.pubcheck
    started = time.monotonic()
    endpoint = state.settings.endpoints[name]
    info = request.scope["pubcheck"]
    info["endpoint"] = name
    try:
        _check_headers(state.settings, endpoint, request)
        # all of the body, and its signature, before the request may take a lint slot: a slow or
        # unsigned sender must never hold one
        body = await _read_body(request, state.settings.max_body_size, started + endpoint.timeout)
    except ApiError as exc:
        exc.headers["Connection"] = "close"  # the rest of the body would only be read and dropped
        raise
    replay_key = None
    try:
        headers = {k.lower(): v for k, v in request.headers.items()}
        if endpoint.secrets:
            replay_key = _authenticate(state, endpoint, Delivery(request.method, _signed_path(request.scope), headers, body))
        payload = _parse_json(body)
        article = read_request(payload) if name == "lint" else ADAPTERS[name].extract(payload, headers, endpoint)
        if isinstance(article, Skipped):
            info.update(verdict="skipped", event=article.event)
            return _json({"verdict": "skipped", "reason": article.reason, "event": article.event})
        info.update(article_id=article.id, revision=article.revision, event=article.event)
        sarif = _wants_sarif(request.headers.get("accept"))
        outcome = await state.pool.run(article, sarif, started + endpoint.timeout - time.monotonic())
    except Exception as exc:
        if replay_key and not (isinstance(exc, ApiError) and exc.status < 500):
            _release(state, replay_key)  # our failure: let the sender's retry through
        raise
    info.update(verdict=outcome.verdict, **{k: v for k, v in outcome.counts.items() if k != "by_rule"})
    if name != "lint":
        _pass_on(state, name, article, outcome, info["request_id"])
    return Response(outcome.body, media_type=outcome.media_type)


def _check_headers(settings: Settings, endpoint: Endpoint, request: Request) -> None:
    """What can be refused before the request takes a lint slot or its body is read."""
    if not settings.enabled(endpoint):
        raise ApiError(503, "endpoint-not-configured",
                       f"{endpoint.path} is disabled: no secret is configured for it ({endpoint.secret_variable}); ask the operator")
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not _JSON_TYPE.match(media_type):
        raise ApiError(415, "unsupported-media-type", f"expected a JSON body (Content-Type: application/json), got {media_type or 'none'!r}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_body_size:
        raise _too_large(settings.max_body_size)


def _pass_on(state: State, name: str, article: Article, outcome: Outcome, request_id: str) -> None:
    """A CMS may not wait for the answer (WordPress plugins do not): the findings also go to the log and callback."""
    findings = [{"rule": f.rule, "severity": f.severity, "path": f.path, "line": f.line, "column": f.column,
                 "fingerprint": f.fingerprint} for f in outcome.findings]
    event(LOG, "findings", request_id=request_id, hook=name, article_id=article.id, revision=article.revision,
          verdict=outcome.verdict, findings=findings)
    if state.callback:
        state.callback.send(outcome.body, outcome.media_type, request_id, article.id)


def _release(state: State, key: str) -> None:
    try:
        state.replay.release(key)
    except ReplayStoreError:
        LOG.error("replay store failed; a retry of this delivery will be refused as a duplicate", exc_info=True)


def _parse_json(body: bytes) -> Any:
    try:
        payload = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "malformed-json", f"the body is not valid JSON ({exc})") from None
    except (UnicodeDecodeError, RecursionError):
        raise ApiError(400, "malformed-json", "the body is not valid JSON (bad encoding, or nested too deeply)") from None
    # JSON lets "\ud800" through, unpaired; no text can hold it, so it would fail deep in the linter
    where = _lone_surrogate(payload) if _SURROGATE_ESCAPE.search(body) else None
    if where:
        raise ApiError(422, "invalid-field", f"{where} holds an unpaired UTF-16 surrogate escape "
                       "(such as \\ud800), which is not text; send valid Unicode")
    return payload


def _lone_surrogate(payload: Any) -> str | None:
    """Where the first string (or key) holding an unpaired surrogate is, as a dotted path; None if none does."""
    pending = [("", payload)]
    while pending:  # a stack, not recursion: the payload may be nested as deeply as JSON allows
        path, node = pending.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return path or "the body"
            continue
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in reversed(list(items)):
            if isinstance(key, str) and _SURROGATE.search(key):
                return f"a key in {path or 'the body'}"
            pending.append((f"{path}.{key}" if path else str(key), value))
    return None


def _authenticate(state: State, endpoint: Endpoint, delivery: Delivery) -> str | None:
    """Verify the signature; for schemes without a timestamp, claim the delivery. Returns the claimed replay key."""
    settings = state.settings
    try:
        verified = verify(endpoint.scheme, delivery, endpoint.secrets, state.clock(), settings.replay_window)
    except SignatureError as exc:
        raise ApiError(401, exc.code, exc.message) from None
    if verified.replay_key is None:
        return None
    key = f"{endpoint.name}:{verified.replay_key}"
    try:
        claimed = state.replay.claim(key)
    except ReplayStoreError:
        LOG.error("replay store failed", exc_info=True)
        raise ApiError(503, "replay-store-unavailable", "the service cannot record deliveries to refuse replays; "
                       "the operator must fix server.replay-cache (see /readyz)", {"Retry-After": "60"}) from None
    if not claimed:
        raise ApiError(409, "duplicate-delivery", f"this exact delivery was already accepted in the last "
                       f"{settings.replay_window:g} s; {verified.scheme} signatures carry no timestamp, so replays are refused")
    return key


async def _read_body(request: Request, limit: int, deadline: float) -> bytes:
    """The body, refused as soon as it passes ``limit`` (a chunked upload declares no length)."""

    async def read() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), max(deadline - time.monotonic(), 0.0))
    except TimeoutError:
        raise ApiError(408, "request-timeout", "the request body did not arrive within the time limit") from None
    except ClientDisconnect:
        raise ApiError(400, "incomplete-body", "the connection closed before the whole body arrived") from None


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "body-too-large", f"the body is over the {limit:,}-byte limit (server.max-body-size)")


def _signed_path(scope: Scope) -> str:
    """The request target as sent (Contentful signs it): raw path, plus ``?query`` when there is one."""
    path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _wants_sarif(accept: str | None) -> bool:
    """SARIF when ``application/sarif+json`` is acceptable and not ranked below ``application/json``."""
    quality = {}
    for part in (accept or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            quality[media.lower()] = float(q)
        except ValueError:
            quality[media.lower()] = 1.0
    sarif = quality.get("application/sarif+json", 0.0)
    return sarif > 0 and sarif >= quality.get("application/json", 0.0)


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False).encode(), status_code=status, media_type="application/json")


# -- health, readiness, the rule catalogue --------------------------------------------------------


async def _healthz(request: Request) -> Response:
    return _json({"status": "ok"})


async def _readyz(request: Request) -> Response:
    state: State = request.app.state.pubcheck
    results = await asyncio.gather(*(_run_check(check, state) for check in state.checks))
    if all(r["ok"] for r in results):
        return _json({"status": "ready", "checks": results})
    failing = ", ".join(f"{r['name']}: {r['detail']}" for r in results if not r["ok"])
    request_id = request.scope["pubcheck"]["request_id"]
    return _json({"status": "not-ready", "checks": results,
                  "error": {"code": "not-ready", "message": failing, "request_id": request_id}}, 503)


async def _run_check(check: Check, state: State) -> dict[str, Any]:
    try:
        detail = await asyncio.wait_for(asyncio.to_thread(check.probe, state), CHECK_TIMEOUT)
        return {"name": check.name, "ok": True, "detail": detail}
    except NotReady as exc:
        return {"name": check.name, "ok": False, "detail": str(exc)}
    except TimeoutError:
        return {"name": check.name, "ok": False, "detail": f"no answer within {CHECK_TIMEOUT:g} s"}


async def _rules(request: Request) -> Response:
    return Response(request.app.state.pubcheck.catalogue, media_type="application/json")


# -- errors and the access log --------------------------------------------------------------------


async def _api_error(request: Request, exc: ApiError) -> Response:
    request.scope["pubcheck"]["error"] = exc.code
    return error_response(exc.status, exc.code, exc.message, request.scope["pubcheck"]["request_id"], exc.headers)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    code, message = {
        404: ("not-found", "no such endpoint; see docs/webhook.md"),
        405: ("method-not-allowed", f"{request.method} is not allowed on this endpoint"),
    }.get(exc.status_code, ("http-error", str(exc.detail)))
    request.scope["pubcheck"]["error"] = code
    return error_response(exc.status_code, code, message, request.scope["pubcheck"]["request_id"], exc.headers)


class RequestContext:
    """Gives every request an id (echoed in ``X-Request-Id``), answers any unexpected failure with a
    JSON 500 that carries no traceback, and writes the access log line."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        info = scope["pubcheck"] = {"request_id": request_id}
        started = time.perf_counter()
        status: list[int] = []

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            LOG.error("unexpected error", exc_info=True, extra={"fields": {"request_id": request_id, "path": scope["path"]}})
            if not status:
                info["error"] = "internal-error"
                response = error_response(500, "internal-error", "an unexpected error; the server log has the details "
                                          "under this request id", request_id)
                await response(scope, receive, send_with_id)
        finally:
            event(ACCESS, "request", method=scope["method"], path=scope["path"], status=status[0] if status else None,
                  latency_ms=round((time.perf_counter() - started) * 1000, 2), **info)


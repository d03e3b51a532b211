"""`pubcheck serve`, tested as a newsroom runs it: the real server process on a loopback port, over HTTP.

Every CMS adapter gets its realistic sample payload (tests/server_samples/, copied from the CMS
samples with their notes), signed fresh with the sample secrets; the official signature vectors,
whose timestamps are in the past, are accepted by a server started with a wide replay window.
Signing here is written independently of pubcheck.server.signatures, so a shared mistake cannot hide.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import jsonschema
import pytest

HERE = Path(__file__).parent
SAMPLES = HERE / "server_samples"
VECTORS = json.loads((SAMPLES / "signature-test-vectors.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads((HERE.parent / "src/pubcheck/report/pubcheck-report.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ARTICLE = (HERE.parent / "fixtures/articles/celeste-marrow-dorian-vance-feud.html").read_text(encoding="utf-8")

WEBHOOK_SECRET = "pubcheck-test-webhook-secret"
SECRETS = {
    "ghost": VECTORS["ghost-post-published.json"]["secret"],
    "wordpress": VECTORS["wordpress-post-published.json"]["secret"],
    "contentful": VECTORS["contentful-entry-publish.json"]["secret"],
    "strapi": VECTORS["strapi-entry-publish.json"]["secret"],
    "sanity": VECTORS["sanity-document.json"]["secret"],
}
ALL_SECRETS = {"PUBCHECK_WEBHOOK_SECRET": WEBHOOK_SECRET, **{f"PUBCHECK_{k.upper()}_SECRET": v for k, v in SECRETS.items()}}
SERVER_KEYS = ("verdict", "readiness", "counts", "article", "nodes")  # what the service adds to the JSON report


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


# -- signing, as each CMS does it -----------------------------------------------------------------


def _mac(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def pubcheck_signed(body: bytes, secret: str = WEBHOOK_SECRET, at: float | None = None) -> dict[str, str]:
    t = int(time.time() if at is None else at)
    return {"X-Pubcheck-Signature": f"t={t},sha256={_mac(secret, f'{t}.'.encode() + body).hex()}"}


def ghost_signed(body: bytes, secret: str = SECRETS["ghost"], at: float | None = None) -> dict[str, str]:
    t = int((time.time() if at is None else at) * 1000)
    return {"X-Ghost-Signature": f"sha256={_mac(secret, body + str(t).encode()).hex()}, t={t}"}


def wordpress_signed(body: bytes, secret: str = SECRETS["wordpress"]) -> dict[str, str]:
    return {"X-WP-Webhook-Signature": base64.b64encode(_mac(secret, body)).decode()}


def strapi_signed(body: bytes, secret: str = SECRETS["strapi"]) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", "X-Strapi-Event": "entry.publish"}


def sanity_signed(body: bytes, secret: str = SECRETS["sanity"], at: float | None = None) -> dict[str, str]:
    t = int((time.time() if at is None else at) * 1000)
    signature = base64.urlsafe_b64encode(_mac(secret, f"{t}.".encode() + body)).decode().rstrip("=")
    return {"sanity-webhook-signature": f"t={t},v1={signature}"}


def contentful_signed(body: bytes, secret: str = SECRETS["contentful"], at: float | None = None) -> dict[str, str]:
    headers = {
        "content-type": "application/vnd.contentful.management.v1+json",
        "x-contentful-topic": "ContentManagement.Entry.publish",
        "x-contentful-timestamp": str(int((time.time() if at is None else at) * 1000)),
        "x-contentful-signed-headers": "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic",
    }
    signed = ";".join(f"{name}:{headers[name]}" for name in sorted(headers["x-contentful-signed-headers"].split(",")))
    canonical = f"POST\n/v1/hooks/contentful\n{signed}\n".encode() + body
    return {**headers, "x-contentful-signature": _mac(secret, canonical).hex()}


HOOK_SAMPLES = {"ghost": "ghost-post-published.json", "wordpress": "wordpress-post-published.json",
                "contentful": "contentful-entry-publish.json", "strapi": "strapi-entry-publish.json", "sanity": "sanity-document.json"}
SIGNERS = {"ghost": ghost_signed, "wordpress": wordpress_signed, "contentful": contentful_signed,
           "strapi": strapi_signed, "sanity": sanity_signed}


# -- the server process -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``python -m pubcheck serve`` on a free loopback port, its log in a file (a pipe would fill and block it)."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None, config: str | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "server.log"
        if config is not None:
            (folder / "pubcheck.yaml").write_text(config, encoding="utf-8")
            args = (*args, "--config", str(folder / "pubcheck.yaml"))
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PUBCHECK_")}
        environment = {**clean, "PUBCHECK_REPLAY_CACHE": str(folder / "replay.sqlite3"), **(env or {})}
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pubcheck", "serve", "--port", str(self.port), *args],
                cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT,
            )
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}:\n{self.log_path.read_text()}")
            try:
                if self.client.get("/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server not ready after 30 s:\n{self.log_path.read_text()}")

    def post(self, path: str, body: bytes, headers: dict[str, str] | None = None, **kwargs) -> httpx.Response:
        return self.client.post(path, content=body, headers={"content-type": "application/json", **(headers or {})}, **kwargs)

    def logs(self) -> list[dict]:
        return [json.loads(line) for line in self.log_path.read_text(encoding="utf-8").splitlines() if line.startswith("{")]

    def stop(self, timeout: float = 20) -> bool:
        """SIGTERM, as an orchestrator stops it; whether it shut down gracefully."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.client.close()
        return self.stopped(timeout)

    def stopped(self, timeout: float) -> bool:
        # uvicorn re-raises SIGTERM once it has drained, so the exit status is the signal's
        return self.process.wait(timeout) in (0, -signal.SIGTERM) and any(e["message"] == "stopped" for e in self.logs())


CALLBACK_SECRET = "pubcheck-test-callback-secret"


@pytest.fixture(scope="module")
def receiver():
    """A newsroom's callback endpoint: records what pubcheck posts to it."""
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/pubcheck-findings", received
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory, receiver):
    """Every endpoint secured with its CMS's sample secret; replay window 300 s; findings posted to ``receiver``."""
    callback = {"PUBCHECK_CALLBACK_URL": receiver[0], "PUBCHECK_CALLBACK_SECRET": CALLBACK_SECRET}
    started = Server(tmp_path_factory.mktemp("main"), env={**ALL_SECRETS, **callback})
    yield started
    assert started.stop()


def lint_body(content: str = ARTICLE, **fields) -> bytes:
    return json.dumps({"content": content, "format": "html", **fields}).encode()


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == code
    assert error["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text and str(HERE.parent) not in response.text
    return error


def rules_found(report: dict) -> list[str]:
    return [f["rule"] for f in report["files"][0]["findings"]]


# -- the service's own endpoints ---------------------------------------------------------------------


def test_health_readiness_and_rule_catalogue(server):
    health = server.client.get("/healthz", headers={"X-Request-Id": "cms-delivery-42"})
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert health.headers["x-request-id"] == "cms-delivery-42"
    ready = server.client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert [c["name"] for c in ready["checks"]] == ["rules", "required-rules", "replay-store", "lint-slots"] and all(c["ok"] for c in ready["checks"])
    catalogue = server.client.get("/v1/rules").json()
    rules = {rule["id"]: rule for rule in catalogue["rules"]}
    assert rules["clickbait-interstitial"]["enabled"] and rules["clickbait-interstitial"]["severity"] == "warning"
    assert not rules["scare-quote"]["enabled"]  # off by default
    assert "## Why is this bad?" in rules["unattributed-quote"]["documentation"]
    assert catalogue["fail_on"] == "warning"


def test_unknown_paths_and_methods_answer_json(server):
    assert_error(server.client.get("/v1/nothing"), 404, "not-found")
    error = server.client.get("/v1/lint")
    assert_error(error, 405, "method-not-allowed")
    assert error.headers["allow"] == "POST"


# -- the done-when: a Ghost newsroom publishes the problem article (our stand-in for the reference) ----


def test_signed_ghost_post_published_with_the_problem_article_gets_its_interstitials(server):
    body = sample("ghost-second-spring-article.json")
    response = server.post("/v1/hooks/ghost", body, ghost_signed(body))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["verdict"] == "fail"
    assert report["readiness"]["verdict"] == "do not publish" and report["readiness"] == {
        k: report["files"][0][k] for k in ("score", "verdict")
    }
    teasers = [f for f in report["files"][0]["findings"] if f["rule"] == "clickbait-interstitial"]
    assert [f["text"].split(":")[0] for f in teasers] == ["📖 Related", "👉 See also", "✨ Don't miss"]
    html = json.loads(body)["post"]["current"]["html"]
    for finding in teasers:  # positions refer to post.current.html as sent
        assert finding["line"] == 1 and html[finding["column"] - 1 :].startswith(finding["text"][:2])
    assert "duplicate-headline" in rules_found(report)
    assert report["article"]["id"] == "674400aa11bb22cc33dd44ee" and report["article"]["event"] == "post.published"

    unsigned = server.post("/v1/hooks/ghost", body)
    assert_error(unsigned, 401, "missing-signature")


# -- every CMS adapter with its realistic payload ------------------------------------------------------

PROBLEM_SAMPLES = {
    "ghost-post-published.json": ("ghost", "6743294ab1c2d3e4f5a6b7c8", 2),
    "wordpress-post-published.json": ("wordpress", "48213", 2),
    "wordpress-wp-webhooks-post-create.json": ("wordpress", "48213", 2),
    "contentful-entry-publish.json": ("contentful", "4pXq7ZtBv2LmR9sKc1YwJd", 2),
    "strapi-entry-publish.json": ("strapi", "q4v8m2kx9d1nrj0w7hct5ly3", 2),
    "sanity-document.json": ("sanity", "6f0c2e8a-4b1d-4f7e-9a53-2d8c1b7e5a90", 2),
}
PLANTED = ("clickbait-interstitial", "unattributed-quote", "unsourced-claim", "keyword-stuffing")


@pytest.fixture(scope="module")
def delivered(server):
    """Each problem sample, delivered once to its CMS endpoint, signed as that CMS signs."""
    results = {}
    for name, (hook, _, _) in PROBLEM_SAMPLES.items():
        body = sample(name)
        results[name] = server.post(f"/v1/hooks/{hook}", body, SIGNERS[hook](body))
    return results


@pytest.mark.parametrize("name", PROBLEM_SAMPLES)
def test_each_cms_payload_is_read_unchanged_and_linted(delivered, name):
    hook, article_id, teasers = PROBLEM_SAMPLES[name]
    response = delivered[name]
    assert response.status_code == 200, response.text
    report = response.json()
    jsonschema.validate({k: v for k, v in report.items() if k not in SERVER_KEYS}, REPORT_SCHEMA)
    assert report["article"]["source"] == hook and report["article"]["id"] == article_id
    assert report["verdict"] == "fail"
    assert rules_found(report).count("clickbait-interstitial") == teasers
    counts = report["counts"]
    assert counts["findings"] == len(rules_found(report)) == sum(counts["by_rule"].values())


@pytest.mark.parametrize("rule", PLANTED)
@pytest.mark.parametrize("name", PROBLEM_SAMPLES)
def test_planted_problems_are_found(delivered, name, rule):
    assert rule in rules_found(delivered[name].json())


def test_clean_ghost_article_passes_with_at_most_one_minor_finding(server):
    body = sample("ghost-post-published-clean.json")
    report = server.post("/v1/hooks/ghost", body, ghost_signed(body)).json()
    assert report["verdict"] == "pass"
    assert report["counts"]["findings"] <= 1 and report["counts"]["warning"] == report["counts"]["error"] == 0


def test_rich_text_findings_point_at_their_node_and_the_converted_html_is_returned(delivered):
    for name, prefix in (("contentful-entry-publish.json", "fields.body.en-US.content["), ("sanity-document.json", 'body[_key=="')):
        report = delivered[name].json()
        html = report["article"]["content"]
        assert report["article"]["converted_from"] in ("contentful-rich-text", "portable-text")
        teasers = [f for f in report["files"][0]["findings"] if f["rule"] == "clickbait-interstitial"]
        for finding in teasers:
            assert report["nodes"][finding["fingerprint"]].startswith(prefix)
            line = html.splitlines()[finding["line"] - 1]
            assert line[finding["column"] - 1 : finding["end_column"] - 1].startswith(finding["text"][:1])
    sanity = delivered["sanity-document.json"].json()
    quote = next(f for f in sanity["files"][0]["findings"] if f["rule"] == "unattributed-quote")
    assert sanity["nodes"][quote["fingerprint"]] == 'body[_key=="aee747130201"]'


def test_wordpress_findings_also_go_to_the_log_without_article_text(server, delivered):
    entries = [e for e in server.logs() if e["message"] == "findings" and e.get("hook") == "wordpress"]
    assert entries and entries[-1]["article_id"] == "48213" and entries[-1]["verdict"] == "fail"
    assert {f["rule"] for f in entries[-1]["findings"]} >= {"clickbait-interstitial", "unsourced-claim"}
    log = server.log_path.read_text(encoding="utf-8")
    assert "Rhett Calloway" not in log and "staff@starbuzzdaily.example" not in log
    assert not any(secret in log for secret in ALL_SECRETS.values())


def test_cms_findings_are_posted_to_the_callback_url_signed(delivered, receiver):
    deadline = time.monotonic() + 10
    while not any(b'"id": "48213"' in body for _, body in receiver[1]) and time.monotonic() < deadline:
        time.sleep(0.05)
    headers, body = next((h, b) for h, b in receiver[1] if b'"id": "48213"' in b)
    t, signature = headers["x-pubcheck-signature"].split(",")
    assert abs(int(t[2:]) - time.time()) < 60
    assert signature == "sha256=" + _mac(CALLBACK_SECRET, f"{t[2:]}.".encode() + body).hex()
    report = json.loads(body)
    assert report["verdict"] == "fail" and report["article"]["source"] == "wordpress" and headers["x-request-id"]


def test_events_without_an_article_are_skipped_not_failed(server):
    deleted = json.dumps({"event": "post.deleted", "post": {"current": {}, "previous": {"id": "1"}}}).encode()
    response = server.post("/v1/hooks/ghost", deleted, ghost_signed(deleted))
    assert response.status_code == 200 and response.json()["verdict"] == "skipped"


# -- /v1/lint ------------------------------------------------------------------------------------------


def test_lint_positions_refer_to_the_submitted_content(server):
    content = "<p>Ava Stone Milo Reyes wowed fans.</p>\n<p>Sources say the pair split.</p>\n<p>📖 Related: Ava Stone Milo Reyes Net Worth</p>\n"
    body = lint_body(content, title="Stone & Reyes: sources say they split", description="Ava Stone and Milo Reyes news.")
    report = server.post("/v1/lint", body, pubcheck_signed(body)).json()
    findings = report["files"][0]["findings"]
    claim = next(f for f in findings if f["rule"] == "unsourced-claim" and f["path"] == "article.html")
    assert (claim["path"], claim["line"], claim["column"], claim["end_column"]) == ("article.html", 2, 4, 15)
    assert content.splitlines()[1][claim["column"] - 1 : claim["end_column"] - 1] == "Sources say"
    teaser = next(f for f in findings if f["rule"] == "clickbait-interstitial")
    assert teaser["line"] == 3 and teaser["column"] == 4
    in_title = next(f for f in findings if f["path"] == "article.html#title")  # columns count "&", not "&amp;"
    assert (in_title["rule"], in_title["line"], in_title["column"], in_title["end_column"]) == ("unsourced-claim", 1, 16, 27)
    assert report["verdict"] == "fail" and report["summary"]["fail_on"] == "warning"


def test_lint_markdown_and_text_formats(server):
    markdown = "Intro paragraph here.\n\n📖 **Related:** [Ava Stone Net Worth](https://x.example/a)\n"
    body = json.dumps({"content": markdown, "format": "markdown", "title": "Ava Stone"}).encode()
    report = server.post("/v1/lint", body, pubcheck_signed(body)).json()
    teaser = next(f for f in report["files"][0]["findings"] if f["rule"] == "clickbait-interstitial")
    assert (report["files"][0]["path"], teaser["line"], teaser["column"]) == ("article.md", 3, 1)
    text = "A Headline\n\nA Headline\n\nThe story.\n"
    body = json.dumps({"content": text, "format": "text", "id": "story 7/../x"}).encode()
    report = server.post("/v1/lint", body, pubcheck_signed(body)).json()
    assert report["files"][0]["path"] == "story_7_.._x.txt"
    assert next(f for f in report["files"][0]["findings"] if f["rule"] == "duplicate-headline")["line"] == 3


def test_per_request_rules_and_keyphrase(server):
    body = lint_body("<p>Sources say the pair split.</p>", rules={"unsourced-claim": "off"})
    assert "unsourced-claim" not in rules_found(server.post("/v1/lint", body, pubcheck_signed(body)).json())
    body = lint_body("<p>Sources say the pair split.</p>", rules={"unsourced-claim": "error"})
    report = server.post("/v1/lint", body, pubcheck_signed(body)).json()
    assert report["counts"]["error"] == 1 and report["verdict"] == "fail"
    body = lint_body("<p>Sources say the pair split.</p>", rules={"no-such-rule": "off"})
    assert "no-such-rule" in assert_error(server.post("/v1/lint", body, pubcheck_signed(body)), 422, "invalid-field")["message"]
    body = lint_body("<p>Sources say.</p>", rules={"long-sentence": {"severity": "fatal"}})
    message = assert_error(server.post("/v1/lint", body, pubcheck_signed(body)), 422, "invalid-field")["message"]
    assert "rules.long-sentence.severity" in message and str(HERE.parent) not in message
    stuffed = "<p>Our budget travel tips cover budget travel tips for students, budget travel tips and more budget travel tips.</p>"
    body = lint_body(stuffed)
    assert "keyword-stuffing" not in rules_found(server.post("/v1/lint", body, pubcheck_signed(body)).json())
    body = lint_body(stuffed, keyphrase="budget travel tips")
    assert "keyword-stuffing" in rules_found(server.post("/v1/lint", body, pubcheck_signed(body)).json())


def test_lint_returns_the_fixed_content_on_request(server):
    content = "<p>Ava Stone will direct the film.</p>\r\n<p>📖 Related: <a href='/x'>Ten Looks We Loved</a></p>\r\n<p>End.</p>"
    body = lint_body(content, title="Ava Stone Directs", fix=True)
    report = server.post("/v1/lint", body, pubcheck_signed(body)).json()
    assert report["fixed"] == "<p>Ava Stone will direct the film.</p>\r\n<p>End.</p>"
    assert "fixed" not in server.post("/v1/lint", lint_body(content), pubcheck_signed(lint_body(content))).json()
    for unchanged in ("<p>Nothing to fix here.</p>", "<p>📖 Related: <a href='/x'>Ten Looks</a></p>\n<!-- never closed"):
        body = lint_body(unchanged, fix=True)  # the second does not parse cleanly: left as a file would be
        assert server.post("/v1/lint", body, pubcheck_signed(body)).json()["fixed"] == unchanged
    wrong = lint_body(content, fix="yes")
    assert "'fix' must be true or false" in assert_error(server.post("/v1/lint", wrong, pubcheck_signed(wrong)), 422, "invalid-field")["message"]


def test_sarif_is_negotiated_and_validates(server):
    body = lint_body()
    response = server.post("/v1/lint", body, {**pubcheck_signed(body), "Accept": "application/sarif+json"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/sarif+json"
    log = response.json()
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["results"] and run["properties"]["verdict"] in ("pass", "fail")
    readiness = run["properties"]["readiness"]
    assert readiness["verdict"] in ("needs edits", "do not publish") and 0 <= readiness["score"] < 95
    assert run["properties"]["articles"] == [{"uri": run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], **readiness}]
    assert str(server.log_path.parent) not in response.text and "file://" not in response.text
    ranked = server.post("/v1/lint", body, {**pubcheck_signed(body), "Accept": "application/json, application/sarif+json;q=0.5"})
    assert ranked.headers["content-type"] == "application/json" and "verdict" in ranked.json()


def test_sarif_carries_findings_in_the_title_with_the_articles_score(server):
    body = lint_body("<p>The pair met in May, their agent said.</p>\n", title="Stone & Reyes: sources say they split")
    response = server.post("/v1/lint", body, {**pubcheck_signed(body), "Accept": "application/sarif+json"})
    assert response.status_code == 200
    results = response.json()["runs"][0]["results"]
    in_title = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "article.html%23title")
    assert in_title["ruleId"] == "unsourced-claim" and in_title["properties"]["articleVerdict"] == "needs edits"


# -- signatures: good, bad, missing, replayed ------------------------------------------------------------


@pytest.mark.parametrize("hook", SIGNERS)
def test_signatures_good_wrong_missing_and_tampered(server, hook):
    body = json.dumps({**json.loads(sample(HOOK_SAMPLES[hook])), "pubcheck-test": uuid.uuid4().hex}).encode()
    path = f"/v1/hooks/{hook}"
    assert server.post(path, body, SIGNERS[hook](body)).status_code == 200
    assert_error(server.post(path, body, SIGNERS[hook](body, secret="not-the-secret")), 401, "invalid-signature")
    if hook != "strapi":  # Strapi's static bearer token does not cover the body
        assert_error(server.post(path, body + b" ", SIGNERS[hook](body)), 401, "invalid-signature")
    assert_error(server.post(path, body, {"X-Strapi-Event": "entry.publish"} if hook == "strapi" else {}), 401, "missing-signature")
    generic = json.dumps({**json.loads(body), "pubcheck-test": uuid.uuid4().hex}).encode()
    assert server.post(path, generic, pubcheck_signed(generic, secret=SECRETS[hook])).status_code == 200


@pytest.mark.parametrize("hook", ["ghost", "contentful", "sanity", "lint"])
def test_signatures_older_than_the_replay_window_are_refused(server, hook):
    body = lint_body() if hook == "lint" else sample(HOOK_SAMPLES[hook])
    signer = pubcheck_signed if hook == "lint" else SIGNERS[hook]
    old = signer(body, at=time.time() - 600)
    assert_error(server.post("/v1/lint" if hook == "lint" else f"/v1/hooks/{hook}", body, old), 401, "stale-signature")


@pytest.mark.parametrize("hook", ["wordpress", "strapi"])
def test_replays_of_untimestamped_signatures_are_refused(server, hook):
    body = json.dumps({**json.loads(sample(HOOK_SAMPLES[hook])), "delivery": uuid.uuid4().hex}).encode()
    assert server.post(f"/v1/hooks/{hook}", body, SIGNERS[hook](body)).status_code == 200
    assert_error(server.post(f"/v1/hooks/{hook}", body, SIGNERS[hook](body)), 409, "duplicate-delivery")


def test_official_signature_vectors_are_accepted_as_sent(tmp_path):
    """The vectors' exact bytes and headers, timestamps from 2026-11-24, on a server whose window reaches back that far."""
    server = Server(tmp_path, env={**ALL_SECRETS, "PUBCHECK_REPLAY_WINDOW": "315360000"})
    try:
        cases = [(f"/v1/hooks/{hook}", name, VECTORS[name]["headers"]) for name, (hook, _, _) in PROBLEM_SAMPLES.items()]
        cases.append(("/v1/hooks/ghost", "ghost-post-published-clean.json", VECTORS["ghost-post-published-clean.json"]["headers"]))
        cases.append(("/v1/hooks/wordpress", "wordpress-post-published.json",
                      VECTORS["wordpress-post-published.json"]["headers_proposed_generic"]))
        for path, name, headers in cases:
            content_type = headers.get("content-type", "application/json")
            response = server.post(path, sample(name), {**headers, "content-type": content_type})
            assert response.status_code == 200, (name, response.text)
    finally:
        assert server.stop()


# -- limits and malformed requests --------------------------------------------------------------------------


def test_wrong_content_type_oversize_and_malformed_bodies(server):
    body = lint_body()
    assert_error(server.post("/v1/lint", body, {**pubcheck_signed(body), "content-type": "text/plain"}), 415, "unsupported-media-type")
    big = b'{"content": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    assert_error(server.post("/v1/lint", big, pubcheck_signed(big)), 413, "body-too-large")
    chunked = server.client.post("/v1/lint", content=iter([big[:1_000_000], big[1_000_000:]]),
                                 headers={"content-type": "application/json", **pubcheck_signed(big)})
    assert "content-length" not in chunked.request.headers
    assert_error(chunked, 413, "body-too-large")
    broken = b'{"content": '
    assert_error(server.post("/v1/lint", broken, pubcheck_signed(broken)), 400, "malformed-json")
    for payload, code, named in [({"format": "html"}, "missing-field", "content"), ([1, 2], "invalid-field", "object"),
                                 ({"content": "x", "format": "pdf"}, "invalid-field", "format"),
                                 ({"content": "x", "keyphase": "typo"}, "invalid-field", "keyphase")]:
        raw = json.dumps(payload).encode()
        assert named in assert_error(server.post("/v1/lint", raw, pubcheck_signed(raw)), 422, code)["message"]


def test_cms_payloads_without_an_article_name_the_missing_field(server):
    for hook, payload, named in [
        ("ghost", {"event": "post.published", "post": {}}, "post.current"),
        ("ghost", {"event": "post.published"}, "post.current"),
        ("contentful", {"sys": {"id": "x"}, "fields": {"title": {"en-US": "T"}}}, "fields.body.en-US"),
        ("strapi", {"event": "entry.publish", "model": "article", "entry": {"title": "T"}}, "entry.content"),
        ("sanity", {"_id": "x", "_type": "article", "title": "T"}, "body"),
        ("wordpress", {"id": 1, "title": {"rendered": "T"}}, "content.rendered or post.post_content"),
    ]:
        raw = json.dumps({**payload, "n": uuid.uuid4().hex}).encode()
        assert named in assert_error(server.post(f"/v1/hooks/{hook}", raw, SIGNERS[hook](raw)), 422, "missing-field")["message"]


# -- a separately configured server: timeouts, overload, a disabled endpoint --------------------------------


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """One lint at a time, nothing queued, 50 ms to lint: easy to overload and to time out. Only /v1/lint has a secret."""
    started = Server(tmp_path_factory.mktemp("slow"), env={"PUBCHECK_WEBHOOK_SECRET": WEBHOOK_SECRET},
                     config="server:\n  timeout: 0.05\n  max-concurrent: 1\n  max-queue: 0\n")
    yield started
    assert started.stop()


def test_an_endpoint_without_a_secret_is_disabled(slow):
    body = sample("ghost-post-published.json")
    error = assert_error(slow.post("/v1/hooks/ghost", body, ghost_signed(body)), 503, "endpoint-not-configured")
    assert "PUBCHECK_GHOST_SECRET" in error["message"]
    assert any("disabled" in e["message"] and e.get("endpoint") == "ghost" for e in slow.logs())


def huge_article(times: int = 30) -> str:
    """The fixture page with its article's content ``times`` over (30: about 27,000 words of body,
    far beyond 50 ms). Whole pages end to end would be one article and the rest page chrome."""
    opened = ARTICLE.index(">", ARTICLE.index("<article")) + 1
    closed = ARTICLE.index("</article>")
    return ARTICLE[:opened] + ARTICLE[opened:closed] * times + ARTICLE[closed:]


def test_linting_that_cannot_finish_in_time_is_503_with_retry_after_and_health_stays_fast(slow):
    huge = lint_body(huge_article())
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(slow.post, "/v1/lint", huge, pubcheck_signed(huge))
        time.sleep(0.02)
        started = time.perf_counter()
        assert slow.client.get("/healthz").status_code == 200
        assert time.perf_counter() - started < 0.5
        timed_out = pending.result()
    assert_error(timed_out, 503, "timeout")
    assert int(timed_out.headers["retry-after"]) >= 1


def test_a_burst_beyond_capacity_is_shed_with_503_and_the_service_recovers(slow):
    huge = lint_body(huge_article())
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: slow.post("/v1/lint", huge, pubcheck_signed(huge)), range(6)))
    codes = [r.json()["error"]["code"] for r in responses]
    assert all(r.status_code == 503 and r.headers["retry-after"] for r in responses)
    assert "overloaded" in codes and set(codes) <= {"overloaded", "timeout"}
    small = lint_body("<p>The premiere was on Friday, the studio said.</p>")
    deadline = time.monotonic() + 10
    while (answer := slow.post("/v1/lint", small, pubcheck_signed(small))).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.1)  # the stopped lint's worker process is being replaced
    assert answer.status_code == 200 and answer.json()["verdict"] == "pass"


# -- starting up: secrets, insecure mode, config errors -------------------------------------------------------


def test_refuses_to_start_without_any_secret(tmp_path, cli):
    clean = {k: "" for k in os.environ if k.startswith("PUBCHECK_")}
    result = cli("serve", "--port", str(free_port()), cwd=tmp_path, env=clean)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "no webhook secret" in lines[0] and "--insecure-no-auth" in lines[0]


def test_a_broken_server_section_stops_start_up_naming_file_line_and_key(tmp_path, cli):
    (tmp_path / ".pubcheck.yaml").write_text("fail-on: warning\nserver:\n  timeout: soon\n", encoding="utf-8")
    result = cli("serve", "--port", str(free_port()), cwd=tmp_path, env=ALL_SECRETS)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"pubcheck: error: {tmp_path / '.pubcheck.yaml'}:3: server.timeout: expected a number of seconds above 0 and up to 86400, got 'soon'"


def test_insecure_no_auth_accepts_unsigned_requests_and_says_so(tmp_path):
    server = Server(tmp_path, "--insecure-no-auth")
    try:
        body = sample("strapi-entry-publish.json")
        assert server.post("/v1/hooks/strapi", body).json()["verdict"] == "fail"
        assert any(e["level"] == "warning" and "INSECURE" in e["message"] for e in server.logs())
    finally:
        assert server.stop()


# -- load: a burst with two workers, and SIGTERM in the middle of one ------------------------------------------


def _burst(url: str, bodies: list[bytes], total: int, clients: int, on_answer=None) -> list[tuple[str, object]]:
    """``total`` requests from ``clients`` concurrent keep-alive clients; (request id, response or exception) each."""
    counter = iter(range(total))
    lock = threading.Lock()
    results: list[tuple[str, object]] = []

    def client() -> None:
        with httpx.Client(base_url=url, timeout=30) as session:
            while True:
                with lock:
                    index = next(counter, None)
                if index is None:
                    return
                body = bodies[index % len(bodies)]
                request_id = f"burst-{index}-{uuid.uuid4().hex[:8]}"
                try:
                    outcome = session.post("/v1/lint", content=body, headers={
                        "content-type": "application/json", "x-request-id": request_id, **pubcheck_signed(body)})
                except httpx.TransportError as exc:
                    outcome = exc
                with lock:
                    results.append((request_id, outcome))
                    answered = len(results)  # counted under the lock: each count is seen by one client only
                if on_answer:
                    on_answer(answered)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


BURST_BODIES = [lint_body(), lint_body(json.loads(sample("ghost-post-published.json"))["post"]["current"]["html"]),
                lint_body("<p>Short and clean, the studio said.</p>")]


def test_a_burst_of_500_requests_from_32_clients_all_get_correct_answers(tmp_path, server):
    expected = [server.post("/v1/lint", body, pubcheck_signed(body)).json()["counts"] for body in BURST_BODIES]
    workers = Server(tmp_path, "--workers", "2", env=ALL_SECRETS)
    try:
        results = _burst(workers.url, BURST_BODIES, total=500, clients=32)
    finally:
        assert workers.stop()
    assert len(results) == 500
    for request_id, response in results:
        assert isinstance(response, httpx.Response), f"{request_id}: {response!r}"
        assert response.status_code == 200, response.text
        assert response.headers["x-request-id"] == request_id
        index = int(request_id.split("-")[1])
        assert response.json()["counts"] == expected[index % len(BURST_BODIES)]
    assert len([e for e in workers.logs() if e.get("message") == "request" and e.get("path") == "/v1/lint"]) == 500


def test_sigterm_during_a_burst_loses_no_accepted_request(tmp_path):
    server = Server(tmp_path, "--workers", "2", env=ALL_SECRETS)
    stopped_at: list[float] = []

    def stop_midway(answered: int) -> None:
        if answered == 60 and not stopped_at:
            stopped_at.append(time.monotonic())
            server.process.send_signal(signal.SIGTERM)

    results = _burst(server.url, BURST_BODIES, total=400, clients=32, on_answer=stop_midway)
    assert server.stopped(30)
    answered = {rid: r for rid, r in results if isinstance(r, httpx.Response)}
    assert all(r.status_code == 200 and r.json()["verdict"] in ("pass", "fail") for r in answered.values())
    refused = [r for _, r in results if not isinstance(r, httpx.Response)]
    assert all(isinstance(r, (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)) for r in refused)
    served = {e["request_id"] for e in server.logs() if e.get("path") == "/v1/lint" and e.get("status") is not None}
    assert served == set(answered)  # every request the server took in was answered to its client
    assert len(answered) > 60  # the requests in flight at SIGTERM were finished, not dropped

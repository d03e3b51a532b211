"""A stand-in LanguageTool server for the tests: a small HTTP server on a free loopback port that
speaks LanguageTool's HTTP API, so pubcheck is driven through the real language-tool-python
client exactly as it would talk to the newsroom's server.

- ``GET /v2/languages``: the language list, shaped as LanguageTool returns it.
- ``POST /v2/check``: form-encoded ``text`` (or ``data``, LanguageTool's annotated-text JSON),
  ``language``, ``enabledRules``, ``disabledRules``, ``enabledCategories``,
  ``disabledCategories``, ``enabledOnly`` and ``level``; the response has LanguageTool's shape
  (``software``, ``warnings``, ``language``, ``matches[]`` with ``message``, ``shortMessage``,
  ``replacements[{value}]``, ``offset``/``length`` in UTF-16 code units as Java counts them,
  ``context``, ``sentence``, ``type``, ``rule{id, description, issueType, category{id, name}}``…,
  ``sentenceRanges``).
- ``GET /v2/healthcheck``: ``OK``.

What it flags is scripted: by default, a repeated word (``ENGLISH_WORD_REPEAT_RULE``) and the
words in ``misspellings`` (``MORFOLOGIK_RULE_EN_US``, including names LanguageTool does not
know). Tests add rules, delays, error statuses and garbage answers, and read ``requests``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

SOFTWARE = {
    "name": "LanguageTool",
    "version": "6.6",
    "buildDate": "2025-03-27 11:46:57 +0000",
    "apiVersion": 1,
    "premium": False,
    "premiumHint": "You might be missing errors only the Premium version can find. Contact us at support<at>languagetoolplus.com.",
    "status": "",
}
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "French", "code": "fr", "longCode": "fr"},
]
TYPOS = {"category": {"id": "TYPOS", "name": "Possible Typo"}}
MISC = {"category": {"id": "MISC", "name": "Miscellaneous"}}


@dataclass
class Rule:
    """Flag each regex match (group 1 when the pattern has a group) as this LanguageTool rule."""

    pattern: str
    id: str
    message: str
    description: str
    issue_type: str
    category: dict
    replacements: tuple[str, ...] = ()
    type_name: str = "Other"
    short_message: str = ""
    flags: int = 0


def word_repeat_rule() -> Rule:
    return Rule(
        r"\b(\w+) \1\b", "ENGLISH_WORD_REPEAT_RULE", "Possible typo: you repeated a word",
        "Word repetition (e.g. 'will will')", "duplication", MISC["category"], short_message="Word repetition",
        flags=re.I,
    )


def spelling_rule(word: str, replacements: tuple[str, ...] = ()) -> Rule:
    return Rule(
        rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.",
        "Possible spelling mistake", "misspelling", TYPOS["category"], replacements, "UnknownWord", "Spelling mistake",
    )


# Typos, and names LanguageTool's dictionary lacks (the real server flags unknown names too).
DEFAULT_MISSPELLINGS = {
    "recieve": ("receive", "relieve"),
    "definately": ("definitely", "defiantly"),
    "teh": ("the", "ten"),
    "Pillsbury": ("Pills bury",),
    "Ruffalo": ("Buffalo",),
    "Dunham": ("Durham",),
    "MountainA": ("Mountain",),
    "besties": ("bestie's",),
    "pussybow": ("pussy bow",),
}


@dataclass
class Reply:
    """A scripted answer to the next ``/v2/check`` requests: a status, a body, headers.
    Status 0 means "check this one normally" (to script a failure for a later request)."""

    status: int
    body: str | bytes
    headers: dict = field(default_factory=dict)
    content_type: str = "text/plain; charset=utf-8"


class StandIn:
    """The stand-in server, running in a daemon thread. Use as a context manager."""

    def __init__(self):
        self.rules: list[Rule] = [word_repeat_rule()] + [spelling_rule(w, r) for w, r in DEFAULT_MISSPELLINGS.items()]
        self.requests: list[dict] = []  # every /v2/check form, decoded
        self.language_requests = 0
        self.delay = 0.0  # seconds before answering a check
        self.replies: list[Reply] = []  # scripted answers, used once each, before normal checking
        self.always: Reply | None = None  # a scripted answer for every check
        self.languages_reply: Reply | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "StandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def flag(self, pattern: str, rule_id: str, message: str = "Flagged.", *, category=("GRAMMAR", "Grammar"),
             issue_type: str = "grammar", replacements: tuple[str, ...] = ()) -> None:
        self.rules.append(Rule(pattern, rule_id, message, message, issue_type, {"id": category[0], "name": category[1]}, replacements))

    @property
    def texts(self) -> list[str]:
        return [r.get("text", "") for r in self.requests]

    # -- checking ------------------------------------------------------------------------------

    def check(self, form: dict) -> tuple[int, dict | str]:
        text = form.get("text")
        if text is None and "data" in form:
            try:
                annotation = json.loads(form["data"])["annotation"]
                text = "".join(part.get("text", part.get("interpretAs", "")) for part in annotation)
            except (ValueError, KeyError, TypeError):
                return 400, "Error: Invalid JSON in 'data' parameter"
        if text is None:
            return 400, "Error: Missing 'text' or 'data' parameter"
        language = form.get("language")
        known = {entry["longCode"] for entry in LANGUAGES} | {entry["code"] for entry in LANGUAGES} | {"auto"}
        if not language:
            return 400, "Error: Missing 'language' parameter"
        if language not in known:
            return 400, f"Error: '{language}' is not a language code known to LanguageTool."
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        enabled = set(filter(None, form.get("enabledRules", "").split(",")))
        disabled_categories = set(filter(None, form.get("disabledCategories", "").split(",")))
        enabled_categories = set(filter(None, form.get("enabledCategories", "").split(",")))
        only = form.get("enabledOnly") == "true"
        matches = []
        for rule in self.rules:
            category = rule.category["id"]
            if rule.id in disabled or category in disabled_categories:
                continue
            if only and rule.id not in enabled and category not in enabled_categories:
                continue
            if rule.id.startswith("PICKY_") and form.get("level") != "picky":
                continue
            for found in re.finditer(rule.pattern, text, rule.flags):
                group = 1 if found.re.groups else 0
                matches.append(self._match(text, found.start(group), found.end(group), rule))
        matches.sort(key=lambda m: m["offset"])
        name = next((e["name"] for e in LANGUAGES if e["longCode"] == language), "English (US)")
        return 200, {
            "software": SOFTWARE,
            "warnings": {"incompleteResults": False},
            "language": {
                "name": name,
                "code": language,
                "detectedLanguage": {"name": name, "code": language, "confidence": 0.99, "source": "ngram"},
            },
            "matches": matches,
            "sentenceRanges": [[0, _utf16(text, len(text))]],
            "extendedSentenceRanges": [{"from": 0, "to": _utf16(text, len(text)), "detectedLanguages": [{"language": "en", "rate": 1.0}]}],
        }

    @staticmethod
    def _match(text: str, start: int, end: int, rule: Rule) -> dict:
        sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
        sentence_end = min([i for i in (text.find(". ", end), text.find("\n", end)) if i != -1] or [len(text)])
        left = max(0, start - 40)
        context = text[left : end + 40]
        return {
            "message": rule.message,
            "shortMessage": rule.short_message,
            "replacements": [{"value": r} for r in rule.replacements],
            "offset": _utf16(text, start),  # Java counts UTF-16 code units
            "length": _utf16(text, end) - _utf16(text, start),
            "context": {"text": context, "offset": start - left, "length": end - start},
            "sentence": text[sentence_start : sentence_end + 1].strip(),
            "type": {"typeName": rule.type_name},
            "rule": {
                "id": rule.id,
                "description": rule.description,
                "issueType": rule.issue_type,
                "category": dict(rule.category),
                "isPremium": False,
                "confidence": 0.68,
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        }

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as LanguageTool's server does

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/v2/languages":
                    with standin._lock:
                        standin.language_requests += 1
                    if standin.languages_reply is not None:
                        return self._reply(standin.languages_reply)
                    return self._json(200, LANGUAGES)
                if path == "/v2/healthcheck":
                    return self._send(200, b"OK", "text/plain")
                if path == "/v2/check":
                    return self._check(parse_qs(urlparse(self.path).query))
                self._send(404, b"Error: not found", "text/plain")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                if urlparse(self.path).path != "/v2/check":
                    return self._send(404, b"Error: not found", "text/plain")
                self._check(parse_qs(body, keep_blank_values=True))

            def _check(self, query: dict):
                form = {key: values[-1] for key, values in query.items()}
                with standin._lock:
                    standin.requests.append(form)
                    reply = standin.replies.pop(0) if standin.replies else standin.always
                if standin.delay:
                    time.sleep(standin.delay)
                if reply is not None and reply.status:
                    return self._reply(reply)
                status, payload = standin.check(form)
                if isinstance(payload, str):
                    return self._send(status, payload.encode(), "text/plain; charset=utf-8")
                self._json(status, payload)

            def _reply(self, reply: Reply):
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                self._send(reply.status, body, reply.content_type, reply.headers)

            def _json(self, status: int, payload):
                self._send(status, json.dumps(payload).encode(), "application/json")

            def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        return Handler


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def main() -> None:
    """Run the stand-in in the foreground (for trying pubcheck by hand): prints its URL."""
    with StandIn() as standin:
        print(standin.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()


# -- a stand-in local installation ---------------------------------------------------------------

# The official server's entry point and command line (`java -cp languagetool-server.jar
# org.languagetool.server.HTTPServer --port N`), answering /v2/languages and flagging repeated
# words in /v2/check: enough to test that pubcheck starts a local installation and uses it.
HTTP_SERVER_JAVA = r"""
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class HTTPServer {
  public static void main(String[] args) throws Exception {
    int port = 8081;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--port") || args[i].equals("-p")) port = Integer.parseInt(args[i + 1]);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/v2/languages", ex -> send(ex, "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"}]"));
    server.createContext("/v2/check", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String text = "";
      for (String pair : body.split("&")) {
        if (pair.startsWith("text=")) text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
      StringBuilder matches = new StringBuilder();
      Matcher m = Pattern.compile("\\b(\\w+) \\1\\b").matcher(text);
      while (m.find()) {
        if (matches.length() > 0) matches.append(',');
        matches.append("{\"message\":\"Possible typo: you repeated a word\",\"shortMessage\":\"Word repetition\","
            + "\"replacements\":[{\"value\":\"" + m.group(1) + "\"}],\"offset\":" + m.start() + ",\"length\":" + (m.end() - m.start())
            + ",\"context\":{\"text\":\"\",\"offset\":0,\"length\":0},\"sentence\":\"\",\"type\":{\"typeName\":\"Other\"},"
            + "\"rule\":{\"id\":\"ENGLISH_WORD_REPEAT_RULE\",\"description\":\"Word repetition\",\"issueType\":\"duplication\","
            + "\"category\":{\"id\":\"MISC\",\"name\":\"Miscellaneous\"}}}");
      }
      send(ex, "{\"software\":{\"name\":\"LanguageTool\",\"version\":\"6.6\",\"apiVersion\":1},"
          + "\"language\":{\"name\":\"English (US)\",\"code\":\"en-US\"},\"matches\":[" + matches + "]}");
    });
    server.start();
  }

  static void send(HttpExchange ex, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
"""


def build_local_installation(folder) -> None:
    """A LanguageTool-like installation in ``folder``: languagetool-server.jar with the stand-in
    HTTPServer above, compiled with the JDK's javac and jar."""
    import subprocess
    from pathlib import Path

    folder = Path(folder)
    source = folder / "src" / "org" / "languagetool" / "server" / "HTTPServer.java"
    source.parent.mkdir(parents=True)
    source.write_text(HTTP_SERVER_JAVA, encoding="utf-8")
    classes = folder / "classes"
    subprocess.run(["javac", "-d", str(classes), str(source)], check=True, capture_output=True, timeout=120)
    subprocess.run(["jar", "cf", str(folder / "languagetool-server.jar"), "-C", str(classes), "."], check=True, capture_output=True, timeout=60)

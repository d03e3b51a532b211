"""The grammar rule against a stand-in LanguageTool server (tests/languagetool_standin.py), driven
through the real language-tool-python client: positions, names, splitting, concurrency, every
way a server can fail, every output format, and that nothing is ever downloaded."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import pubcheck
from pubcheck import languagetool
from pubcheck.config import Config
from pubcheck.engine import RunOptions, lint_paths
from pubcheck.findings import Skip

from helpers import write_articles
from languagetool_standin import DEFAULT_MISSPELLINGS, Reply, StandIn, spelling_rule

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def server():
    languagetool.reset()  # each test starts with no remembered server state
    with StandIn() as standin:
        yield standin
    languagetool.reset()


@pytest.fixture(autouse=True)
def no_download(monkeypatch):
    """Any attempt by language-tool-python to download or start LanguageTool fails the test."""
    import language_tool_python.download_lt as download_lt
    import language_tool_python.server as lt_server

    def refuse(*args, **kwargs):
        pytest.fail("language-tool-python tried to download or start LanguageTool")

    for target, name in [
        (download_lt, "download_lt"), (download_lt, "http_get"), (download_lt, "download_zip"),
        (download_lt.ReleaseLocalLanguageTool, "download"), (download_lt.SnapshotLocalLanguageTool, "download"),
        (lt_server.LanguageTool, "_start_local_server"), (lt_server.LanguageTool, "_start_server_on_free_port"),
    ]:
        monkeypatch.setattr(target, name, refuse)


def config(server: StandIn | str, *, select=("grammar",), **languagetool_options) -> Config:
    url = server if isinstance(server, str) else server.url
    return Config(select=select, languagetool=(("url", url), *languagetool_options.items()))


def lint(source: str, cfg: Config, fmt: str = "text"):
    return pubcheck.lint(source, format=fmt, config=cfg)


# -- findings -------------------------------------------------------------------------------------


def test_matches_become_findings_at_exact_source_positions_through_html(server):
    page = (
        "<html><body><nav><a href='/'>Hoem teh nav</a></nav>\n<article>\n<h1>Teh &amp; the stars</h1>\n"
        "<p>📖 Tom &amp; Jerry&rsquo;s <b>cast</b> will will\nrecieve the award.</p>\n</article></body></html>"
    )
    report = lint(page, config(server), "html")
    found = [(f.rule, f.line, f.column, f.end_line, f.end_column, f.snippet) for f in report.findings]
    line4 = page.splitlines()[3]
    assert line4.startswith("<p>📖") and line4.index("will will") == 41
    assert found == [
        ("grammar/ENGLISH_WORD_REPEAT_RULE", 4, 42, 4, 46, "will"),
        ("grammar/MORFOLOGIK_RULE_EN_US", 5, 1, 5, 8, "recieve"),
    ]
    assert server.texts == ["Teh & the stars\n\n📖 Tom & Jerry’s cast will will recieve the award."]  # no navigation
    spelling = report.findings[1]
    assert spelling.category == "grammar" and spelling.severity == "warning"
    assert spelling.message == 'Possible spelling mistake found. Suggestions: "receive" or "relieve". [Possible Typo]'
    fixed = page[: spelling.fix.start] + spelling.fix.replacement + page[spelling.fix.end :]
    assert "will will\nreceive the award" in fixed and not spelling.fix.safe


def test_emoji_before_a_match_do_not_shift_it(server):
    """LanguageTool counts UTF-16 code units: each emoji is two of them, one character here."""
    text = "🎬🍿 The premiere was a hit 😍😍. The cast will will return.\n"
    report = lint(text, config(server))
    (finding,) = report.findings
    assert (finding.column, finding.text) == (text.index("will will") + 1, "will")


def test_the_title_is_checked_when_it_is_the_headline(server):
    server.flag(r"\bwriters room\b", "WRITERS_ROOM", "Did you mean 'writers' room'?", replacements=("writers' room",))
    page = "<html><head><title>Inside the writers room</title></head><body><p>All well.</p></body></html>"
    (finding,) = lint(page, config(server), "html").findings
    assert (finding.rule, finding.line, finding.column, finding.text) == ("grammar/WRITERS_ROOM", 1, 31, "writers room")


def test_request_carries_the_configured_language_rules_categories_and_level(server):
    cfg = config(
        server, language="en-GB", picky=True, **{"disabled-rules": ["EN_QUOTES", "WHITESPACE_RULE"],
        "enabled-rules": ["PICKY_RULE"], "disabled-categories": ["TYPOGRAPHY"], "enabled-categories": ["STYLE"]},
    )
    lint("One sentence.", cfg)
    (form,) = server.requests
    assert form["language"] == "en-GB" and form["level"] == "picky" and form["text"] == "One sentence."
    assert set(form["disabledRules"].split(",")) == {"EN_QUOTES", "WHITESPACE_RULE"}
    assert form["enabledRules"] == "PICKY_RULE"
    assert form["disabledCategories"] == "TYPOGRAPHY" and form["enabledCategories"] == "STYLE"


def test_disabled_rules_are_not_reported(server):
    cfg = config(server, **{"disabled-rules": ["ENGLISH_WORD_REPEAT_RULE"]})
    assert [f.rule for f in lint("It will will rain and recieve.", cfg).findings] == ["grammar/MORFOLOGIK_RULE_EN_US"]


def test_env_var_names_the_server_when_the_config_does_not(server, cli, tmp_path):
    (tmp_path / "a.txt").write_text("The cast will will return.\n", encoding="utf-8")
    result = cli("lint", "--select", "grammar", "a.txt", cwd=tmp_path, env={"PUBCHECK_LANGUAGETOOL_URL": server.url})
    assert result.stdout.decode().splitlines()[0] == (
        "a.txt:1:10: warning grammar/ENGLISH_WORD_REPEAT_RULE Possible typo: you repeated a word. [Miscellaneous]"
    )
    assert result.stderr.decode() == "" and result.returncode == 1


def test_a_url_ending_in_v2_works_too(server):
    assert [f.rule for f in lint("It will will rain.", config(server.url + "/v2/")).findings] == ["grammar/ENGLISH_WORD_REPEAT_RULE"]


# -- names ----------------------------------------------------------------------------------------


UNKNOWN_TO_LANGUAGETOOL = {
    "synthetic": {"Lindgren", "Ottilie", "Kettlebrook", "Andrade", "besties"},
    "reference": {"Dunham", "Pillsbury", "Ruffalo", "MountainA", "besties", "pussybow"},
}


def test_names_and_allowlisted_words_are_not_spelling_mistakes(server, problem_article):
    """The stand-in, like LanguageTool, calls the article's names and words such as besties
    misspelled; the article establishes the names and the allowlist has the rest."""
    unknown = UNKNOWN_TO_LANGUAGETOOL[problem_article.name]
    server.rules.extend(spelling_rule(word) for word in unknown - DEFAULT_MISSPELLINGS.keys())
    report = lint(problem_article.text, config(server))
    flagged = [(f.rule, f.text) for f in report.findings]
    assert [word for rule, word in flagged if rule == "grammar/MORFOLOGIK_RULE_EN_US"] == []
    matched = {m for text in server.texts for m in unknown if m in text}
    assert matched == unknown


def test_a_spelling_match_on_an_unestablished_word_is_kept(server):
    server.rules.append(spelling_rule("Zorvath", ("Zorbath",)))
    assert [f.text for f in lint("Zorvath said no.", config(server)).findings] == ["Zorvath"]
    assert [f.text for f in lint("Zorvath said no. The director, Zorvath, agreed.", config(server)).findings] == []


def test_dictionary_words_are_not_spelling_mistakes(server, tmp_path):
    server.rules.append(spelling_rule("snarkfest"))
    words = tmp_path / "words.txt"
    words.write_text("snarkfest\n", encoding="utf-8")
    assert [f.text for f in lint("What a snarkfest.", config(server)).findings] == ["snarkfest"]
    cfg = Config(select=("grammar",), dictionary=words, languagetool=(("url", server.url),))
    assert lint("What a snarkfest.", cfg).findings == ()


def test_names_only_excuse_spelling_matches(server):
    server.flag(r"Pillsbury (are)", "AGREEMENT", "Use 'is'.", replacements=("is",))
    found = [(f.rule, f.text) for f in lint("Tucker Pillsbury are here.", config(server)).findings]
    assert found == [("grammar/AGREEMENT", "are")]


# -- splitting and concurrency ----------------------------------------------------------------------


def test_long_articles_are_split_at_paragraph_boundaries_and_offsets_merged(server):
    paragraphs = [f"Paragraph {i} opens here. The cast will will return in season {i}." for i in range(12)]
    text = "\n\n".join(paragraphs) + "\n"
    report = lint(text, config(server, **{"max-chars": 200}))
    assert len(server.requests) > 3
    assert all(len(t) <= 200 for t in server.texts)
    assert all(t.startswith("Paragraph") for t in server.texts)  # cut at blank lines
    sent = sorted(p for t in server.texts for p in t.split("\n\n") if p.strip())  # pieces arrive in any order
    assert sent == sorted(paragraphs)
    assert [(f.line, f.column) for f in report.findings] == [(1 + 2 * i, paragraphs[i].index("will will") + 1) for i in range(12)]


def test_a_paragraph_longer_than_max_chars_is_cut_at_sentence_ends():
    text = "One short sentence here. " * 20
    pieces = languagetool.split_text(text, 100)
    assert all(len(piece) <= 100 for _, piece in pieces)
    assert all(piece.endswith(". ") for _, piece in pieces[:-1])
    assert "".join(piece for _, piece in pieces) == text
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_pieces_are_checked_concurrently_within_the_bound(server):
    server.delay = 0.5
    text = "\n\n".join(f"Paragraph {i} will will end." for i in range(4))
    start = time.perf_counter()
    report = lint(text, config(server, **{"max-chars": 40, "concurrency": 4}))
    elapsed = time.perf_counter() - start
    assert len(server.requests) == 4 and len(report.findings) == 4
    assert elapsed < 1.5, f"4 pieces at 0.5 s each took {elapsed:.2f} s"


def test_a_batch_of_files_overlaps_its_requests(server, tmp_path):
    server.delay = 0.4
    write_articles(tmp_path, {f"story{i}.txt": f"Story {i}: the cast will will return.\n" for i in range(9)})
    start = time.perf_counter()
    summary = lint_paths([str(tmp_path)], RunOptions(config=config(server, concurrency=4)))
    elapsed = time.perf_counter() - start
    assert [len(r.findings) for r in summary.reports] == [1] * 9
    assert [Path(r.path).name for r in summary.reports] == [f"story{i}.txt" for i in range(9)]
    assert elapsed < 9 * 0.4 * 0.75, f"9 files at 0.4 s each took {elapsed:.2f} s"


# -- failures -------------------------------------------------------------------------------------


def _grammar_notice(report) -> str:
    (skip,) = report.skipped
    assert skip.rule == "grammar"
    return str(skip)  # as the notice reads


def test_unreachable_server_skips_grammar_and_spelling_stands_in(tmp_path):
    languagetool.reset()
    port = _closed_port()
    cfg = config(f"http://127.0.0.1:{port}", select=("grammar", "spelling"))
    report = lint("The actress will recieve the award.", cfg)
    assert [f.rule for f in report.findings] == ["spelling"]
    assert _grammar_notice(report) == (
        f"grammar: LanguageTool server http://127.0.0.1:{port} is unreachable (connection refused); "
        "grammar not checked there, offline spelling used instead"
    )


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_working_server_replaces_offline_spelling_so_nothing_is_reported_twice(server):
    cfg = config(server, select=("grammar", "spelling"))
    report = lint("The actress will recieve the award.", cfg)
    assert [(f.rule, f.text) for f in report.findings] == [("grammar/MORFOLOGIK_RULE_EN_US", "recieve")]


def test_timeout_is_reported_and_the_batch_does_not_stall(server, tmp_path):
    server.delay = 2.0
    write_articles(tmp_path, {f"s{i}.txt": "The actress will recieve the award.\n" for i in range(6)})
    start = time.perf_counter()
    summary = lint_paths([str(tmp_path)], RunOptions(config=config(server, select=("grammar", "spelling"), timeout=0.5, concurrency=1)))
    elapsed = time.perf_counter() - start
    assert summary.notices == (
        f"grammar: LanguageTool server {server.url} did not answer within 0.5 s (timeout); "
        "grammar not checked there, offline spelling used instead",
    )
    assert [f.rule for r in summary.reports for f in r.findings] == ["spelling"] * 6
    assert len(server.requests) == languagetool.FAILURES_BEFORE_GIVING_UP  # then the server is left alone
    assert elapsed < 0.5 * languagetool.FAILURES_BEFORE_GIVING_UP + 2.5
    assert summary.exit_code() == 1  # the spelling findings; the skip itself changes nothing


def test_rate_limiting_is_reported_with_its_retry_time_and_respected(server, tmp_path):
    server.always = Reply(429, "Error: Too many requests", {"Retry-After": "30"})
    write_articles(tmp_path, {f"s{i}.txt": "Fine copy.\n" for i in range(4)})
    summary = lint_paths([str(tmp_path)], RunOptions(config=config(server)))
    assert summary.notices == (
        f"grammar: LanguageTool server {server.url} is rate limiting requests (HTTP 429; retry after 30 s); "
        "grammar not checked there, offline spelling used instead",
    )
    assert len(server.requests) == 1  # no hammering a server that asked us to wait
    assert summary.exit_code() == 0


@pytest.mark.parametrize(
    "reply, cause",
    [
        (Reply(200, "<html><body>502 Bad Gateway</body></html>", content_type="text/html"),
         "sent a malformed response (not JSON: '<html><body>502 Bad Gateway</body></html>')"),
        (Reply(200, json.dumps({"software": {"name": "LanguageTool"}}), content_type="application/json"),
         "sent a malformed response (no 'matches' list in the response)"),
        (Reply(200, json.dumps({"matches": [{"offset": 3}]}), content_type="application/json"),
         "sent a malformed response (a match lacks rule, offset or length)"),
        (Reply(200, json.dumps({"matches": [{"offset": 900, "length": 4, "rule": {"id": "X"}}]}), content_type="application/json"),
         "sent a malformed response (a match at offset 900 lies outside the text)"),
        (Reply(500, "Error: Internal Error: java.lang.NullPointerException"),
         "answered HTTP 500 ('Error: Internal Error: java.lang.NullPointerException')"),
        (Reply(403, "Error: Access from 127.0.0.1 denied"), "answered HTTP 403 ('Error: Access from 127.0.0.1 denied')"),
        (Reply(503, "Error: There are currently too many parallel requests."), "is overloaded (HTTP 503; retry after 60 s)"),
        (Reply(413, "Error: Your text exceeds the limit"), "refused a text as too long (HTTP 413); lower languagetool.max-chars"),
    ],
    ids=["html", "no-matches", "bad-match", "outside-text", "500", "403", "503", "413"],
)
def test_bad_answers_are_named_in_the_notice(server, reply, cause):
    server.replies.append(reply)
    report = lint("The cast will will return.", config(server, select=("grammar", "spelling")))
    assert report.findings == () and report.error is None
    assert _grammar_notice(report) == f"grammar: LanguageTool server {server.url} {cause}; grammar not checked there, offline spelling used instead"


def test_a_failed_piece_keeps_the_findings_of_the_others(server):
    server.replies += [Reply(0, ""), Reply(500, "Error: boom")]  # the first piece is checked, the second fails
    text = "The cast will will go.\n\nShe will recieve it."
    report = lint(text, config(server, select=("grammar", "spelling"), **{"max-chars": 25, "concurrency": 1}))
    assert server.texts == ["The cast will will go.\n\n", "She will recieve it."]
    assert [(f.rule, f.text) for f in report.findings] == [("grammar/ENGLISH_WORD_REPEAT_RULE", "will"), ("spelling", "recieve")]
    assert "answered HTTP 500 ('Error: boom')" in _grammar_notice(report)


def test_a_server_that_fails_once_is_tried_again_for_the_next_article(server):
    server.replies.append(Reply(500, "Error: boom"))
    cfg = config(server)
    assert lint("It will will rain.", cfg).skipped
    report = lint("It will will rain.", cfg)
    assert report.skipped == () and [f.rule for f in report.findings] == ["grammar/ENGLISH_WORD_REPEAT_RULE"]


def test_garbage_language_list_and_unknown_language(server):
    server.languages_reply = Reply(200, "not json at all")
    report = lint("Text.", config(server))
    assert _grammar_notice(report).startswith(f"grammar: LanguageTool server {server.url} sent a malformed response (not JSON")
    languagetool.reset()
    server.languages_reply = None
    report = lint("Text.", config(server, language="xx-YY"))
    assert f"LanguageTool server {server.url} does not support language 'xx-YY'" in _grammar_notice(report)


def test_no_server_configured(monkeypatch):
    monkeypatch.delenv("PUBCHECK_LANGUAGETOOL_URL", raising=False)
    report = lint("The cast will will return.", Config(select=("grammar",)))
    assert report.findings == ()
    assert report.skipped == (Skip(
        "grammar", "no LanguageTool server configured (set languagetool.url or PUBCHECK_LANGUAGETOOL_URL); "
        "grammar not checked, offline spelling used instead",
    ),)


# -- the command line, every format -----------------------------------------------------------------

ARTICLE = "<article>\n<h1>Premiere night</h1>\n<p>The cast will will return, and fans will recieve tickets.</p>\n</article>\n"


@pytest.fixture
def project(tmp_path, server):
    (tmp_path / ".pubcheck.yaml").write_text(f"languagetool:\n  url: {server.url}\n  timeout: 5\n", encoding="utf-8")
    (tmp_path / "story.html").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


REPEAT_COLUMN = ARTICLE.splitlines()[2].index("will will") + 1  # 13
TYPO_COLUMN = ARTICLE.splitlines()[2].index("recieve") + 1  # 45


def test_text_output(project, cli):
    result = cli("lint", "--select", "grammar,spelling", "story.html", cwd=project)
    assert (REPEAT_COLUMN, TYPO_COLUMN) == (13, 45)
    assert result.stdout.decode().splitlines() == [
        "story.html:3:13: warning grammar/ENGLISH_WORD_REPEAT_RULE Possible typo: you repeated a word. [Miscellaneous]",
        'story.html:3:45: warning grammar/MORFOLOGIK_RULE_EN_US Possible spelling mistake found. Suggestions: "receive" or "relieve". [Possible Typo]',
        "story.html: score 90/100, needs edits",
        "2 problems (0 errors, 2 warnings, 0 info) in 1 of 1 file",
    ]
    assert result.returncode == 1 and result.stderr.decode() == ""


def test_json_output(project, cli):
    data = json.loads(cli("lint", "--select", "grammar", "-f", "json", "story.html", cwd=project).stdout)
    findings = data["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["end_column"], f["text"]) for f in findings] == [
        ("grammar/ENGLISH_WORD_REPEAT_RULE", 3, 13, 17, "will"),
        ("grammar/MORFOLOGIK_RULE_EN_US", 3, 45, 52, "recieve"),
    ]
    assert findings[1]["fix"]["replacement"] == "receive" and data["notices"] == []


def test_sarif_output(project, cli):
    sarif = json.loads(cli("lint", "--select", "grammar", "-f", "sarif", "story.html", cwd=project).stdout)
    run = sarif["runs"][0]
    results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run["results"]]
    assert results == [("grammar/ENGLISH_WORD_REPEAT_RULE", 3, 13), ("grammar/MORFOLOGIK_RULE_EN_US", 3, 45)]
    descriptors = run["tool"]["driver"]["rules"]
    assert [descriptors[r["ruleIndex"]]["id"] for r in run["results"]] == [r["ruleId"] for r in run["results"]]
    assert run["invocations"][0].get("toolExecutionNotifications", []) == []


def test_github_output(project, cli):
    lines = cli("lint", "--select", "grammar", "-f", "github", "story.html", cwd=project).stdout.decode().splitlines()
    assert lines[0].startswith("::warning file=story.html,line=3,col=13,endLine=3,endColumn=17,")
    assert "grammar/MORFOLOGIK_RULE_EN_US" in lines[1] and "col=45" in lines[1]


def test_skip_is_one_notice_in_every_format_and_require_makes_it_exit_2(tmp_path, cli):
    port = _closed_port()
    (tmp_path / ".pubcheck.yaml").write_text(f"languagetool:\n  url: http://127.0.0.1:{port}\n", encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Fine copy, nothing wrong.\n", encoding="utf-8")
    notice = (f"grammar: LanguageTool server http://127.0.0.1:{port} is unreachable (connection refused); "
              "grammar not checked there, offline spelling used instead")
    text = cli("lint", ".", cwd=tmp_path)
    assert text.returncode == 0
    assert text.stderr.decode().splitlines() == [f"pubcheck: notice: {notice}"]
    data = json.loads(cli("lint", "-f", "json", ".", cwd=tmp_path).stdout)
    assert data["notices"] == [notice]
    sarif = json.loads(cli("lint", "-f", "sarif", ".", cwd=tmp_path).stdout)
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notifications] == [notice]
    required = cli("lint", "--require", "grammar", ".", cwd=tmp_path)
    assert required.returncode == 2
    assert required.stderr.decode().splitlines()[-1] == f"pubcheck: error: required rule could not run: {notice}"
    (tmp_path / ".pubcheck.yaml").write_text(f"require: [grammar]\nlanguagetool:\n  url: http://127.0.0.1:{port}\n", encoding="utf-8")
    assert cli("lint", ".", cwd=tmp_path).returncode == 2


def test_worker_processes_use_the_server_too(server, tmp_path, cli):
    (tmp_path / ".pubcheck.yaml").write_text(f"languagetool:\n  url: {server.url}\n", encoding="utf-8")
    write_articles(tmp_path, {f"s{i:02}.txt": f"Story {i}: the cast will will return.\n" for i in range(10)})
    result = cli("lint", "--jobs", "2", "--select", "grammar", ".", cwd=tmp_path)
    assert result.stdout.decode().count("grammar/ENGLISH_WORD_REPEAT_RULE") == 10
    assert len(server.requests) == 10 and result.stderr.decode() == ""


def test_bad_languagetool_settings_are_config_errors(tmp_path, cli):
    (tmp_path / ".pubcheck.yaml").write_text("languagetool:\n  timeout: soon\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = cli("lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "languagetool: rule grammar: option 'timeout' must be float, got 'soon'" in result.stderr.decode()
    (tmp_path / ".pubcheck.yaml").write_text("languagetool:\n  urll: http://x\n", encoding="utf-8")
    assert "unknown option 'urll'" in cli("lint", "a.txt", cwd=tmp_path).stderr.decode()


# -- never download -----------------------------------------------------------------------------


def test_the_client_refuses_local_mode():
    client_class = languagetool._client_class()
    with pytest.raises(RuntimeError, match="only talks to LanguageTool servers"):
        client_class("en-US")


def test_a_local_installation_without_a_jar_is_reported_not_downloaded(tmp_path, monkeypatch):
    monkeypatch.delenv("PUBCHECK_LANGUAGETOOL_URL", raising=False)
    languagetool.reset()
    cfg = Config(select=("grammar", "spelling"), languagetool=(("path", str(tmp_path)),))
    report = lint("The actress will recieve it.", cfg)
    assert [f.rule for f in report.findings] == ["spelling"]
    assert _grammar_notice(report).startswith(f"grammar: local LanguageTool at {tmp_path}: no languagetool-server.jar there")


def test_a_local_installation_is_started_used_and_stopped(tmp_path, cli):
    """With `path` set, pubcheck starts that installation's own server with java on a free
    loopback port (never downloading anything), checks through it, and stops it at exit."""
    import shutil

    if not (shutil.which("javac") and shutil.which("jar") and shutil.which("java")):
        pytest.skip("needs a JDK (javac, jar, java) to build the stand-in languagetool-server.jar")
    from languagetool_standin import build_local_installation

    install = tmp_path / "LanguageTool-6.6"
    build_local_installation(install)
    (tmp_path / ".pubcheck.yaml").write_text(f"languagetool:\n  path: {install}\n", encoding="utf-8")
    write_articles(tmp_path, {f"s{i}.txt": "🎬 The cast will will return.\n" for i in range(2)})
    before = _java_servers()
    result = cli("lint", "--select", "grammar", "--jobs", "1", ".", cwd=tmp_path)
    assert [line for line in result.stdout.decode().splitlines() if ": score " not in line][:2] == [
        "s0.txt:1:12: warning grammar/ENGLISH_WORD_REPEAT_RULE Possible typo: you repeated a word. Suggestion: \"will\". [Miscellaneous]",
        "s1.txt:1:12: warning grammar/ENGLISH_WORD_REPEAT_RULE Possible typo: you repeated a word. Suggestion: \"will\". [Miscellaneous]",
    ]
    assert result.stderr.decode() == ""  # the emoji counts once here, twice for Java: mapped back
    deadline = time.monotonic() + 10
    while _java_servers() - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _java_servers() - before == set()  # stopped when pubcheck exited


def _java_servers() -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"org.languagetool.server.HTTPServer" in command:
                found.add(int(entry.name))
    return found


def test_a_server_left_alone_is_tried_again_after_its_pause(server):
    """A long-running process (the webhook service) picks the server up again once it is back."""
    server.replies.append(Reply(503, "Error: There are currently too many parallel requests.", {"Retry-After": "1"}))
    cfg = config(server)
    assert "is overloaded (HTTP 503; retry after 1 s)" in _grammar_notice(lint("It will will rain.", cfg))
    assert "is overloaded" in _grammar_notice(lint("It will will rain.", cfg))
    assert len(server.requests) == 1  # the second article did not ask
    time.sleep(1.1)
    report = lint("It will will rain.", cfg)
    assert report.skipped == () and [f.rule for f in report.findings] == ["grammar/ENGLISH_WORD_REPEAT_RULE"]


@pytest.mark.parametrize(
    "directive, left",
    [
        ("grammar/ENGLISH_WORD_REPEAT_RULE", ["grammar/MORFOLOGIK_RULE_EN_US"]),
        ("grammar", []),  # the family covers its sub-rules
        ("spelling", ["grammar/ENGLISH_WORD_REPEAT_RULE", "grammar/MORFOLOGIK_RULE_EN_US"]),
    ],
)
def test_suppression_comments_name_a_languagetool_rule_or_the_whole_family(server, directive, left):
    page = f"<!-- pubcheck-disable-next-line {directive} -->\n<p>The cast will will recieve it.</p>\n<p>It will will rain.</p>"
    report = lint(page, config(server), "html")
    assert [f.rule for f in report.findings if f.line == 2] == left
    assert [f.rule for f in report.findings if f.line == 3] == ["grammar/ENGLISH_WORD_REPEAT_RULE"]

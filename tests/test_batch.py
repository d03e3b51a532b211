"""Archive runs on one machine: streamed output in path order, progress, --statistics, the result
cache, and files that cannot be read counted without stopping the batch."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import pty
import select
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from pubcheck.engine import Batch, Linter, RunOptions, _ReportPickler, _worker_context, lint_paths
from pubcheck.report import render
from pubcheck import data as data_tables, results
from pubcheck.results import FILE_NAME, ResultCache

from helpers import write_articles
from test_limits import probes  # noqa: F401 (a fixture: the probe rules installed as a plugin)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
REPORT_SCHEMA = json.loads((HERE.parent / "src/pubcheck/report/pubcheck-report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The fixture articles twice over, in two folders, plus a binary file and a dangling symlink."""
    root = tmp_path_factory.mktemp("archive")
    for copy in ("a", "b"):
        (root / copy).mkdir()
        for article in sorted((FIXTURES / "articles").iterdir()):
            (root / copy / article.name).write_bytes(article.read_bytes())
    (root / "b" / "broken.txt").write_bytes(b"A headline\n\n\xff\xfe\x00 not text \x00\x00\n")
    (root / "b" / "gone.md").symlink_to(root / "nowhere.md")
    return root


def lint_cli(*args, cwd, env=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "pubcheck", "lint", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


# -- statistics --------------------------------------------------------------------------------


def test_statistics_count_each_rule_and_its_files_most_first(archive, tmp_path):
    result = lint_cli("--statistics", "--no-cache", "--jobs", "2", ".", cwd=archive)
    findings = lint_paths([str(archive)]).findings
    counts, files = Counter(f.rule for f in findings), Counter(r for r, _ in {(f.rule, f.path) for f in findings})
    rows = [line.split() for line in result.stdout.splitlines()[:-1]]
    assert [(int(row[0]), int(row[1]), row[3]) for row in rows] == sorted(
        ((counts[r], files[r], r) for r in counts), key=lambda row: (-row[0], row[2])
    )
    assert not any(":" in line for line in result.stdout.splitlines()[:-1])  # no per-finding lines
    assert result.stdout.splitlines()[-1].endswith(f"in {len({f.path for f in findings})} of 264 files; 2 files could not be checked")
    assert result.returncode == 2  # the undecodable file


def test_json_carries_the_statistics_and_matches_its_schema(archive):
    result = lint_cli("--format", "json", "--no-cache", "--jobs", "2", ".", cwd=archive)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    findings = [f for entry in data["files"] for f in entry["findings"]]
    expected = Counter(f["rule"] for f in findings)
    assert {row["rule"]: row["findings"] for row in data["statistics"]} == expected
    assert [row["findings"] for row in data["statistics"]] == sorted(expected.values(), reverse=True)
    for row in data["statistics"]:
        assert row["files"] == len({f["path"] for f in findings if f["rule"] == row["rule"]})


# -- streaming, order, and files that fail -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_output_is_the_same_in_one_process_or_two_and_matches_render(archive, fmt):
    one = lint_cli("--format", fmt, "--no-cache", "--jobs", "1", ".", cwd=archive)
    two = lint_cli("--format", fmt, "--no-cache", "--jobs", "2", ".", cwd=archive)
    assert one.stdout == two.stdout and one.returncode == two.returncode == 2
    previous = Path.cwd()
    os.chdir(archive)  # SARIF's URIs are relative to the working folder
    try:
        assert render(fmt, lint_paths(["."])) == one.stdout
    finally:
        os.chdir(previous)


def test_reports_come_in_path_order_whatever_the_scheduling(archive):
    batch = Batch([str(archive)], jobs=2)
    paths = [report.path for report in batch]
    assert paths == sorted(paths, key=lambda p: (Path(p).parent.name, Path(p).name)) and len(paths) == 264


def test_a_file_that_cannot_be_read_is_counted_with_its_reason_and_the_batch_goes_on(archive):
    result = lint_cli("--format", "json", "--no-cache", "--jobs", "2", ".", cwd=archive)
    data = json.loads(result.stdout)
    failed = {Path(entry["path"]).name: entry["error"] for entry in data["files"] if entry["error"]}
    assert failed == {
        "broken.txt": "binary file, not an article (it contains control bytes); skipped",
        "gone.md": "no such file or directory",
    }
    assert data["summary"]["files"] == 264 and data["summary"]["files_with_errors"] == 2
    assert sum(1 for entry in data["files"] if entry["findings"]) > 150  # the others were linted
    assert "pubcheck: b/gone.md: no such file or directory" in result.stderr  # also on stderr beside JSON


def test_a_report_a_worker_process_sends_arrives_as_it_was_linted(archive):
    """The worker's pickler (a report's objects as their class and field values) against the plain pickle."""
    reports = lint_paths([str(archive)]).reports
    findings = [f for report in reports for f in report.findings]
    assert any(f.fix for f in findings) and any(r.error for r in reports) and any(r.skipped for r in reports)
    assert any(r.body for r in reports)
    for report in reports:
        assert pickle.loads(_ReportPickler.dumps(report)) == pickle.loads(pickle.dumps(report)) == report


@pytest.mark.skipif(sys.platform != "linux", reason="elsewhere workers start as Python starts them by default")
def test_workers_are_forked_on_linux_unless_a_thread_runs(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _worker_context().get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert _worker_context().get_start_method() == multiprocessing.get_start_method()


def test_a_streamed_run_keeps_no_reports(archive):
    """What grows with the number of files: nothing but the paths found (the tally is per rule)."""
    batch = Batch([str(archive)], jobs=2)
    for _ in batch:
        pass
    summary = batch.summary()
    assert summary.reports == () and summary.counts().files == 264
    assert len(summary.counts().rules) < 30 and len(summary.counts().errors) == 2


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_results_are_written_as_files_finish(probes, tmp_path, fmt):
    """The first files' output is there while the last file is still being linted."""
    write_articles(tmp_path, {**{f"a{i:02}.txt": "A headline\n\nThe MARKER paragraph.\n" for i in range(20)}, "z.txt": "A headline\n\nSTALL here.\n"})
    process = subprocess.Popen(
        [sys.executable, "-m", "pubcheck", "lint", "--select", "probe-marker,probe-stall", "--timeout", "8",
         "--no-cache", "--jobs", "2", "--format", fmt, "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONPATH": str(probes), "NO_COLOR": "1"},
    )
    try:
        first = process.stdout.readline()
        assert process.poll() is None, "the run ended before its first file's output arrived"
        assert "a00.txt" in first or fmt == "json"
        rest = process.stdout.read()
    finally:
        process.wait(timeout=60)
    assert "stopped after 8 s" in rest and process.returncode == 2


# -- progress ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    text = (FIXTURES / "articles" / "celeste-marrow-profile.md").read_bytes()
    write_articles(folder, {f"article-{i:02}.md": text for i in range(60)})
    return folder


def run_with_terminal_stderr(args, cwd, env) -> tuple[str, str, int]:
    """Run the CLI with stderr on a pseudo-terminal and stdout on a pipe; (stdout, terminal, code)."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT")}
    process = subprocess.Popen(
        [sys.executable, "-m", "pubcheck", "lint", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower,
        env={**environment, "TERM": "xterm", "COLUMNS": "120", **env},
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.stdout.read().decode()
    process.wait(timeout=60)
    os.close(leader)
    return stdout, seen.decode(errors="replace"), process.returncode


def test_progress_is_shown_on_a_terminal_for_many_files(many):
    stdout, terminal, code = run_with_terminal_stderr(["--no-cache", "--jobs", "2", "."], many, {})
    assert "60/60" in terminal and "problems" in terminal and "files/s" in terminal
    assert "60/60" not in stdout and code in (0, 1)


@pytest.mark.parametrize("why", ["quiet", "CI", "PRE_COMMIT", "few files"])
def test_progress_is_not_shown(many, why):
    args = ["--no-cache", "--jobs", "2", *(["--quiet"] if why == "quiet" else []), "article-00.md" if why == "few files" else "."]
    env = {why: "1"} if why in ("CI", "PRE_COMMIT") else {}
    _, terminal, _ = run_with_terminal_stderr(args, many, env)
    assert "/60" not in terminal and "files/s" not in terminal


def test_progress_is_not_shown_in_a_pipe(many):
    result = lint_cli("--no-cache", "--jobs", "2", ".", cwd=many, env={"CI": ""})
    assert "files/s" not in result.stderr and "/60" not in result.stderr


def test_quiet_leaves_out_the_notices(many):
    assert "notice" in lint_cli("--no-cache", "article-00.md", cwd=many).stderr
    assert lint_cli("--no-cache", "--quiet", "article-00.md", cwd=many).stderr == ""


# -- the result cache --------------------------------------------------------------------------


def test_a_second_run_reads_only_the_cache(archive, tmp_path, monkeypatch):
    options = RunOptions(cache_dir=str(tmp_path / "cache"))
    first = lint_paths([str(archive)], options)

    def refuse(*args, **kwargs):
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(Linter, "lint_text", refuse)
    second = lint_paths([str(archive)], options)
    monkeypatch.undo()
    assert second == first
    assert first.reports == lint_paths([str(archive)], RunOptions()).reports  # a cold run agrees


def test_the_cache_key_covers_content_config_and_rules(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\nYou won't believe what she said next, one insider claimed.\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    warm = lint_paths([str(article)], RunOptions(cache_dir=cache))
    assert lint_paths([str(article)], RunOptions(cache_dir=cache)) == warm
    only = lint_paths([str(article)], RunOptions(cache_dir=cache, select=("anonymous-source",)))
    assert {f.rule.split("/")[0] for f in only.findings} == {"anonymous-source"}
    severe = lint_paths([str(article)], RunOptions(cache_dir=cache, select=("anonymous-source",), ignore=("anonymous-source",)))
    assert severe.findings == ()
    article.write_text("# Headline\n\nShe said it plainly at the premiere.\n", encoding="utf-8")
    assert lint_paths([str(article)], RunOptions(cache_dir=cache)) == lint_paths([str(article)], RunOptions())


def test_a_rule_that_could_not_run_comes_back_from_the_cache_as_it_was(tmp_path, monkeypatch):
    monkeypatch.delenv("PUBCHECK_LANGUAGETOOL_URL", raising=False)  # grammar skipped, the same way every time
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\nThe cast will will return.\n", encoding="utf-8")
    options = RunOptions(cache_dir=str(tmp_path / "cache"), select=("grammar", "spelling"), require=("grammar",))
    first = lint_paths([str(article)], options)
    assert [skip.rule for skip in first.reports[0].skipped] == ["grammar"] and first.unmet == first.reports[0].skipped

    def refuse(*args, **kwargs):
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(Linter, "lint_text", refuse)
    assert lint_paths([str(article)], options) == first


def test_a_pack_change_is_not_served_from_the_cache(tmp_path):
    (tmp_path / "desk").mkdir()
    rule = "kind: existence\ncategory: style\nsummary: A house word\nmessage: 'House word: \"{{match}}\"'\ntokens: [{word}]\n"
    (tmp_path / ".pubcheck.yaml").write_text("packs: [desk]\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text("A headline\n\nThe gala was lavish and glittering.\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    (tmp_path / "desk" / "house-word.yaml").write_text(rule.format(word="lavish"), encoding="utf-8")
    before = lint_cli("--cache-dir", cache, "--select", "house-word", "story.txt", cwd=tmp_path)
    (tmp_path / "desk" / "house-word.yaml").write_text(rule.format(word="glittering"), encoding="utf-8")
    after = lint_cli("--cache-dir", cache, "--select", "house-word", "story.txt", cwd=tmp_path)
    assert 'House word: "lavish"' in before.stdout, before
    assert 'House word: "glittering"' in after.stdout and "lavish" not in after.stdout, after


@pytest.fixture
def fresh_code_stamps():
    """Each test reads the code's stamps afresh, and leaves none of its own behind."""
    results._code_and_data.cache_clear()
    yield
    results._code_and_data.cache_clear()


def test_a_change_to_pubcheck_s_own_code_or_data_is_not_served_from_the_cache(tmp_path, monkeypatch, fresh_code_stamps):
    code, data = tmp_path / "code", tmp_path / "syllables.dict"
    (code / "document").mkdir(parents=True)
    reader = code / "document" / "reader.py"
    reader.write_text("READ = 1\n", encoding="utf-8")
    data.write_text("word 1\n", encoding="utf-8")
    monkeypatch.setattr(results, "CODE_FOLDERS", (code,))
    monkeypatch.setattr(data_tables, "_cmudict_file", lambda: str(data))
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\nOne insider claimed the sequel was shelved.\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    linted = []
    lint_text = Linter.lint_text
    monkeypatch.setattr(Linter, "lint_text", lambda self, *args, **kwargs: linted.append(1) or lint_text(self, *args, **kwargs))

    def run() -> list:
        results._code_and_data.cache_clear()  # as a new process reads them afresh
        report = Linter(results=cache).lint_file(article)
        return [(finding.rule, finding.line) for finding in report.findings]

    first = run()
    assert ("anonymous-source", 3) in first and len(linted) == 1
    assert run() == first and len(linted) == 1  # nothing changed: answered from the cache
    reader.write_text("READ = 2\n", encoding="utf-8")  # a reader edited in an editable install
    os.utime(reader, ns=(1, 1))
    assert run() == first and len(linted) == 2
    assert run() == first and len(linted) == 2
    data.write_text("word 2\n", encoding="utf-8")  # a dependency's data upgraded in place
    os.utime(data, ns=(2, 2))  # (the same size: its time tells, whatever the file system's clock granularity)
    assert run() == first and len(linted) == 3
    (code / "document" / "new.py").write_text("", encoding="utf-8")  # a module added
    assert run() == first and len(linted) == 4


def test_a_code_file_that_goes_away_while_the_key_is_made_is_left_out(tmp_path, monkeypatch, fresh_code_stamps):
    (tmp_path / "kept.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(results, "CODE_FOLDERS", (tmp_path,))
    monkeypatch.setattr(results.os, "walk", lambda folder: iter([(str(folder), [], ["gone.swp", "kept.py"])]))
    stamps, _ = results._code_and_data()
    assert [Path(stamp[0]).name for stamp in stamps] == ["kept.py"]


def test_a_damaged_entry_or_database_is_ignored_and_rewritten(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\nYou won't believe what happened next.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    expected = lint_paths([str(article)], RunOptions())
    lint_paths([str(article)], RunOptions(cache_dir=str(cache)))
    with sqlite3.connect(cache / FILE_NAME) as db:
        db.execute("UPDATE results SET value = x'00ff00'")
    assert lint_paths([str(article)], RunOptions(cache_dir=str(cache))) == expected
    with sqlite3.connect(cache / FILE_NAME) as db:
        assert db.execute("SELECT value FROM results").fetchone()[0] != b"\x00\xff\x00"  # rewritten
    for name in os.listdir(cache):
        os.remove(cache / name)
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    assert lint_paths([str(article)], RunOptions(cache_dir=str(cache))) == expected
    assert lint_paths([str(article)], RunOptions(cache_dir=str(cache))) == expected


def test_a_report_of_many_findings_is_kept_a_line_at_a_time_and_comes_back_as_it_was(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(results, "ROWS_AT_ONCE", 3)  # many lines of rows
    monkeypatch.setattr(results, "_READ_AT_ONCE", 7)  # lines split across the pieces inflated
    cache = tmp_path / "cache"
    first = lint_paths([str(archive)], RunOptions(cache_dir=str(cache)))
    assert max(len(report.findings) for report in first.reports) > 3 * 3

    def refuse(*args, **kwargs):
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(Linter, "lint_text", refuse)
    assert lint_paths([str(archive)], RunOptions(cache_dir=str(cache))) == first
    report = max(first.reports, key=lambda report: len(report.findings))
    entry = results._encode(report)
    for cut in range(len(entry)):  # an entry cut short anywhere is refused (and the file linted again), never read in part
        with pytest.raises(Exception):
            results._decode(entry[:cut], report.path)


def test_an_unusable_cache_folder_only_means_no_cache(tmp_path):
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\nYou won't believe what happened next.\n", encoding="utf-8")
    assert lint_paths([str(article)], RunOptions(cache_dir=str(tmp_path / "blocked" / "c"))) == lint_paths([str(article)])


def test_several_processes_can_share_the_cache(archive, tmp_path):
    cache = str(tmp_path / "cache")
    command = [sys.executable, "-m", "pubcheck", "lint", "--cache-dir", cache, "--jobs", "2", "--format", "json", "."]
    runs = [subprocess.Popen(command, cwd=archive, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=180) for run in runs]
    cold = lint_cli("--no-cache", "--format", "json", ".", cwd=archive).stdout
    warm = lint_cli("--cache-dir", cache, "--format", "json", ".", cwd=archive).stdout
    assert all(out == cold for out, _ in outputs) and warm == cold
    assert not any("error" in err.lower() and "broken" not in err for _, err in outputs)


def test_no_cache_keeps_nothing_and_the_default_place_is_under_xdg_cache_home(tmp_path):
    (tmp_path / "story.md").write_text("# Headline\n\nPlain copy.\n", encoding="utf-8")
    lint_cli("--no-cache", "story.md", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert not (tmp_path / "xdg" / "pubcheck" / "results").exists()
    lint_cli("story.md", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert (tmp_path / "xdg" / "pubcheck" / "results" / FILE_NAME).exists()


def test_the_cache_is_bounded_oldest_entries_first(tmp_path):
    cache = ResultCache(tmp_path, max_size=64 * 1024)
    from pubcheck.findings import Report

    for i in range(400):
        cache.put(f"key{i}", Report(f"p{i}", "text", notices=(os.urandom(300).hex(),)))
    cache.prune()
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        kept = [row[0] for row in db.execute("SELECT key FROM results")]
    assert 0 < len(kept) < 400 and "key399" in kept and "key0" not in kept
    assert (tmp_path / FILE_NAME).stat().st_size < 400 * 600  # space freed is reused, not added to


def test_a_service_rule_is_not_cached(tmp_path):
    from languagetool_standin import StandIn

    from pubcheck import languagetool

    (tmp_path / "story.txt").write_text("A headline\n\nThe cast will will return.\n", encoding="utf-8")
    languagetool.reset()
    with StandIn() as server:
        env = {"PUBCHECK_LANGUAGETOOL_URL": server.url}
        for _ in range(2):
            result = lint_cli("--cache-dir", str(tmp_path / "cache"), "--select", "grammar", "story.txt", cwd=tmp_path, env=env)
            assert "ENGLISH_WORD_REPEAT_RULE" in result.stdout
        assert len(server.requests) == 2
    languagetool.reset()


def test_fix_after_a_cached_run_uses_the_files_as_they_are(tmp_path):
    """--fix applies cached fixes only to the bytes they were computed from, and the run after it
    sees the fixed file, not the cached report of the old one."""
    story = tmp_path / "story.txt"
    original = "Intro.\n\n👉 See also: The Night In Pictures\n\nEnd.\n"
    story.write_text(original, encoding="utf-8")
    cache = str(tmp_path / "cache")
    before = lint_cli("--cache-dir", cache, "--select", "clickbait", "story.txt", cwd=tmp_path)
    fixed = lint_cli("--cache-dir", cache, "--fix", "--select", "clickbait", "story.txt", cwd=tmp_path)
    assert story.read_text(encoding="utf-8") == "Intro.\n\nEnd.\n" and fixed.returncode == 1
    after = lint_cli("--cache-dir", cache, "--select", "clickbait", "story.txt", cwd=tmp_path)
    assert after.stdout == lint_cli("--no-cache", "--select", "clickbait", "story.txt", cwd=tmp_path).stdout != before.stdout

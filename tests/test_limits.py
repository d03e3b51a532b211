"""Bounded work per file: --timeout, --max-memory and a worker process that dies.

The command-line tests install a small rule plugin (as tests/test_plugin.py does) whose rules
misbehave on a marker word: one loops forever, one hoards memory, one kills its own process. The
other files of the run must still be linted and reported, and the exit code must be 2.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from helpers import write_articles

from pubcheck import limits

PROBES = '''
import hashlib
import os
import signal
import time

from pubcheck.rules.base import Problem, Rule

DOC = """{summary}

## Why is this bad?
A test probe.

## Example
```
{marker}
```

## Not flagged
```
Plain copy.
```

## How to fix
Nothing to fix.
"""


class Marker(Rule):
    __doc__ = DOC.format(summary="Flags MARKER, to show a file was linted.", marker="MARKER")
    id = "probe-marker"
    category = "style"
    severity = "warning"
    summary = "MARKER found"

    def check(self, doc):
        for block in doc.body:
            start = block.text.find("MARKER")
            if start >= 0:
                yield Problem("marker seen", block, start, start + 6)


class Stall(Rule):
    __doc__ = DOC.format(summary="Loops forever on STALL, and swallows every Exception while it does.", marker="STALL")
    id = "probe-stall"
    category = "style"
    severity = "warning"
    summary = "loops on STALL"

    def check(self, doc):
        if "STALL" in doc.source:
            while True:
                try:
                    while True:
                        pass
                except Exception:
                    pass
        return ()


class Hog(Rule):
    __doc__ = DOC.format(summary="Takes 1.5 GB of memory on HOG.", marker="HOG")
    id = "probe-hog"
    category = "style"
    severity = "warning"
    summary = "hoards memory on HOG"

    def check(self, doc):
        if "HOG" in doc.source:
            hoard = [bytearray(10 * 1024 * 1024) for _ in range(150)]
            return [Problem(f"hoarded {len(hoard)} blocks", None)]
        return ()


class Crash(Rule):
    __doc__ = DOC.format(summary="Kills its own process on CRASH.", marker="CRASH")
    id = "probe-crash"
    category = "style"
    severity = "warning"
    summary = "kills the process on CRASH"

    def check(self, doc):
        if "LATE CRASH" in doc.source:
            time.sleep(1)  # by now the parent has sent this worker its next files: it dies with them unread
        if "CRASH" in doc.source:
            os.kill(os.getpid(), signal.SIGKILL)
        return ()


class Grind(Rule):
    __doc__ = DOC.format(summary="Spends minutes in one C call that never looks at signals on GRIND.", marker="GRIND")
    id = "probe-grind"
    category = "style"
    severity = "warning"
    summary = "grinds in C on GRIND"

    def check(self, doc):
        if "GRIND" in doc.source:
            hashlib.pbkdf2_hmac("sha256", b"key", b"salt", 2**31 - 1)
        return ()


class Concurrent(Rule):
    __doc__ = DOC.format(summary="Asks for files to be linted in threads, as grammar does.", marker="nothing")
    id = "probe-threads"
    category = "style"
    severity = "warning"
    summary = "lints files in threads"
    document_concurrency = 4

    def check(self, doc):
        return ()
'''

ENTRY_POINTS = "\n".join(
    f"{rule} = limit_probes:{cls}"
    for rule, cls in [("probe-marker", "Marker"), ("probe-stall", "Stall"), ("probe-hog", "Hog"),
                      ("probe-crash", "Crash"), ("probe-threads", "Concurrent"), ("probe-grind", "Grind")]
)


@pytest.fixture(scope="module")
def probes(tmp_path_factory):
    """A folder on PYTHONPATH holding the probe rules, installed as pip would (a dist-info with entry points)."""
    site = tmp_path_factory.mktemp("probes")
    (site / "limit_probes.py").write_text(PROBES, encoding="utf-8")
    info = site / "limit_probes-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: limit-probes\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[pubcheck.rules]\n{ENTRY_POINTS}\n", encoding="utf-8")
    return site


def run(site, *args, cwd, timeout=120):
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pubcheck", "lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def articles(folder, names: dict[str, str], ordinary: int = 0) -> list[str]:
    """Write the named articles plus ``ordinary`` ones that only carry MARKER; return every name, sorted."""
    return write_articles(folder, {**names, **{f"ok{i:02}.txt": "A headline\n\nThe MARKER paragraph.\n" for i in range(ordinary)}})


def marker_lines(stdout: str) -> set[str]:
    return {line.split(":", 1)[0] for line in stdout.splitlines() if "probe-marker marker seen" in line}


SELECT = ("--select", "probe-marker,probe-stall,probe-hog,probe-crash")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_past_the_timeout_is_reported_and_the_others_still_run(probes, tmp_path, jobs):
    names = articles(tmp_path, {"m-stall.txt": "A headline\n\nSTALL here, and a MARKER.\n"}, ordinary=9)
    started = time.monotonic()
    result = run(probes, *SELECT, "--timeout", "1", "--jobs", jobs, *names, cwd=tmp_path)
    assert time.monotonic() - started < 60  # a hang would take the subprocess timeout
    assert result.returncode == 2, result.stderr
    assert "m-stall.txt: error stopped after 1 s (--timeout); raise --timeout or the config's timeout to lint it" in result.stdout
    assert marker_lines(result.stdout) == set(names) - {"m-stall.txt"}
    assert "1 file could not be checked" in result.stdout


def test_the_timeout_holds_in_threads_when_a_rule_lints_files_side_by_side(probes, tmp_path):
    names = articles(tmp_path, {"m-stall.txt": "A headline\n\nSTALL here.\n"}, ordinary=4)
    result = run(probes, "--select", "probe-marker,probe-stall,probe-threads", "--timeout", "1", "--jobs", "1", *names, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "m-stall.txt: error stopped after 1 s (--timeout)" in result.stdout
    assert marker_lines(result.stdout) == set(names) - {"m-stall.txt"}


def test_the_timeout_holds_for_stdin(probes, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(probes), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "pubcheck", "lint", *SELECT, "--timeout", "0.5", "-"], cwd=tmp_path,
                            env=env, input="A headline\n\nSTALL here.\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout.startswith("-: error stopped after 0.5 s (--timeout)")


def test_timeout_from_the_config(probes, tmp_path):
    names = articles(tmp_path, {"m-stall.txt": "A headline\n\nSTALL here.\n"}, ordinary=2)
    (tmp_path / ".pubcheck.yaml").write_text("timeout: 0.5\n", encoding="utf-8")
    result = run(probes, *SELECT, *names, cwd=tmp_path)
    assert result.returncode == 2
    assert "m-stall.txt: error stopped after 0.5 s (--timeout)" in result.stdout
    assert marker_lines(result.stdout) == set(names) - {"m-stall.txt"}


@pytest.mark.parametrize("jobs", ["1", "2", "1 in threads"])
def test_a_file_past_the_memory_limit_is_reported_and_the_others_still_run(probes, tmp_path, jobs):
    names = articles(tmp_path, {"m-hog.txt": "A headline\n\nHOG here, and a MARKER.\n"}, ordinary=9)
    select = (SELECT[0], SELECT[1] + ",probe-threads") if "threads" in jobs else SELECT
    result = run(probes, *select, "--max-memory", "200MB", "--jobs", jobs[0], *names, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert ("m-hog.txt: error exceeded the 200.0 MB memory limit (--max-memory); "
            "raise --max-memory or the config's max-memory to lint it") in result.stdout
    assert marker_lines(result.stdout) == set(names) - {"m-hog.txt"}
    # within a generous limit the same file is linted
    generous = run(probes, *SELECT, "--max-memory", "4GB", "m-hog.txt", cwd=tmp_path)
    assert "hoarded 150 blocks" in generous.stdout and generous.returncode == 1


@pytest.mark.parametrize("position", ["first", "middle", "last"])
def test_a_worker_process_that_dies_costs_only_its_file(probes, tmp_path, position):
    crash = {"first": "a-crash.txt", "middle": "ok04-crash.txt", "last": "z-crash.txt"}[position]
    names = articles(tmp_path, {crash: "A headline\n\nCRASH here, and a MARKER.\n"}, ordinary=11)
    result = run(probes, *SELECT, "--jobs", "2", *names, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert (f"{crash}: error the process linting this file was killed by SIGKILL (often the system running out "
            "of memory; try a lower --max-memory or --jobs); the other files were still checked") in result.stdout
    assert marker_lines(result.stdout) == set(names) - {crash}
    assert "in 11 of 12 files; 1 file could not be checked" in result.stdout


def test_a_worker_that_dies_with_files_sent_ahead_unread_costs_only_its_file(probes, tmp_path):
    """Workers are sent their next files before they finish these; one that dies with them unread
    resets its pipe rather than closing it, and that is a death like any other, not an internal error."""
    names = articles(tmp_path, {"ok04-crash.txt": "A headline\n\nA LATE CRASH here, and a MARKER.\n"}, ordinary=11)
    result = run(probes, *SELECT, "--jobs", "2", *names, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr
    assert "ok04-crash.txt: error the process linting this file was killed by SIGKILL" in result.stdout
    assert marker_lines(result.stdout) == set(names) - {"ok04-crash.txt"}


def test_a_worker_stuck_in_one_c_call_is_killed_after_the_timeout_and_a_grace(probes, tmp_path):
    """A C call that never returns to Python cannot be interrupted; its worker process can be killed.
    (A regular-expression match can: the re module looks at signals as it runs.)"""
    names = articles(tmp_path, {"m-grind.txt": "A headline\n\nGRIND here, and a MARKER.\n"}, ordinary=9)
    started = time.monotonic()
    result = run(probes, "--select", "probe-marker,probe-grind", "--timeout", "1", "--jobs", "2", *names, cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert result.returncode == 2, result.stderr
    assert ("m-grind.txt: error stopped after 1 s (--timeout); its worker process did not respond and was killed"
            in result.stdout)
    assert marker_lines(result.stdout) == set(names) - {"m-grind.txt"}


def test_real_rules_on_a_large_article_are_stopped_by_a_short_timeout(tmp_path):
    """No probe: the built-in rules on a 9 MB article (about 2 s) are interrupted. That other files
    still run is shown above; here a small file would share the load of the word tables."""
    from conftest import run_cli

    paragraph = "The actor said the premiere went well, and the director agreed with her. "
    (tmp_path / "large.txt").write_text("A headline\n\n" + (paragraph * 12 + "\n\n") * 10000, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("lint", "--timeout", "0.5", "large.txt", cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert result.stdout.decode().startswith("large.txt: error stopped after 0.5 s (--timeout)")


def test_a_large_article_over_a_tiny_memory_limit_is_reported(tmp_path):
    from conftest import run_cli

    paragraph = "The actor said the premiere went well, and the director agreed with her. "
    (tmp_path / "large.txt").write_text("A headline\n\n" + (paragraph * 12 + "\n\n") * 6000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("A headline\n\nThe actor said the premiere went well.\n", encoding="utf-8")
    result = run_cli("lint", "--max-memory", "20MB", "--jobs", "1", "large.txt", "small.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "large.txt: error exceeded the 20.0 MB memory limit (--max-memory)" in result.stdout.decode()
    assert "in 0 of 2 files; 1 file could not be checked" in result.stdout.decode()


@pytest.mark.parametrize(
    "args, message",
    [
        (("--timeout", "0"), "argument --timeout: expected a number of seconds above 0 and up to 86400, got '0'"),
        (("--timeout", "-3"), "argument --timeout: expected a number of seconds above 0 and up to 86400, got '-3'"),
        (("--timeout", "nan"), "argument --timeout: expected a number of seconds above 0 and up to 86400, got 'nan'"),
        (("--max-memory", "lots"), "argument --max-memory: expected a size such as 10MB or 500KB, got 'lots'"),
        (("--max-memory", "0"), "argument --max-memory: expected a size from 1 byte to 1TB, such as 10MB or 500KB, got '0'"),
        (("--max-memory", "99999999999GB"), "argument --max-memory: expected a size from 1 byte to 1TB"),
        (("--timeout", "1e300"), "argument --timeout: expected a number of seconds above 0 and up to 86400, got '1e300'"),
    ],
)
def test_bad_limit_options_are_usage_errors(cli, tmp_path, args, message):
    result = cli("lint", *args, ".", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr.decode()


@pytest.mark.parametrize(
    "setting, problem",
    [
        ("timeout: 0", "timeout: expected a number of seconds above 0 and up to 86400, got 0"),
        ("timeout: soon", "timeout: expected a number of seconds above 0 and up to 86400, got 'soon'"),
        ("max-memory: -1", "max-memory: expected a size such as 10MB or 500KB, got -1"),
        ("timeout: 1.0e300", "timeout: expected a number of seconds above 0 and up to 86400, got '1.0e300'"),
    ],
)
def test_bad_limit_settings_are_config_errors(cli, tmp_path, setting, problem):
    (tmp_path / ".pubcheck.yaml").write_text(setting + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    result = cli("lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"pubcheck: error: {tmp_path / '.pubcheck.yaml'}:1: {problem}"


# -- the library: pubcheck.limits --------------------------------------------------------------


def _spin():
    while True:
        pass


def _in_thread(job):
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(job()))
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return outcome[0]


def _stopped_after():
    started = time.monotonic()
    try:
        with limits.deadline(0.2):
            _spin()
    except limits.TimeLimitExceeded as exc:
        return exc.args, time.monotonic() - started


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_deadline_stops_python_code(where):
    args, elapsed = _stopped_after() if where == "main thread" else _in_thread(_stopped_after)
    assert args == (0.2,) and 0.15 < elapsed < 5


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_work_that_ends_in_time_leaves_nothing_behind(where):
    def job():
        for _ in range(50):
            try:
                with limits.deadline(0.01):
                    time.sleep(0.009)  # ends at about the deadline
            except limits.TimeLimitExceeded:
                pass  # stopped inside the block: fine
        time.sleep(0.05)  # an exception left pending after a block would be raised here
        return "finished"

    assert (job() if where == "main thread" else _in_thread(job)) == "finished"
    time.sleep(0.05)
    if where == "main thread":
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_deadline_without_setitimer_uses_the_watchdog(monkeypatch):
    monkeypatch.delattr(signal, "setitimer")
    args, _ = _stopped_after()
    assert args == (0.2,)


def test_deadline_leaves_someone_elses_alarm_alone():
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        args, _ = _stopped_after()  # the watchdog, not SIGALRM
        assert args == (0.2,)
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_memory_budget_turns_a_large_allocation_into_memory_limit_exceeded():
    with pytest.raises(limits.MemoryLimitExceeded):
        with limits.memory_budget(64 * 1024 * 1024):
            bytearray(512 * 1024 * 1024)
    assert len(bytearray(512 * 1024 * 1024)) == 512 * 1024 * 1024  # the cap is lifted afterwards


def test_without_resource_there_is_no_memory_cap(monkeypatch):
    monkeypatch.setattr(limits, "resource", None)
    with limits.memory_budget(1024):
        assert len(bytearray(64 * 1024 * 1024)) == 64 * 1024 * 1024


def test_the_package_imports_without_resource_or_setitimer(tmp_path):
    """As on Windows: the modules are missing, pubcheck still imports and lints (without limits)."""
    script = textwrap.dedent(
        """
        import signal, sys
        sys.modules["resource"] = None
        del signal.setitimer
        import pubcheck
        from pubcheck import limits
        report = pubcheck.lint("A headline\\n\\nSources say the couple split.\\n", format="text")
        with limits.memory_budget(1024), limits.deadline(30):
            pass
        print(len(report.findings) > 0)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.stdout.strip() == "True", result.stderr


def test_a_cold_cache_is_built_before_the_first_files_limits_apply(cli, tmp_path):
    """Building the word and syllable tables costs time and memory on a first run; neither is the file's."""
    article = Path(__file__).parent.parent / "fixtures" / "articles" / "golden-lantern-nominations.txt"
    (tmp_path / "a.txt").write_bytes(article.read_bytes())
    cache = tmp_path / "cache"
    result = cli("lint", "--timeout", "1", "--max-memory", "20MB", "--jobs", "1", "a.txt", cwd=tmp_path,
                 env={"XDG_CACHE_HOME": str(cache)})
    assert result.returncode in (0, 1), result.stdout.decode()
    assert "could not be checked" not in result.stdout.decode()
    assert not [p.name for p in (cache / "pubcheck").iterdir() if "tmp" in p.name]  # no partial table left

"""pubcheck imports and runs where Linux-only calls are missing (macOS, Windows), simulated here on Linux."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pubcheck.cli import build_parser, main


@pytest.fixture
def no_affinity(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    return monkeypatch


def test_the_parser_builds_without_sched_getaffinity(no_affinity):
    expected = (getattr(os, "process_cpu_count", None) or os.cpu_count)()
    assert build_parser().parse_args(["lint"]).jobs == expected


def test_jobs_default_to_one_when_the_cpu_count_is_unknown(no_affinity):
    no_affinity.delattr(os, "process_cpu_count", raising=False)
    no_affinity.setattr(os, "cpu_count", lambda: None)
    assert build_parser().parse_args(["lint"]).jobs == 1


def test_a_lint_runs_without_sched_getaffinity(no_affinity, write, tmp_path, capsys):
    for n in range(8):  # eight files: enough for the parallel path
        write(f"a{n}.txt", "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n\nEnd.\n")
    no_affinity.chdir(tmp_path)
    assert main(["lint", "--select", "clickbait", "--color", "never", "."]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "8 problems (0 errors, 8 warnings, 0 info) in 8 of 8 files"


# Without the POSIX-only modules and calls (as on Windows), every module imports and a parallel run
# works with the "spawn" start method that Windows and macOS use.
WITHOUT_POSIX = """
import importlib, os, pkgutil, signal, sys
for name in ("fcntl", "resource", "pwd", "grp", "termios"):
    sys.modules[name] = None  # so importing it raises ImportError
for module, names in ((os, ("sched_getaffinity", "getuid", "geteuid", "getgid", "fork", "register_at_fork")),
                      (signal, ("setitimer", "SIGALRM"))):
    for name in names:
        if hasattr(module, name):
            delattr(module, name)
import pubcheck
for info in pkgutil.walk_packages(pubcheck.__path__, "pubcheck."):
    if not info.name.endswith(".__main__"):  # which would run the command line
        importlib.import_module(info.name)
from pubcheck.cli import main
if __name__ == "__main__":
    import multiprocessing
    multiprocessing.set_start_method("spawn")
    sys.exit(main(sys.argv[1:]))
"""


def test_every_module_imports_and_a_parallel_lint_runs_without_posix_calls(write, tmp_path):
    script = write("without_posix.py", WITHOUT_POSIX)
    for n in range(8):
        write(f"articles/a{n}.md", "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n\nEnd.\n")
    result = subprocess.run(
        [sys.executable, str(script), "lint", "--select", "clickbait", "--jobs", "2", "articles"],
        cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )
    assert result.stderr.decode() == ""
    assert result.stdout.decode().splitlines()[-1] == "8 problems (0 errors, 8 warnings, 0 info) in 8 of 8 files"
    assert result.returncode == 1

"""pubcheck imports and runs where Linux-only calls are missing (macOS, Windows), simulated here on Linux."""

from __future__ import annotations

import os

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

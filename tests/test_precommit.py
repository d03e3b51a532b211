"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool against this repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

TEASER_TXT = "Stone Signs On\n\nAva Stone will direct, the studio said.\n\n📖 Related: Ten Looks We Loved From The Night\n\nFilming starts in May.\n"
TEASER_HTML = (
    "<article>\r\n<h1>Stone Signs On</h1>\r\n<p>Ava Stone will direct, the studio said.</p>\r\n"
    "<div><p>👉 See also: <a href=\"/x\">Inside The Party</a></p></div>\r\n<p>Filming starts in May.</p>\r\n</article>\r\n"
)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    """One pre-commit cache for the module, so the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path):
    work = tmp_path / "site"
    work.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    (work / "news").mkdir()
    (work / "news" / "teaser.txt").write_text(TEASER_TXT, encoding="utf-8")
    (work / "news" / "story.html").write_bytes(TEASER_HTML.encode("utf-8"))
    (work / "news" / "clean.md").write_text("# Premiere\n\nThe film opens in May, the studio said.\n", encoding="utf-8")
    (work / ".pubcheck.yaml").write_text("select: [clickbait]\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=work, check=True)
    return work


def try_repo(repo: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(ROOT), hook, "--verbose", "--color", "never", "--files", *files],
        cwd=repo, env=env, capture_output=True, timeout=900,
    )




def test_lint_hook_reports_file_line_col(repo, hook_home):
    result = try_repo(repo, hook_home, "pubcheck", "news/teaser.txt", "news/story.html", "news/clean.md")
    out = result.stdout.decode()
    assert result.returncode == 1, out + result.stderr.decode()
    assert "news/teaser.txt:5:1: warning clickbait-interstitial Teaser \"📖 Related: Ten Looks We Loved From The Night\"" in out
    assert "news/story.html:4:9: warning clickbait-interstitial Teaser \"👉 See also: Inside The Party\"" in out
    assert "2 problems (0 errors, 2 warnings, 0 info) in 2 of 3 files" in out
    assert "\033[" not in out


def test_fix_hook_removes_exactly_the_teasers(repo, hook_home):
    result = try_repo(repo, hook_home, "pubcheck-fix", "news/teaser.txt", "news/story.html", "news/clean.md")
    assert result.returncode == 1, result.stdout.decode() + result.stderr.decode()
    assert "files were modified by this hook" in result.stdout.decode()
    assert (repo / "news" / "teaser.txt").read_text(encoding="utf-8") == (
        "Stone Signs On\n\nAva Stone will direct, the studio said.\n\nFilming starts in May.\n"
    )
    assert (repo / "news" / "story.html").read_bytes() == TEASER_HTML.replace(
        '<div><p>👉 See also: <a href="/x">Inside The Party</a></p></div>\r\n', ""
    ).encode("utf-8")
    again = try_repo(repo, hook_home, "pubcheck-fix", "news/teaser.txt", "news/story.html", "news/clean.md")
    assert again.returncode == 0, again.stdout.decode()

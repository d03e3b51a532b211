from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# A cache folder of the session's own (word and syllable tables, entry-point indexes, YAML parses,
# compiled regexes), inherited by every command the tests start: a run neither reads what another
# pubcheck version left in ~/.cache/pubcheck nor leaves anything there. Set before anything imports
# pubcheck, which reads its kept regexes as it is imported. Building it costs the session a second or two.
_CACHE_HOME = tempfile.mkdtemp(prefix="pubcheck-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

from helpers import write_file  # noqa: E402 (imports pubcheck)

ROOT = Path(__file__).resolve().parents[1]
# Our own article with every kind of problem the shared reference shows, at the same lines; the
# reference itself sits beside a full checkout only, so tests on it skip in a clone alone.
SYNTHETIC = ROOT / "fixtures" / "articles" / "lindgren-rhys-second-spring.txt"
REFERENCE = ROOT.parent / "shared" / "reference" / "problem-article.txt"



@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of the test's own (pubcheck.cache.cache_folder()), for tests of what is
    kept there: every kept table in this process is read or built afresh in it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pubcheck"


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a fresh interpreter, as a user or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "pubcheck", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=60,
    )


@pytest.fixture
def cli():
    return run_cli


@dataclass(frozen=True)
class ProblemArticle:
    name: str  # "synthetic" or "reference"
    text: str


@pytest.fixture(params=["synthetic", "reference"])
def problem_article(request) -> ProblemArticle:
    """Each problem article in turn: the synthetic one always, the shared reference when it exists."""
    if request.param == "reference" and not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is absent (a clone alone): the synthetic article stands in for it")
    return ProblemArticle(request.param, (SYNTHETIC if request.param == "synthetic" else REFERENCE).read_text(encoding="utf-8"))


@pytest.fixture
def synthetic_text() -> str:
    return SYNTHETIC.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path):
    """write("a/b.html", text) -> path, creating folders."""
    return lambda name, content: write_file(tmp_path, name, content)

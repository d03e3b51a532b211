"""Regexes kept compiled between runs (regexes.py): a run after the first compiles none of
pubcheck's patterns, every kept pattern is the one ``re`` compiles, and a kept file this Python
cannot take changes nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from re import _compiler

import pytest

import pubcheck
from pubcheck import regexes
from pubcheck.cache import read_kept, write_kept

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "fixtures" / "articles" / sorted(os.listdir(ROOT / "fixtures" / "articles"))[0]

# A run of the command line that counts what ``re`` compiles once pubcheck is imported.
COUNTING_RUN = """
import json, sys
from re import _compiler
compiled = []
compile = _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile(pattern, flags)
from pubcheck.cli import main
try:
    main(["lint", "--no-cache", "--format", "json", sys.argv[1]])
except SystemExit:
    pass
sys.stderr.write(json.dumps(len(compiled)))
"""


def compiled_in_a_run(cache_home: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_RUN, str(ARTICLE)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def test_a_run_after_the_first_compiles_none_of_pubcheck_s_patterns(tmp_path):
    first, findings = compiled_in_a_run(tmp_path)
    second, again = compiled_in_a_run(tmp_path)
    assert first > 100  # the rules' patterns, compiled and kept
    assert second <= 2, second  # (what the standard library compiles before pubcheck is imported)
    assert again == findings


def test_every_kept_pattern_is_the_one_re_compiles(cache_home, monkeypatch):
    pubcheck.lint(ARTICLE.read_text(encoding="utf-8"), format="markdown")  # every rule's patterns in use
    monkeypatch.setattr(regexes, "_kept", set())
    regexes.keep()  # every pattern this test process has compiled
    kept = read_kept(regexes._FILE)
    assert len(kept) > 100
    for (pattern, flags), arguments in kept:
        made = __import__("_sre").compile(pattern, *arguments)
        assert made == _compiler.compile(pattern, flags), pattern  # equal: the same pattern, flags and code
        assert made.groupindex == re.compile(pattern, flags).groupindex


def test_a_kept_file_this_python_cannot_take_changes_nothing(cache_home, monkeypatch):
    cache: dict = {}
    monkeypatch.setattr(regexes, "_cache", cache)
    monkeypatch.setattr(regexes, "_kept", set())
    good = ("[a-z]+", 0)
    write_kept(regexes._FILE, [(good, regexes._arguments(*good)), (("x", 0), (32, [999999], 0, {}, ()))])
    regexes.preload()  # the engine refuses the second entry's code: nothing of the file is used
    assert cache == {} and regexes._kept == set()
    write_kept(regexes._FILE, [(good, regexes._arguments(*good))])
    regexes.preload()
    assert cache == {(str, "[a-z]+", 0): re.compile("[a-z]+")}


@pytest.mark.parametrize("where", ["read-only folder", "read-only folder above", "a file"])
def test_a_cache_folder_that_cannot_be_written_is_not_tried_and_compiles_as_usual(cache_home, monkeypatch, where):
    if where == "a file":
        cache_home.parent.mkdir(parents=True)
        cache_home.write_text("not a folder", encoding="utf-8")
    else:
        (cache_home if where == "read-only folder" else cache_home.parent).mkdir(parents=True)
        monkeypatch.setattr(regexes.os, "access", lambda path, mode: False)
    monkeypatch.setattr(regexes, "_kept", set())
    monkeypatch.setattr(regexes, "_arguments", lambda *key: pytest.fail("code worked out for a folder it cannot be kept in"))
    regexes.keep()
    assert not list(cache_home.parent.rglob("regexes-*"))


def test_a_python_whose_compiler_is_laid_out_otherwise_keeps_nothing_and_fails_no_run(cache_home, monkeypatch):
    monkeypatch.setattr(regexes, "_kept", set())
    monkeypatch.setattr(regexes._compiler, "_code", lambda *args: (_ for _ in ()).throw(AttributeError("_code")))
    regexes.keep()
    assert read_kept(regexes._FILE) is None

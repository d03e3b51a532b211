"""Regexes kept compiled between runs (regexes.py): a run after the first compiles none of
pubcheck's patterns, every kept pattern is the one ``re`` compiles, and a kept file this Python
cannot take changes nothing."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path
from re import _compiler

import pytest

import pubcheck
from pubcheck import regexes
from pubcheck.cache import read_kept, write_kept

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "fixtures" / "articles" / sorted(os.listdir(ROOT / "fixtures" / "articles"))[0]

# A run of the command line that counts what ``re`` compiles once pubcheck is imported (and has
# put what the cache folder keeps into re's cache).
COUNTING_RUN = """
import json, sys
import pubcheck
from re import _compiler
compiled = []
compile = _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append((pattern, int(flags))) or compile(pattern, flags)
from pubcheck.cli import main
try:
    main(["lint", "--no-cache", "--format", "json", sys.argv[1]])
except SystemExit:
    pass
sys.stderr.write(json.dumps([[pattern, flags] for pattern, flags in compiled if isinstance(pattern, str)]))
"""


def compiled_in_a_run(cache_home: Path) -> tuple[list[tuple[str, int]], str]:
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_RUN, str(ARTICLE)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )
    return [tuple(pair) for pair in json.loads(done.stderr.strip().splitlines()[-1])], done.stdout


def test_a_run_after_the_first_compiles_none_of_pubcheck_s_patterns(tmp_path):
    first, findings = compiled_in_a_run(tmp_path)
    second, again = compiled_in_a_run(tmp_path)
    kept = {key for key, _ in marshal.loads((tmp_path / "pubcheck" / regexes._FILE).read_bytes()[4:])}
    assert len(first) > 100 and len(kept) > 100  # the rules' patterns, compiled and kept
    assert not kept & set(second)  # none compiled again: the second run took them all from the file
    # what is left: pyphen's two, compiled as it is imported at the first word the CMU dictionary lacks
    assert len(second) * 10 < len(first), second
    assert again == findings


def test_every_kept_pattern_is_the_one_re_compiles(cache_home, monkeypatch):
    pubcheck.lint(ARTICLE.read_text(encoding="utf-8"), format="markdown")  # every rule's patterns in use
    regexes.warmed_up()  # all of them taken as pubcheck's own
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


@pytest.mark.parametrize(
    "entries",
    [
        [(["[a-z]+", 0], (32, [1], 0, {}, ()))],  # a key that cannot be a dict key
        [(("[a-z]+", 2**70), (32, [1], 0, {}, ()))],  # flags no C int holds
        [1, 2, 3],  # not entries at all
        [(("[a-z]+", 0), (32, [999999], 0, {}, ()))],  # code the engine refuses
        [(("[a-z]+", 0), (32, ["x"], 0, {}, ()))],  # an opcode that is no number
        "a file of another layout",
    ],
    ids=["unhashable", "huge-flags", "not-pairs", "bad-code", "text-opcode", "another-layout"],
)
def test_a_kept_file_of_any_other_form_changes_no_finding_and_is_replaced(tmp_path, entries):
    home = tmp_path / "cache"
    _, findings = compiled_in_a_run(home)
    file = home / "pubcheck" / regexes._FILE
    good = file.read_bytes()
    data = marshal.dumps(entries)
    file.write_bytes(zlib.crc32(data).to_bytes(4, "big") + data)  # whole, as far as its checksum tells
    compiled, again = compiled_in_a_run(home)
    assert again == findings and len(compiled) > 100  # compiled afresh, as with no file
    kept = marshal.loads(file.read_bytes()[4:])  # and kept anew
    assert len(kept) > 100 and all(map(regexes._an_entry, kept)) and kept[0] != entries[0]
    assert {key for key, _ in kept} <= {key for key, _ in marshal.loads(good[4:])}


def test_a_pattern_built_from_a_document_s_text_is_not_kept(tmp_path):
    home = tmp_path / "cache"
    article = tmp_path / "story.md"
    article.write_text("# Headline\n\n<!-- pubcheck-disable confidential-source-name -->\nThe premiere was on Friday.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pubcheck", "lint", "--no-cache", "--format", "json", str(article)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "XDG_CACHE_HOME": str(home)})
    assert "confidential-source-name" in done.stdout  # the rule read it, and built a pattern of it
    kept = marshal.loads((home / "pubcheck" / regexes._FILE).read_bytes()[4:])
    assert len(kept) > 100 and not [key for key, _ in kept if "confidential" in str(key[0])]

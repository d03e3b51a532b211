"""Tables kept between runs (pubcheck/cache.py): each answers as the data it was built from, and a
stale, corrupt or unwritable cache changes no answer and shows no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubcheck import cache

ROOT = Path(__file__).resolve().parents[1]


def test_cached_value_is_rebuilt_when_corrupt_or_its_key_changes(cache_home):
    builds = []

    def build():
        builds.append(1)
        return {"built": len(builds)}

    assert cache.cached("t.marshal", build, key=1) == {"built": 1}
    assert cache.cached("t.marshal", build, key=1) == {"built": 1} and len(builds) == 1
    assert cache.cached("t.marshal", build, key=2) == {"built": 2}
    (cache_home / "t.marshal").write_bytes(b"\x00not marshal")
    assert cache.cached("t.marshal", build, key=2) == {"built": 3}


def test_a_folder_of_cached_values_keeps_the_latest(cache_home):
    for n in range(7):
        assert cache.cached(f"few/{n}.marshal", lambda: n, key="k", keep=5) == n
    assert len(list((cache_home / "few").iterdir())) == 5
    assert cache.cached("few/6.marshal", lambda: pytest.fail("rebuilt"), key="k", keep=5) == 6


def _numbers(db):
    db.execute("CREATE TABLE numbers (word TEXT PRIMARY KEY, value INTEGER)")
    db.executemany("INSERT INTO numbers VALUES (?, ?)", [("one", 1), ("two", 2)])


def test_cached_database_is_rebuilt_when_corrupt_or_stale(cache_home):
    db = cache.cached_database("n", _numbers, key=("v", 1))
    assert db.execute("SELECT value FROM numbers WHERE word = 'two'").fetchone() == (2,)
    (file,) = cache_home.glob("n-*.sqlite3")
    assert cache.cached_database("n", lambda db: pytest.fail("rebuilt"), key=("v", 1))
    file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)  # half a file
    db = cache.cached_database("n", _numbers, key=("v", 1))
    assert db.execute("SELECT value FROM numbers WHERE word = 'one'").fetchone() == (1,)
    assert cache.cached_database("n", _numbers, key=("v", 2))  # other data files: a file of their own
    assert len(list(cache_home.glob("n-*.sqlite3"))) == 2 and not list(cache_home.glob("*.tmp"))


def test_cached_database_without_a_writable_cache_folder_is_built_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    db = cache.cached_database("n", _numbers, key=1)
    assert db.execute("SELECT value FROM numbers WHERE word = 'two'").fetchone() == (2,)


def test_table_rows_come_in_chunks_and_a_forked_process_opens_its_own(cache_home, monkeypatch):
    def build(db):
        db.execute("CREATE TABLE numbers (word TEXT PRIMARY KEY, value INTEGER)")
        db.executemany("INSERT INTO numbers VALUES (?, ?)", [(str(n), n) for n in range(3000)])

    table = cache.Table("n", build, lambda: 1)
    keys = [str(n) for n in range(0, 6000, 2)]  # more than one query can take; half not in the table
    assert sorted(table.rows("numbers", "word", keys)) == sorted((str(n), n) for n in range(0, 3000, 2))
    parent = table._opened[1]
    monkeypatch.setattr(cache.os, "getpid", lambda: -1)  # as in a child after fork
    assert table.rows("numbers", "word", ["7"]) == [("7", 7)] and table._opened[1] is not parent


@pytest.fixture
def parses(cache_home):
    from pubcheck import yamlfile

    return yamlfile


PACK_RULE = "kind: existence\nsummary: s\nmessage: m\ntokens: [sources say]\npatterns:\n  - 'insiders? claim'\n"


def test_an_unchanged_rule_file_is_not_parsed_again(parses, tmp_path, monkeypatch):
    from pubcheck.rules.packs import load_rule_file

    path = tmp_path / "claim.yaml"
    path.write_text(PACK_RULE, encoding="utf-8")
    first = load_rule_file(path)
    monkeypatch.setattr(parses, "_parse", lambda text: pytest.fail("parsed again"))
    assert load_rule_file(path).spec == first.spec
    kept = parses.load(PACK_RULE, path)
    assert kept.line == 1 and kept.lines == {"kind": 1, "summary": 2, "message": 3, "tokens": 4, "patterns": 5}
    assert kept["patterns"].line == 6 and kept["patterns"].lines == [6] and isinstance(kept["tokens"], parses.LineList)


@pytest.mark.parametrize(
    "broken, expected",
    [
        (PACK_RULE + "  - '(unclosed'\n", r"claim\.yaml:7: rule 'claim': bad regex '\(unclosed' in patterns"),
        (PACK_RULE + "tokens: [x\n", r"claim\.yaml: invalid YAML, line 8"),
    ],
)
def test_a_rule_file_broken_after_it_was_kept_reports_its_line(parses, tmp_path, broken, expected):
    from pubcheck.errors import RulePackError
    from pubcheck.rules.packs import load_rule_file

    path = tmp_path / "claim.yaml"
    path.write_text(PACK_RULE, encoding="utf-8")
    load_rule_file(path)
    path.write_text(broken, encoding="utf-8")
    for _ in range(2):  # the same error on every run
        with pytest.raises(RulePackError, match=expected):
            load_rule_file(path)
    path.write_text(PACK_RULE, encoding="utf-8")
    assert load_rule_file(path).spec["tokens"] == ["sources say"]


def test_yaml_parses_survive_a_corrupt_file_and_values_marshal_cannot_keep(parses, cache_home, tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("published: 2026-11-25\nselect: [spelling]\n", encoding="utf-8")
    for _ in range(2):
        assert parses.load(path.read_text(encoding="utf-8"), path)["published"].isoformat() == "2026-11-25"
    path.write_text("select: [spelling]\n", encoding="utf-8")
    assert parses.load(path.read_text(encoding="utf-8"), path) == {"select": ["spelling"]}
    (kept,) = (cache_home / parses.PARSES).iterdir()
    kept.write_bytes(b"\x00corrupt")
    assert parses.load(path.read_text(encoding="utf-8"), path) == {"select": ["spelling"]}


def test_yaml_parses_keep_only_the_latest_files(parses, cache_home, tmp_path):
    for index in range(parses.KEEP + 5):
        path = tmp_path / f"c{index}.yaml"
        path.write_text(f"n: {index}\n", encoding="utf-8")
        assert parses.load(path.read_text(encoding="utf-8"), path) == {"n": index}
    assert len(list((cache_home / parses.PARSES).iterdir())) == parses.KEEP


# -- the spelling word list -----------------------------------------------------------------------


def test_word_table_answers_like_the_word_list(cache_home):
    """Built from scratch, the table holds every word with its frequency, and reads like the
    frozenset and dict it stands for."""
    from pubcheck.data import WORDLIST, read_words
    from pubcheck.text.lexicon import WordSet, WordTable

    frequencies = read_words(WORDLIST, "en-US")
    table = WordTable(WORDLIST)
    words = frozenset(frequencies)
    strangers = {"recieve", "definately", "zzyzx", "organisers'", "Portman", "said,", "", "e.g."}
    assert table.known(list(frequencies) + sorted(strangers)) == words
    assert {w: table[w] for w in words} == frequencies
    fresh = WordTable(WORDLIST)  # from the file the first one built
    sample = set(list(frequencies)[::97]) | strangers
    assert fresh.unknown(sample) == sample - words and all((w in fresh) == (w in words) for w in sample)
    assert WordSet(words).unknown(sample) == sample - words  # the plain set a Lexicon may be given instead
    # asked about many at once (a word's edits), the table answers as asking each in turn does
    from pubcheck.text.lexicon import _edits1

    for word in ("recieve", "zzyzx", "definately", "qxqxqx", "portman"):
        edits = _edits1(word)
        plain = any(edit in words for edit in edits)
        assert bool(WordTable(WORDLIST).known(edits)) == bool(fresh.known(edits)) == bool(WordSet(words).known(edits)) == plain
    # parts that are not words are asked about with what the checker asks next (a guess, to save
    # queries): a lexicon on a fresh table judges every word as one on the whole list does
    from pubcheck.text.lexicon import Lexicon, _asked_about

    assert {"podcast", "customize", "wireless", "black", "smith"} <= set().union(*map(_asked_about, ("podcasts", "customizable", "wirelessly", "blacksmith")))
    sample_words = {"podcasts", "customizable", "wirelessly", "Recieve", "untill", "uncrewed", "teraflop", "fullfill", "co-star", "Portman", "brokeness", "megabanks"}
    prefetched, one_by_one = Lexicon(words=WordTable(WORDLIST)), Lexicon(words=WordTable(WORDLIST))
    plain = {word for word in sample_words if word not in words and one_by_one.suspects(word)}  # each word asked in turn
    assert prefetched.suspect_words(sample_words) == plain and {"Recieve", "untill", "brokeness"} <= plain
    assert all(prefetched.suspects(word) == one_by_one.suspects(word) for word in sample_words)
    with pytest.raises(KeyError):
        fresh["recieve"]
    assert len(list(cache_home.glob("words-*.sqlite3"))) == 1


def test_lexicon_and_suggestions_agree_with_the_plain_word_list(monkeypatch):
    from pubcheck.data import WORDLIST, read_words
    from pubcheck.document import read
    from pubcheck.rules.spelling import misspellings
    from pubcheck.text import lexicon

    frequencies = read_words(WORDLIST, "en-US")
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.md")))
    text += "\n\nThe actress would recieve it. Definately tommorow. Acheive the posession of a Recieve."
    doc = read(text, "markdown")
    table_lexicon, set_lexicon = lexicon.Lexicon(), lexicon.Lexicon(words=frozenset(frequencies))
    found = misspellings(doc, table_lexicon)
    assert found == misspellings(doc, set_lexicon) and len(found) >= 5
    with_table = [lexicon.suggestions(m.text) for m in found] + [lexicon.suggestions("tommorow")]
    monkeypatch.setattr(lexicon, "english_words", lambda source=None, variant="en-US": _Plain(frequencies))
    lexicon._suggestions.cache_clear()  # else the second round reads the first one's answers
    assert with_table == [lexicon.suggestions(m.text) for m in found] + [lexicon.suggestions("tommorow")]
    assert with_table[-1] == ["tomorrow"]
    lexicon._suggestions.cache_clear()  # answers from the plain list are not kept for other tests


class _Plain(dict):
    """The word list as the dict it was before the table."""

    def known(self, strings):
        return {s for s in strings if s in self}


def test_a_missing_package_is_named():
    with pytest.raises(ModuleNotFoundError, match="symspellpy_not_installed"):
        cache.package_file("symspellpy_not_installed", "words.txt")

"""The data layer (pubcheck/data.py): each table answers as the file it is built from, lives in the
one cache folder the setting names, and is built again when its file is damaged."""

from __future__ import annotations

import pytest

from pubcheck import data


def test_a_table_is_built_in_the_cache_folder_of_the_moment(cache_home):
    """Moving the cache folder (the one setting) is enough: a table opened before is opened again there."""
    table = data.WordValues("probe", lambda: [("one", 1), ("two", 2)], lambda: "v1")
    assert table.lookup(["two", "three"]) == {"two": 2}
    (built,) = cache_home.glob(f"probe-{data.LAYOUT}-*.sqlite3")
    elsewhere = cache_home.parent.parent / "elsewhere"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(elsewhere))
        assert table.lookup(["one"]) == {"one": 1}
        assert list((elsewhere / "pubcheck").glob(f"probe-{data.LAYOUT}-*.sqlite3"))
    assert table.lookup(["one", "two"]) == {"one": 1, "two": 2} and built.exists()


def test_a_damaged_table_file_is_built_again(cache_home):
    data.WordValues("probe", lambda: [("one", 1)], lambda: "v1").lookup(["one"])
    (built,) = cache_home.glob("probe-*.sqlite3")
    damaged = bytearray(built.read_bytes())
    damaged[-10] ^= 0xFF  # still a database to SQLite, with other contents
    built.write_bytes(bytes(damaged))
    builds = []
    rows = lambda: builds.append(1) or [("one", 1)]  # noqa: E731
    assert data.WordValues("probe", rows, lambda: "v1").lookup(["one"]) == {"one": 1} and builds == [1]
    assert data.WordValues("probe", rows, lambda: "v1").lookup(["one"]) == {"one": 1} and builds == [1]  # kept again


def test_a_table_built_from_other_sources_is_built_again(cache_home):
    assert data.WordValues("probe", lambda: [("one", 1)], lambda: "v1").lookup(["one"]) == {"one": 1}
    assert data.WordValues("probe", lambda: [("one", 11)], lambda: "v2").lookup(["one"]) == {"one": 11}


def test_the_syllable_table_answers_like_the_cmu_dictionary(cache_home):
    counts = data.read_cmu_syllables()
    assert len(counts) > 100_000 and counts["syllable"] == 3 and counts["readability"] == 5
    sample = sorted(counts)[::50] + ["not-a-word-at-all"]
    assert data.syllable_table().lookup(sample) == {word: counts[word] for word in sample if word in counts}


def test_hyphenation_patterns_are_pyphens_own(cache_home):
    import pyphen

    parsed = pyphen.HyphDict(pyphen.LANGUAGES["en_US"]).patterns
    assert data.hyphenation_patterns("en_US") == parsed  # built
    assert list(cache_home.glob("hyphenation-en_US-*.marshal"))
    assert data.hyphenation_patterns("en_US") == parsed  # read back


def test_the_shipped_word_lists_are_found_without_the_rules():
    assert data.dictionaries_folder() == data.builtin_root() / "dictionaries"
    british = data.shipped_wordlist("en-GB")
    assert "colour" in british and "color" not in british
    assert data.shipped_wordlist("no-such-list") == []


def test_two_installs_keep_their_own_pattern_files(cache_home, monkeypatch):
    """Two environments (a pre-commit hook's and a virtualenv) share the cache folder: each keeps
    its own file, so neither rewrites the other's on every run."""
    from pubcheck import cache
    from pubcheck.rules import linear

    writes = []
    real_write = linear.LinearRegex._write_now
    monkeypatch.setattr(linear.LinearRegex, "_write_now", lambda self, *a: writes.append(1) or real_write(self, *a))
    for install in ("/env/a/linear.py", "/env/b/linear.py", "/env/a/linear.py", "/env/b/linear.py"):
        monkeypatch.setattr(cache, "file_key", lambda path, install=install: (install, 1, 1))
        linear.LinearRegex(r"\bsources say\b")
    assert len(writes) == 2  # one per install; the second round reads both back
    assert len(list((cache_home / "re2").iterdir())) == 2

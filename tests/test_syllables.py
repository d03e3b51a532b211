"""Syllables (pubcheck/text/syllables.py) counted as textstat counts them, checked against textstat
itself (a test extra), and kept between runs in tables that answer as the data they were built from."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from pubcheck.data import read_cmu_syllables
from pubcheck.document import format_for, read
from pubcheck.rules import readability_grade
from pubcheck.rules.readability_grade import grade_and_ease
from pubcheck.text import syllables
from pubcheck.text.prose import prose_blocks

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_tables(cache_home, monkeypatch):
    """The syllable table opened again, from an empty cache folder."""
    monkeypatch.setattr(syllables, "_known", {})
    return cache_home


def test_syllable_table_answers_like_the_cmu_dictionary(fresh_tables):
    table = read_cmu_syllables()
    assert len(table) > 100_000
    counts = syllables.syllable_counts(table)
    assert {word: counts[word] for word in table} == table
    assert list(fresh_tables.glob("syllables-*.sqlite3"))


def test_syllable_memory_starts_afresh_when_full(monkeypatch):
    full = {f"w{n}": 1 for n in range(5)}
    monkeypatch.setattr(syllables, "_known", full)
    monkeypatch.setattr(syllables, "MEMORY", 5)
    counts = syllables.syllable_counts(["w1", "syllable"])
    assert counts == {"w1": 1, "syllable": 3} and syllables._known is counts and len(full) == 5


def test_words_as_written_count_as_their_lower_case_forms(monkeypatch):
    # readability-grade asks for the words as written, not lower-cased (a speed trick: see syllable_counts)
    written = ["The", "THE", "the", "Nakamura-Hale", "DON'T", "O'Brien", "ΟΔΟΣ", "İstanbul", "Zorblatt", "2024's"]
    monkeypatch.setattr(syllables, "_known", {})
    as_written = dict(syllables.syllable_counts(written))
    monkeypatch.setattr(syllables, "_known", {})
    lowered = syllables.syllable_counts([w.lower() for w in written])
    assert {w: as_written[w] for w in written} == {w: lowered[w.lower()] for w in written}


def test_total_syllables_adds_up_the_counts_whether_the_words_were_seen_or_not(monkeypatch):
    article = "The studio’s Nakamura-Hale said the Zorblatt sequel was cancelled, and the cast was told".split()
    expected = sum(syllables.syllable_counts(article)[w] for w in article)
    for memory in ({}, {"the": 1}, dict(syllables._known)):  # unseen, some seen, all seen
        monkeypatch.setattr(syllables, "_known", memory)
        assert syllables.total_syllables(article) == expected


@pytest.fixture(scope="module")
def textstat_count():
    """textstat's own syllable count with no CMU dictionary (what pubcheck asked it for before)."""
    import textstat
    counts = importlib.import_module("textstat.backend.counts._count_syllables")
    patch = pytest.MonkeyPatch()
    patch.setattr(counts, "get_cmudict", lambda lang: None)  # it would download NLTK's copy
    counts.count_syllables.cache_clear()
    textstat.set_lang("en_US")
    yield textstat.syllable_count
    patch.undo()
    counts.count_syllables.cache_clear()


def _corpus_words() -> set[str]:
    from pubcheck.document.sentences import words

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.*")) if p.suffix != ".yaml")
    return {w.lower() for w in words(text)} | {w.lower() for w in text.split()}


def test_hyphenation_patterns_from_the_cache_hyphenate_as_pyphen_parsing_its_own_file(fresh_tables, monkeypatch):
    import pyphen

    path = pyphen.LANGUAGES[syllables.HYPHENATION_LANGUAGE]
    parsed = pyphen.HyphDict(path)
    words = sorted(_corpus_words()) + ["antidisestablishmentarianism", "nakamura-hale", "über"]
    for _ in range(2):  # built into the cache, then read back from it
        monkeypatch.delitem(pyphen.hdcache, path, raising=False)
        syllables.hyphenator.cache_clear()
        hyphenator = syllables.hyphenator()
        assert pyphen.hdcache[path] is hyphenator.hd and hyphenator.hd.maxlen == parsed.maxlen
        assert {w: hyphenator.hd.positions(w) for w in words} == {w: parsed.positions(w) for w in words}
    assert list(fresh_tables.glob("hyphenation-*.marshal"))
    syllables.hyphenator.cache_clear()


def test_words_outside_the_cmu_dictionary_count_as_textstat_counts_them(textstat_count, monkeypatch):
    monkeypatch.setattr(syllables, "_known", {})
    table = read_cmu_syllables()
    odd = {"", "—", "x", "ab", "3d", "rock'n'roll", "o'brien", "'tis", "aaa'", "2024's", "nakamura-hale", "über",
           "i̇stanbul", "e.g.", "www.marquee-daily.example", "co-star", "antidisestablishmentarianism",
           "2019", "13.2", "1,882", "007", "4.5.6", "²", "١٢٣", "12a", "9" * 64}
    # Past MAX_HYPHENATED letters a token's syllables are its vowel groups, not textstat's count (linear time)
    unknown = sorted(w for w in (_corpus_words() | odd) - set(table) if len(w) <= syllables.MAX_HYPHENATED)
    assert len(unknown) > 500
    counts = syllables.syllable_counts(unknown)
    assert {w: counts[w] for w in unknown} == {w: textstat_count(w) for w in unknown}


@pytest.mark.parametrize("batch", [None, 7], ids=["words-at-once", "in-batches"])  # as an article's, as a long page's
def test_grade_and_ease_are_textstats_figures(textstat_count, monkeypatch, batch):
    monkeypatch.setattr(syllables, "_known", {})
    if batch:
        monkeypatch.setattr(readability_grade, "_BATCH_WORDS", batch)
    table = read_cmu_syllables()
    for path in sorted((ROOT / "fixtures" / "articles").iterdir()):
        doc = read(path.read_text(encoding="utf-8"), format_for(path.name))
        blocks = prose_blocks(doc)
        words = [w.lower() for b in blocks for w in b.words]
        sentences = sum(len(b.sentences) for b in blocks)
        total = sum(table[w] if w in table else textstat_count(w) for w in words)
        per_sentence, per_word = len(words) / sentences, total / len(words)
        expected = (0.39 * per_sentence + 11.8 * per_word - 15.59, 206.835 - 1.015 * per_sentence - 84.6 * per_word, len(words))
        assert grade_and_ease(doc) == expected, path.name


def test_numbers_have_one_syllable_as_pyphen_finds_no_point_in_them():
    """The short cut for figures: no hyphenation pattern holds a digit."""
    hyphenator = syllables.hyphenator()
    assert not any(char.isdigit() for key in hyphenator.hd.patterns for char in key)
    for number in ("0", "7", "12", "2019", "13.2", "1,882,000", "9" * 64, "9" * 65):
        assert syllables._hyphenated_syllables([number]) == {number: 1}
        piece = number.replace(".", "").replace(",", "")
        assert len(piece) > syllables.MAX_HYPHENATED or hyphenator.positions(piece) == []

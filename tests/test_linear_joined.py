"""linear's search of many texts at once (``LinearRegex.spans_each`` and ``spans_each_window``: the texts joined by newlines,
one search) finds what a search of each text finds, on the fixtures' blocks and on generated
text, and falls back to a search per text where a newline between two texts changes a match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pubcheck.document import format_for, read
from pubcheck.rules import linear
from pubcheck.rules.kinds import PhraseMatcher
from pubcheck.rules.packs import builtin_pack_dirs, load_pack

from helpers import shipped_linear_regexes

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]

# Each reads a newline beside a match as the text's edge: \b, \B, look-aheads of other characters.
AT_EDGE = [r"\bsources\s+say\b", r"\w+ed\b(?!-\w)", r"(?i)\b(?!(?:Some|It)\b)[A-Z][\w.]*\s+said\b", r"\B-\w+", r"say(?![-.])", r"x*", r"\s+", r"[^a-z ]+"]
# Each reads a newline otherwise: the text's end, a look-ahead that takes a newline.
NOT_AT_EDGE = [r"say$", r"^\s*read more:?$", r"say(?![\s.])", r"\w+(?!\n\w)", r"\bno\s+comment\Z"]


SHIPPED = shipped_linear_regexes()
REGEXES = SHIPPED + [linear.compile_linear(p, flags) for p in AT_EDGE + NOT_AT_EDGE for flags in (0, re.M)]
MATCHER = PhraseMatcher(["Sources Say", "it is thought", "(sponsored)", "#ad"], [r"\bsome\s+(?:fans|critics)\s+\w+", r"\b[Ss]ources?\s+close\b"], ignorecase=True)


def test_which_patterns_read_a_newline_as_the_edge():
    assert all(regex._written[1][4] for regex in SHIPPED)
    assert all(linear.compile_linear(p)._written[1][4] for p in AT_EDGE)
    assert not any(linear.compile_linear(p)._written[1][4] for p in NOT_AT_EDGE)
    assert not linear.compile_linear(r"say$", re.M)._written[1][4]


def _lists(found: list) -> list[list[tuple[int, int]]]:
    assert all(spans == () or type(spans) is list for spans in found)  # no matches: perhaps an empty tuple
    return [list(spans) for spans in found]


def _agree(texts: list[str], windows: list[tuple[str, int, int]]) -> int:
    """Whole texts, and windows of them (as ``re``'s pos and endpos: sentences, or any range)."""
    for regex in REGEXES:
        assert _lists(regex.spans_each(texts)) == [regex.spans(text) for text in texts], regex.pattern
        assert _lists(regex.spans_each_window(windows)) == [regex.spans(*window) for window in windows], regex.pattern
        # lower-cased: where each character beyond ASCII is its own lower case, the ASCII letters of the encoded text
        lowered = [text.lower() for text in texts]
        if list(map(len, lowered)) == list(map(len, texts)):
            assert _lists(regex.spans_each(texts, lower=True)) == [regex.spans(text) for text in lowered], regex.pattern
        else:
            assert regex.spans_each(texts, lower=True) is None
    for matcher in [MATCHER] + [rule.matcher() for folder in builtin_pack_dirs() for rule in load_pack(folder) if "tokens" in rule.spec]:
        assert _lists(matcher.spans_each(texts)) == [matcher.spans(text) for text in texts]
    return sum(len(spans) for regex in SHIPPED for spans in regex.spans_each_window(windows))


def test_joined_search_finds_what_each_search_finds_in_the_fixtures():
    found = 0
    for path in ARTICLES:
        doc = read(path.read_text(encoding="utf-8"), format_for(path.name))
        blocks = [block for block in doc.body if block.text]
        found += _agree([block.text for block in blocks], [(block.text, s.start, s.end) for block in blocks for s in block.sentences])
    assert len(ARTICLES) > 50 and found > 50


PIECES = "sources say Sources Say reportedly it is thought thought-provoking no comment Some It Netflix said tested_ed read more: x xx İt café straſſe (sponsored) #ad Élodie ΣΟΦΙΑΣ σοφίας ß ẞ ǅ".split()


@pytest.mark.parametrize("seed", range(3))
def test_joined_search_finds_what_each_search_finds_in_generated_text(seed, monkeypatch):
    rng = random.Random(seed)
    joined, fell_back = 0, 0
    spans_joined = linear.LinearRegex._spans_joined

    def counted(regex, *pieces, **encoded):
        nonlocal joined, fell_back
        found = spans_joined(regex, *pieces, **encoded)
        joined, fell_back = joined + (found is not None), fell_back + (found is None)
        return found

    monkeypatch.setattr(linear.LinearRegex, "_spans_joined", counted)
    for _ in range(60):
        texts = [
            "".join(rng.choice((" ", "  ", "-", "\n", ", ", "\t", "’", "“", "")) + rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
            + rng.choice(("", " ", "\n", "-", "."))
            for _ in range(rng.randint(1, 5))
        ]
        windows = [(text, *sorted((rng.randint(-1, len(text) + 1), rng.randint(-1, len(text) + 1)))[:: rng.choice((1, -1))]) for text in texts * 2]
        _agree(texts, windows)
    assert joined > 100 and fell_back > 20  # "\s+" and "[^a-z ]+" take the newline between texts


def test_matches_in_one_sentence_search_it_once(monkeypatch):
    # 20,000 matches in one sentence joined a copy of it per match: memory grew with their square.
    text = "It is reportedly true. " + "reportedly " * 2_000
    regex = linear.compile_linear(r"\breportedly\b")
    joined_sizes = []
    real_encoded = linear._encoded
    monkeypatch.setattr(linear, "_encoded", lambda joined: joined_sizes.append(len(joined)) or real_encoded(joined))
    windows = [(text, 0, 23)] + [(text, 23, len(text))] * 2_000
    found = regex.spans_each_window(windows)
    assert found == [regex.spans(*window) for window in windows]
    assert max(joined_sizes) <= len(text) + 10  # each window once, with a newline and a context character


@pytest.mark.parametrize("seed", range(3))
def test_texts_joined_in_runs_find_what_each_search_finds(seed, monkeypatch):
    # A long page is joined a run of JOINED_CHARACTERS at a time: here runs of a few texts each.
    monkeypatch.setattr(linear, "JOINED_CHARACTERS", 40)
    rng = random.Random(seed)
    runs = []
    real_runs = linear.runs
    monkeypatch.setattr(linear, "runs", lambda items, lengths: runs.append(len(items)) or real_runs(items, lengths))
    for _ in range(30):
        texts = [
            "".join(rng.choice((" ", "  ", "-", "\n", ", ", "’", "“", "")) + rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
            for _ in range(rng.randint(2, 12))
        ]
        windows = [(text, *sorted((rng.randint(-1, len(text) + 1), rng.randint(-1, len(text) + 1)))) for text in texts]
        _agree(texts, windows)
    assert len(runs) > 100

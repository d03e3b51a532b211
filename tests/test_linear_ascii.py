"""linear's ASCII spelling of a pattern (RE2's own \\b, \\w and \\s, used on text whose letters and
spaces are all ASCII) finds what its Unicode spelling finds, on the fixtures and generated text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pubcheck.document import format_for, read
from pubcheck.rules import linear

from helpers import shipped_linear_regexes

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]


def _regexes() -> list[linear.LinearRegex]:
    own = [r"\bno\s+comment\b", r"\w+ed\b(?!-\w)", r"(?i)\b(?!(?:Some|It)\b)[A-Z][\w.]*\s+said\b", r"^\s*read more:?$", r"\B-\w+"]
    return shipped_linear_regexes() + [linear.compile_linear(pattern, re.M) for pattern in own]


REGEXES = _regexes()


def _both(text: str, start: int, end: int, monkeypatch) -> int:
    assert linear._ascii_like(text)
    fast = [regex.spans(text, start, end) for regex in REGEXES]
    with monkeypatch.context() as patch:
        patch.setattr(linear, "_ascii_like", lambda text: False)  # the Unicode spelling, as for any text
        assert fast == [regex.spans(text, start, end) for regex in REGEXES], text[start:end]
    return sum(map(len, fast))


def test_ascii_spelling_finds_what_the_unicode_one_finds_in_the_fixtures(monkeypatch):
    found = 0
    for path in ARTICLES:
        doc = read(path.read_text(encoding="utf-8"), format_for(path.name))
        for block in doc.body:
            if linear._ascii_like(block.text):
                found += _both(block.text, 0, len(block.text), monkeypatch)
                for sentence in block.sentences[1:]:
                    _both(block.text, sentence.start, sentence.end, monkeypatch)
    assert found > 50


PIECES = "sources say reportedly it is thought thought-provoking no comment Some It Netflix said tested_ed read more: 2024 _x".split()


@pytest.mark.parametrize("seed", range(3))
def test_ascii_spelling_finds_what_the_unicode_one_finds_in_generated_text(seed, monkeypatch):
    rng = random.Random(seed)
    found = 0
    for _ in range(150):
        text = "".join(rng.choice((" ", "  ", "-", "\n", ", ", "\t", "’", "“")) + rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        start = rng.randint(0, len(text) // 3)
        found += _both(text, start, rng.randint(start, len(text)), monkeypatch)
    assert found > 20


def _plainly_ascii_like(text: str) -> bool:
    """The plain reading of ``linear._ascii_like``: no character Python reads as a letter, a
    digit or a space where RE2's ASCII classes do not (beyond ASCII, or an ASCII control)."""
    return not any((char.isalnum() or char.isspace()) and not (char.isascii() and char not in "\x0b\x1c\x1d\x1e\x1f") for char in text)


def test_ascii_like_reads_every_character_as_the_plain_reading_does():
    every = [chr(code) for code in range(0x110000)]
    unlike = [char for char in every if not _plainly_ascii_like(char)]
    assert len(unlike) > 100_000
    assert linear._ascii_like("".join(char for char in every if _plainly_ascii_like(char)))
    assert not any(linear._ascii_like("He said “no” — " + char) for char in unlike)
    for path in ARTICLES:
        for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body:
            assert linear._ascii_like(block.text) == _plainly_ascii_like(block.text)

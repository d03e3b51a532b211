"""keyword-stuffing's tuned run patterns (a capital first, then a look behind it; possessive
words) find what their plain spelling (a look-behind first, ordinary repeats) finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pubcheck.document import format_for, read
from pubcheck.rules.keyword_stuffing import _CAPITALISED_WORD, _LONG_RUN

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]
PLAIN = {
    _LONG_RUN: re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'-]*(?: [A-ZÀ-ÖØ-Þ][\w’'-]*){3,}"),
    _CAPITALISED_WORD: re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ\u212a\u212b][\w’'-]*"),
}


def _agree(text: str) -> int:
    found = 0
    for tuned, plain in PLAIN.items():
        spans = [m.span() for m in tuned.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], text
        found += len(spans)
    return found


def test_tuned_runs_are_the_plain_ones_in_the_fixtures():
    found = sum(_agree(block.text) for path in ARTICLES for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body)
    assert found > 1000


PIECES = "Ava Stone Milo Reyes O’Brien Okafor-Bell Émile Øst Þór \u212aelvin the and film 2024 x-Ray 'Tis".split()


@pytest.mark.parametrize("seed", range(3))
def test_tuned_runs_are_the_plain_ones_in_generated_text(seed):
    rng = random.Random(seed)
    found = sum(
        _agree("".join(rng.choice((" ", " ", " ", "  ", "-", "’", ". ", "\n", "")) + rng.choice(PIECES) for _ in range(rng.randint(1, 16))))
        for _ in range(300)
    )
    assert found > 300

"""The quote reader's patterns, spelled for speed, find what their plain spelling finds: one word
boundary before all the alternatives of an attribution pattern, not one before each."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pubcheck.document import format_for, read
from pubcheck.text import quotes
from pubcheck.text.phrases import trie

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout/articles") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]

# The plain spelling: a word boundary before each alternative.
_IN_A = r"\bin\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
_ISSUED = (
    r"\b(?:issued|issuing|released|releasing|shared|sharing|posted|posting|read)\s+(?:an?|his|her|their|its|the)\s+"
    r"(?:[\w-]+\s+)?(?:statement|tribute|message|note|letter|eulogy)\b|\bthe\s+following\s+(?:statement|message|note|post)\b"
)
_SAID_IN = rf"\baccording\s+to\b|{_IN_A}(?:{quotes._VENUES})\b"
PLAIN = {
    quotes._ATTRIBUTION: re.compile(
        rf"\b(?:{quotes.VERBS})\b|\baccording\s+to\b|{_IN_A}(?:{quotes._VENUES}|essay|op-ed|memoir|letter)\b"
        rf"|{_ISSUED}|\bput\s+it\b|\bin\s+(?:the|his|her|their)\s+(?:own\s+)?words\s+of\b"
        r"|\bstatement\s+(?:began|begins|opened|opens|continued|continues)\b"
        r"|(?:['’]s|\b(?:his|her|their))\s+(?:line|words|message|reply|response|answer|advice|verdict)\b",
        re.I,
    ),
    quotes._SPEECH: re.compile(rf"\b(?:{trie(quotes._SPEECH_WORDS)})\b|{_SAID_IN}|{_ISSUED}", re.I),
    quotes._WORD_ATTRIBUTION: re.compile(
        rf"\b(?:{trie(quotes._SPEECH_WORDS + 'described describes called calls captioned captions dubbed dubs'.split())})\b"
        rf"|{_SAID_IN}|(?:['’]s|\b(?:his|her|their))\s+words\b",
        re.I,
    ),
}


def _agree(text: str) -> int:
    found = 0
    for tuned, plain in PLAIN.items():
        spans = [m.span() for m in tuned.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], text
        found += len(spans)
    return found


def test_tuned_attribution_patterns_are_the_plain_ones_in_the_fixtures():
    found = sum(_agree(block.text) for path in ARTICLES for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body)
    assert found > 1000


PIECES = [
    *"""said Said SAID told resaid said_ x-said called described Brekke's O’Brien’s op-ed film 2024 İ ı ſaid Kelvin""".split(),
    "in an interview", "in his essay", "according to", "the following statement", "issued a statement", "read the letter",
    "posted the note", "put it", "in her own words of", "statement began", "line", "words", "his words", "her reply", "verdict",
]


@pytest.mark.parametrize("seed", range(3))
def test_tuned_attribution_patterns_are_the_plain_ones_in_generated_text(seed):
    rng = random.Random(seed)
    found = sum(
        _agree("".join(rng.choice((" ", " ", " ", "  ", "-", "’", "'", ". ", "\n", "", "_")) + rng.choice(PIECES) for _ in range(rng.randint(1, 16))))
        for _ in range(300)
    )
    assert found > 300

"""passive-voice's fast search (lower-cased text, no re.I) finds the sentences its plain search
(re.I on the text as written) finds, on the fixtures and on generated text."""

from __future__ import annotations

import random
from pathlib import Path

from pubcheck.document import format_for, read
from pubcheck.rules.passive_voice import _CASE_ODDITIES, passive_sentences
from pubcheck.text.prose import prose_blocks

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]


def _fast_and_plain(text: str, format: str) -> list[tuple[list, list]]:
    blocks = prose_blocks(read(text, format))
    assert not _CASE_ODDITIES.search("".join(block.text for block in blocks))  # where the fast search is used
    return [(passive_sentences(block, True), passive_sentences(block, False)) for block in blocks]


def test_fast_search_finds_the_plain_searchs_sentences_in_the_fixtures():
    found = 0
    for path in ARTICLES:
        for fast, plain in _fast_and_plain(path.read_text(encoding="utf-8"), format_for(path.name)):
            assert fast == plain, path.name
            found += len(plain)
    assert len(ARTICLES) > 50 and found > 100


# Forms of "be" in every case, glued to other letters ("Kiwas", "beings"), participles, adjectival
# look-alikes, apostrophes and the words the participle may be preceded by
PIECES = (
    "am is are was were be been being 're ’re 's AM Is ARE Was WERE Be BEEN Being 'RE ’Re "
    "kiwas Isis abe obeing tare swere awas "
    "announced dropped shot told born Written SHOWN Found Made held tested Posted "
    "excited tired Indeed bed red succeed speed Engaged "
    "not also Then now still widely quickly quietly later reportedly "
    "the studio film cast she they It fans director Ava Stone É über naïve déjà café ß"
).split()


def test_fast_search_finds_the_plain_searchs_sentences_in_generated_text():
    rng = random.Random(2026)
    texts = []
    for _ in range(400):
        sentences = []
        for _ in range(rng.randint(1, 6)):
            words = [rng.choice(PIECES) for _ in range(rng.randint(1, 12))]
            glue = [rng.choice((" ", " ", " ", "  ", "-", "", "\u00a0")) for _ in words]
            sentences.append("".join(g + w for g, w in zip(glue, words)).strip().capitalize() + rng.choice((".", "!", "?", "…")))
        texts.append(" ".join(sentences))
    found = 0
    for text in texts:
        for fast, plain in _fast_and_plain(text, "text"):
            assert fast == plain, text
            found += len(plain)
    assert found > 100

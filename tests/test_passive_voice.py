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


def _fast_and_plain(text: str, format: str) -> tuple[list, list]:
    blocks = prose_blocks(read(text, format))
    assert not any(odd in block.text for block in blocks for odd in _CASE_ODDITIES)  # where the lower-cased search is used
    return passive_sentences(blocks), passive_sentences(blocks, fast=False)


def test_fast_search_finds_the_plain_searchs_sentences_in_the_fixtures():
    found = 0
    for path in ARTICLES:
        fast, plain = _fast_and_plain(path.read_text(encoding="utf-8"), format_for(path.name))
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
        fast, plain = _fast_and_plain(text, "text")
        assert fast == plain, text
        found += len(plain)
    assert found > 100


def test_fast_search_finds_the_plain_searchs_sentences_across_blocks_and_line_breaks():
    # Matches must not run from one block, or one line, into the next: "was" ends one, "told" opens the next.
    rng = random.Random(19)
    pieces = ("The cast was", "told", "It is", "Born", "excited", "They were", "not", "shown", "Fans’re", "paid")
    found = 0
    for _ in range(300):
        lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        html = "".join(f"<p>{line}</p>" if rng.random() < 0.5 else f"<li>{line}<br>{rng.choice(pieces)}</li>" for line in lines)
        fast, plain = _fast_and_plain(html, "html")
        assert fast == plain, html
        found += len(plain)
    assert found > 100


def test_case_oddities_fall_back_to_the_search_as_written():
    # "İ" lower-cases to two characters; the fast search then runs _PASSIVE on the text as written.
    blocks = prose_blocks(read("<p>İstanbul was shown.</p><p>The film was told.</p>", "html"))
    assert passive_sentences(blocks) == passive_sentences(blocks, fast=False) and len(passive_sentences(blocks)) == 2
    # the Kelvin sign is a "k" to re.I and to str.lower(), not to the ASCII lowering
    blocks = prose_blocks(read("<p>It was \u212anown.</p><p>The film was told.</p>", "html"))
    assert passive_sentences(blocks) == passive_sentences(blocks, fast=False) and len(passive_sentences(blocks)) == 2


def test_lowering_only_ascii_letters_changes_nothing_the_search_reads():
    """What lets the fast search lower only ASCII letters: every other character that lower()
    changes becomes one character, not ASCII, a word character or white space as it was (and
    none is "’", the one other character _PASSIVE_LOWER names), unless it is a case oddity."""
    import re
    import sys

    from pubcheck.rules.passive_voice import _ascii_lower

    word, space = re.compile(r"\w"), re.compile(r"\s")
    for point in range(128, sys.maxunicode + 1):
        char = chr(point)
        lower = char.lower()
        if lower != char and char not in _CASE_ODDITIES:
            assert len(lower) == 1 and not lower.isascii() and lower != "’", hex(point)
            assert bool(word.match(char)) == bool(word.match(lower)) and bool(space.match(char)) == bool(space.match(lower)), hex(point)
    text = "Ça WAS Fine, \ud800 ÉTÉ “Told” ß"
    assert _ascii_lower(text) == "Ça was fine, \ud800 ÉtÉ “told” ß"


def test_a_long_page_is_searched_in_runs_of_blocks_and_finds_the_same(monkeypatch):
    # A long page is joined a run of blocks at a time, so its copies stay small: runs of ~40
    # characters here, each holding a few blocks, must find what the plain search finds.
    from pubcheck.rules import linear

    html = "".join(f"<p>The cast was told. It is {word}.</p><p>İt was shown by them.</p>" for word in ("done", "fun", "born") * 20)
    blocks = prose_blocks(read(html, "html"))
    whole = passive_sentences(blocks)
    monkeypatch.setattr(linear, "JOINED_CHARACTERS", 40)
    assert len(linear.runs(blocks, [len(block.text) for block in blocks])) > 20
    assert passive_sentences(blocks) == whole == passive_sentences(blocks, fast=False) and len(whole) == 160

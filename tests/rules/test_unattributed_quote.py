"""unattributed-quote beyond its snippet cases (unattributed-quote.yml)."""

from __future__ import annotations

from helpers import found


def test_many_quotes_in_one_sentence_are_read_once():
    sentence = " ".join(f'"quoted phrase number {i} here," and' for i in range(800)) + " so on."
    assert len(found(sentence, "unattributed-quote")) == 800  # each reads the sentence's verdict once (benchmarks time it)

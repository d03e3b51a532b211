from __future__ import annotations

import re

from ..document import Document
from ..text.patterns import LazyPattern
from ..text.quotes import pinned_on_someone, quotations
from .base import Problem, Rule


# A word named as a word: 'The word "secret" appears 14 times', 'the hashtag "freebritney"'.
_MENTIONED = LazyPattern(r"\b(?:word|words|term|phrase|name|nickname|hashtag|slogan|tagline|label)\s*$", re.I)


class ScareQuote(Rule):
    """Flags a lowercase word or short phrase in quotation marks that is not speech (off by default).

    Quoted titles ("Too Much", "Voice of a Generation") start with a capital and are left alone;
    so is anything long enough or punctuated like speech (see `unattributed-quote`), and a word
    its own sentence pins on someone (she described the shoot as "intense"), or a word named as
    a word (the word "secret").

    ## Why is this bad?
    Scare quotes ("pretty", "juicy") signal irony or distance without saying what the writer
    means, and read as editorialising in news copy.

    ## Example
    ```
    The pilot is "edgy" but never cruel.
    ```

    ## Not flagged
    ```
    Her series "Too Much" premieres in July.
    "I'm done," she said.
    One designer told her the dress was "too small."
    ```

    ## How to fix
    Drop the quotation marks, or say plainly what is meant; if it is someone's word, attribute it.
    """

    id = "scare-quote"
    category = "style"
    severity = "info"
    summary = "A word or short phrase in scare quotes"
    enabled_by_default = False

    def check(self, doc: Document):
        for quote in quotations(doc):
            inner = quote.block.text[quote.start + 1 : quote.end - 1].strip()
            if (
                not quote.is_speech
                and inner[:1].islower()
                and not _MENTIONED.search(quote.block.text, max(0, quote.start - 12), quote.start)
                and not pinned_on_someone(doc, quote)
            ):
                word = inner.rstrip(".,;:!?…")  # American style puts the sentence's punctuation inside
                yield Problem(f"Scare quotes around {word!r}: say plainly what is meant", quote.block, quote.start, quote.end)

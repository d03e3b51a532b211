"""The one sentence splitter and word tokenizer every rule uses.

A boundary is sentence-final punctuation (optionally followed by closing quotes or brackets),
then whitespace, then something that can start a sentence. It is not a boundary after a known
abbreviation ("Dr.", "U.S.", "Jan."), after a single initial ("J. K. Rowling"), or when an
ellipsis or question inside a quote runs on in lower case ("'Why?' she asked").
A line break (``<br>``, a list line in plain text) always ends a sentence.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft gen lt col capt sgt cmdr adm gov sen rep pres supt
    insp det hon messrs mme mlle
    inc ltd co corp bros llc plc dept univ assn est approx vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols pp fig figs ed eds cf ca
    u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a u.s.a ph.d b.a m.a
    """.split()
)

_BOUNDARY = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"'”’)\]»]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def split_sentences(text: str) -> Iterator[Sentence]:
    start = 0
    length = len(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n" and not _ends_sentence(text, match.start(), end):
            continue
        yield from _sentence(text, start, end)
        start = end
    if start < length:
        yield from _sentence(text, start, length)


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, text[start:end])


def _ends_sentence(text: str, punct_start: int, punct_end: int) -> bool:
    after = punct_end
    while after < len(text) and text[after] == " ":
        after += 1
    if after >= len(text):
        return True
    following = text[after]
    if following.islower():
        return False  # "'Why?' she asked", "wait… what"
    if text[punct_start] == ".":
        before = _WORD_BEFORE.search(text, 0, punct_start)
        if before:
            word = before.group(1).lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and text[punct_start - 1].isupper()):
                return False
            if following.isdigit() and word.isdigit():
                return False
    return True


def words(text: str) -> Iterator[str]:
    """Words as editors count them: letters and digits, keeping inner apostrophes and hyphens."""
    return (m.group() for m in _WORD.finditer(text))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    return ((m.start(), m.end(), m.group()) for m in _WORD.finditer(text))

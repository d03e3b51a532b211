from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..document import Document
from ..text.prose import prose_blocks
from .base import Problem, Rule
from .linear import runs


# "was announced", "were quietly dropped", "is being shot", "has been confirmed" …
# Not "'s": it is as often "has" ("She's worked with Kaul") or a possessive ("Okafor's sculpted
# bodice") as "is", and a false passive costs more than a missed one.
_BE = r"(?:am|is|are|was|were|be|been|being|'re|’re)"
_IRREGULAR = (
    "born borne beaten become begun bent bet bid bitten blown broken brought built bought caught chosen come cost "
    "cut dealt done drawn driven drunk eaten fallen fed felt fought found flown forbidden forgotten forgiven frozen "
    "given gone grown hung had heard hidden hit held hurt kept known laid led left lent let lain lit lost made meant "
    "met paid put read ridden rung risen run said seen sought sold sent set shaken shot shown shut sung sunk sat slept "
    "spoken spent spun split spread stood stolen stuck struck sworn swept swum taken taught torn told thought thrown "
    "understood woken worn won written"
).split()
_PARTICIPLE = (
    rf"\s+(?:(?:not|also|then|now|still|widely|quickly|quietly|later|reportedly|being|been)\s+){{0,2}}"
    rf"((?:[a-z]+ed)|(?:{'|'.join(_IRREGULAR)}))\b"
)
_PASSIVE = re.compile(rf"\b{_BE}{_PARTICIPLE}", re.I)
# Participles that usually work as adjectives after "be" ("she was excited", "they were tired"),
# and words that only end like a participle ("it was indeed").
_ADJECTIVAL = frozenset(
    "excited interested tired bored married engaged involved based located pleased surprised thrilled "
    "scared worried concerned supposed used prepared determined convinced amazed delighted devastated "
    "obsessed dedicated committed exhausted overwhelmed inspired tied related red need bed shed speed "
    "indeed deed seed feed weed heed creed greed breed bleed steed reed tweed proceed exceed succeed".split()
)


def passive_sentences(blocks: list, fast: bool = True) -> list[tuple]:
    """(block, sentence) for each passive sentence of ``blocks``, in order. ``fast``: one search
    over the text of all the blocks, lower-cased where that is exact (see the end of the module);
    otherwise the plain search, sentence by sentence, that the fast one must agree with."""
    if not fast:
        return [
            (block, sentence) for block in blocks for sentence in block.sentences if _has_passive(_PASSIVE.finditer(sentence.text))
        ]
    found: list[tuple] = []
    # Joined in runs of blocks (linear.JOINED_CHARACTERS): one search per article, while the joined
    # and lower-cased copies of a long page stay a few MB (a 5 MB page's whole text, joined and
    # lowered at once, was an 87 MB peak).
    for run in runs(blocks, [len(block.text) for block in blocks]):
        found += _joined_search(run)
    return found


def _joined_search(blocks: list) -> list[tuple]:
    # Blocks meet at _BETWEEN_BLOCKS, and a line break (which ends a sentence but not a match of
    # \s+) becomes it too: a match then lies within one sentence, as sentences also meet at final
    # punctuation, which a match cannot cross; and a sentence has whitespace or a block's edge on
    # either side in the joined text, as at its own edges, so it holds the same matches.
    text = _BETWEEN_BLOCKS.join([block.text for block in blocks]).replace("\n", _BETWEEN_BLOCKS)
    if any(odd in text for odd in _CASE_ODDITIES):
        matches = _PASSIVE.finditer(text)
    else:
        matches = _PASSIVE_LOWER.finditer(_ascii_lower(text))
    block_starts = list(accumulate((len(block.text) + 1 for block in blocks), initial=0))
    found: list[tuple] = []
    block_end = 0  # matches come in order: a block and its sentences are looked up once
    for match in matches:
        if match.group(1).lower() in _ADJECTIVAL:
            continue
        at = match.start()
        if at >= block_end:
            index = bisect_right(block_starts, at) - 1
            block, block_start, block_end = blocks[index], block_starts[index], block_starts[index + 1]
            sentences, sentence_index = block.sentences, 0
        while sentences[sentence_index].end <= at - block_start:
            sentence_index += 1
        if not found or found[-1][0] is not block or found[-1][1].start != sentences[sentence_index].start:  # not that sentence again
            found.append((block, sentences[sentence_index]))
    return found


def _has_passive(matches) -> bool:
    return any(match.group(1).lower() not in _ADJECTIVAL for match in matches)


class PassiveVoice(Rule):
    """Flags passive sentences when the article leans on them.

    When more than `max-share` percent of the body's sentences are passive ("was announced",
    "were dropped by the studio"), one finding says how many, at the first passive sentence
    (one per sentence would bury an editor in notes). The default of 20% is twice Yoast's
    passive-voice guidance (10%), which 4 in 10 professional news articles exceed: news reports
    what was announced, charged or confirmed.

    ## Why is this bad?
    The passive hides who did what, which is exactly what a news story must say.

    ## Example
    ```
    The sequel was cancelled. The cast was told by email. Refunds were promised to fans.
    ```

    ## Not flagged
    ```
    The studio cancelled the sequel and told the cast by email.
    ```

    ## How to fix
    Name the actor and make it the subject.

    ## Options
    - `max-share` (default 20.0): percent of sentences that may be passive. Calibrated on 83
      real professional news pages (benchmarks/calibrate_readability.py, figures in
      benchmarks/README.md): their passive share is 7.5% at the median and 17.6% at the 90th
      percentile, so 20% leaves nine professional articles in ten alone.
    """

    id = "passive-voice"
    category = "readability"
    severity = "info"
    summary = "Too many sentences are in the passive voice"
    options = {"max-share": 20.0}

    def check(self, doc: Document):
        blocks = prose_blocks(doc)
        total = sum(len(b.sentences) for b in blocks)
        passive = passive_sentences(blocks)
        if not total or 100.0 * len(passive) / total <= self.settings["max-share"]:
            return
        share = 100.0 * len(passive) / total
        block, sentence = passive[0]
        yield Problem(
            f"{len(passive)} of {total} sentences are passive ({share:.0f}%, at most {self.settings['max-share']:g}%), "
            "starting here; say who did what",
            block,
            sentence.start,
            sentence.end,
        )


# -- speed: _PASSIVE for lower-cased text ----------------------------------------------------------
# The same search in 55% of the time (rule stage 0.115 against 0.208 ms an article on the bench
# corpus): without re.I, which compares every character through case folding, and with each form
# of "be" opening on its first character and looking behind it for the word boundary, so the
# regex engine skips ahead to those characters instead of trying every position. On lower-cased
# text it finds what _PASSIVE finds in the original, except around the three letters of
# _CASE_ODDITIES; tests/test_passive_voice.py checks that the two find the same sentences.
# (Each alternative must open with a single character, not a class such as ['’], or the engine
# cannot tell which characters to skip to.)
_BE_LOWER = r"(?:a(?<!\wa)(?:m|re)|i(?<!\wi)s|w(?<!\ww)(?:as|ere)|b(?<!\wb)e(?:en|ing)?|'(?<=\w.)re|’(?<=\w.)re)"
_PASSIVE_LOWER = re.compile(_BE_LOWER + _PARTICIPLE)
_CASE_ODDITIES = "İıſ\u212a"  # ("İ" lower-cases to two characters; "ı", "ſ" and "\u212a" (Kelvin) match "i", "s" and "k" under re.I)


def _ascii_lower(text: str) -> str:
    """``text`` with its ASCII letters lower-cased (on its UTF-8 bytes): half the time of
    ``str.lower`` on text with curly quotes or accents (7 against 13 µs an article). The search
    finds the same in it: _PASSIVE_LOWER reads other characters only as word characters or
    white space, which lowering does not change, except for _CASE_ODDITIES
    (``tests/test_passive_voice.py`` checks every code point)."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
_BETWEEN_BLOCKS = "\x00"  # neither whitespace nor a letter: no match crosses it

"""Syllables of English words, counted as textstat 0.7 counts them (textstat.syllable_count,
language en_US), without importing textstat at run time (63 ms, a quarter of a one-file lint's
budget): the stressed vowels of a word's first CMU pronunciation, and for a word the CMU
dictionary lacks, one more than the hyphenation points pyphen finds in each piece of it.
tests/test_syllables.py checks these counts against textstat's own."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Collection, Sequence

from ..data import hyphenation_patterns, syllable_table

# textstat's remove_punctuation: an apostrophe stays only in a contraction ("she's", "we'll")
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_known: dict[str, int] = {}  # syllables of the words seen so far in this process
MEMORY = 200_000  # words remembered at most
HYPHENATION_LANGUAGE = "en_US"  # textstat's pyphen language for en_US


def syllable_counts(words: Collection[str]) -> dict[str, int]:
    """A mapping that holds the syllables, as textstat counts them, of every word in ``words``
    (and of the other words this process has seen). A word is counted in lower case, as textstat
    counts it, but remembered as written: a caller need not lower-case an article's words, which
    cost readability-grade as much as counting them."""
    global _known
    known = _known
    missing = set(words).difference(known)  # in C: a set comprehension read every word in Python
    if missing:
        if len(known) + len(missing) > MEMORY:  # start afresh; a thread reading the old memo keeps it whole
            known = _known = {}
            missing = set(words)
        lowered = {word: word.lower() for word in missing}
        unseen = set(lowered.values())
        found = syllable_table().lookup(list(unseen))
        found.update(_hyphenated_syllables([word for word in unseen if word not in found]))
        known.update({word: found[lower] for word, lower in lowered.items()})
    return known


def total_syllables(words: Sequence[str]) -> int:
    """The syllables of all ``words`` (a word as often as it occurs), as syllable_counts counts them.
    When this process has seen every word already, as a long run soon has, they are summed in one
    pass of look-ups, without first looking for the words it has not seen."""
    try:
        return sum(map(_known.__getitem__, words))
    except KeyError:  # a word not seen yet
        return sum(map(syllable_counts(words).__getitem__, words))


# -- words the dictionary lacks: pyphen's hyphenation --------------------------------------------------


def _hyphenated_syllables(words: list[str]) -> dict[str, int]:
    """textstat's count for words not in the CMU dictionary: punctuation removed as textstat
    removes it, then, per remaining piece, one more than pyphen's hyphenation points."""
    if not words:
        return {}
    positions = hyphenator().positions
    counts = {}
    for word in words:
        pieces = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", word)).lower().split()
        counts[word] = sum(_piece_syllables(piece, positions) for piece in pieces)
    return counts


def _piece_syllables(piece: str, positions) -> int:
    # A number ("2019", "13.2" once its point is gone) has one: no pattern holds a digit, so
    # pyphen finds no point in it (tests/test_syllables.py), and its vowel groups are none. Most
    # words an article brings that this process has not seen are its figures, and pyphen reads
    # each at some 8 us.
    if piece.isdigit() and piece.isascii():
        return 1
    return len(positions(piece)) + 1 if len(piece) <= MAX_HYPHENATED else _vowel_groups(piece)


# pyphen tries every pattern length at every letter and keeps each word it has seen: a 1 MB token
# took 11 s and stayed in memory. No word is this long; a longer token's syllables are its vowel groups.
MAX_HYPHENATED = 64
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _vowel_groups(piece: str) -> int:
    return max(1, len(_VOWEL_GROUP.findall(piece)))


@lru_cache(maxsize=1)
def hyphenator():
    """``pyphen.Pyphen(lang="en_US")``, as textstat makes it. pyphen parses its 11,000 patterns
    on first use (44 ms, 4 ms read back with marshal: pyphen has no public way to load parsed
    patterns); the parsed patterns are kept in pubcheck's cache and handed to pyphen's own
    pattern cache, so it hyphenates exactly as always without parsing them again."""
    import pyphen

    path = pyphen.LANGUAGES[HYPHENATION_LANGUAGE]
    if path not in pyphen.hdcache:
        patterns = hyphenation_patterns(HYPHENATION_LANGUAGE)
        patterns_only = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what HyphDict.__init__ leaves, less the parsing
        patterns_only.patterns, patterns_only.cache = patterns, {}
        patterns_only.maxlen = max(map(len, patterns))
        pyphen.hdcache[path] = patterns_only
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)

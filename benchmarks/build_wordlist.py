"""Regenerate the full English word lists that the `spelling` rule adds to pyspellchecker's.

    apt-get install wamerican-large wbritish-large wamerican-huge wbritish-huge   # SCOWL, Debian
    pip install wordfreq
    python benchmarks/build_wordlist.py

Writes ``rules/dictionaries/wordlist/en-US.txt.gz`` (American words that pyspellchecker's list
lacks: "logline", "greenlit", "cinephile", "chyron", "clickbait") and ``en-GB.txt.gz`` (British
forms that the American lists lack: "colour", "organised", "defence"), ``en-US-forms.txt.gz``
(the American spellings of those: "color", "organized"), plus the SCOWL copyright
notice its licence asks to travel with the lists. Nothing is downloaded at run time: pubcheck
reads these files from its own package.

Which words: all lower-case words of SCOWL size 70 ("large"), and those of size 80 ("huge")
that are not one edit (or two extra letters) from a much commoner size-70 word. Size 80 holds rare spellings that are
also everyday typos ("publically", "wich", "persue", "develope"); a word one edit from a word
at least 5 times as frequent (by wordfreq) is taken for the typo and left out.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DICT = Path("/usr/share/dict")
OUT = ROOT / "rules" / "dictionaries" / "wordlist"
COPYRIGHT = Path("/usr/share/doc/wamerican-large/copyright")
COMMONER = 5  # how many times commoner a neighbour must be for a size-80 word to count as its typo


def read(name: str) -> set[str]:
    words = set()
    for line in (DICT / name).read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and word.isascii() and word.isalpha() and word.islower():
            words.add(word)
    return words


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def without_typos(rare: set[str], core: set[str]) -> set[str]:
    """``rare`` less the words one edit (a letter added, dropped, changed or two swapped), or two added letters, from a much commoner ``core`` word."""
    from wordfreq import word_frequency

    index: dict[str, set[str]] = {}
    for word in core:
        index.setdefault(word, set()).add(word)
        for shorter in deletes(word):
            index.setdefault(shorter, set()).add(word)
    kept = set()
    for word in rare:
        near = set(index.get(word, ()))
        for shorter in deletes(word):
            near |= index.get(shorter, set())
            near |= core.intersection(deletes(shorter))  # two letters too many: "publically"
        near.discard(word)
        frequency = word_frequency(word, "en")
        if not any(word_frequency(other, "en") > COMMONER * max(frequency, 1e-9) for other in near):
            kept.add(word)
    return kept


def american_forms(british: set[str], american: set[str]) -> set[str]:
    """The American spellings of the British forms ("color" for "colour"), for telling which an article uses."""
    from pubcheck.data import _BRITISH, _DOUBLED_L

    forms = set()
    for word in british:
        for pattern, replacement in _BRITISH:
            forms.add(pattern.sub(replacement, word, count=1))
        doubled = _DOUBLED_L.match(word)
        if doubled:
            forms.add(doubled.group(1) + doubled.group(2))
    return forms & american


def main() -> None:
    from pubcheck.data import read_frequencies

    known = set(read_frequencies("pyspellchecker"))
    us_core, gb_core = read("american-english-large"), read("british-english-large")
    us = us_core | without_typos(read("american-english-huge") - us_core, us_core)
    gb = gb_core | without_typos(read("british-english-huge") - gb_core, gb_core)
    OUT.mkdir(parents=True, exist_ok=True)
    british = gb - us - known
    for name, words in (("en-US", us - known), ("en-GB", british), ("en-US-forms", american_forms(british, us | known))):
        data = "".join(word + "\n" for word in sorted(words)).encode("utf-8")
        (OUT / f"{name}.txt.gz").write_bytes(gzip.compress(data, mtime=0))
        print(f"{name}: {len(words)} words")
    shutil.copyfile(COPYRIGHT, OUT / "SCOWL-COPYRIGHT")


if __name__ == "__main__":
    main()

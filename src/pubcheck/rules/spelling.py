"""Offline spelling, and the name handling that spelling and grammar share.

The word list: pyspellchecker's English dictionary (128,500 words with frequencies, which rank
suggestions), plus the full SCOWL lists Debian ships as wamerican/wbritish (size 70, and the
size-80 words that are not one edit from a much commoner word; generated into
``rules/dictionaries/wordlist/`` by benchmarks/build_wordlist.py), plus every word that is common
in real English text by wordfreq (Zipf >= GUARD_ZIPF). en-GB adds the British forms. pubcheck
reads the lists itself into an indexed SQLite table in the cache folder, built on first use:
membership is one set difference per paragraph, and suggestions are computed only for flagged
words, by edit distance ranked by frequency. benchmarks/spelling_engines.py compares the lists.

Names are never spelling mistakes. A document establishes its names (capitalised words that do
not start a sentence, capitalised runs of words, capitalised words in headings and link text);
the shipped allowlist (``rules/dictionaries/*.txt``) adds celebrity, brand and title names and
entertainment words; the config's ``dictionary:`` file adds a desk's own.

Someone else's words are not checked (quotations, embedded posts, code, other languages), and a
document that is not in English is not checked at all.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ..document import Document, MappedText
from ..cache import Table, file_key, package_file
from ..document.sentences import QUOTED, words
from ..errors import ConfigError
from ..text.fixes import replacement_fix
from .base import Problem, Rule, RuleUnavailable, shorten

# Where an English word list comes from: distribution -> (module, data file, shape). Both were
# measured (benchmarks/spelling_engines.py, figures in docs/grammar.md); pubcheck uses the first.
WORDLISTS = {
    "pyspellchecker": ("spellchecker", "resources/en.json.gz", "json.gz"),
    "symspellpy": ("symspellpy", "frequency_dictionary_en_82_765.txt", "counts"),
}
WORDLIST = "pyspellchecker"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# "couldn't", "she's", "they're", "we've", "it'll", "he'd", "I'm", "the Joneses'"
_CONTRACTION = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m|')$")
# A capital after one of these may just open a clause or a quote ("Status: Wrapped", '"We were'),
# so it says nothing about being a name.
_OPENERS = frozenset(":;“\"‘'—–-•·|…")
_URLISH = re.compile(r"://|^www\.|@|\.(?:com|org|net|io|co|tv|example)\b", re.I)
_LETTERS = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*['’]?$")
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")
# The first part of a hyphenated word that is a prefix, not a word: "pre-pandemic", "co-star".
PREFIXES = frozenset(
    "a anti bi co counter de ex extra hyper inter intra micro mid mini multi neo non over post pre pro "
    "pseudo re self semi sub super trans tri ultra un under uni vice".split()
)


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
VARIANTS = ("auto", "en-US", "en-GB")
_SIBILANT_PLURAL = re.compile(r"(?:s|x|z|ch|sh)es$")
# Prefixes that newsrooms close up on any word ("unevidenced", "megabanks", "nanoinfluencers").
_CLOSED_PREFIX = re.compile(
    r"^(?:un|non|re|de|pre|post|over|under|mid|mega|micro|nano|hyper|multi|anti|counter|inter|super|semi|sub|tele|cyber|mini|ultra)"
)


def british_spelling_of(word: str, words) -> bool:
    """Whether ``word`` (lower case) is the British spelling of a word in ``words`` (US spelling)."""
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word, count=1)
        if changed != word and changed in words:
            return True
    doubled = _DOUBLED_L.match(word)
    return bool(doubled and doubled.group(1) in words and doubled.group(1) + doubled.group(2) in words)


# -- word lists ------------------------------------------------------------------------------------


def _data_file(source: str) -> str:
    module, resource, _ = WORDLISTS[source]
    return package_file(module, resource)


def _read_frequencies(source: str) -> dict[str, int]:
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
    folder = allowlist_dir()
    path = folder / "wordlist" / f"{name}.txt.gz" if folder is not None else None
    return path if path is not None and path.exists() else None


def _wordlist_files(variant: str) -> list[Path]:
    names = ("en-US",) if variant == "en-US" else ("en-US", "en-GB")
    return [path for path in map(_wordlist_file, names) if path is not None]


def _read_wordlist(path: Path | None) -> list[str]:
    import gzip

    return gzip.decompress(path.read_bytes()).decode("utf-8").split() if path is not None else []


def _wordfreq_key() -> str:
    try:
        return file_key(package_file("wordfreq", "data", "large_en.msgpack.gz"))[1:]
    except (ModuleNotFoundError, OSError):
        return "none"


def _read_words(source: str, variant: str) -> dict[str, int]:
    """word -> frequency: the source's list, then the full lists and the common words (frequency 1,
    so that suggestions still prefer the source's ranked words)."""
    frequencies = _read_frequencies(source)
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


class WordTable:
    """The English word list and its frequencies, read from an indexed SQLite table in the cache
    folder (built from the package's data file on first use) a batch of words at a time: a
    one-file lint needs a few hundred of the 128,500 words, and loading them all costs ~60 ms.
    Answers are remembered, so a long run soon asks the table only about words it has never seen.

    Reads like the frozenset and dict it stands for: ``word in words``, ``pieces - words`` (the
    pieces that are not words), ``words[word]`` (the frequency); :meth:`known` asks about many."""

    def __init__(self, source: str, variant: str = "en-US"):
        def build(db) -> None:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, frequency INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO words VALUES (?, ?)", _read_words(source, variant).items())

        def key():
            return (file_key(_data_file(source)), *(file_key(path) for path in _wordlist_files(variant)), GUARD_ZIPF, _wordfreq_key())

        self._table = Table(f"words-{source}-{variant}", build, key)
        self._frequencies: dict[str, int] = {}  # the words seen so far
        self._words: set[str] = set()  # the same, as a set: set operations with it run in C
        self._unknown: set[str] = set()  # the strings seen that are not words

    def _look_up(self, strings: set[str]) -> None:
        unseen = strings - self._words - self._unknown
        if unseen:
            if len(self._unknown) > 200_000:
                self._unknown.clear()
            found = dict(self._table.rows("words", "word", list(unseen)))
            self._frequencies.update(found)
            self._words.update(found)
            self._unknown.update(unseen - self._words)

    def known(self, strings: Iterable[str]) -> set[str]:
        """Those of ``strings`` that are words."""
        strings = set(strings)
        self._look_up(strings)
        return strings & self._words

    def __rsub__(self, strings: set[str]) -> set[str]:
        rest = strings - self._words
        unseen = rest - self._unknown
        if unseen:
            # with the words the checker asks about next ("said," -> "said", "The" -> "the",
            # "co-star" -> "co", "star"): one query rather than one each
            parts = {p.lower() for piece in unseen for w in words(piece.translate(_APOSTROPHES)) for p in w.split("-")}
            self._look_up(unseen | parts)
        return rest - self._words

    def __contains__(self, word: str) -> bool:
        if word not in self._words and word not in self._unknown:
            self._look_up({word})
        return word in self._words

    def __getitem__(self, word: str) -> int:
        if word not in self:
            raise KeyError(word)
        return self._frequencies[word]


@lru_cache(maxsize=4)
def english_words(source: str = WORDLIST, variant: str = "en-US") -> WordTable:
    """The dictionary with its frequencies, one per process and variant."""
    return WordTable(source, variant)


class WordList(NamedTuple):
    """Extra accepted words. Lower-case entries match in any case; entries with a capital
    ("Dunham", "MountainA") match only capitalised words, as in Hunspell dictionaries."""

    any_case: frozenset[str]
    capitalised: frozenset[str]

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "WordList":
        any_case, capitalised = set(), set()
        for line in lines:
            for word in line.split("#", 1)[0].translate(_APOSTROPHES).split():
                (any_case if word == word.lower() else capitalised).add(word.lower())
        return cls(frozenset(any_case), frozenset(capitalised))

    def __or__(self, other: "WordList") -> "WordList":  # type: ignore[override]
        return WordList(self.any_case | other.any_case, self.capitalised | other.capitalised)

    def accepts(self, word: str, capitalised: bool) -> bool:
        """``word`` is lower-cased; ``capitalised``: how it was written."""
        return word in self.any_case or (capitalised and word in self.capitalised)


EMPTY = WordList(frozenset(), frozenset())


def allowlist_dir() -> Path | None:
    """``dictionaries`` among the shipped packs (``pubcheck/packs`` in a wheel, ``rules/`` in a checkout)."""
    from .packs import builtin_pack_dirs

    for folder in builtin_pack_dirs():
        if folder.name == "dictionaries":
            return folder
    return None


@lru_cache(maxsize=1)
def shipped_allowlist() -> WordList:
    """Celebrity, brand and title names and entertainment words shipped in ``rules/dictionaries/*.txt``."""
    folder = allowlist_dir()
    if folder is None:
        return EMPTY
    lines: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return WordList.from_lines(lines)


def user_dictionary(path: str) -> WordList:
    """The words file named by the config's ``dictionary:`` (one word per line, ``#`` comments)."""
    if not path:
        return EMPTY
    try:
        key = file_key(path)
    except OSError as exc:
        raise ConfigError(f"dictionary: cannot read {path} ({exc.strerror})") from None
    return _read_user_dictionary(*key)


@lru_cache(maxsize=8)
def _read_user_dictionary(path: str, size: int, mtime: int) -> WordList:  # read again when the file changes
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"dictionary: cannot read {path} ({exc})") from None
    return WordList.from_lines(text.splitlines())


# -- the words of a document ----------------------------------------------------------------------


def text_units(doc: Document) -> list[MappedText]:
    """What is checked: the headline (when it is the page title, outside the body) and the body."""
    units: list[MappedText] = list(doc.body)
    headline = doc.headline
    if headline is not None and headline.text and not getattr(headline, "in_body", False):
        units.insert(0, headline)
    return units


def _is_heading(unit: MappedText) -> bool:
    return getattr(unit, "kind", "heading") == "heading"  # the page title counts as a heading


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_camel_or_acronym(word: str) -> bool:
    """"MountainA", "iPhone", "McAdams", "EFM", "DNA": never a dictionary word."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and any(c.isupper() for c in letters[1:])


def base_form(word: str) -> str:
    """Lower case, straight apostrophes, without a possessive "'s"."""
    word = word.translate(_APOSTROPHES).lower()
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


_WORD_CHAR = re.compile(r"[^\W_]")


class Scan:
    """Where words sit in a document's text: whether an occurrence opens a sentence, and which
    capitalised words the document establishes as names. Computed only for the few words that
    need it, so checking an article costs little more than a set difference."""

    def __init__(self, doc: Document, units: list[MappedText] | None = None):
        self.doc = doc
        self.units = text_units(doc) if units is None else units
        self._starts: dict[int, list[int]] = {}
        self._established: dict[str, bool] = {}

    def initial(self, unit: MappedText, offset: int) -> bool:
        """Whether the word at ``offset`` opens a sentence, or follows a colon, a quote or a dash
        (where a capital says nothing about being a name)."""
        starts = self._starts.get(id(unit))
        if starts is None:
            starts = self._starts[id(unit)] = [sentence.start for sentence in unit.sentences]
        index = bisect.bisect_right(starts, offset) - 1
        sentence_start = starts[index] if index >= 0 else 0
        text = unit.text
        before = offset - 1
        while before >= sentence_start and text[before] in " \t\u00a0":
            before -= 1
        if before < sentence_start or text[before] in _OPENERS:
            return True
        return not _WORD_CHAR.search(text, sentence_start, before + 1)  # only an emoji or a bullet before it

    def established(self, word: str) -> bool:
        """Whether the document uses the capitalised ``word`` as a name: somewhere not opening a
        sentence, in a heading, the title or link text, or in a run of capitalised words."""
        key = base_form(word)
        if key not in self._established:
            self._established[key] = self._find_name(key)
        return self._established[key]

    def _find_name(self, key: str) -> bool:
        stem = key[:1].upper() + key[1:]
        for unit in self.units:
            text = unit.text
            at = text.find(stem)
            while at != -1:
                end = at + len(stem)
                if _token_at(text, at, end):
                    if _is_heading(unit) or not self.initial(unit, at):
                        return True
                    follower = _WORD_AFTER.match(text, _skip_possessive(text, end))
                    if follower and is_capitalised(follower.group(1)):
                        return True  # "Tucker Pillsbury said", at the start of a sentence
                at = text.find(stem, at + 1)
        texts = [link.text for link in self.doc.links]
        if self.doc.title is not None:
            texts.append(self.doc.title.text)
        return any(base_form(word) == key and is_capitalised(word) for text in texts for word in words(text))


_WORD_AFTER = re.compile(r" ([^\W\d_][\w'’-]*)")


def _skip_possessive(text: str, end: int) -> int:
    return end + 2 if text[end : end + 2] in ("'s", "’s") else end


def _token_at(text: str, start: int, end: int, possessive: bool = True) -> bool:
    """Whether text[start:end] is a whole word (with ``possessive``, perhaps followed by "'s")."""
    if start > 0 and (_WORD_CHAR.match(text, start - 1) or (text[start - 1] in "'’.-" and start > 1 and _WORD_CHAR.match(text, start - 2))):
        return False
    if possessive:
        end = _skip_possessive(text, end)
    if end < len(text) and (_WORD_CHAR.match(text, end) or (text[end] in "'’.-" and _WORD_CHAR.match(text, end + 1))):
        return False
    return True


def looks_like_address(where: MappedText, start: int, end: int) -> bool:
    """A word inside a URL, an e-mail address, a @handle or a #hashtag."""
    text = where.text
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[start - 1 : start] in ("@", "#") or bool(_URLISH.search(text[left:right]))


# -- the checker -----------------------------------------------------------------------------------

# A part of a word that is not in the dictionary: (offset in the word, length, text, capitalised).
Suspect = tuple[int, int, str, bool]


class Lexicon:
    """The dictionary plus the allowlist and the user's words."""

    def __init__(self, extra: WordList = EMPTY, words: WordTable | frozenset[str] | None = None, british: bool = False):
        self.words = english_words(variant="en-GB" if british else "en-US") if words is None else words
        self.extra = shipped_allowlist() | extra
        self.british = british
        self._verdicts: dict[str, tuple[Suspect, ...]] = {}
        self._near: dict[str, bool] = {}
        self._pieces: dict[str, tuple[str, ...]] = {}
        self._harmless: set[str] = set()  # pieces with no suspect word ("said,", "The"): taken away in C

    def known(self, word: str, capitalised: bool = False) -> bool:
        """Whether ``word`` (lower case, straight apostrophes) is spelled right. A plural or
        third-person "-s"/"-es" of a dictionary word is accepted ("podcasts", "attaches"), as
        the word lists leave out some inflections, and so is a prefix closed up on a word of
        four letters or more ("uncrewed", "midcentury", "hyperpersonalized") unless a word is
        one edit away."""
        words = self.words
        if word in words or self._extra(word, capitalised) or (word[-1:] == "s" and word[:-1] in words and len(word) > 3):
            return True
        if _SIBILANT_PLURAL.search(word) and word[:-2] in words:
            return True
        prefix = _CLOSED_PREFIX.match(word)
        rest = word[prefix.end() :] if prefix else ""
        if len(rest) >= 4 and (rest in words or (rest[-1] == "s" and rest[:-1] in words) or self._extra(rest, False)) and not self.near_word(word):
            return True  # but "untill" and "defence" are one letter from "until" and "defense"
        if self.british and british_spelling_of(word, words):
            return True
        if "'" in word:
            match = _CONTRACTION.match(word)
            if match and (match.group(1) in words or self._extra(match.group(1), capitalised)):
                return True
        return False

    def _extra(self, word: str, capitalised: bool) -> bool:
        """An allowlisted word, or one of its inflections ("screenshots", "livestreamed", "stanning")."""
        accepts = self.extra.accepts
        if accepts(word, capitalised):
            return True
        for ending in _INFLECTIONS:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                stem = word[: -len(ending)]
                if accepts(stem, capitalised) or accepts(stem + "e", capitalised) or (stem[-2:-1] == stem[-1:] and accepts(stem[:-1], capitalised)):
                    return True
        return False

    def near_word(self, word: str) -> bool:
        """Whether a dictionary word is one edit from ``word`` (lower case)."""
        if len(word) > MAX_SUGGESTED_LENGTH:
            return False  # no word is near: and the edits of a long token cost its length squared
        near = self._near.get(word)
        if near is None:
            near = self._near[word] = any(edit in self.words for edit in _edits1(word))
        return near

    def suspect_words(self, text: str) -> list[str]:
        """The words of ``text`` that may be misspelled. Splitting on spaces and taking away the
        dictionary is done in C and clears most words at once; what is left ("said,", "Portman")
        is tokenised properly, once per distinct piece (remembered across articles)."""
        found: set[str] = set()
        pieces, harmless = self._pieces, self._harmless
        for piece in set(text.split()) - self.words - harmless:
            suspects = pieces.get(piece)
            if suspects is None:
                if len(pieces) > 200_000:
                    pieces.clear()
                    harmless.clear()
                suspects = pieces[piece] = tuple(w for w in words(piece) if self.suspects(w))
                if not suspects:
                    harmless.add(piece)
            found.update(suspects)
        return sorted(found)

    def suspects(self, word: str) -> tuple[Suspect, ...]:
        """The parts of ``word`` that are misspelled wherever it stands. A capitalised part is
        kept only when it comes first (it may open a sentence; elsewhere it is a name) and is
        may be a misspelling ("Recieve"); whether it is depends on where it stands (see
        :func:`misspellings`). Remembered per word."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) > 100_000:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._suspects(word)
        return verdict

    def _suspects(self, word: str) -> tuple[Suspect, ...]:
        if "." in word or is_camel_or_acronym(word) or not word.translate(_APOSTROPHES).isascii():
            return ()  # "e.g", "U.S", a domain; "MountainA", "EFM"; "española", "Tromsø"
        parts = _parts(word)
        found = []
        for index, (start, part) in enumerate(parts):
            if len(part) < 2 or not _LETTERS.match(part) or is_camel_or_acronym(part):
                continue  # numbers, "23-year-old", single letters
            capitalised = is_capitalised(part)
            if capitalised and index > 0:
                continue  # "Jay-Z", "Spider-Man"
            lower = base_form(part) if capitalised else part.translate(_APOSTROPHES).lower()
            if self.known(lower, capitalised) or (index < len(parts) - 1 and lower in PREFIXES):
                continue  # "pre-pandemic", "co-star"
            found.append((start, len(part), part, capitalised))
        if found and len(parts) > 1 and self.known(word.translate(_APOSTROPHES).lower(), is_capitalised(word)):
            return ()  # "rom-com" in the allowlist, though "rom" and "com" are not words
        return tuple(found)


def _parts(word: str) -> list[tuple[int, str]]:
    """The hyphen-separated parts of a word, with their offsets ("lo-fi" -> "lo", "fi")."""
    if "-" not in word:
        return [(0, word)]
    parts, position = [], 0
    for piece in word.split("-"):
        if piece:
            parts.append((position, piece))
        position += len(piece) + 1
    return parts


# Capitalised words of a closed class: a near miss of one ("Feburary", "Wednsday") is a typo
# wherever it stands, though other unknown capitalised words are names.
CALENDAR_WORDS = tuple(
    """january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def calendar_near_miss(word: str) -> bool:
    """Whether ``word`` is a misspelled month or weekday: the same first letter and last two, and
    one edit from a name of up to seven letters or two from a longer one ("Feburary", "Teusday";
    not "Sundar", "Thursby" or "Marsh", which are names or words)."""
    lower = base_form(word)
    if len(lower) < 5 or lower in CALENDAR_WORDS:
        return False
    for target in CALENDAR_WORDS:
        if (
            len(target) >= 6
            and lower[0] == target[0]
            and lower[-2:] == target[-2:]
            and abs(len(lower) - len(target)) <= 2
            and _edit_distance(lower, target) <= (2 if len(target) >= 8 else 1)
        ):
            return True
    return False


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class Misspelling(NamedTuple):
    where: MappedText
    start: int
    end: int
    text: str


# -- what is not checked --------------------------------------------------------------------------

# Blocks that are someone else's words or not prose: a <blockquote> (embedded posts are
# blockquotes too) and preformatted code.
UNCHECKED_KINDS = frozenset({"blockquote", "pre"})
# Inline elements that are someone else's words or code, and italics, which set off titles of
# works, species and foreign words ("<em>Gylt</em>", "<i>Yersinia pestis</i>", "<i>joie de vivre</i>").
_VERBATIM_ELEMENT = re.compile(r"<(q|code|kbd|samp|em|i|cite)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
# A social post pasted as text: "— Star Name (@handle) May 5, 2024", "A post shared by Name (@handle)".
_SOCIAL_POST = re.compile(r"\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|$)|^A post shared by\b|pic\.twitter\.com/", re.M)

# English's commonest words. A third of an English article's words are among them (18-47%,
# median 34%, over 83 real professional news pages; 25-49% over 100 real celebrity-news
# excerpts); pages in Portuguese, Italian, Russian, Indonesian, Korean and Japanese have 0-11%
# (median 2.5%). A document is English when at least ENGLISH_SHARE of its words are among them
# (figures in benchmarks/README.md).
FUNCTION_WORDS = frozenset(
    """the a an and or but of to in on at by for with from as that this these those is are was were be
    been being has have had it its he she they we you i his her their our my your him them us not no
    will would can could should do does did there which who what when where if than then so about
    into after over said says""".split()
)
ENGLISH_SHARE = 0.15
MIN_WORDS = 30  # shorter documents are too short to tell
# A sentence with this many words, this share of them unknown and under this share of English
# function words is in another language (a lyric, a greeting, a line of Tagalog). English
# sentences of four words or more rarely have under 15% ("a" in "te espero a la casa" is 9%).
FOREIGN_SENTENCE_WORDS = 4
FOREIGN_UNKNOWN_SHARE = 0.3
FOREIGN_FUNCTION_SHARE = 0.15
# Function words of the languages that Philippine, Indian, East and West African copy mixes into
# English sentences ("para updated ka palagi sa latest chika!"), none of them an English word:
# two of one language make the sentence code-switched, and its unknown words that language's.
CODE_SWITCH_MARKERS = tuple(
    frozenset(markers.split())
    for markers in (
        "ang ng mga sa ka nga ba naman lang rin siya sila niya nila hindi kung yung talaga po natin namin kami tayo ako ikaw kayo ngayon pero kasi daw pala wala",  # Tagalog
        "hai hain nahi nahin bhi toh kya aur yeh woh kuch bahut mujhe tujhe kyun",  # Hindi
        "kwa lakini sasa pia hii huyo yangu wako kwenye sana ndio hapana",  # Swahili
        "wetin abeg wahala sef oga una dey",  # Nigerian Pidgin
    )
)


def _plain_words(doc: Document, limit: int = 5_000) -> list[str]:
    """The lower-case words of the headline and body, from its first ``limit`` characters (plenty
    to tell a language or a spelling by; a long page costs no more than a short one), split on
    spaces once the commonest punctuation is blanked: string methods in C, a fraction of the
    cost of the tokenizer."""
    text, size = [], 0
    for unit in text_units(doc):
        text.append(unit.text)
        size += len(unit.text)
        if size >= limit:
            break
    plain = " ".join(text)[:limit].lower()
    for mark in _BLANKED:
        plain = plain.replace(mark, " ")
    return plain.split()


_BLANKED = (",", ".", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "(", ")")


def english_share(doc: Document) -> tuple[int, float]:
    """How many words the body has, and the share of them that are English function words
    (counted over its first 5,000 characters, about 800 words: plenty to tell a language by)."""
    total = sum(len(unit.words) for unit in text_units(doc))
    sample = _plain_words(doc)
    return total, (sum(map(FUNCTION_WORDS.__contains__, sample)) / len(sample) if sample else 1.0)


def is_english(doc: Document) -> bool:
    """Whether the document is in English: its ``<html lang>`` does not say otherwise, and enough
    of its words are English function words."""
    lang = (doc.lang or "").strip().lower()
    if lang and not lang.startswith("en") and lang not in ("und", "zxx"):
        return False
    total, share = english_share(doc)
    return total < MIN_WORDS or share >= ENGLISH_SHARE


class Unchecked:
    """Where in a block someone else's words are: a social post, quoted passages, inline
    quotations, code and italics (HTML), and sentences in another language. Worked out only
    where a suspect word stands (most blocks have none)."""

    def __init__(self, doc: Document, unit: MappedText, suspects: list[str]):
        self.unit = unit
        text = unit.text
        self.post = bool(_SOCIAL_POST.search(text))
        self.quoted = [m.span() for m in QUOTED.finditer(text)] if ('"' in text or "“" in text) else []
        start, end = getattr(unit, "element", (0, 0))
        inline = _VERBATIM_ELEMENT.finditer(doc.source, start, end) if doc.format == "html" and end > start else ()
        self.inline = [_TAG.sub("", m.group(2)) for m in inline]  # their words, as the block reads
        self.unknown = {s.lower() for s in suspects}
        self._starts: list[int] | None = None

    def covers(self, start: int, end: int) -> bool:
        """Whether the word at text[start:end] is someone else's (inside inline markup: the same
        word anywhere in the block's <q>, <code> or italics, which is near enough)."""
        if self.post or any(a <= start < b for a, b in self.quoted):
            return True
        if self.inline:
            word = self.unit.text[start:end]
            if any(word in inline for inline in self.inline):
                return True
        if self._starts is None:
            self._starts = [sentence.start for sentence in self.unit.sentences]
        index = bisect.bisect_right(self._starts, start) - 1
        if index < 0:
            return False
        sentences = self.unit.sentences
        verdict = self._foreign(sentences[index].text)
        if verdict is None:
            # Too short to tell ("Netizens may napansin"): in the language of the sentence before it.
            verdict = index > 0 and bool(self._foreign(sentences[index - 1].text))
        return verdict

    def _foreign(self, sentence: str) -> bool | None:
        """Whether ``sentence`` is in another language; None when it is too short to tell."""
        tokens = [t.lower() for t in words(sentence)]
        if any(len(markers.intersection(tokens)) >= 2 for markers in CODE_SWITCH_MARKERS):
            return True
        if len(tokens) < FOREIGN_SENTENCE_WORDS:
            return None
        strange = sum(t in self.unknown or not t.isascii() for t in tokens)
        common = sum(map(FUNCTION_WORDS.__contains__, tokens))
        return strange >= FOREIGN_UNKNOWN_SHARE * len(tokens) and common < FOREIGN_FUNCTION_SHARE * len(tokens)


_GENUS_BEFORE = re.compile(r"(?:[A-Z][a-z]+\.?|\b[A-Z]\.) $")  # "Yersinia pestis", "Y. pestis"
_LATIN_ENDING = re.compile(r"(?:is|us|um|ae|ii|a|i|ensis|ata|oides)$")


# After a word: ", NY" (a place: "Bristow, VA"), "/" (a credit: "Vesti/The Siberian Times") or
# an ellipsis (a headline cut short: "airport termin...").
_NOT_PROSE_AFTER = re.compile(r", [A-Z]{2}\b|/|\.\.\.|…")


def _species_name(text: str, start: int, end: int) -> bool:
    """A Latin species name: "Yersinia pestis", "Y. pestis" (a capitalised genus or its initial,
    then a lower-case word with a Latin ending)."""
    return bool(text[start].islower() and _LATIN_ENDING.search(text, start, end) and _GENUS_BEFORE.search(text, max(0, start - 40), start))


def misspellings(doc: Document, lexicon: Lexicon, scan: Scan | None = None) -> list[Misspelling]:
    """Every word of the headline and body that is neither a dictionary word nor a name.

    A capitalised word is a name unless it opens a sentence (or follows a colon, a quote or a
    dash); one that does is flagged only when the document never uses it as a name and it is
    one edit from a dictionary word ("Recieve"), since an unknown capitalised word with no near
    neighbour is far likelier a name ("Northlight led with 14"). A misspelled month or weekday
    ("Feburary", "Wednsday") is flagged wherever it stands. Words with letters beyond ASCII
    ("española", "Tromsø") are foreign words or names, and are left alone. Someone else's words
    are never checked: quoted passages, <blockquote>, <q>, <code>, embedded social posts, and
    sentences in another language.
    """
    scan = scan or Scan(doc)
    found = []
    settled: dict[str, list[Suspect]] = {}
    for unit in scan.units:
        if getattr(unit, "kind", "") in UNCHECKED_KINDS:
            continue
        text = unit.text
        unknown = lexicon.suspect_words(text)
        if not unknown:
            continue
        unchecked: Unchecked | None = None  # worked out at the first suspect: most paragraphs have none
        here = []
        for word in unknown:  # usually none, or a few names
            suspects = settled.get(word)
            if suspects is None:
                # What holds wherever the word stands is settled once per document: an established
                # name, or a capitalised word one edit from no dictionary word, is never a mistake.
                suspects = settled[word] = [
                    (offset, length, part, capitalised and not calendar_near_miss(part))
                    for offset, length, part, capitalised in lexicon.suspects(word)
                    if not (
                        capitalised
                        and (scan.established(part) or not lexicon.near_word(base_form(part)))
                        and not calendar_near_miss(part)
                    )
                ]
            at = text.find(word) if suspects else -1
            while at != -1:
                end = at + len(word)
                if _token_at(text, at, end, possessive=False):
                    # A capitalised word is a suspect only where it opens a sentence.
                    parts = [
                        Misspelling(unit, at + offset, at + offset + length, part)
                        for offset, length, part, capitalised in suspects
                        if not capitalised or scan.initial(unit, at)
                    ]
                    if parts and not looks_like_address(unit, at, end) and not _species_name(text, at, end) and not _NOT_PROSE_AFTER.match(text, end):
                        unchecked = unchecked or Unchecked(doc, unit, unknown)
                        if not unchecked.covers(at, end):
                            here += parts
                at = text.find(word, end)
        found += sorted(here, key=lambda m: m.start)
    return found


# -- suggestions ----------------------------------------------------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz'"
# Edits are searched only for words up to this long: the longest words in the list are about 30
# letters, and the search costs the square of the length (a 1,000-letter token took 40 s and
# 10,000 letters exhausted memory). Past this many flagged words an article gets no more
# suggestions: nobody reads them, and each costs up to a tenth of a second.
MAX_SUGGESTED_LENGTH = 32
MAX_SUGGESTED_WORDS = 200


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def _deletes1(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def suggestions(word: str, limit: int = 3, variant: str = "en-US") -> list[str]:
    """Dictionary words one edit from ``word``, most frequent first; failing those, words two
    edits away when one of the two removes a letter ("tommorow" -> "tomorrow"). Bounded: a few
    milliseconds a word, and only flagged words get here; remembered, as a desk's usual
    misspellings ("organisers") come back article after article. None for a word longer than
    MAX_SUGGESTED_LENGTH."""
    return list(_suggestions(word, limit, variant)) if len(word) <= MAX_SUGGESTED_LENGTH else []


@lru_cache(maxsize=4096)
def _suggestions(word: str, limit: int, variant: str) -> tuple[str, ...]:
    frequencies = english_words(variant=variant)
    lower = word.translate(_APOSTROPHES).lower()
    near = _edits1(lower)
    found = list(frequencies.known(near))
    if not found and len(lower) > 3:
        far: set[str] = set()
        for shorter in _deletes1(lower):
            far |= _edits1(shorter)
        for edit in near:
            far |= _deletes1(edit)
        found = list(frequencies.known(far) - {lower})
    found.sort(key=lambda w: (-frequencies[w], w))
    result = found[:limit]
    if word[:1].isupper():
        result = [w[:1].upper() + w[1:] for w in result]
    return tuple(result)


# -- which English ---------------------------------------------------------------------------------

# Where a page's language tag names one of these regions, its copy uses British spelling.
BRITISH_REGIONS = frozenset("gb uk ie au nz in za pk ng ke gh sg my lk bd hk mt jm tt ug tz zw zm".split())


@lru_cache(maxsize=1)
def variant_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The British forms that American spelling lacks ("colour", "organised", "tyre"), and the
    American forms of the same words ("color", "organized"), from the shipped lists."""
    return frozenset(_read_wordlist(_wordlist_file("en-GB"))), frozenset(_read_wordlist(_wordlist_file("en-US-forms")))


def _declared_variant(tag: str) -> str | None:
    tag = tag.strip().lower().replace("_", "-")
    if not tag.startswith("en"):
        return None
    region = tag[3:5]
    if region in BRITISH_REGIONS:
        return "en-GB"
    return "en-US" if region else None


def declared_variant(doc: Document) -> str | None:
    """The spelling a page declares: by ``<html lang>``, then the ``content-language`` meta."""
    declared = [doc.lang or ""]
    if "content-language" in doc.meta:
        declared.append(doc.meta["content-language"].text)
    for tag in declared:
        variant = _declared_variant(tag)
        if variant:
            return variant
    return None


def _british_forms(found: list[Misspelling]) -> bool:
    british = variant_forms()[0]
    return any(miss.text.lower() in british for miss in found)


def _spelled_forms(doc: Document, limit: int = 5_000) -> set[str]:
    """The lower-case words of the headline and body, and the words opening its sentences, from
    its first ``limit`` characters: the words whose spelling is the desk's, not a name's."""
    forms: set[str] = set()
    size = 0
    for unit in text_units(doc):
        for sentence in unit.sentences:
            forms.update(word.lower() for i, word in enumerate(words(sentence.text)) if i == 0 or word.islower())
        size += len(unit.text)
        if size >= limit:
            break
    return forms


def document_variant(doc: Document) -> str:
    """The spelling a document uses: as its page declares it (``<html lang>``, then the
    ``content-language`` meta), else as its own words show (more British forms such as "colour",
    "organised" than American ones such as "color", "organized", counted once each, makes it
    British), else en-US. A capitalised word counts only where it opens a sentence: elsewhere it
    is a name ("Paper Harbors", the band), which keeps its own spelling whatever the desk's."""
    declared = declared_variant(doc)
    if declared:
        return declared
    british, american = variant_forms()
    forms = _spelled_forms(doc)
    return "en-GB" if len(forms & british) > len(forms & american) else "en-US"


# -- the rule -------------------------------------------------------------------------------------


class Spelling(Rule):
    """Flags words that are not in the English dictionary and are not names.

    Runs offline from full English word lists: pyspellchecker's dictionary, the SCOWL lists
    Debian ships (wamerican/wbritish, size 70 and the safe part of size 80: "logline",
    "greenlit", "cinephile", "chyron"), and every word common in real English text by
    `wordfreq` (Zipf frequency 3.2 or more: the common misspellings sit at 2.3-3.1, so the guard
    accepts none of the 290 in `benchmarks/data/misspellings.txt`; recall on that set is in
    `benchmarks/README.md`). Names are not mistakes: capitalised words that do not start a
    sentence (unless they are a near miss of a month or weekday: "in Feburary", "on Wednsday"), runs of capitalised words, and capitalised words in headings, the title and link
    text are names the article establishes ("Tucker Pillsbury", "her MountainA banner"); words
    written in capitals ("EFM") or with an inner capital ("iPhone") are never checked; the
    shipped allowlist (`rules/dictionaries/`) knows celebrity, brand and title names and
    entertainment words ("rom-com", "besties", "mockumentary"); and the config's `dictionary:`
    file adds a desk's own. Each finding suggests the likeliest corrections.

    Someone else's words are never checked: quoted passages (in double quotes, straight or
    curly), `<blockquote>` (embedded posts are blockquotes), `<q>`, `<code>`, a social post
    pasted as text ("— Name (@handle) May 5, 2024"), and sentences in another language (four
    or more words, at least 30% of them unknown or beyond ASCII, and under 15% of them English
    function words such as "the", "of", "is"; a sentence mixing in two function words of Tagalog,
    Hindi, Swahili or Nigerian Pidgin, "para updated ka palagi sa latest news"; and a sentence
    too short to tell after one in another language). A document that is not in English (its
    `<html lang>` says another language, or under 15% of its words are English function
    words: English news has 18-47%, pages in other languages 0-11%) is not checked, with one
    notice for the run.

    British or American: `<html lang="en-GB">` (or en-IN, en-AU, en-IE, en-NZ, en-ZA and
    other regions that spell the British way) or a `content-language` meta makes it British;
    `en-US` American; with neither, the article's own words decide (more British forms such as
    "colour", "organised" than American ones makes it British), and en-US when nothing does.

    When a LanguageTool server is configured, the `grammar` rule's spelling check replaces this
    one, so nothing is reported twice; on any article LanguageTool cannot check (server down,
    timeout, rate limit) this rule runs in its place.

    ## Why is this bad?
    A misspelling in a headline or a lede costs credibility with readers and editors at once,
    and search engines read it as a sign of low-quality, unedited copy.

    ## Example
    ```
    The actress said she would recieve the award in person.

    Shooting resumes in Feburary, after a break on Wednsday.

    Definately the best performance of her career, critics agreed.
    ```

    ## Not flagged
    ```
    Rhys, who produces under her Kettlebrook banner, cast Tucker Pillsbury and Gideon Marsh.

    Pillsbury said the rom-coms of the 90s, lo-fi and a little messy, were his homage to his besties.

    The streamer greenlit the mockumentary from the logline alone.

    "Salamat po sa lahat," she said, "definately the best nite."
    ```

    ## How to fix
    Correct the word (the finding suggests the likeliest words), or, when it is a name or a
    term of art, add it to the file named by the config's `dictionary:` setting.

    ## Options
    - `dictionary` (default none): a words file, one word per line; the top-level `dictionary:`
      setting fills it. Lower-case entries match in any case, capitalised ones only capitalised.
    - `words` (default none): more accepted words, listed in the config.
    - `max-suggestions` (default 3).
    - `variant` (default `auto`): `en-US` or `en-GB` fixes the spelling for every article;
      `en-GB` accepts British spelling ("colour", "organised", "centre", "travelled",
      "catalogue", "defence"); `auto` reads it from each page, as above.

    ## Limits
    A token longer than any English word (over 32 letters: a paste accident, a run of one key)
    is reported once, as not a word, with no suggestions. Suggestions are offered for the first
    200 distinct flagged words of an article, so that every article is checked in time
    proportional to its length.
    """

    id = "spelling"
    category = "grammar"
    severity = "warning"
    summary = "A word is misspelled (offline English dictionary; names and the allowlist are accepted)"
    options = {"dictionary": "", "words": [], "max-suggestions": 3, "variant": "auto"}
    superseded_by = "grammar"

    def __init__(self, **options):
        super().__init__(**options)
        self._lexicons: dict[str, Lexicon] = {}
        if not all(isinstance(w, str) for w in self.settings["words"]):
            raise ConfigError(f"rule {self.id}: option 'words' must be a list of strings")
        if self.settings["variant"] not in VARIANTS:
            raise ConfigError(f"rule {self.id}: option 'variant' must be one of {', '.join(VARIANTS)}, not {self.settings['variant']!r}")
        self.extra = user_dictionary(self.settings["dictionary"]) | WordList.from_lines(self.settings["words"])

    def lexicon(self, variant: str) -> Lexicon:
        if variant not in self._lexicons:  # the word list loads on the first article, not at start-up
            self._lexicons[variant] = Lexicon(self.extra, british=variant == "en-GB")
        return self._lexicons[variant]

    def check(self, doc: Document):
        variant = self.settings["variant"]
        if variant == "auto":
            variant = declared_variant(doc) or "en-US"
        declared_english = (doc.lang or "").strip().lower().startswith("en")
        if not declared_english and not is_english(doc):
            raise RuleUnavailable(NOT_ENGLISH)
        found = misspellings(doc, self.lexicon(variant))
        if len(found) > DECLARED_ENGLISH_FINDINGS and declared_english and not is_english(doc):
            raise RuleUnavailable(NOT_ENGLISH)  # "en" by a template's default: many findings tell
        if self.settings["variant"] == "auto" and not declared_variant(doc) and _british_forms(found) and document_variant(doc) == "en-GB":
            # Only an article with British forms can be British: the rest is settled without counting.
            british = self.lexicon("en-GB")  # knows every word the American list does, and more
            variant, found = "en-GB", [m for m in found if not british.known(base_form(m.text), is_capitalised(m.text))]
        suggested: set[str] = set()
        for miss in found:
            if len(suggested) < MAX_SUGGESTED_WORDS:
                suggested.add(miss.text)
            limit = self.settings["max-suggestions"] if miss.text in suggested else 0
            yield spelling_problem(doc, miss, limit, variant=variant)


NOT_ENGLISH = "articles not in English are not spell-checked"
# A page that declares English is checked for its language only when it draws more findings
# than this (a page in another language draws dozens): the common case costs nothing.
DECLARED_ENGLISH_FINDINGS = 5


def spelling_problem(doc: Document, miss: Misspelling, limit: int = 3, code: str | None = None, variant: str = "en-US") -> Problem:
    suggested = suggestions(miss.text, limit, variant) if limit > 0 else []
    if len(miss.text) > MAX_SUGGESTED_LENGTH:
        message = f'Not a word: "{shorten(miss.text, 40)}" is {len(miss.text):,} letters long'
    else:
        message = f'Possible spelling mistake: "{miss.text}"'
    if suggested:
        message += "; did you mean " + _either(suggested) + "?"
    fix = replacement_fix(doc, miss.where, miss.start, miss.end, suggested[0], False) if suggested else None
    return Problem(message, miss.where, miss.start, miss.end, fix=fix, code=code)


def _either(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]

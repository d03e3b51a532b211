"""The dictionary a word is checked against: full English word lists (``pubcheck.data``), the
shipped allowlist of names and entertainment words, and a desk's own words; and the likeliest
corrections of a word that is not in it. Shared by ``spelling`` and ``grammar``."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path
from typing import Iterable, NamedTuple

from ..cache import file_key
from ..data import WORDLIST, british_spelling_of, dictionaries_folder, english_word_table
from ..document.sentences import words
from ..errors import ConfigError
from .names import APOSTROPHES, base_form, is_camel_or_acronym, is_capitalised

__all__ = [
    "EMPTY", "HYPHENED_SUFFIXES", "IRREGULAR_COMPARISONS", "IRREGULAR_VERBS", "MAX_SUGGESTED_LENGTH", "PREFIXES", "RUN_TOGETHER", "Lexicon", "Suspect", "WordList", "WordSet", "WordTable", "english_words",
    "closed_compound", "derived_form", "shipped_allowlist", "suggestions", "user_dictionary",
]

# "couldn't", "she's", "they're", "we've", "it'll", "he'd", "I'm", "the Joneses'"
_CONTRACTION = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m|')$")
_LETTERS = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*['’]?$")
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")
# The first part of a hyphenated word that is a prefix, not a word: "pre-pandemic", "co-star".
PREFIXES = frozenset(
    "a anti bi co counter de ex extra hyper inter intra micro mid mini multi neo non over post pre pro "
    "pseudo re self semi sub super trans tri ultra un under uni vice".split()
)
# The last part of a hyphenated word that is a suffix, not a word: "veggie-fy", "Bond-esque".
HYPHENED_SUFFIXES = frozenset("fy ify ish esque ism ist ize ise".split())
_SIBILANT_PLURAL = re.compile(r"(?:s|x|z|ch|sh)es$")
# Prefixes that newsrooms close up on any word ("unevidenced", "megabanks", "nanoinfluencers").
_CLOSED_PREFIX = re.compile(
    r"^(?:un|non|re|de|pre|post|over|under|mid|mega|micro|nano|hyper|multi|anti|counter|inter|super|semi|sub|tele|cyber|mini|ultra)"
)
# Edits are searched only for words up to this long: the longest words in the list are about 30
# letters, and the search costs the square of the length (a 1,000-letter token took 40 s and
# 10,000 letters exhausted memory).
MAX_SUGGESTED_LENGTH = 32


class WordTable:
    """The English word list and its frequencies (``pubcheck.data.english_word_table``), asked a
    batch of words at a time. Answers are remembered, so a long run soon asks the table only
    about words it has never seen.

    Reads like the frozenset and dict it stands for: ``word in words``, ``words[word]`` (the
    frequency); :meth:`known` and :meth:`unknown` ask about many."""

    def __init__(self, source: str, variant: str = "en-US"):
        self._table = english_word_table(source, variant)
        self._frequencies: dict[str, int] = {}  # the words seen so far
        self._words: set[str] = set()  # the same, as a set: set operations with it run in C
        self._unknown: set[str] = set()  # the strings seen that are not words

    def _look_up(self, strings: set[str]) -> None:
        unseen = strings - self._words - self._unknown
        if unseen:
            if len(self._unknown) > 200_000:
                self._unknown.clear()
            found = self._table.lookup(list(unseen))
            self._frequencies.update(found)
            self._words.update(found)
            self._unknown.update(unseen - self._words)

    def known(self, strings: Iterable[str]) -> set[str]:
        """Those of ``strings`` that are words."""
        strings = set(strings)
        self._look_up(strings)
        return strings & self._words

    def unknown(self, strings: set[str]) -> set[str]:
        """Those of ``strings`` that are not words. Those the table has not seen are asked about
        with the words the checker asks about next when they are not ("The" -> "the", "co-star"
        -> "co", "star"), then the parts that are not words with what ``Lexicon.known`` asks about
        them ("podcasts" -> "podcast"): two queries rather than one each (a real page's first
        spell check asked ~20 times, 2.5 ms)."""
        rest = strings - self._words
        unseen = rest - self._unknown
        if unseen:
            parts = {p.lower() for piece in unseen for w in words(piece.translate(APOSTROPHES)) for p in w.split("-")}
            self._look_up(unseen | parts)
            strange = parts - self._words
            if strange:
                self._look_up(set().union(*map(_asked_about, strange)))
        return rest - self._words

    def __contains__(self, word: str) -> bool:
        if word not in self._words and word not in self._unknown:
            self._look_up({word})
        return word in self._words

    def __getitem__(self, word: str) -> int:
        if word not in self:
            raise KeyError(word)
        return self._frequencies[word]


class WordSet(frozenset):
    """A plain set of words that answers as a :class:`WordTable` does (grammar's empty one, which
    leaves every word to LanguageTool; a list read whole, as tests and benchmarks compare)."""

    def known(self, strings: Iterable[str]) -> set[str]:
        """Those of ``strings`` that are words."""
        return set(strings) & self

    def unknown(self, strings: set[str]) -> set[str]:
        """Those of ``strings`` that are not words."""
        return strings - self


def _asked_about(word: str) -> set[str]:
    """Most of the words ``Lexicon.known`` asks the table about when ``word`` is not a word (its
    plural's stem, a closed-up prefix's rest, the stems of its derivations, the parts of a
    compound), to ask them in one query. Only a guess: whatever it leaves out is asked later."""
    found = {word + "s", word[:-1], word[:-2]}
    prefix = _CLOSED_PREFIX.match(word)
    if prefix:
        rest = word[prefix.end() :]
        found |= {rest, rest[:-1]}
    for suffix in _DERIVING_SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            found |= {stem, stem + "e", stem[:-1]}
    if 7 <= len(word) <= MAX_SUGGESTED_LENGTH:
        for split in range(3, len(word) - 2):
            found |= {word[:split], word[split:], word[split:-1]}
    return found


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
            for word in line.split("#", 1)[0].translate(APOSTROPHES).split():
                (any_case if word == word.lower() else capitalised).add(word.lower())
        return cls(frozenset(any_case), frozenset(capitalised))

    def __or__(self, other: "WordList") -> "WordList":  # type: ignore[override]
        return WordList(self.any_case | other.any_case, self.capitalised | other.capitalised)

    def accepts(self, word: str, capitalised: bool) -> bool:
        """``word`` is lower-cased; ``capitalised``: how it was written."""
        return word in self.any_case or (capitalised and word in self.capitalised)


EMPTY = WordList(frozenset(), frozenset())


@lru_cache(maxsize=1)
def shipped_allowlist() -> WordList:
    """Celebrity, brand and title names and entertainment words shipped in ``rules/dictionaries/*.txt``."""
    folder = dictionaries_folder()
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


# A part of a word that is not in the dictionary: (offset in the word, length, text, capitalised).
Suspect = tuple[int, int, str, bool]


class Lexicon:
    """The dictionary plus the allowlist and the user's words."""

    def __init__(self, extra: WordList = EMPTY, words: WordTable | frozenset[str] | None = None, british: bool = False):
        if words is None:
            words = english_words(variant="en-GB" if british else "en-US")
        self.words = words if isinstance(words, WordTable) else WordSet(words)
        self.extra = shipped_allowlist() | extra
        self.british = british
        self._verdicts: dict[str, tuple[Suspect, ...]] = {}
        self._near: dict[str, bool] = {}
        self._cleared: set[str] = set()  # the words seen that are no suspect: dictionary words and "The"

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
        if len(word) <= MAX_SUGGESTED_LENGTH and (derived_form(word, words) or closed_compound(word, words)):
            return True  # no English word is longer: a longer token would cost its length squared
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
            # its edits asked about in one query: one each cost ~15 µs, and a word never seen has ~500
            near = self._near[word] = bool(self.words.known(_edits1(word)))
        return near

    def suspect_words(self, words: Iterable[str]) -> set[str]:
        """Those of ``words`` (as ``document.sentences.words`` reads them) that may be misspelled.
        Passing over the words already cleared (dictionary words and harmless ones such as "The",
        remembered across articles) is one pass in C that, in a long run, leaves only the
        suspects and the words never seen; each of those is judged once. (A document's words are
        filtered as they come, not first gathered in a set and then taken away from it: 20%
        faster, ~1,100 words of which ~375 distinct.) No word of the
        dictionary is a suspect, as each is a lower-case word as the tokenizer reads it
        (``tests/test_spelling.py`` checks the lists)."""
        cleared = self._cleared
        if len(cleared) > 400_000:  # start afresh; a thread reading the old set keeps it whole
            cleared = self._cleared = set()
        rest = set(filterfalse(cleared.__contains__, words))
        unknown = self.words.unknown(rest)
        cleared |= rest - unknown  # dictionary words
        found = set()
        for word in unknown:
            if self.suspects(word):
                found.add(word)
            else:
                cleared.add(word)
        return found

    def suspects(self, word: str) -> tuple[Suspect, ...]:
        """The parts of ``word`` that are not words, wherever it stands. A capitalised part is
        kept only when it is the word's first part ("Recieve"; the "Z" of "Jay-Z" is a name), as
        the word may open a sentence, where a capital says nothing; whether a kept capitalised
        part is a misspelling depends on where the word stands (see ``spelling.misspellings``).
        Remembered per word."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) > 100_000:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._suspects(word)
        return verdict

    def _suspects(self, word: str) -> tuple[Suspect, ...]:
        if "." in word or is_camel_or_acronym(word) or not word.translate(APOSTROPHES).isascii():
            return ()  # "e.g", "U.S", a domain; "MountainA", "EFM"; "española", "Tromsø"
        parts = _parts(word)
        found = []
        for index, (start, part) in enumerate(parts):
            if len(part) < 2 or not _LETTERS.match(part) or is_camel_or_acronym(part):
                continue  # numbers, "23-year-old", single letters
            capitalised = is_capitalised(part)
            if capitalised and index > 0:
                continue  # "Jay-Z", "Spider-Man"
            lower = base_form(part) if capitalised else part.translate(APOSTROPHES).lower()
            if self.known(lower, capitalised) or (index < len(parts) - 1 and lower in PREFIXES) or (index and lower in HYPHENED_SUFFIXES):
                continue  # "pre-pandemic", "co-star", "veggie-fy"
            found.append((start, len(part), part, capitalised))
        if found and len(parts) > 1 and self.known(word.translate(APOSTROPHES).lower(), is_capitalised(word)):
            return ()  # "rom-com" in the allowlist, though "rom" and "com" are not words
        return tuple(found)


# -- words the lists leave out: regular derivations and closed compounds -----------------------------

# Suffixes that make a new word of any dictionary word: "wirelessly", "customizable", "funders",
# "recalibrated", "repped". Not "-ness", "-ful" nor "-less": "brokeness", "greatful" and
# "wreckless" are everyday typos.
_DERIVING_SUFFIXES = ("ly", "able", "ible", "ers", "er", "ed", "ing")
# Verbs whose past is not "-ed" ("caught", "taught", "repaid"), and adjectives whose comparative
# is not "-er" ("better"): a closed class, so "catched", "understanded" and "gooder" stay typos.
IRREGULAR_VERBS = frozenset(
    """arise awake be bear beat become begin bend bet bid bind bite bleed blow break breed bring build burn
    buy cast catch choose cling come cost creep cut deal dig do draw dream drink drive eat fall feed feel
    fight find flee fling fly forbid forget forgive freeze get give go grind grow hang have hear hide hit
    hold hurt keep kneel know lay lead lean leap learn leave lend let lie light lose make mean meet pay put
    quit read ride ring rise run say see seek sell send set shake shed shine shoot show shrink shut sing
    sink sit slay sleep slide sling slit smell speak speed spell spend spill spin spit split spoil spread
    spring stand steal stick sting stink stride strike string strive swear sweep swell swim swing take
    teach tear tell think throw thrust tread wake wear weave weep win wind wring write""".split()
)
IRREGULAR_COMPARISONS = frozenset("good bad far well little many much".split())
# Prefixes of verbs whose past is their core's: "understood", "repaid", "became", "withheld".
_VERB_PREFIXES = ("under", "over", "with", "fore", "out", "mis", "re", "un", "up", "be")
# Other endings the same word may take, one of which the writer may have meant.
_ALTERNATIVE_SUFFIXES = {"able": ("ible",), "ible": ("able",), "er": ("or", "ar"), "ers": ("ors", "ars"), "ly": ("ally",)}
# A derivation's base must be at least this frequent in the ranked list: rare and archaic
# spellings ("compleat") are one letter from the word a typo meant.
MIN_BASE_FREQUENCY = 100
_VOWELS = frozenset("aeiou")


def _spellings(stem: str, suffix: str) -> set[str]:
    """Every way of joining ``stem`` and ``suffix`` that English spelling allows somewhere: as it
    is, with a final "e" dropped or kept, a final consonant doubled, "y" turned to "i", and
    the other endings of the same kind ("-ible" for "-able", "-or" for "-er", "-ally" for "-ly")."""
    found = {stem + suffix, stem + "e" + suffix}
    if stem.endswith("e"):
        found.add(stem[:-1] + suffix)
    if stem[-1:] not in _VOWELS:
        found.add(stem + stem[-1] + suffix)
    if len(stem) > 2 and stem[-1] == stem[-2]:
        found.add(stem[:-1] + suffix)
    if stem.endswith("y"):
        found.add(stem[:-1] + "i" + suffix)
    for other in _ALTERNATIVE_SUFFIXES.get(suffix, ()):
        found |= {spelling[: -len(suffix)] + other for spelling in set(found)}
    return found


def derived_form(word: str, words) -> bool:
    """Whether ``word`` is a regular derivation of a dictionary word of four letters or more
    that the lists leave out ("chipset" of "chipsets", "wirelessly", "customizable", "funders",
    "recalibrated"), and the dictionary knows no other spelling of the same derivation:
    "truely" ("truly"), "occured" ("occurred"), "noticable" ("noticeable"), "responsable"
    ("responsible"), "incidently" ("incidentally"), "grammer" ("grammar") and "writting"
    ("writing") stay mistakes."""
    if len(word) >= 6 and word + "s" in words and word[:-1] not in words:
        return True  # a singular the lists lack: "teraflop", "smallsat"; not "potatoe"
    for suffix in _DERIVING_SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 4:
            continue
        stem = word[: -len(suffix)]
        candidates = (stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else "")
        bases = [base for base in candidates if _frequency(words, base) >= MIN_BASE_FREQUENCY]
        if suffix == "able" and stem[-1:] in "cg" and stem + "e" in words:
            return False  # soft "c" and "g" keep their "e": "noticeable", "manageable"
        if bases and not any(other in words for other in _spellings(stem, suffix) - {word}) and not _irregular(bases, suffix):
            return True
    return False


def _irregular(bases: list[str], suffix: str) -> bool:
    """Whether the derivation is the regular form of an irregular word: "catched", "repayed",
    "understanded" (the verb's core after a prefix), "gooder"."""
    if suffix in ("er", "ers"):
        return any(base in IRREGULAR_COMPARISONS for base in bases)
    if suffix != "ed":
        return False
    cores = {base[len(prefix):] for base in bases for prefix in _VERB_PREFIXES if base.startswith(prefix)}
    return any(core in IRREGULAR_VERBS for core in (*bases, *cores))


# Words closed up by mistake that split into two dictionary words, each a phrase in print.
RUN_TOGETHER = frozenset(
    """everytime eventhough eachother thankyou goodluck alittle allright playwrite copywrite outloud sneakpeak
    sneakpeek breakingnews worstcase peacemeal highschool bestfriend infact nevermind""".split()
)
# First parts that newsrooms close up on any word ("autofill", "polysilicon", "electromobility")
# and last parts that are suffixes, not words ("brokeness" is a typo, not "broke" + "ness").
_COMPOUND_HEADS = frozenset("auto multi poly electro tera giga mega micro nano eco bio geo cyber tele".split())
_SUFFIX_WORDS = frozenset("ness less ment ship hood ward wards wise able ible ally ling ion tion ous ful full est".split())
# Both parts of a compound are common words (their frequency in the ranked list at least this):
# the lists hold rare short words ("agr", "mer", "cola") that would split typos into "words".
MIN_PART_FREQUENCY = 4_000
# A part closed up on one of the heads above needs to be less common ("polysilicon").
MIN_HEADED_FREQUENCY = 500
_JOINING_WORDS = frozenset(
    """the a an and or but of to in on at by for with from as that this these those is are was were be
    been has have had it its he she they we you his her their our my your him them us not no will
    would can could should do does did there which who what when where if than then so any every
    each some all other another such one own same much many more most very even though also just""".split()
)


def _frequency(words, word: str) -> int:
    """How common ``word`` is in a ranked list; 0 when it is not a word, or ``words`` is a plain
    set, which ranks nothing: derivations from a base and compounds are accepted only on a
    ranked list (a singular of a listed plural on any)."""
    return words[word] if isinstance(words, WordTable) and word in words else 0


def closed_compound(word: str, words) -> bool:
    """Whether ``word`` is two dictionary words of three letters or more closed up, as newsrooms
    write new compounds ("courtside", "cutscene", "fangirl", "systemwide", "autofill"), the
    second perhaps plural ("longboards", "earhooks"), both common words. Not when either part is a function word
    ("wether", "forthe", "anyother"), the second is a suffix ("brokeness"), the word is a
    known run-together ("everytime", "outloud"), or it is one edit from a dictionary word
    ("tommorrow", "realease", "toothpast", "blackmale", "goodbuy") or a letter more or less
    where the parts meet makes one ("fullfill", "pasttime", "underate")."""
    if len(word) < 7 or word in RUN_TOGETHER or not word.isalpha():
        return False
    for split in range(3, len(word) - 2):
        head, tail = word[:split], word[split:]
        if head in _JOINING_WORDS or tail in _JOINING_WORDS or tail in _SUFFIX_WORDS:
            continue
        least = MIN_HEADED_FREQUENCY if head in _COMPOUND_HEADS else MIN_PART_FREQUENCY
        if head not in _COMPOUND_HEADS and _frequency(words, head) < least:
            continue
        tail_frequency = max(_frequency(words, tail), _frequency(words, tail[:-1]) if tail[-1] == "s" else 0)
        if tail_frequency >= least:
            joins = {word[: split - 1] + word[split:], word[:split] + word[split + 1 :]}  # "fullfill", "pasttime"
            joins |= {word[:split] + letter + word[split:] for letter in _ALPHABET}  # "underate"
            return not words.known(_edits1(word) | joins)  # in one query, as near_word asks
    return False


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


# -- suggestions -----------------------------------------------------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz'"


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
    lower = word.translate(APOSTROPHES).lower()
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

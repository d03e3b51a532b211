"""Offline spelling, and the name handling that spelling and grammar share.

The word list and its frequencies come from the ``pyspellchecker`` package (its English
dictionary, 128,500 words once possessives are set aside: US spelling, with a few British
forms such as "theatre"; the ``variant: en-GB`` option accepts British spelling by rule);
benchmarks/spelling_engines.py measured it against symspellpy's and docs/grammar.md has the
figures. pubcheck reads the list itself rather than building either library's checker
(pyspellchecker's costs ~0.3 s to start and up to a second a word for distance-2 suggestions;
SymSpell's index, ~4 s): membership is one set difference per paragraph, and suggestions are
computed only for flagged words, by edit distance ranked by frequency.

Names are never spelling mistakes. A document establishes its names (capitalised words that do
not start a sentence, capitalised runs of words, capitalised words in headings and link text);
the shipped allowlist (``rules/dictionaries/*.txt``) adds celebrity, brand and title names and
entertainment words; the config's ``dictionary:`` file adds a desk's own.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ..document import Document, MappedText
from ..cache import Table, file_key, package_file
from ..document.sentences import words
from ..errors import ConfigError
from .base import Problem, Rule, shorten

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
VARIANTS = ("en-US", "en-GB")


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


class WordTable:
    """The English word list and its frequencies, read from an indexed SQLite table in the cache
    folder (built from the package's data file on first use) a batch of words at a time: a
    one-file lint needs a few hundred of the 128,500 words, and loading them all costs ~60 ms.
    Answers are remembered, so a long run soon asks the table only about words it has never seen.

    Reads like the frozenset and dict it stands for: ``word in words``, ``pieces - words`` (the
    pieces that are not words), ``words[word]`` (the frequency); :meth:`known` asks about many."""

    def __init__(self, source: str):
        def build(db) -> None:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, frequency INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO words VALUES (?, ?)", _read_frequencies(source).items())

        self._table = Table(f"words-{source}", build, lambda: file_key(_data_file(source)))
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


@lru_cache(maxsize=2)
def english_words(source: str = WORDLIST) -> WordTable:
    """The dictionary with its frequencies, one per process."""
    return WordTable(source)


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
        self.words = english_words() if words is None else words
        self.extra = shipped_allowlist() | extra
        self.british = british
        self._verdicts: dict[str, tuple[Suspect, ...]] = {}
        self._near: dict[str, bool] = {}
        self._pieces: dict[str, tuple[str, ...]] = {}
        self._harmless: set[str] = set()  # pieces with no suspect word ("said,", "The"): taken away in C

    def known(self, word: str, capitalised: bool = False) -> bool:
        """Whether ``word`` (lower case, straight apostrophes) is spelled right. A plural or
        third-person "-s" of a dictionary word is accepted ("podcasts"), as the word lists
        leave out some inflections."""
        words = self.words
        if word in words or self._extra(word, capitalised) or (word[-1:] == "s" and word[:-1] in words and len(word) > 3):
            return True
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


class Misspelling(NamedTuple):
    where: MappedText
    start: int
    end: int
    text: str


def misspellings(doc: Document, lexicon: Lexicon, scan: Scan | None = None) -> list[Misspelling]:
    """Every word of the headline and body that is neither a dictionary word nor a name.

    A capitalised word is a name unless it opens a sentence (or follows a colon, a quote or a
    dash); one that does is flagged only when the document never uses it as a name and it is
    one edit from a dictionary word ("Recieve"), since an unknown capitalised word with no near
    neighbour is far likelier a name ("Northlight led with 14"). Words with letters beyond ASCII
    ("española", "Tromsø") are foreign words or names, and are left alone.
    """
    scan = scan or Scan(doc)
    found = []
    settled: dict[str, list[Suspect]] = {}
    for unit in scan.units:
        text = unit.text
        unknown = lexicon.suspect_words(text)
        here = []
        for word in unknown:  # usually none, or a few names
            suspects = settled.get(word)
            if suspects is None:
                # What holds wherever the word stands is settled once per document: an established
                # name, or a capitalised word one edit from no dictionary word, is never a mistake.
                suspects = settled[word] = [
                    (offset, length, part, capitalised)
                    for offset, length, part, capitalised in lexicon.suspects(word)
                    if not (capitalised and (scan.established(part) or not lexicon.near_word(base_form(part))))
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
                    if parts and not looks_like_address(unit, at, end):  # the costlier test, for the few words left
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


def suggestions(word: str, limit: int = 3) -> list[str]:
    """Dictionary words one edit from ``word``, most frequent first; failing those, words two
    edits away when one of the two removes a letter ("tommorow" -> "tomorrow"). Bounded: a few
    milliseconds a word, and only flagged words get here; remembered, as a desk's usual
    misspellings ("organisers") come back article after article. None for a word longer than
    MAX_SUGGESTED_LENGTH."""
    return list(_suggestions(word, limit)) if len(word) <= MAX_SUGGESTED_LENGTH else []


@lru_cache(maxsize=4096)
def _suggestions(word: str, limit: int) -> tuple[str, ...]:
    frequencies = english_words()
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


# -- the rule -------------------------------------------------------------------------------------


class Spelling(Rule):
    """Flags words that are not in the English dictionary and are not names.

    Runs offline from the English word list shipped in the `pyspellchecker` package. Names are not
    mistakes: capitalised words that do not start a sentence, runs of capitalised words, and
    capitalised words in headings, the title and link text are names the article establishes
    ("Tucker Pillsbury", "her MountainA banner"); words written in capitals ("EFM") or with an
    inner capital ("iPhone") are never checked; the shipped allowlist (`rules/dictionaries/`)
    knows celebrity, brand and title names and entertainment words ("rom-com", "besties",
    "lo-fi"); and the config's `dictionary:` file adds a desk's own. Each finding suggests the
    likeliest corrections.

    When a LanguageTool server is configured, the `grammar` rule's spelling check replaces this
    one, so nothing is reported twice; on any article LanguageTool cannot check (server down,
    timeout, rate limit) this rule runs in its place.

    ## Why is this bad?
    A misspelling in a headline or a lede costs credibility with readers and editors at once,
    and search engines read it as a sign of low-quality, unedited copy.

    ## Example
    ```
    The actress said she would recieve the award in person.

    Definately the best performance of her career, critics agreed.
    ```

    ## Not flagged
    ```
    Portman, who produces under her MountainA banner, cast Tucker Pillsbury and Mark Ruffalo.

    Pillsbury said the rom-coms of the 90s, lo-fi and a little messy, were his homage to his besties.
    ```

    ## How to fix
    Correct the word (the finding suggests the likeliest words), or, when it is a name or a
    term of art, add it to the file named by the config's `dictionary:` setting.

    ## Options
    - `dictionary` (default none): a words file, one word per line; the top-level `dictionary:`
      setting fills it. Lower-case entries match in any case, capitalised ones only capitalised.
    - `words` (default none): more accepted words, listed in the config.
    - `max-suggestions` (default 3).

    ## Limits
    A token longer than any English word (over 32 letters: a paste accident, a run of one key)
    is reported once, as not a word, with no suggestions. Suggestions are offered for the first
    200 distinct flagged words of an article, so that every article is checked in time
    proportional to its length.
    - `variant` (default `en-US`): `en-GB` also accepts British spelling ("colour", "organised",
      "centre", "travelled", "catalogue", "defence", "programme").
    """

    id = "spelling"
    category = "grammar"
    severity = "warning"
    summary = "A word is misspelled (offline English dictionary; names and the allowlist are accepted)"
    options = {"dictionary": "", "words": [], "max-suggestions": 3, "variant": "en-US"}
    superseded_by = "grammar"

    def __init__(self, **options):
        super().__init__(**options)
        if not all(isinstance(w, str) for w in self.settings["words"]):
            raise ConfigError(f"rule {self.id}: option 'words' must be a list of strings")
        if self.settings["variant"] not in VARIANTS:
            raise ConfigError(f"rule {self.id}: option 'variant' must be one of {', '.join(VARIANTS)}, not {self.settings['variant']!r}")
        self.extra = user_dictionary(self.settings["dictionary"]) | WordList.from_lines(self.settings["words"])
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:  # the word list loads on the first article, not at start-up
            self._lexicon = Lexicon(self.extra, british=self.settings["variant"] == "en-GB")
        return self._lexicon

    def check(self, doc: Document):
        suggested: set[str] = set()
        for miss in misspellings(doc, self.lexicon):
            if len(suggested) < MAX_SUGGESTED_WORDS:
                suggested.add(miss.text)
            limit = self.settings["max-suggestions"] if miss.text in suggested else 0
            yield spelling_problem(doc, miss, limit)


def spelling_problem(doc: Document, miss: Misspelling, limit: int = 3, code: str | None = None) -> Problem:
    from .kinds import _replacement_fix

    suggested = suggestions(miss.text, limit) if limit > 0 else []
    if len(miss.text) > MAX_SUGGESTED_LENGTH:
        message = f'Not a word: "{shorten(miss.text, 40)}" is {len(miss.text):,} letters long'
    else:
        message = f'Possible spelling mistake: "{miss.text}"'
    if suggested:
        message += "; did you mean " + _either(suggested) + "?"
    fix = _replacement_fix(doc, miss.where, miss.start, miss.end, suggested[0], False) if suggested else None
    return Problem(message, miss.where, miss.start, miss.end, fix=fix, code=code)


def _either(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]

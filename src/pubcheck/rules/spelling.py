"""Offline spelling: every word of the headline and body that is neither a dictionary word nor a name.

The dictionary (``pubcheck.text.lexicon``): pyspellchecker's English word list (128,500 words
with frequencies, which rank suggestions), plus the full SCOWL lists Debian ships as
wamerican/wbritish (size 70, and the size-80 words that are not one edit from a much commoner
word; generated into ``rules/dictionaries/wordlist/`` by benchmarks/build_wordlist.py), plus every
word that is common in real English text by wordfreq (Zipf >= GUARD_ZIPF). en-GB adds the British
forms. The lists are read into an indexed table in the cache folder (``pubcheck.data``), built on
first use: membership is one set difference per document, and suggestions are computed only for
flagged words, by edit distance ranked by frequency. benchmarks/spelling_engines.py compares the lists.

Names are never spelling mistakes. A document establishes its names (``pubcheck.text.names``:
capitalised words that do not start a sentence, capitalised runs of words, capitalised words in
headings and link text); the shipped allowlist (``rules/dictionaries/*.txt``) adds celebrity,
brand and title names and entertainment words; the config's ``dictionary:`` file adds a desk's own.

Someone else's words are not checked (quotations, embedded posts, code, other languages), and a
document that is not in English is not checked at all.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from ..data import shipped_wordlist
from ..document import Document, MappedText
from ..document.sentences import QUOTED, words
from ..errors import ConfigError
from ..text.fixes import replacement_fix
from ..text.lexicon import MAX_SUGGESTED_LENGTH, Lexicon, Suspect, WordList, suggestions, user_dictionary
from ..text.names import Scan, base_form, is_capitalised, text_units, whole_word_at
from .base import Problem, Rule, RuleUnavailable, shorten

_URLISH = re.compile(r"://|^www\.|@|\.(?:com|org|net|io|co|tv|example)\b", re.I)

VARIANTS = ("auto", "en-US", "en-GB")


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


# Capitalised words of a closed class: a near miss of one ("Feburary", "Wednsday") is a typo
# wherever it stands, though other unknown capitalised words are names.
CALENDAR_WORDS = tuple(
    """january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


@lru_cache(maxsize=4096)  # asked about each unknown capitalised word of every article: names recur
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


_UNASKED = object()


class Unchecked:
    """Where in a block someone else's words are: a social post, quoted passages, inline
    quotations, code and italics (HTML), and sentences in another language. Worked out only
    where a suspect word stands (most blocks have none)."""

    def __init__(self, doc: Document, unit: MappedText, suspects: list[str], scan: Scan):
        self.unit, self.scan = unit, scan
        text = unit.text
        self.post = bool(_SOCIAL_POST.search(text))
        self.quoted = [m.span() for m in QUOTED.finditer(text)] if ('"' in text or "“" in text) else []
        start, end = getattr(unit, "element", (0, 0))
        inline = _VERBATIM_ELEMENT.finditer(doc.source, start, end) if doc.format == "html" and end > start else ()
        # their words, as the block reads; sliced, not group(2): a large page's slice gives its own characters (NarrowSource)
        self.inline = [_TAG.sub("", doc.source[m.start(2) : m.end(2)]) for m in inline]
        self.unknown = {s.lower() for s in suspects}
        self._foreign_at: dict[int, bool | None] = {}  # sentence index -> _foreign(its text), as asked

    def covers(self, start: int, end: int) -> bool:
        """Whether the word at text[start:end] is someone else's (inside inline markup: the same
        word anywhere in the block's <q>, <code> or italics, which is near enough)."""
        if self.post or any(a <= start < b for a, b in self.quoted):
            return True
        if self.inline:
            word = self.unit.text[start:end]
            if any(word in inline for inline in self.inline):
                return True
        index = self.unit.sentence_index(start)
        if index < 0:
            return False
        verdict = self._foreign_sentence(index)
        if verdict is None:
            # Too short to tell ("Netizens may napansin"): in the language of the sentence before it.
            verdict = index > 0 and bool(self._foreign_sentence(index - 1))
        return verdict

    def _foreign_sentence(self, index: int) -> bool | None:
        """``_foreign`` of the unit's sentence ``index``, worked out once: in a paragraph of
        another language every word is unknown, and each occurrence asks about its sentence."""
        verdict = self._foreign_at.get(index, _UNASKED)
        if verdict is _UNASKED:
            verdict = self._foreign_at[index] = self._foreign(self.unit.sentences[index].text)
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


# After a word: ", NY" (a place: "Bristow, VA"), "/" (a credit: "Vesti/The Siberian Times"), an
# ellipsis (a headline cut short: "airport termin..."), "=" (a shortcode's attribute left in the
# text: "[button newwindow=yes]") or a contraction's "'t" set apart by a stray space ("isn 't").
_NOT_PROSE_AFTER = re.compile(r", [A-Z]{2}\b|/|\.\.\.|…|=| ?['’‘]t\b")


# After a capitalised word: a number, as in a box score or a list ("Upshaw 3 points."): a name.
_NUMBER_AFTER = re.compile(r" \(?\d")
LIST_LINE_WORDS = 4  # a box score's line is a name, a number and a word or two


def _list_line_name(unit: MappedText, start: int, end: int) -> bool:
    """A capitalised word opening a short line of a list or box score, a number after it
    ("Upshaw 3 points."): a name. In a sentence of prose ("Recieved 12 complaints, the council
    said …") it is read as any word."""
    if not _NUMBER_AFTER.match(unit.text, end):
        return False
    index = unit.sentence_holding(start)
    return index is not None and len(words(unit.sentences[index].text)) <= LIST_LINE_WORDS


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
    units = [unit for unit in scan.units if getattr(unit, "kind", "") not in UNCHECKED_KINDS]
    suspicious = lexicon.suspect_words(chain.from_iterable(unit.words for unit in units))  # the whole document in one look-up
    settled = {word: _settled(word, lexicon, scan) for word in suspicious}
    flaggable = {word for word, suspects in settled.items() if suspects}
    found: list[Misspelling] = []
    if not flaggable:
        return found  # half the articles: nothing but names
    for unit in units:
        if flaggable.isdisjoint(unit.words):
            continue  # most paragraphs: no unknown word, or only names
        text = unit.text
        unknown = sorted(suspicious.intersection(unit.words))
        unchecked: Unchecked | None = None  # worked out at the first suspect: most paragraphs have none
        here = []
        for word in unknown:  # usually a few names, and a word that may be a typo
            suspects = settled[word]
            at = text.find(word) if suspects else -1
            while at != -1:
                end = at + len(word)
                if whole_word_at(text, at, end, possessive=False):
                    # A capitalised word is a suspect only where it opens a sentence.
                    parts = [
                        Misspelling(unit, at + offset, at + offset + length, part)
                        for offset, length, part, capitalised in suspects
                        if not capitalised or (scan.initial(unit, at) and not _list_line_name(unit, at, end))
                    ]
                    if parts and not looks_like_address(unit, at, end) and not _species_name(text, at, end) and not _NOT_PROSE_AFTER.match(text, end):
                        unchecked = unchecked or Unchecked(doc, unit, unknown, scan)
                        if not unchecked.covers(at, end):
                            here += parts
                at = text.find(word, end)
        found += sorted(here, key=lambda m: m.start)
    return found


def _settled(word: str, lexicon: Lexicon, scan: Scan) -> list[Suspect]:
    """The suspect parts of ``word`` that may be mistakes, as far as holds wherever it stands
    (settled once per document): an established name, or a capitalised word one edit from no
    dictionary word, is never a mistake. Each part's flag says whether it is a suspect only
    where it opens a sentence."""
    return [
        (offset, length, part, capitalised and not calendar_near_miss(part))
        for offset, length, part, capitalised in lexicon.suspects(word)
        if not (
            capitalised
            and (scan.established(part) or not lexicon.near_word(base_form(part)))
            and not calendar_near_miss(part)
        )
        and not (not capitalised and scan.in_link_address(base_form(part)))
    ]


# Past this many flagged words an article gets no more suggestions: nobody reads them, and each
# costs up to a tenth of a second.
MAX_SUGGESTED_WORDS = 200


# -- which English ---------------------------------------------------------------------------------

# Where a page's language tag names one of these regions, its copy uses British spelling.
BRITISH_REGIONS = frozenset("gb uk ie au nz in za pk ng ke gh sg my lk bd hk mt jm tt ug tz zw zm".split())


@lru_cache(maxsize=1)
def variant_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The British forms that American spelling lacks ("colour", "organised", "tyre"), and the
    American forms of the same words ("color", "organized"), from the shipped lists."""
    return frozenset(shipped_wordlist("en-GB")), frozenset(shipped_wordlist("en-US-forms"))


@lru_cache(maxsize=1)
def _either_forms() -> frozenset[str]:
    """The British forms and the American ones together."""
    british, american = variant_forms()
    return british | american


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


def _spelled_forms(doc: Document, among: frozenset[str], limit: int = 5_000) -> set[str]:
    """Those of ``among`` (lower-case words, by ``str.islower``) that the headline and body write
    in lower case or open a sentence with, in its first ``limit`` characters: the words whose
    spelling is the desk's, not a name's.

    A block's words are its sentences' words in turn (sentences split it at spaces), so the
    block's own word list, which every rule shares, stands in for tokenising each sentence again;
    and a capitalised word of ``among`` can open only a sentence it is written in, so only the
    sentences holding one are read for their first word. ``tests/test_spelling.py`` checks this
    against reading sentence by sentence."""
    written: set[str] = set()
    units = []
    size = 0
    for unit in text_units(doc):
        written.update(unit.words)
        units.append(unit)
        size += len(unit.text)
        if size >= limit:
            break
    forms = written & among  # a word of ``among`` written in lower case is itself
    capitalised = _folding_into(among, written)  # "Rumor", "Centre"
    if not capitalised:
        return forms  # most articles
    for unit in units:
        for word in capitalised.intersection(unit.words):
            if word.lower() not in forms and _opens_a_sentence(unit, word):
                forms.add(word.lower())
    return forms


def _opens_a_sentence(unit: MappedText, word: str) -> bool:
    """Whether a sentence of ``unit`` opens with ``word``: one of the sentences holding it."""
    text = unit.text
    at = text.find(word)
    while at != -1:
        index = unit.sentence_holding(at)
        if index is not None and _first_word(unit.sentences[index].text) == word:
            return True
        at = text.find(word, at + 1)
    return False


# For each set of words asked about: the words seen so far that lower-case into it without being
# in it, and those that do not or are in it.
_case_folds: dict[frozenset[str], tuple[set[str], set[str]]] = {}


def _folding_into(among: frozenset[str], words: set[str]) -> set[str]:
    """``{word for word in words - among if word.lower() in among}``, each word lowered once per
    process rather than once per document (~360 words an article): one set difference in C
    leaves the few that fold into ``among`` and the words not seen before. ``tests/test_spelling.py``
    checks it against the plain reading."""
    memo = _case_folds.get(among)
    if memo is None or len(memo[0]) + len(memo[1]) > 200_000 + len(among):  # start afresh; a thread reading the old memo keeps it whole
        if len(_case_folds) > 4:
            _case_folds.clear()
        memo = _case_folds[among] = (set(), set(among))
    folding, settled = memo
    rest = words - settled
    for word in rest - folding:
        (folding if word.lower() in among else settled).add(word)
    return rest & folding


def _first_word(text: str) -> str:
    """``words(text)[0]`` ("" when there is none), tokenising no further than the first word:
    no word spans a space."""
    pieces = text.split(None, 1)
    while pieces:
        found = words(pieces[0])
        if found:
            return found[0]
        pieces = pieces[1].split(None, 1) if len(pieces) > 1 else []
    return ""


def document_variant(doc: Document) -> str:
    """The spelling a document uses. A page declaring a British region (``<html lang="en-GB">``,
    en-IN, en-NG, …, or the ``content-language`` meta) is British. Otherwise its own words
    decide, as a page declaring only "en" or the "en-US" that publishing templates fill in
    says little: more British forms such as "colour", "centre", "organised" than American ones
    such as "color", "center" (counted once each) make it British, else it is en-US. "-ize"
    counts for neither, as Oxford and Canadian spelling write "organized" beside "colour". A
    capitalised word counts only where it opens a sentence: elsewhere it is a name ("Paper
    Harbors", the band), which keeps its own spelling whatever the desk's."""
    if declared_variant(doc) == "en-GB":
        return "en-GB"
    british, american = variant_forms()
    forms = _spelled_forms(doc, _either_forms())
    american_only = {form for form in forms & american if "iz" not in form and "yz" not in form}
    return "en-GB" if len(forms & british) > len(american_only) else "en-US"


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
    other regions that spell the British way) or a `content-language` meta makes it British.
    Otherwise the article's own words decide, since "en" says nothing and publishing templates
    declare `en-US` for desks everywhere: more British forms such as "colour", "centre",
    "organised" than American ones such as "color", "center" makes it British ("-ize" counts for
    neither: Oxford and Canadian copy write "organized" beside "colour"), and en-US when nothing
    does. A desk that wants American spelling enforced sets `variant: en-US`.

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
    - `repeats` (default `first`): a word flagged several times is reported at its first use,
      the message counting the rest ("(3 times in the article)"), since accepting or correcting
      it is one decision; `all` reports every use.
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
    options = {"dictionary": "", "words": [], "max-suggestions": 3, "variant": "auto", "repeats": "first"}
    superseded_by = "grammar"

    def __init__(self, **options):
        super().__init__(**options)
        self._lexicons: dict[str, Lexicon] = {}
        if not all(isinstance(w, str) for w in self.settings["words"]):
            raise ConfigError(f"rule {self.id}: option 'words' must be a list of strings")
        if self.settings["repeats"] not in REPEATS:
            raise ConfigError(f"rule {self.id}: option 'repeats' must be one of {', '.join(REPEATS)}, not {self.settings['repeats']!r}")
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
        if self.settings["variant"] == "auto" and variant != "en-GB" and _british_forms(found) and document_variant(doc) == "en-GB":
            # Only an article with British forms can be British: the rest is settled without counting.
            british = self.lexicon("en-GB")  # knows every word the American list does, and more
            variant, found = "en-GB", [m for m in found if not british.known(base_form(m.text), is_capitalised(m.text))]
        reported = [(miss, 1) for miss in found]
        if self.settings["repeats"] == "first":  # each word at its first use, with how often it is flagged
            uses = Counter(base_form(miss.text) for miss in found)
            firsts: dict[str, Misspelling] = {}
            for miss in found:
                firsts.setdefault(base_form(miss.text), miss)
            reported = [(miss, uses[key]) for key, miss in firsts.items()]
        suggested: set[str] = set()
        for miss, times in reported:
            if len(suggested) < MAX_SUGGESTED_WORDS:
                suggested.add(miss.text)
            limit = self.settings["max-suggestions"] if miss.text in suggested else 0
            yield spelling_problem(doc, miss, limit, variant=variant, uses=times)


NOT_ENGLISH = "articles not in English are not spell-checked"

# Whether a word flagged more than once is reported at its first use (the message counts the
# rest: accepting or correcting it is one decision) or at every use.
REPEATS = ("first", "all")

# A page that declares English is checked for its language only when it draws more findings
# than this (a page in another language draws dozens): the common case costs nothing.
DECLARED_ENGLISH_FINDINGS = 5


def spelling_problem(doc: Document, miss: Misspelling, limit: int = 3, code: str | None = None, variant: str = "en-US", uses: int = 1) -> Problem:
    suggested = suggestions(miss.text, limit, variant) if limit > 0 else []
    if len(miss.text) > MAX_SUGGESTED_LENGTH:
        message = f'Not a word: "{shorten(miss.text, 40)}" is {len(miss.text):,} letters long'
    else:
        message = f'Possible spelling mistake: "{miss.text}"'
    if uses > 1:
        message += f" ({uses} times in the article)"
    if suggested:
        message += "; did you mean " + _either(suggested) + "?"
    fix = replacement_fix(doc, miss.where, miss.start, miss.end, suggested[0], False) if suggested else None
    return Problem(message, miss.where, miss.start, miss.end, fix=fix, code=code)


def _either(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
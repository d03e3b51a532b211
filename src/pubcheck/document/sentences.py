"""The one sentence splitter and word tokenizer every rule uses.

A boundary is sentence-final punctuation (optionally followed by closing quotes or brackets),
then whitespace, then something that can start a sentence. It is not a boundary after a known
abbreviation ("Dr.", "U.S.", "Jan."), after initials ("J. K. Rowling", "J.K. Rowling"), after
"E!" of "E! News", or when an ellipsis or question inside a quote runs on in lower case
("'Why?' she asked"). Emoji right after a boundary react to the sentence before them
("So proud! 😍 She ..."), so they end that sentence rather than start the next one.
A line break (``<br>``, a list line in plain text) always ends a sentence.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft gen lt col capt sgt cmdr adm gov sen rep pres supt
    insp det hon messrs mme mlle
    dept univ assn est approx vs al
    jan feb apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri
    cf ca
    u.s u.k u.n e.g i.e d.c n.y l.a u.s.a ph.d b.a m.a
    """.split()
)
# Abbreviations that are also everyday words ("she said no.", "according to The Sun.", "he sat.")
# only abbreviate before a number: "No. 1", "Vol. 2", "Sat. 12". ("Ed." is a name: Ed Sheeran.)
NUMBERED_ABBREVIATIONS = frozenset("no nos vol vols pp fig figs sat sun wed mar".split())
# Titles abbreviate only capitalised, before a name ("Rep. Ortiz"); in lower case they are words
# that may end a sentence ("a statement from her rep. The two …").
TITLES = frozenset(
    "mr mrs ms mx dr prof rev fr gen lt col capt sgt cmdr adm gov sen rep pres supt insp det hon".split()
)
# A time ends a sentence when a capitalised word other than a time zone or a date follows it
# ("airs Sunday at 9 p.m. Tillerman will …", but "at 9 p.m. ET", "9 a.m. Monday", "7 p.m. Jan. 5").
TIMES = frozenset({"a.m", "p.m"})
GOES_ON_AFTER_TIME = frozenset(
    """et est edt pt pst pdt ct cst cdt mt mst mdt gmt bst utc cet eastern pacific central mountain local
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# A company abbreviation, or "etc.", ends a sentence when a word that usually opens one follows it
# ("released in 2027 by Warner Bros. The sequel …"); a name may go on ("Warner Bros. Discovery").
TRAILING = frozenset({"inc", "ltd", "co", "corp", "bros", "llc", "plc", "etc"})
OPENERS = frozenset(
    """the a an it he she they we i this that these those his her their its in on at but and so then after
    before when while as for if there some many most yet still""".split()
)
# Longer than any word a full stop may not end a sentence after: a full stop after this many
# letters ends one (split_sentences decides so without _ends_sentence).
LONG_WORD = 1 + max(len(word) for word in ABBREVIATIONS | NUMBERED_ABBREVIATIONS | TITLES | TIMES | TRAILING)
_NEXT_WORD = re.compile(r"[\w’'-]+")
_OPENING_QUOTES = "\"“‘'([«"
# Names that end in "!" mid-sentence: "E! News", "Yahoo! Entertainment", "Jeopardy! champion".
BANG_NAMES = frozenset({"E", "Yahoo", "Jeopardy"})
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "J.K", "A.J", "U.S": each letter an initial

# Sentence-final punctuation (a run of . ! ? or one …), closing quotes or brackets, then space or
# the end; or a line break. Written to open with a character class so the regex engine skips
# straight to the few candidate characters instead of trying a match at every position (2.5x).
# Group 1 is the character after the spaces that follow the punctuation ("" at the end of the
# text; None at a line break): it is what decides most boundaries, read in the same match.
_BOUNDARY = re.compile(r"[.!?\n…](?:(?<=\n)|(?:(?<=…)|(?<=[.!?])[.!?]*+)[\"'”’)\]»]*(?=\s|$)(?= *+([\s\S]?)))")
# _BOUNDARY in a text without "!", "?", "\n" or "…" (nearly all): only a full stop can open it.
# Opening with that one character, the search finds candidates by a quick scan for it, where a
# character class is tested character by character (the boundary search -43% of its instructions).
_FULL_STOP_BOUNDARY = re.compile(r"\.\.*+[\"'”’)\]»]*(?=\s|$)(?= *+([\s\S]?))")
# The word before a full stop, read backwards in the reversed text: a match where it ends, not a search.
_WORD_REVERSED = re.compile(r"[\w.]+")
_TOKEN = re.compile(r"\S+")
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Me", "Cf"})  # pictographs, skin tones, VS16, keycaps, ZWJ
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_AROUND_WORDS = "\"'“”‘’()[]{}.,;:!?…—–-*«»/"  # punctuation around a word, never inside one
# Decomposed (NFD) text spells "é" as "e" + U+0301, and a combining mark is not a word character:
# where marks occur, a word's letters may carry them. (Rare, so the plain pattern stays the fast path.)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HAS_MARK = re.compile(f"[{_MARKS}]")
_LETTER = f"[^\\W_][{_MARKS}]*"
_MARKED_WORD = re.compile(f"(?:{_LETTER})+(?:['’.\\-](?:{_LETTER})+)*")


# A quoted passage in double quotes, straight or curly; group 1 or 2 is what is inside.
QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"")


class QuotedPassages:
    """The quoted passages of a text (:data:`QUOTED`), each ``(start, end)``, and whether an
    offset stands in one: a bisection, as a paragraph may hold thousands."""

    __slots__ = ("spans", "starts")

    def __init__(self, text: str):
        # a text with neither mark QUOTED opens a passage with has none: a quicker look than its search
        self.spans = [m.span() for m in QUOTED.finditer(text)] if "“" in text or '"' in text else []
        self.starts = [start for start, _ in self.spans]

    def holds(self, offset: int) -> bool:
        last = bisect.bisect_right(self.starts, offset) - 1  # the last passage opening at or before it
        return last >= 0 and offset < self.spans[last][1]


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


# Sentence(start, end, text) without the Python function NamedTuple puts in front of tuple.__new__
# (0.2 µs a sentence, a tenth of the splitter's time).
_new_sentence = tuple.__new__


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    add = sentences.append
    reversed_text = None  # made when a full stop or "!" first needs the word before it
    start = 0
    # search() from each match on, rather than finditer(): most blocks of a page (its menus and
    # links) hold no boundary, and one search() call is all they cost.
    boundary = _BOUNDARY if "!" in text or "?" in text or "\n" in text or "…" in text else _FULL_STOP_BOUNDARY
    found = boundary.search(text)
    while found:
        match, found = found, boundary.search(text, found.end())
        end = match.end()
        if end <= start:  # inside emoji already given to the sentence before
            continue
        following = match.group(1)
        if following is not None:  # not a line break
            if following.islower():
                continue  # "'Why?' she asked", "wait… what"
            if following:
                punct_start = match.start()
                mark = text[punct_start]
                # A full stop after LONG_WORD letters ends the sentence, as _ends_sentence would say:
                # most full stops, answered without reading the word before them.
                if mark == "!" or mark == "." and (
                    punct_start < LONG_WORD or not text[punct_start - LONG_WORD : punct_start].isalpha()
                ):
                    if reversed_text is None:
                        reversed_text = text[::-1]
                    if not _ends_sentence(text, reversed_text, punct_start, end, match.start(1)):
                        continue
                # Emoji are not ASCII, and a token that opens with an ASCII character other than "^"
                # or "`" (modifier symbols) holds a letter, digit or punctuation mark no emoji is made of.
                if not following.isascii() or following in "^`":
                    end = _after_emoji(text, end)
        # The sentence: text[start:end] without the whitespace around it, unless nothing is left
        # (_add_sentence, written out: its call was some 5% of the splitter's time).
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            if stripped is not piece:  # strip() hands back the piece itself when it has nothing to strip
                start += piece.index(stripped[0])  # the whitespace before it, found without copying the piece again
            add(_new_sentence(Sentence, (start, start + len(stripped), stripped)))
        start = end
    if start < len(text):
        _add_sentence(sentences, text, start, len(text))
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """text[start:end] without the whitespace around it, unless nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += piece.index(stripped[0])  # the whitespace before it, found without copying the piece again
        sentences.append(_new_sentence(Sentence, (start, start + len(stripped), stripped)))


def _ends_sentence(text: str, reversed_text: str, punct_start: int, punct_end: int, after: int) -> bool:
    """Whether the full stop or "!" at ``punct_start`` ends a sentence, given that the text goes on
    at ``after`` (past the spaces after ``punct_end``) with a character that is not lower case."""
    following = text[after]
    mark = text[punct_start]
    before = _WORD_REVERSED.match(reversed_text, len(text) - punct_start)
    if not before:
        return True
    word = before.group()[::-1].rstrip(".")
    if mark == "!":
        return not (word in BANG_NAMES and text[punct_start:punct_end] == "!")
    lowered = word.lower()
    if lowered in TITLES and word[:1].islower():
        return True
    if lowered in TIMES or lowered in TRAILING:
        if following in _OPENING_QUOTES:
            return True  # a quote opens a sentence: 'at 6 p.m. "It will be packed," she said'
        next_word = _NEXT_WORD.match(text, after)
        next_word = next_word.group().lower() if next_word else ""
        if lowered in TIMES:
            return bool(next_word) and next_word not in GOES_ON_AFTER_TIME
        return next_word in OPENERS
    if lowered in ABBREVIATIONS or ("." in word and _INITIALS.fullmatch(word)):
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # a single initial: "J. K. Rowling"
    if following.isdigit() and (lowered in NUMBERED_ABBREVIATIONS or word.isdigit()):
        return False  # "No. 1", and numbers in a run such as "1. 2. 3."
    return True


def _after_emoji(text: str, end: int) -> int:
    """Where a sentence ending at ``end`` really ends: after emoji that follow it ("Wow! 😍 Next")."""
    while True:
        token = _TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None
        if not token or token.group().isascii():
            return end
        categories = {unicodedata.category(char) for char in token.group()}
        if not categories <= _EMOJI_PARTS or "So" not in categories:
            return end
        end = token.end()


def _word_pattern(text: str) -> re.Pattern:
    # isascii() is a flag the string keeps: ASCII text (most of it) holds no mark and is not scanned.
    return _MARKED_WORD if not text.isascii() and _HAS_MARK.search(text) else _WORD


def words(text: str) -> list[str]:
    """Words as editors count them: letters and digits, keeping inner apostrophes and hyphens.

    Every rule asks, so this is the hot path. The regex alone checks each character's Unicode
    category in Python's regex engine; most whitespace-separated tokens are a plain word,
    perhaps with punctuation around it, which ``str`` methods recognise twice as fast. Only the
    rest go through the regex. (Neither the punctuation stripped nor whitespace can be part of
    a word, so the result is the regex's.) A combining mark is not alnum, so a token holding one
    always reaches the regex: it is looked for there, in the token, rather than in the whole
    text first (that scan was a sixth of this function's time on text with curly quotes)."""
    found: list[str] = []
    for token in text.split():
        if not token.isalnum():
            token = token.strip(_AROUND_WORDS)
            if not token.isalnum():
                found += (_WORD if token.isascii() else _MARKED_WORD).findall(token)  # an ASCII token holds no mark
                continue
        found.append(token)
    return found


def is_title_case(text: str) -> bool:
    """Every word longer than three letters capitalised: a title ("The Long Winter"), not a
    sentence ("No comment", "Is this her best role?")."""
    long_words = [w for w in words(text) if len(w) > 3 and not w[0].isdigit()]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word of ``words(text)``."""
    return [(m.start(), m.end(), m.group()) for m in _word_pattern(text).finditer(text)]

"""The words a document's spelling is checked in, and which of its capitalised words it uses as
names: "Pillsbury" after "Tucker", in a heading, the title or link text, or where no sentence
starts. Shared by ``spelling`` and ``grammar`` (which drops LanguageTool's matches on names)."""

from __future__ import annotations

import re
from functools import cached_property

from ..document import Document, MappedText
from ..document.sentences import words

__all__ = ["APOSTROPHES", "Scan", "base_form", "is_camel_or_acronym", "is_capitalised", "text_units", "whole_word_at"]

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# A capital after one of these may just open a clause or a quote ("Status: Wrapped", '"We were'),
# so it says nothing about being a name.
_OPENERS = frozenset(":;“\"‘'—–-•·|…")


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
    word = word.translate(APOSTROPHES).lower()
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
        self._established: dict[str, bool] = {}
        self._addressed: frozenset[str] | None = None
        self._titled: frozenset[str] | None = None
        self._lowered_titles: str | None = None

    def initial(self, unit: MappedText, offset: int) -> bool:
        """Whether the word at ``offset`` opens a sentence, or follows a colon, a quote or a dash
        (where a capital says nothing about being a name)."""
        index = unit.sentence_index(offset)
        sentence_start = unit.sentences[index].start if index >= 0 else 0
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
                if whole_word_at(text, at, end):
                    if _is_heading(unit) or not self.initial(unit, at):
                        return True
                    follower = _WORD_AFTER.match(text, _skip_possessive(text, end))
                    if follower and is_capitalised(follower.group(1)):
                        return True  # "Tucker Pillsbury said", at the start of a sentence
                at = text.find(stem, at + 1)
        return self._titled_name(key)

    def _titled_name(self, key: str) -> bool:
        """Whether ``key`` is the base form of a capitalised word of link text or the title. Their
        words are read only once some key is in their lower-cased text (most unknown words are
        not, and a real page's links are hundreds of words): an ASCII key without an apostrophe
        is in it wherever a word of that base form stands, as lowering leaves the rest of the
        text ASCII only where it was (or a Kelvin sign, "k" either way)."""
        if self._titled is None and key.isascii() and "'" not in key:
            if self._lowered_titles is None:
                self._lowered_titles = self._titles_text.lower()
            if key not in self._lowered_titles:
                return False
        return key in self._titled_names()

    @cached_property
    def _titles_text(self) -> str:
        """Link text and the title, joined by line breaks (no word spans them), joined once."""
        texts = [link.text for link in self.doc.links]
        if self.doc.title is not None:
            texts.append(self.doc.title.text)
        return "\n".join(texts)

    def _titled_names(self) -> frozenset[str]:
        """The base forms of the capitalised words of link text and the title, read once."""
        if self._titled is None:
            self._titled = frozenset(base_form(word) for word in words(self._titles_text) if is_capitalised(word))
        return self._titled

    def in_link_address(self, word: str) -> bool:
        """Whether the lower-case ``word`` is a word of the address of a link in the body: a
        brand or product as the site itself spells it ("ecobee", a tag page's "sentra"). The
        page's own address is left out, so that a typo in the headline's slug stays a typo."""
        if self._addressed is None:
            own = _address_words(self.doc.canonical or "")
            self._addressed = frozenset(
                part for link in self.doc.links if link.in_body for part in _address_words(link.href) if part not in own
            )
        return word in self._addressed


def _address_words(href: str) -> set[str]:
    """The lower-case words of a link's path: "/2019/11/18/ecobee-black-friday/" -> "ecobee",
    "black", "friday". Not its query or fragment: a share link carries the headline there
    ("tweet?text=Mayor%20recieves%20award"), typos and all."""
    path = href.split("://", 1)[-1].partition("/")[2].partition("?")[0].partition("#")[0]
    return set(_ADDRESS_WORD.findall(path.lower()))


_ADDRESS_WORD = re.compile(r"[a-z]{3,}")
_WORD_AFTER = re.compile(r" ([^\W\d_][\w'’-]*)")


def _skip_possessive(text: str, end: int) -> int:
    return end + 2 if text[end : end + 2] in ("'s", "’s") else end


def whole_word_at(text: str, start: int, end: int, possessive: bool = True) -> bool:
    """Whether text[start:end] is a whole word (with ``possessive``, perhaps followed by "'s")."""
    if start > 0 and (_WORD_CHAR.match(text, start - 1) or (text[start - 1] in "'’.-" and start > 1 and _WORD_CHAR.match(text, start - 2))):
        return False
    if possessive:
        end = _skip_possessive(text, end)
    if end < len(text) and (_WORD_CHAR.match(text, end) or (text[end] in "'’.-" and _WORD_CHAR.match(text, end + 1))):
        return False
    return True

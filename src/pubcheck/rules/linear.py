"""Regular expressions that run in linear time: pack patterns are matched by RE2 (``google-re2``).

Python's ``re`` backtracks, and a pattern such as ``(a+)+$`` takes exponential time on a line of
30 characters; RE2 never backtracks. Patterns keep Python's syntax and meaning: each is parsed by
Python's own parser (so a typo reads as it always has) and written out in RE2's syntax, with
Python's Unicode classes (``\\w`` is any letter, digit or underscore in any script; ``\\s`` any
Unicode space) rather than RE2's ASCII ones.

RE2 has no look-around, and its ``\\b`` knows only ASCII letters, so what Python checks without
consuming is rewritten:

- ``\\b`` at the start or the end of a pattern (or of an alternative at either end) consumes the
  character beside the match instead of looking at it, and an empty group marks where the match
  itself starts or ends; the search steps back one character so that the character is there to
  consume. A ``\\b`` between two parts whose letters are known (``\\bno\\s``) is decided when the
  pattern is compiled.
- At the end of a pattern, look-aheads of single characters (``(?!-\\w)``) are consumed the same way.
- ``(?!(?:word|other)\\b)`` right before a character class and a starred class (``[A-Z][\\w.]*``)
  becomes the class pattern spelled so that it cannot read one of the words.

Anything else that needs backtracking (a back-reference, a look-behind, a look-ahead elsewhere,
possessive or atomic groups) is refused when the pattern loads, with what to write instead.

Most text has no letter or space beyond ASCII (curly quotes and dashes are neither); there RE2's
own ASCII ``\\b``, ``\\w`` and ``\\s`` read it as Python's do, so each pattern is also written
with those, which RE2 compiles in a millisecond: a process's first article with the shipped pack
took 3-10 ms against 54-177 ms with the Unicode spelling alone (it searches no faster after
that). Each kind is written and compiled on first use. tests/test_packs.py checks matches
against Python's ``re`` on both kinds of text, and tests/test_linear_ascii.py that the two
spellings find the same matches on ASCII text.

A rule searches all of a page's blocks (or the sentences it asks about) in one RE2 pass where
the pattern reads a newline as it reads the edge of a text: ``LinearRegex.spans_each``, checked
against a search of each text by tests/test_linear_joined.py.

The pattern is read with ``re._parser``, Python's own (private) parser: Python has no public
parse of a pattern, and reading it any other way would let a pattern mean one thing to ``re``
and another here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add

from re import _constants as sre, _parser  # Python's own parse of the pattern

import re2

from ..text.phrases import phrase_tree

__all__ = ["LinearRegex", "UnsupportedPattern", "compile_linear"]


class UnsupportedPattern(ValueError):
    """The pattern needs a feature that only a backtracking engine has."""


# -- sets of characters, as far as the rewriting needs them -----------------------------------------
#
# A set is (base, include, exclude): the characters of ``base`` (all, word, non-word or none)
# without ``exclude``, plus ``include`` (single characters). That is closed under union,
# intersection and complement, and every such set has a short RE2 spelling.

ALL, WORD, NONWORD, NONE = "all", "word", "nonword", "none"
_BASE_AND = {(a, b): (a if b == ALL else b if a == ALL else a if a == b else NONE) for a in (ALL, WORD, NONWORD, NONE) for b in (ALL, WORD, NONWORD, NONE)}
_BASE_NOT = {ALL: NONE, NONE: ALL, WORD: NONWORD, NONWORD: WORD}


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # Python's \w on str


@dataclass(frozen=True)
class CharSet:
    base: str = NONE
    include: frozenset = frozenset()
    exclude: frozenset = frozenset()

    def _in_base(self, char: str) -> bool:
        return self.base == ALL or (self.base == WORD and is_word_char(char)) or (self.base == NONWORD and not is_word_char(char))

    def __contains__(self, char: str) -> bool:
        return char in self.include or (self._in_base(char) and char not in self.exclude)

    def _normal(self) -> "CharSet":
        include = frozenset(c for c in self.include if not (self._in_base(c) and c not in self.exclude))
        exclude = frozenset(c for c in self.exclude if self._in_base(c))
        return CharSet(self.base, include, exclude)

    def __and__(self, other: "CharSet") -> "CharSet":
        return _intersection(self, other)

    def _intersect(self, other: "CharSet") -> "CharSet":
        base = _BASE_AND[self.base, other.base]
        chars = {c for c in self.include | other.include | self.exclude | other.exclude}
        include = {c for c in chars if c in self and c in other and not (CharSet(base)._in_base(c))}
        exclude = {c for c in chars if CharSet(base)._in_base(c) and not (c in self and c in other)}
        return CharSet(base, frozenset(include), frozenset(exclude))._normal()

    def __invert__(self) -> "CharSet":
        base = _BASE_NOT[self.base]
        return CharSet(base, self.exclude, self.include)._normal()

    def __or__(self, other: "CharSet") -> "CharSet":
        return ~(~self & ~other)

    def __sub__(self, other: "CharSet") -> "CharSet":
        return self & ~other

    @property
    def empty(self) -> bool:
        return self.base == NONE and not self.include

    def within(self, other: "CharSet") -> bool:
        return (self - other).empty

    def regex(self, ascii: bool = False) -> str:
        """The set in RE2's syntax (an atom: a class, or a group of classes). ``ascii``: for text
        whose letters and spaces are all ASCII, where RE2's own \\w and \\W are Python's."""
        parts = []
        excluded = "".join(_class_char(c) for c in sorted(self.exclude))
        if ascii and self.base in (WORD, NONWORD):
            parts.append("[^" + (r"\W" if self.base == WORD else r"\w") + excluded + "]")
        elif self.base == ALL:
            parts.append(f"[^{excluded}]" if excluded else r"[\x{0}-\x{10ffff}]")
        elif self.base == NONWORD:
            parts.append(rf"[^\p{{L}}\p{{N}}_{excluded}]")
        elif self.base == WORD:
            # L and N less the excluded characters: the negation of (not L, or excluded)
            parts += [rf"[^\P{{L}}{excluded}]", rf"[^\P{{N}}{excluded}]"] if excluded else [r"[\p{L}\p{N}]"]
            if "_" not in self.exclude:
                parts.append("_")
        if self.include:
            parts.append("[" + "".join(_class_char(c) for c in sorted(self.include)) + "]")
        if not parts:
            return r"[^\x{0}-\x{10ffff}]"  # matches nothing
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=4096)
def _intersection(one: CharSet, other: CharSet) -> CharSet:
    return one._intersect(other)  # patterns repeat their classes: each pair is worked out once


@lru_cache(maxsize=4096)
def chars(text: str) -> CharSet:
    return CharSet(NONE, frozenset(text))


W, NW, ANY = CharSet(WORD), CharSet(NONWORD), CharSet(ALL)


def _class_char(char: str) -> str:
    code = ord(char)
    return char if char.isalnum() and code < 128 else rf"\x{{{code:x}}}"


# Python's \s on str, and \d (decimal digits: Unicode category Nd, as RE2's \p{Nd})
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_SPACE_CLASS = "".join(_class_char(c) for c in _SPACES)


NOTHING = r"[^\x{0}-\x{10ffff}]"  # matches no character

# -- the pattern, in RE2's syntax -------------------------------------------------------------------


@dataclass
class _Out:
    """What writing a pattern found out: its groups (only the markers RE2 reports back)."""

    groups: int = 0
    heads: list[int] = field(default_factory=list)  # marker groups: where the match starts
    tails: list[int] = field(default_factory=list)  # marker groups: where the match ends
    consumes_before: bool = False  # the match takes the character before it, to test \\b

    def marker(self, kind: list[int]) -> str:
        self.groups += 1
        kind.append(self.groups)
        return "()"


def _first(items) -> CharSet | None:
    """The characters a match of ``items`` can open with, or None if it may be empty or this
    reading cannot tell."""
    found, may_be_empty = _opening(items)
    return None if found is None or may_be_empty else found


def _opening(items) -> tuple[CharSet | None, bool]:
    """(the characters a match of ``items`` can open with, whether it can be empty)."""
    found = CharSet()
    for op, av in items:
        if _zero_width(op, av):
            continue
        item = _item_set(op, av)
        if item is not None:
            return found | item, False
        if op is sre.SUBPATTERN:
            subs = [av[3]]
        elif op is sre.BRANCH:
            subs = av[1]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            subs = [av[2]]
        else:
            return None, True
        skippable = op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0
        for sub in subs:
            first, empty = _opening(sub)
            if first is None:
                return None, True
            found = found | first
            skippable = skippable or empty
        if not skippable:
            return found, False
    return found, True


def _last(items) -> CharSet | None:
    """The characters a match of ``items`` can close with, or None."""
    return _first(_reversed(items))


def _reversed(items) -> list:
    """``items`` read backwards, groups and all (for what a match ends with)."""
    backwards = []
    for op, av in reversed(list(items)):
        if op is sre.SUBPATTERN:
            av = (av[0], av[1], av[2], _reversed(av[3]))
        elif op is sre.BRANCH:
            av = (None, [_reversed(sub) for sub in av[1]])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            av = (av[0], av[1], _reversed(av[2]))
        backwards.append((op, av))
    return backwards


def _item_set(op, av) -> CharSet | None:
    """The characters one single-character item matches, when they are a CharSet."""
    if op is sre.LITERAL:
        return chars(chr(av))
    if op is sre.NOT_LITERAL:
        return ~chars(chr(av))
    if op is sre.ANY:
        return ANY  # \n aside: only where it is read as a neighbour's kind, which \n does not change
    if op is sre.IN:
        found = CharSet()
        negate = False
        for kind, value in av:
            if kind is sre.NEGATE:
                negate = True
            elif kind is sre.LITERAL:
                found = found | chars(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 512:
                found = found | chars("".join(map(chr, range(value[0], value[1] + 1))))
            elif kind is sre.CATEGORY and value in (sre.CATEGORY_WORD, sre.CATEGORY_NOT_WORD, sre.CATEGORY_SPACE):
                found = found | {sre.CATEGORY_WORD: W, sre.CATEGORY_NOT_WORD: NW, sre.CATEGORY_SPACE: chars(_SPACES)}[value]
            else:
                return None
        return ~found if negate else found
    return None


class _Writer:
    """Writes a parsed pattern in RE2's syntax. ``at_start``: for a search from the start of the
    text, where a \\b at the start may hold with no character before it."""

    def __init__(self, flags: int, at_start: bool, ascii: bool = False):
        self.out = _Out()
        self.flags = flags
        self.at_start = at_start
        self.ascii = ascii  # for text whose letters and spaces are ASCII: RE2's \\b and \\w are Python's

    def pattern(self, items) -> str:
        items = list(items)
        if self.ascii or not _head_boundary(items):
            return self.sequence(items, tail=True)
        self.out.consumes_before = True
        return self.heads(items)

    def heads(self, items) -> str:
        """Each alternative at the start consumes the character before the match (or opens the
        text), testing it where the alternative starts with \\b, and marks where it starts."""
        if len(items) == 1 and items[0][0] is sre.BRANCH:
            return "(?:" + "|".join(self.heads(list(sub)) for sub in items[0][1][1]) + ")"
        if len(items) == 1 and items[0][0] is sre.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
            return "(?:" + self.heads(list(items[0][1][3])) + ")"
        if items and items[0] in ((sre.AT, sre.AT_BOUNDARY), (sre.AT, sre.AT_NON_BOUNDARY)):
            boundary, body = items[0][1] is sre.AT_BOUNDARY, items[1:]
            if body and body[0][0] is sre.AT:
                raise UnsupportedPattern(r"two tests in a row at the start of a pattern (\b\b, \b^)")
            kind = _kind(_first(body))
            if kind is None:
                raise UnsupportedPattern(r"\b before something that may or may not start with a letter; start the pattern with a letter, a space or a class")
            wants_word = (kind == NONWORD) == boundary  # \b before a letter: no letter before it
            check = (W if wants_word else NW).regex()
            before = check if wants_word or not self.at_start else rf"(?:\A|{check})"
        else:
            body = items
            before = r"(?:\A|(?s:.))" if self.at_start else "(?s:.)"
        return before + self.out.marker(self.out.heads) + self.sequence(body, tail=True)

    def sequence(self, items, tail: bool = False, after: CharSet | None = None) -> str:
        items = list(items)
        end = len(items)
        if tail:
            while end > 0 and _zero_width(*items[end - 1]):
                end -= 1
        parts = []
        for index in range(end):
            op, av = items[index]
            words = _words_ahead(av) if op is sre.ASSERT_NOT else None
            if words is not None:
                parts.append(self.not_words(words, items[index + 1 :], tail, after))
                return "".join(parts)
            if _zero_width(op, av):
                parts.append(self.middle(op, av, items[:index], items[index + 1 :], after))
            else:
                last = index == end - 1
                parts.append(self.item(op, av, tail=tail and last and end == len(items), after=after if last else None))
        if tail and end < len(items):
            parts.append(self.tail(items[end:], _last(items[:end])))
        return "".join(parts)

    def middle(self, op, av, before, following, after) -> str:
        if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY) and self.ascii:
            return r"\b" if av is sre.AT_BOUNDARY else r"\B"
        if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            left, right = _kind(_last(before)), _kind(_first(following) if following else after)
            if left is None or right is None:
                raise UnsupportedPattern(r"\b between parts that may or may not be letters needs look-around; put \b at the start or the end of the pattern, or next to a letter or a space")
            holds = (left != right) == (av is sre.AT_BOUNDARY)
            return "" if holds else NOTHING
        if op is sre.AT and av is sre.AT_BEGINNING and self.flags & re.M:
            return "(?m:^)"
        if op is sre.AT and av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            return r"\A"
        if op is sre.AT and av is sre.AT_END_STRING:
            return r"\z"
        if op is sre.AT and av is sre.AT_END:
            return r"(?:\z|\n\z)" if not self.flags & re.M else "(?m:$)"
        raise UnsupportedPattern(_refusal(op))

    def tail(self, assertions, left: CharSet | None) -> str:
        """Zero-width tests at the end, as a consumed look at what follows (after a marker)."""
        constraints = []
        native = ""
        for op, av in assertions:
            if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY) and self.ascii:
                native += r"\b" if av is sre.AT_BOUNDARY else r"\B"
            elif op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
                kind = _kind(left)
                if kind is None:
                    raise UnsupportedPattern(r"\b after something that may or may not end with a letter; end the pattern with a letter, a space or a class")
                # \b after a letter: no letter next; \B after a letter: a letter next
                word_next = (kind == WORD) != (av is sre.AT_BOUNDARY)
                constraints.append(("must", [W]) if word_next else ("not", [W]))
            elif op is sre.AT and av is sre.AT_END and self.flags & re.M:
                constraints.append(("not", [~chars("\n")]))  # a line break or the end next
            elif op is sre.AT and av in (sre.AT_END, sre.AT_END_STRING):
                constraints.append(("end", av is sre.AT_END))
            elif op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] == 1:
                sets = [_item_set(o, a) for o, a in av[1]]
                if not sets or any(s is None for s in sets):
                    raise UnsupportedPattern("a look-ahead at the end may test single characters only, such as (?!-\\w)")
                constraints.append(("must" if op is sre.ASSERT else "not", sets))
            else:
                raise UnsupportedPattern(_refusal(op))
        if not constraints:
            return native
        return native + self.out.marker(self.out.tails) + _lookahead(constraints, self.ascii)

    def item(self, op, av, tail: bool = False, after: CharSet | None = None) -> str:
        if op is sre.LITERAL:
            return _literal(chr(av))
        if op is sre.NOT_LITERAL:
            return f"[^{_class_char(chr(av))}]"
        if op is sre.ANY:
            return "(?s:.)" if self.flags & re.S else r"[^\n]"
        if op is sre.IN:
            return _class(av, self.ascii)
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(sub, tail=tail, after=after) for sub in av[1]) + ")"
        if op is sre.SUBPATTERN:
            group, add, remove, sub = av
            flags = _inline_flags(add, remove)
            writer_flags = (self.flags | add) & ~remove
            saved, self.flags = self.flags, writer_flags
            try:
                body = self.sequence(sub, tail=tail, after=after)
            finally:
                self.flags = saved
            return f"(?{flags}:{body})"
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, sub = av
            if high is not sre.MAXREPEAT and high > 1000:
                raise UnsupportedPattern(f"a repeat of more than 1000 ({{{low},{high}}}); use + or *")
            body = self.sequence(sub)
            count = {(0, sre.MAXREPEAT): "*", (1, sre.MAXREPEAT): "+", (0, 1): "?"}.get((low, high))
            if count is None:
                count = f"{{{low},}}" if high is sre.MAXREPEAT else f"{{{low}}}" if low == high else f"{{{low},{high}}}"
            return f"(?:{body}){count}" + ("?" if op is sre.MIN_REPEAT else "")
        if op is sre.CATEGORY:
            return _class([(op, av)], self.ascii)
        raise UnsupportedPattern(_refusal(op))

    def not_words(self, words: list[str], following, tail: bool, after: CharSet | None) -> str:
        """``(?!(?:w1|w2)\\b)`` then a class C and a starred class K: C K* spelled so that the
        word it opens is none of the words."""
        if len(following) < 2:
            raise UnsupportedPattern(_LOOKAHEAD_SHAPE)
        (op1, av1), (op2, av2) = following[0], following[1]
        first = _item_set(op1, av1)
        star = _item_set(*av2[2][0]) if op2 is sre.MAX_REPEAT and av2[:2] == (0, sre.MAXREPEAT) and len(av2[2]) == 1 else None
        rest = following[2:]
        if first is None or star is None:
            raise UnsupportedPattern(_LOOKAHEAD_SHAPE)
        # The word must end where K* ends: what follows must not start with a letter.
        follower = _first(rest) if rest else None
        if follower is None or not (follower & W).empty:
            raise UnsupportedPattern(_LOOKAHEAD_SHAPE + "; what follows must start with a space or a mark, not a letter")
        repeat = star.regex(self.ascii) + "*"
        folding = bool(self.flags & re.I)
        if folding:  # a letter then stands for both its cases, in the words and in the classes
            words = sorted({word.lower() for word in words})

        def cased(text: str) -> set[str]:
            return set(text + text.upper() + text.lower()) if folding else set(text)

        def takes(letters: CharSet, char: str) -> bool:
            return char in letters or (folding and (char.upper() in letters or char.lower() in letters))

        trie = phrase_tree(words)

        # RE2 compiles each Unicode class on its own, and a class per trie node made the shipped
        # pack's pattern take half a second to compile: here a letter beyond ASCII, which no listed
        # word has, is one class after any prefix of a listed word.
        ascii_first, ascii_star = ({c for c in _ASCII_WORD if c in letters} for letters in (first, star))

        def other_letters(letters: CharSet) -> CharSet:
            return (letters & W) - chars(_ASCII_WORD)

        def group(options: list[str]) -> str | None:
            return "(?:" + "|".join(options) + ")" if options else None

        def diverging(node: dict, letters: CharSet) -> str | None:
            """A prefix of a listed word, then an ASCII letter no listed word has next."""
            options = []
            others = (ascii_first if letters is first else ascii_star) - cased("".join(node))
            if others:
                options.append("[" + "".join(_class_char(c) for c in sorted(others)) + "]")
            for char in sorted(c for c in node if c and takes(letters, c)):
                deeper = diverging(node[char], star)
                if deeper:
                    options.append(_literal(char) + deeper)
            return group(options)

        def prefixes(node: dict, letters: CharSet) -> str | None:
            """Any prefix of a listed word, at least one character long."""
            options = []
            for char in sorted(c for c in node if c and takes(letters, c)):
                deeper = prefixes(node[char], star)
                options.append(_literal(char) + (f"(?:{deeper})?" if deeper else ""))
            return group(options)

        def ending(node: dict, letters: CharSet) -> str | None:
            """A prefix of a listed word that is not itself a listed word, where the word ends."""
            options = []
            for char in sorted(c for c in node if c and takes(letters, c)):
                child = node[char]
                deeper = ending(child, star)
                if "" not in child:
                    options.append(_literal(char) + (f"(?:{deeper})?" if deeper else ""))
                elif deeper:
                    options.append(_literal(char) + deeper)
            return group(options)

        diverge = [d for d in (diverging(trie, first),) if d]
        if not other_letters(first).empty:
            diverge.append(other_letters(first).regex(self.ascii))
        if not other_letters(star).empty and prefixes(trie, first):
            diverge.append(prefixes(trie, first) + other_letters(star).regex(self.ascii))
        opening = [group(diverge) + repeat] if diverge else []
        ends = ending(trie, first)
        if ends:
            nonword = star - W
            opening.append(ends + ("(?:" + nonword.regex(self.ascii) + repeat + ")?" if not nonword.empty else ""))
        if not (first - W).empty:
            opening.append((first - W).regex(self.ascii) + repeat)  # no word at all
        written = group(opening) or NOTHING
        return written + self.sequence(rest, tail=tail, after=after)


_ASCII_WORD = "".join(c for c in map(chr, range(128)) if is_word_char(c))
_LOOKAHEAD_SHAPE = r"a look-ahead of words must stand right before a class and a starred class, as in (?!(?:Some|Many)\b)[A-Z][\w.]*"


def _newline_reads_as_edge(items, ahead: bool = False) -> bool:
    """Whether a match that takes no newline is found alike with a newline or the text's edge
    beside it: the pattern looks beside a match only with \\b, \\B (each reads a newline as
    the edge, a non-letter) and look-aheads (``ahead``) that take no newline."""
    for op, av in items:
        if op is sre.AT:
            if av not in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if av[0] != 1 or not _newline_reads_as_edge(av[1], ahead=True):
                return False
        elif op is sre.SUBPATTERN:
            if not _newline_reads_as_edge(av[3], ahead):
                return False
        elif op is sre.BRANCH:
            if not all(_newline_reads_as_edge(sub, ahead) for sub in av[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if not _newline_reads_as_edge(av[2], ahead):
                return False
        elif op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            if ahead and (_item_set(op, av) is None or "\n" in _item_set(op, av)):
                return False
        else:
            return False
    return True


def _head_boundary(items) -> bool:
    """Whether a \\b or \\B opens the pattern, or one of its alternatives at the start."""
    items = list(items)
    if not items:
        return False
    op, av = items[0]
    if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
        return True
    if len(items) == 1 and op is sre.BRANCH:
        return any(_head_boundary(sub) for sub in av[1])
    if len(items) == 1 and op is sre.SUBPATTERN and not av[1] and not av[2]:
        return _head_boundary(av[3])
    return False


def _zero_width(op, av) -> bool:
    return op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT)


def _kind(found: CharSet | None) -> str | None:
    if found is None or found.empty:
        return None
    if found.within(W):
        return WORD
    if found.within(NW):
        return NONWORD
    return None


def _words_ahead(av) -> list[str] | None:
    """The words of a look-ahead ``(?:w1|w2…)\\b`` made of letters only, or None."""
    direction, items = av
    items = list(items)
    if direction != 1 or not items or items[-1] != (sre.AT, sre.AT_BOUNDARY):
        return None
    words = _literal_strings(items[:-1])
    if not words or len(words) > 500 or not all(w and all(is_word_char(c) for c in w) for w in words):
        return None
    return sorted(words)


def _literal_strings(items) -> set[str] | None:
    """Every string a pattern of literals, optional parts and alternatives matches (a few hundred at most)."""
    found = {""}
    for op, av in items:
        if op is sre.LITERAL:
            options = {chr(av)}
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            options = _literal_strings(av[3])
        elif op is sre.BRANCH:
            options = set()
            for sub in av[1]:
                strings = _literal_strings(sub)
                if strings is None:
                    return None
                options |= strings
        elif op is sre.MAX_REPEAT and av[:2] == (0, 1):
            options = _literal_strings(av[2])
            options = None if options is None else options | {""}
        else:
            return None
        if options is None:
            return None
        found = {a + b for a in found for b in options}
        if len(found) > 500:
            return None
    return found


def _lookahead(constraints: list, ascii: bool = False) -> str:
    """A regex that consumes what follows when, and only when, every constraint holds:
    ("not", [sets…]) the next characters are not in these sets; ("must", [sets…]) they are;
    ("end", dollar) the text ends here (with $, perhaps after one newline)."""
    if not constraints:
        return ""
    options = []
    if all(kind == "not" or (kind == "must" and not seq) or kind == "end" for kind, seq in constraints):
        options.append(r"\z")
    heads = [seq[0] for kind, seq in constraints if kind in ("not", "must") and seq]
    atoms = [ANY]
    for head in heads:
        atoms = [piece for atom in atoms for piece in (atom & head, atom - head) if not piece.empty]
    dollar_newline = any(kind == "end" and seq for kind, seq in constraints)
    for atom in atoms:
        if any(kind == "end" for kind, _ in constraints):  # only the end, or $'s one newline before it
            others = [(kind, seq) for kind, seq in constraints if kind != "end"]
            if dollar_newline and "\n" in atom and not any(kind == "must" or ("\n" in seq[0] and len(seq) == 1) for kind, seq in others):
                options.append(r"\n\z")
            continue
        remaining = []
        possible = True
        for kind, seq in constraints:
            if not seq:
                continue
            inside = atom.within(seq[0])
            if kind == "not":
                if inside:
                    if len(seq) == 1:
                        possible = False
                        break
                    remaining.append((kind, seq[1:]))
            else:
                if not inside:
                    possible = False
                    break
                if len(seq) > 1:
                    remaining.append((kind, seq[1:]))
        if possible:
            options.append(atom.regex(ascii) + _lookahead(remaining, ascii))
    return "(?:" + "|".join(options) + ")" if options else NOTHING


def _literal(char: str) -> str:
    return re.escape(char) if ord(char) < 128 else rf"\x{{{ord(char):x}}}"


def _inline_flags(add: int, remove: int) -> str:
    def letters(flags: int) -> str:
        return "".join(letter for flag, letter in ((re.I, "i"), (re.M, "m"), (re.S, "s")) if flags & flag)

    if (add | remove) & ~(re.I | re.M | re.S | re.U | re.X):
        raise UnsupportedPattern("only the i, m, s and x inline flags can be used")
    plus, minus = letters(add), letters(remove)
    return plus + (f"-{minus}" if minus else "")


_CATEGORIES = {
    sre.CATEGORY_WORD: r"\p{L}\p{N}_",
    sre.CATEGORY_DIGIT: r"\p{Nd}",
    sre.CATEGORY_SPACE: _SPACE_CLASS,
}
_NEGATED = {sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD, sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE}


_PERL = {
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
}


def _class(items, ascii: bool = False) -> str:
    """A character class: Python's Unicode \\w, \\d and \\s spelled as RE2 Unicode classes
    (or, with ``ascii``, as RE2's own, which are Python's on text they are used for)."""
    if ascii:
        spelled = []
        for kind, value in items:
            if kind is sre.NEGATE:
                spelled.append("^")
            elif kind is sre.LITERAL:
                spelled.append(_class_char(chr(value)))
            elif kind is sre.RANGE:
                spelled.append(f"{_class_char(chr(value[0]))}-{_class_char(chr(value[1]))}")
            elif kind is sre.CATEGORY and value in _PERL:
                spelled.append(_PERL[value])
            else:
                raise UnsupportedPattern(f"unsupported item in a character class ({kind})")
        return "[" + "".join(spelled) + "]"
    negate = False
    positive, negative = [], []
    for kind, value in items:
        if kind is sre.NEGATE:
            negate = True
        elif kind is sre.LITERAL:
            positive.append(_class_char(chr(value)))
        elif kind is sre.RANGE:
            positive.append(f"{_class_char(chr(value[0]))}-{_class_char(chr(value[1]))}")
        elif kind is sre.CATEGORY and value in _CATEGORIES:
            positive.append(_CATEGORIES[value])
        elif kind is sre.CATEGORY and value in _NEGATED:
            negative.append(_NEGATED[value])
        else:
            raise UnsupportedPattern(f"unsupported item in a character class ({kind})")
    listed = "".join(positive)
    if not negative:
        return f"[{'^' if negate else ''}{listed}]"
    if len(negative) > 1:
        raise UnsupportedPattern(r"a class with two of \W, \D, \S; write it another way")
    (category,) = negative
    if not negate:  # [\Wx] : not a letter, or x
        return f"(?:[^{_CATEGORIES[category]}]" + (f"|[{listed}]" if listed else "") + ")"
    # [^\Wx] : a letter other than x. A letter is in L or N (or is _): each less the listed ones.
    if category == sre.CATEGORY_WORD:
        parts = [rf"[^\P{{L}}{listed}]", rf"[^\P{{N}}{listed}]"] + ([] if _class_char("_") in listed else ["_"])
        return "(?:" + "|".join(parts) + ")"
    if category == sre.CATEGORY_DIGIT:
        return rf"[^\P{{Nd}}{listed}]"
    if listed:
        raise UnsupportedPattern(r"[^\S…] with other characters; list the spaces you mean")
    return f"[{_SPACE_CLASS}]"


def _refusal(op) -> str:
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        return "a back-reference needs a backtracking engine; match the text without referring back"
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return r"look-ahead and look-behind are not supported here; use an 'unless' pattern to skip what should not match, or put \b at the start or end"
    if op in (sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP):
        return "possessive repeats and atomic groups are not supported; a plain repeat is already fast here"
    return f"unsupported regex feature ({op})"


# -- matching ---------------------------------------------------------------------------------------


class LinearRegex:
    """A pattern matched in linear time. ``spans`` is ``finditer``; ``search`` is ``search``; each
    takes ``start`` and ``end`` as ``re``'s ``pos`` and ``endpos`` do."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self._flags = pattern, flags
        self._parsed = None
        # Written now for Unicode text after the start (the kind that refuses most, so that what
        # cannot run is refused when the pack loads); the other kinds are written, and each kind
        # compiled, on first use: RE2 takes milliseconds for a pattern with Unicode classes, and
        # most text needs only the ASCII one.
        self._written: list = [None, self._write(False, False), None]
        self._variants: list = [None, None, None]

    def _write(self, at_start: bool, ascii: bool) -> tuple:
        """The pattern in RE2's syntax and its marker groups, kept in the cache folder: writing the
        shipped pack's patterns costs a one-file run ~40 ms (a broken pattern is never kept)."""
        from ..cache import cached, file_key, keyed_name

        key = (file_key(__file__), (self.pattern, self._flags, at_start, ascii))
        return tuple(cached(keyed_name("re2/", key, ".marshal"), lambda: self._write_now(at_start, ascii), key=key, keep=1024))

    def _write_now(self, at_start: bool, ascii: bool) -> tuple:
        if self._parsed is None:
            try:
                self._parsed = _parser.parse(self.pattern, self._flags)
            except re.error as exc:
                raise UnsupportedPattern(str(exc)) from None
        flags = self._parsed.state.flags
        prefix = "".join(letter for flag, letter in ((re.I, "(?i)"), (re.M, "(?m)"), (re.S, "(?s)")) if flags & flag)
        writer = _Writer(flags, at_start, ascii)
        body = writer.pattern(self._parsed)
        out = writer.out
        return prefix + body, out.heads, out.tails, out.consumes_before, _newline_reads_as_edge(self._parsed)

    def _variant(self, index: int):
        variant = self._variants[index]
        if variant is None:
            if self._written[index] is None:
                self._written[index] = self._write(index == 0, index == 2)
            body, heads, tails, consumes_before, _ = self._written[index]
            options = re2.Options()
            options.log_errors = False
            options.max_mem = 64 << 20
            try:
                compiled = re2.compile(body, options)
            except re2.error as exc:
                raise UnsupportedPattern(f"the linear-time engine cannot run {self.pattern!r} ({exc})") from None
            variant = self._variants[index] = (compiled._regexp, heads, tails, consumes_before)
        return variant

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        return self._matches(text, start, end, first_only=False)

    def spans_each(self, texts: list[str], lower: bool = False) -> list[list[tuple[int, int]] | tuple[()]] | None:
        """``[self.spans(text) for text in texts]`` (though a text without a match may have an
        empty tuple: on a long page, thousands of empty lists alive at once made the garbage
        collector's full passes cost a third of the search), found in one search of the texts
        joined by newlines where the pattern allows: a search per text cost more than the
        searching itself (an article's block is ~160 characters). A pattern that tests what lies
        beside a match only with \\b, \\B and look-aheads of characters other than a newline
        reads a newline beside a match as it reads the edge of the text; a match that takes a
        newline between two texts is one they do not have alone, and then each text is searched
        on its own. tests/test_linear_joined.py checks both ways find the same matches.

        ``lower``: the matches in each text lower-cased (``text.lower()``), or None if that
        changes the length of a text (the offsets would not be the text's)."""
        if len(texts) > 1 and sum(map(len, texts)) > JOINED_CHARACTERS:
            found = []
            for run in runs(texts, list(map(len, texts))):
                each = self.spans_each(run, lower)
                if each is None:
                    return None
                found += each
            return found
        joined = "\n".join(["", *texts])
        data, others = _encoded(joined)
        if lower and not all(char.lower() == char for char in others):
            lowered = list(map(str.lower, texts))
            return self.spans_each(lowered) if list(map(len, lowered)) == list(map(len, texts)) else None
        # Each character beyond ASCII its own lower case: lower() changes the ASCII letters alone,
        # and lowering them in the encoded text is 20 times quicker (str.lower was 40% of an
        # article's search: its other characters make it go character by character).
        if len(texts) > 1 and self._written[1][4]:
            found = self._spans_joined(texts, encoded=(data.lower() if lower else data, others), lower=lower)
            if found is not None:
                return found
        return [self.spans(text.lower() if lower else text) for text in texts]

    def spans_each_window(self, windows: list[tuple[str, int, int]]) -> list[list[tuple[int, int]] | tuple[()]]:
        """``[self.spans(text, start, end) for text, start, end in windows]``, found as
        ``spans_each`` finds them (a match that starts in the character kept before a window, for
        \\b, is not the window's either)."""
        # Matches in one sentence share its window: each window is searched once, so the joined
        # text stays within the document's length (one copy per match grew with their square).
        first: dict[tuple[int, int, int], int] = {}
        for index, (text, start, end) in enumerate(windows):
            first.setdefault((id(text), start, end), index)
        if len(first) < len(windows):
            distinct = [windows[index] for index in first.values()]
            found = dict(zip(first, self.spans_each_window(distinct)))
            return [found[(id(text), start, end)] for text, start, end in windows]
        lengths = [end - start for _, start, end in windows]
        if len(windows) > 1 and sum(lengths) > JOINED_CHARACTERS:
            return [spans for run in runs(windows, lengths) for spans in self.spans_each_window(run)]
        if len(windows) > 1 and self._written[1][4]:
            cuts = [_piece(*window) for window in windows]
            kept = [index for index, cut in enumerate(cuts) if cut is not None]  # a window that ends before it starts has no matches
            pieces, contexts, bases = (list(part) for part in zip(*(cuts[index] for index in kept))) if kept else ([], [], [])
            joined = "\n".join(["", *pieces])
            found = self._spans_joined(pieces, contexts, bases, encoded=_encoded(joined))
            if found is not None:
                each: list = [_NONE] * len(windows)
                for index, spans in zip(kept, found):
                    each[index] = spans
                return each
        return [self.spans(*window) for window in windows]

    def _spans_joined(self, pieces: list[str], contexts: list[int] | None = None, bases: list[int] | None = None, *, encoded: tuple[bytes, set[str]], lower: bool = False) -> list | None:
        """The matches in each piece after its context (0 or 1 characters, for \\b), as offsets
        from its base (its offset in its text; by default all are 0); None when a match is not
        one of a piece's. ``encoded``: a newline, then the pieces joined by newlines (a newline
        before the first too: the search is then never at the text's start, and one spelling
        serves all; compiling the one for the start too cost a one-file run 13 ms), in UTF-8
        (lowered with ``lower``, each of its characters beyond ASCII its own lower case), and
        its characters as ``_encoded`` gives them."""
        each: list = [_NONE] * len(pieces)
        data, others = encoded
        unlike = _unlike_ascii(others)
        groups = [(range(len(pieces)), pieces, data, not unlike)]
        if unlike:
            # RE2 builds its Unicode spelling's states as it reads: on a whole page, read once in
            # a one-file run, that cost 30 ms more than on the few pieces that need it, those with
            # a character RE2's ASCII spelling reads otherwise.
            # Each piece is looked at once (a search of the whole text per such character took a
            # page of many distinct ideographs that many times its length).
            marked = {index for index, piece in enumerate(pieces) if not unlike.isdisjoint(piece)}
            groups = []
            for ascii_like, group in ((True, [index for index in range(len(pieces)) if index not in marked]), (False, sorted(marked))):
                parts = [pieces[index] for index in group]
                part_data = "\n".join(["", *parts]).encode("utf-8", "surrogatepass")
                groups.append((group, parts, part_data.lower() if lower else part_data, ascii_like))
        for group, parts, part_data, ascii_like in groups:
            found = self.scan_encoded(part_data, ascii_like, 1, 0) if parts else []
            starts = _starts(parts) if found else []
            for start, end in found:
                at = bisect_right(starts, start) - 1
                index, first = group[at], starts[at]
                if start < first + (contexts[index] if contexts else 0) or end > first + len(parts[at]):
                    return None  # the match takes a newline between two pieces, or a piece's context
                base = bases[index] - first if bases else -first
                if each[index] is _NONE:
                    each[index] = []
                each[index].append((start + base, end + base))
        return each

    def search(self, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        found = self._matches(text, start, end, first_only=True)
        return found[0] if found else None

    def _matches(self, text: str, start: int, end: int | None, first_only: bool) -> list[tuple[int, int]]:
        cut = _piece(text, start, end)
        return [] if cut is None else self.scan(*cut, first_only, whole=text)

    def scan(self, piece: str, context: int, base: int, first_only: bool = False, whole: str | None = None) -> list[tuple[int, int]]:
        """Matches in ``piece`` after its first ``context`` characters (0 or 1, there only for \\b),
        as offsets from ``base``, the offset of ``piece`` in the text. ``whole``: the text, when
        ``piece`` is part of it (its kind of characters is looked up once)."""
        data = piece.encode("ascii") if piece.isascii() else piece.encode("utf-8", "surrogatepass")
        return self.scan_encoded(data, _ascii_like(piece if whole is None else whole), context, base, first_only)

    def scan_encoded(self, data: bytes, ascii_like: bool, context: int, base: int, first_only: bool = False) -> list[tuple[int, int]]:
        """``scan`` of the piece ``data`` encodes (in UTF-8), told whether RE2's ASCII spelling
        reads it (``_ascii_like``)."""
        if ascii_like:
            regexp, heads, tails, consumes_before = self._variant(2)
        else:
            regexp, heads, tails, consumes_before = self._variant(0 if context == 0 else 1)
        size = len(data)
        plain = data.isascii()
        offsets = None if plain else _Offsets(data, base)
        search_from = 0 if consumes_before else _char_length(data, 0) if context else 0
        found = []
        while search_from <= size:
            spans = regexp.Match(_UNANCHORED, data, search_from, size)
            found_start, found_end = spans[0]
            if found_start == -1:
                break
            if heads:
                found_start = _marked(spans, heads, found_start)
            if tails:
                found_end = _marked(spans, tails, found_end)
            found.append((found_start + base, found_end + base) if plain else (offsets.char(found_start), offsets.char(found_end)))
            if first_only:
                break
            if found_end == found_start:  # an empty match: step past it
                found_end += _char_length(data, found_end)
                if found_end > size:
                    break
            search_from = found_end - _previous_length(data, found_end) if consumes_before else found_end
        return found


_NONE: tuple[()] = ()  # no matches, in what spans_each returns
# spans_each, spans_each_window and passive-voice join texts in runs of about this many characters: one search
# for an article, while on a long page the joined copies (4 bytes a character when one holds an
# emoji), its UTF-8 and its lower case stay a few MB (a 5.2 MB page's body joined whole: 35 MB).
JOINED_CHARACTERS = 1 << 18


def runs(items: list, lengths: list[int]) -> list[list]:
    """``items`` in order, in runs whose ``lengths`` add up to at most JOINED_CHARACTERS (an item
    longer than that is a run of its own)."""
    done, run, size = [], [], 0
    for item, length in zip(items, lengths):
        if run and size + length > JOINED_CHARACTERS:
            done.append(run)
            run, size = [], 0
        run.append(item)
        size += length
    return done + [run]


def _starts(pieces: list[str]) -> list[int]:
    """Where each piece starts in a newline, then the pieces joined by newlines (and one more)."""
    return list(accumulate(map(add, map(len, pieces), repeat(1)), initial=1))


def _piece(text: str, start: int, end: int | None) -> tuple[str, int, int] | None:
    """What ``scan`` searches for a match in text[start:end] (start and end read as ``re``'s pos
    and endpos): the piece, its context (the character before ``start``, for \\b) and its offset
    in ``text``. None when the window ends before it starts."""
    length = len(text)
    end = length if end is None or end > length else end
    start = max(0, start)
    if start > end:
        return None
    context = 1 if start > 0 else 0
    return (text[start - context : end] if start or end != length else text), context, start - context


_UNANCHORED = re2._Anchor.UNANCHORED  # the compiled regex's own Match(): re2.search() encodes the text again each call

# The ASCII characters RE2's ASCII \\b, \\w and \\s read as Python's do: all but the controls
# Python counts as spaces (RE2's \\s is [\\t\\n\\f\\r ])
_PLAIN_ASCII = bytes(code for code in range(128) if code not in b"\x0b\x1c\x1d\x1e\x1f")


def _marked(spans, groups: list[int], default: int) -> int:
    """Where a marker group says the match starts (or ends), else ``default``."""
    for group in groups:
        at = spans[group][0]
        if at != -1:
            return at
    return default


_checked: tuple[str | None, bool] = (None, False)  # the last text looked at, and the answer


def _ascii_like(text: str) -> bool:
    """Whether RE2's ASCII \\b, \\w and \\s read ``text`` as Python's do. Remembered for the last
    text: a rule searches one block for each of its sentences."""
    global _checked
    last = _checked
    if last[0] is text:
        return last[1]
    answer = not _unlike_ascii(_encoded(text)[1])
    _checked = (text, answer)
    return answer


def _encoded(text: str) -> tuple[bytes, set[str]]:
    """``text`` in UTF-8, and its characters other than the ASCII ones RE2's ASCII \\b, \\w and
    \\s read as Python's do (all but the controls Python counts as spaces)."""
    # Articles have few such characters (quotation marks, dashes): they are looked at alone, each
    # kind once. Deleting bytes is ~10 times quicker than a regex's findall on a str; a UTF-8
    # byte below 0x80 is always a character of its own. tests/test_linear_ascii.py checks this
    # against the plain reading, character by character.
    data = text.encode("utf-8", "surrogatepass")
    rest = data.translate(None, _PLAIN_ASCII)
    return data, set(rest.decode("utf-8", "surrogatepass")) if rest else set()


def _unlike_ascii(others: set[str]) -> set[str]:
    """Of ``_encoded``'s other characters, those RE2's ASCII \\b, \\w and \\s read otherwise
    than Python's: letters, digits and spaces beyond ASCII, and the ASCII controls Python counts
    as spaces."""
    return {char for char in others if char.isalnum() or char.isspace()}


def _char_length(data: bytes, at: int) -> int:
    if at >= len(data):
        return 1
    lead = data[at]
    return 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


def _previous_length(data: bytes, at: int) -> int:
    if at == 0:
        return 0
    back = at - 1
    while back > 0 and data[back] & 0xC0 == 0x80:
        back -= 1
    return at - back


class _Offsets:
    """Byte offsets in the UTF-8 text as character offsets in the string, for increasing offsets
    in one pass (a match's end may come before the next match's start by one character)."""

    def __init__(self, data: bytes, base: int):
        self.data, self.base = data, base
        self.byte, self.char_at = 0, 0

    def char(self, byte: int) -> int:
        if byte < self.byte:  # one step back (at most a character): count from the start again
            self.byte, self.char_at = 0, 0
        self.char_at += len(self.data[self.byte : byte].decode("utf-8", "surrogatepass"))
        self.byte = byte
        return self.base + self.char_at


@lru_cache(maxsize=512)
def compile_linear(pattern: str, flags: int = 0) -> LinearRegex:
    return LinearRegex(pattern, flags)

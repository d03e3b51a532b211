"""The rule kinds a YAML pack can instantiate, after Vale's: existence, substitution, occurrence, metric.

Each kind is a :class:`Rule` subclass; a pack file fills in its class attributes (``spec``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from operator import attrgetter
from typing import Any, Callable, ClassVar, Iterable, Iterator

from ..document import Document, MappedText
from ..document.sentences import QUOTED
from ..findings import Fix
from .base import Problem, Rule

Unit = tuple[MappedText, int, int]  # text, start, end


def _whole(items) -> Iterator[Unit]:
    return ((item, 0, len(item.text)) for item in items if item is not None and item.text)


SCOPES: dict[str, Callable[[Document], Iterable[Unit]]] = {
    "body": lambda doc: _whole(doc.body),
    "sentence": lambda doc: ((b, s.start, s.end) for b in doc.body for s in b.sentences),
    "paragraph": lambda doc: _whole(b for b in doc.body if b.kind == "paragraph"),
    "list-item": lambda doc: _whole(b for b in doc.body if b.kind == "list-item"),
    "blockquote": lambda doc: _whole(b for b in doc.body if b.kind == "blockquote"),
    "caption": lambda doc: _whole(b for b in doc.body if b.kind == "caption"),
    "heading": lambda doc: _whole(doc.headings),
    "title": lambda doc: _whole([doc.title]),
    "headline": lambda doc: _whole([doc.headline]),
    "description": lambda doc: _whole([doc.meta.get("description")]),
}

METRICS: dict[str, Callable[[Document], float]] = {
    "words": lambda doc: doc.word_count,
    "sentences": lambda doc: sum(len(b.sentences) for b in doc.body),
    "paragraphs": lambda doc: sum(1 for b in doc.body if b.kind == "paragraph"),
    "headings": lambda doc: len(doc.headings),
    "links": lambda doc: sum(1 for link in doc.links if link.in_body),
    "images": lambda doc: sum(1 for image in doc.images if image.in_body),
    "images-without-alt": lambda doc: sum(1 for image in doc.images if image.in_body and not (image.alt or "").strip()),
    "words-per-sentence": lambda doc: doc.word_count / max(1, sum(len(b.sentences) for b in doc.body)),
    "title-length": lambda doc: len(doc.title.text) if doc.title else 0,
    "description-length": lambda doc: len(doc.meta["description"].text) if "description" in doc.meta else 0,
}
# Where a metric's finding points: the thing it measures, when there is one.
METRIC_LOCATIONS: dict[str, Callable[[Document], MappedText | None]] = {
    "title-length": lambda doc: doc.title,
    "description-length": lambda doc: doc.meta.get("description"),
}


def phrase_alternatives(tokens: Iterable[str]) -> list[str]:
    """Regex alternatives for literal words and phrases: whole words, any run of spaces between them."""
    parts = []
    for token in sorted(set(tokens), key=len, reverse=True):
        body = r"\s+".join(re.escape(piece) for piece in token.split())
        left = r"\b" if token[:1].isalnum() else ""
        right = r"\b" if token[-1:].isalnum() else ""
        parts.append(f"{left}{body}{right}")
    return parts


def alternation(parts: list[str], flags: int) -> re.Pattern:
    """Compile alternatives as one regex. When every alternative starts at a word boundary the
    boundary is tested once, before the alternation, so most positions are rejected at once
    (4x faster on the unsourced-claim pack); then a look-ahead for the characters an alternative
    can open with turns away most word starts before any alternative is tried (another 1.4x)."""
    if not all(p.startswith(r"\b") for p in parts):
        return re.compile("|".join(f"(?:{p})" for p in parts), flags)
    body = "(?:" + "|".join(p[2:] for p in parts) + ")"
    opening = _opening_characters(body, flags)
    ahead = f"(?=[{re.escape(''.join(sorted(opening)))}])" if opening else ""
    return re.compile(r"\b" + ahead + body, flags)


def _opening_characters(pattern: str, flags: int) -> set[str] | None:
    """The characters a match of ``pattern`` can open with, or None when that is not a short list
    of literals: any character, a class such as \\w, or a pattern this reading cannot follow
    (it walks the parse of Python's own regex compiler, and gives up on anything unexpected)."""
    try:
        from re import _constants as sre, _parser

        chars = _first(_parser.parse(pattern, flags), sre)
    except Exception:  # a private API: a change in it must cost speed, never a match
        return None
    return chars if chars and len(chars) <= 40 else None


def _first(items, sre) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero width: the next item opens the match
            continue
        if op is sre.LITERAL:
            return chars | {chr(av)}
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 64:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None
            return chars
        if op is sre.BRANCH:
            subs = av[1]
        elif op is sre.SUBPATTERN:
            if av[1] or av[2]:  # (?i:…) and the like change how characters match: no look-ahead
                return None
            subs = [av[-1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            subs = [av[2]] if av[0] > 0 else [av[2], []]  # at least once, or perhaps not at all
        else:
            return None
        for sub in subs:
            first = _first(sub, sre) if sub else set()
            if first is None:
                return None
            chars |= first
        if all(sub and sub.getwidth()[0] > 0 for sub in subs):
            return chars
    return None  # the whole pattern may match nothing, so it may open anywhere


def trie(phrases: list[str]) -> str:
    """A regex for literal phrases that branches on one character at a time (a trie), so the
    engine rejects a position after a character or two instead of trying every phrase."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _lowercase_safe(pattern: str) -> bool:
    """True when matching ``pattern`` case-sensitively on lowercased text equals matching it with
    re.I on the original: no upper-case letters (outside escapes) and no inline flag changes."""
    bare = re.sub(r"\\.", "", pattern)
    return not any(char.isupper() for char in bare) and "(?-" not in bare


class PhraseMatcher:
    """Finds a rule's tokens and patterns. Case-insensitive rules search lowercased text with a
    case-sensitive regex wherever that is equivalent: Python's re.I compares every character
    through case folding, and this is 3-5x faster on the shipped packs."""

    def __init__(self, tokens: Iterable[str], patterns: Iterable[str], ignorecase: bool):
        tokens, patterns = sorted(set(tokens), key=len, reverse=True), list(patterns)
        self.lowered: re.Pattern | None = None
        if ignorecase:
            words = [" ".join(t.lower().split()) for t in tokens if t[:1].isalnum() and t[-1:].isalnum()]
            safe = [p for p in patterns if _lowercase_safe(p)]
            # "it is thought" is not "it is thought-provoking": a hyphen after a phrase continues the word
            lowered = ([r"\b(?:" + trie(words) + r")\b(?!-\w)"] if words else []) + safe
            self.lowered = alternation(lowered, 0) if lowered else None
            self._folded_parts = lowered
            tokens = [t for t in tokens if not (t[:1].isalnum() and t[-1:].isalnum())]
            patterns = [p for p in patterns if p not in safe]
        rest = phrase_alternatives(tokens) + patterns
        self.exact = alternation(rest, re.I if ignorecase else 0) if rest else None

    @cached_property
    def folded(self) -> re.Pattern:
        """``lowered`` with re.I, for text whose length lower() changes ("İ"): compiled only then (~4 ms)."""
        return alternation(self._folded_parts, re.I)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Leftmost, non-overlapping (start, end) matches in text[start:end]."""
        end = len(text) if end is None else end
        found: list[tuple[int, int]] = []
        if self.lowered is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                found += [m.span() for m in self.lowered.finditer(lowered, start, end)]
            else:
                found += [m.span() for m in self.folded.finditer(text, start, end)]
        if self.exact is not None:
            found += [m.span() for m in self.exact.finditer(text, start, end)]
        if self.lowered is None or self.exact is None:
            return found
        found.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept


class YamlRule(Rule):
    """Base of the YAML kinds: a pack file's fields become ``spec`` and the class attributes."""

    kind: ClassVar[str]
    spec: ClassVar[dict[str, Any]] = {}
    pack_file: ClassVar[str] = ""  # for error messages
    pack_name: ClassVar[str] = ""  # for documentation: "rules/newsroom/unsourced-claim.yaml"
    formats: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def documentation(cls) -> str:
        spec = cls.spec
        parts = [spec.get("description") or cls.summary]
        for title, key in (("Why is this bad?", "why"), ("Example", "example"), ("Not flagged", "ok"), ("How to fix", "fix")):
            if spec.get(key):
                body = spec[key]
                if key in ("example", "ok"):
                    body = "```\n" + str(body).rstrip() + "\n```"
                parts.append(f"## {title}\n{str(body).rstrip()}")
        parts.append(f"## Defined in\n`{cls.pack_name}` (kind `{cls.kind}`)")
        return "\n\n".join(parts)

    def check(self, doc: Document) -> Iterable[Problem]:
        if self.formats and doc.format not in self.formats:
            return ()
        return self.problems(doc)

    def problems(self, doc: Document) -> Iterable[Problem]:
        raise NotImplementedError

    def message(self, **values: Any) -> str:
        return self.spec["message"].format(**values)

    def units(self, doc: Document) -> Iterable[Unit]:
        return SCOPES[self.spec.get("scope", "sentence")](doc)

    @classmethod
    def matcher(cls) -> PhraseMatcher:
        """The compiled tokens and patterns, built once per rule class."""
        if "_matcher" not in cls.__dict__:
            spec = cls.spec
            cls._matcher = PhraseMatcher(spec.get("tokens", ()), spec.get("patterns", ()), spec.get("ignorecase", True))
        return cls._matcher

    @classmethod
    def unless(cls) -> re.Pattern | None:
        if "_unless" not in cls.__dict__:
            patterns = cls.spec.get("unless")
            cls._unless = alternation(list(patterns), 0) if patterns else None  # case-sensitive: "according to [A-Z]"
        return cls._unless


class Existence(YamlRule):
    kind = "existence"

    def problems(self, doc):
        matcher, unless = self.matcher(), self.unless()
        sentence_scope = self.spec.get("scope", "sentence") == "sentence"
        outside_quotes = self.spec.get("outside-quotes", False)
        # Sentence scope searches each block once and splits only the blocks that match.
        units = SCOPES["body"](doc) if sentence_scope else self.units(doc)
        for where, start, end in units:
            quoted = None  # where the block quotes someone, found at its first match
            for found_start, found_end in matcher.spans(where.text, start, end):
                if outside_quotes:
                    quoted = _quoted_spans(where.text) if quoted is None else quoted
                    if _inside(quoted, found_start):
                        continue  # someone's own words, or a title: not the writer's claim
                if _is_title(where.text[found_start:found_end]):
                    continue  # a title of a work in headline style: the memoir "Everyone Is Talking About Us"
                unit = _sentence_around(where, found_start) if sentence_scope else (start, end)
                if unless and unless.search(where.text, *unit):
                    continue  # the sentence names its source, or is otherwise excused
                yield Problem(self.message(match=where.text[found_start:found_end]), where, found_start, found_end)


def _is_title(match: str) -> bool:
    """A match of two words or more, each capitalised: a title in headline style, not a claim."""
    words = match.split()
    return len(words) > 1 and all(word[:1].isupper() for word in words)


def _quoted_spans(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the quoted passages in ``text``, for :func:`_inside`."""
    spans = [m.span() for m in QUOTED.finditer(text)]
    return [start for start, _ in spans], [end for _, end in spans]


def _inside(spans: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = spans
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


_start = attrgetter("start")


def _sentence_around(where: MappedText, offset: int) -> tuple[int, int]:
    # A binary search: scanning the sentences for every match made one long paragraph quadratic.
    sentences = where.sentences
    index = bisect_right(sentences, offset, key=_start) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index].start, sentences[index].end
    return 0, len(where.text)


class Substitution(YamlRule):
    kind = "substitution"

    @classmethod
    def swaps(cls) -> list[tuple[re.Pattern, str]]:
        if "_swaps" not in cls.__dict__:
            ignorecase = cls.spec.get("ignorecase", True)
            flags = re.I if ignorecase else 0
            cls._swaps = [(alternation(phrase_alternatives([old]), flags), new) for old, new in cls.spec["swap"].items()]
        return cls._swaps

    def problems(self, doc):
        unless = self.unless()
        for where, start, end in self.units(doc):
            if unless and unless.search(where.text, start, end):
                continue
            for pattern, replacement in self.swaps():
                for match in pattern.finditer(where.text, start, end):
                    yield Problem(
                        self.message(match=match.group(), replacement=replacement),
                        where,
                        match.start(),
                        match.end(),
                        fix=_replacement_fix(doc, where, match, replacement, bool(self.spec.get("safe"))),
                    )


def _replacement_fix(doc: Document, where: MappedText, match: re.Match, replacement: str, safe: bool) -> Fix | None:
    """A fix is offered only where the match is the literal source text (no tags or entities inside)."""
    start, end = where.source_span(match.start(), match.end())
    if doc.source[start:end] != match.group():
        return None
    return Fix(start, end, replacement, f"replace with {replacement!r}", safe=safe)


class Occurrence(YamlRule):
    kind = "occurrence"
    option_fields: ClassVar[tuple[str, ...]] = ("max", "max-density")

    def problems(self, doc):
        matcher = self.matcher()
        matches = [(where, span) for where, start, end in self.units(doc) for span in matcher.spans(where.text, start, end)]
        count = len(matches)
        density = 100.0 * count / max(1, doc.word_count)
        limit, limit_density = self.settings.get("max"), self.settings.get("max-density")
        if count and ((limit is not None and count > limit) or (limit_density is not None and density > limit_density)):
            where, (first, last) = matches[0]
            yield Problem(
                self.message(match=where.text[first:last], count=count, density=round(density, 2), max=limit, max_density=limit_density),
                where,
                first,
                last,
            )


class Metric(YamlRule):
    kind = "metric"
    option_fields: ClassVar[tuple[str, ...]] = ("min", "max")

    def problems(self, doc):
        name = self.spec["metric"]
        value = METRICS[name](doc)
        low, high = self.settings.get("min"), self.settings.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            where = METRIC_LOCATIONS.get(name, lambda d: None)(doc)
            yield Problem(self.message(value=round(value, 2), min=low, max=high, metric=name), where)


KINDS: dict[str, type[YamlRule]] = {k.kind: k for k in (Existence, Substitution, Occurrence, Metric)}

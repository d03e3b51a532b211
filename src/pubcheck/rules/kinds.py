"""The rule kinds a YAML pack can instantiate, after Vale's: existence, substitution, occurrence, metric.

Each kind is a :class:`Rule` subclass; a pack file fills in its class attributes (``spec``).
Tokens and patterns are matched in linear time by RE2 (see ``linear``)."""

from __future__ import annotations

import re
from functools import cache, cached_property
from itertools import repeat
from typing import Any, Callable, ClassVar, Iterable, Iterator

from ..document import Document, MappedText
from ..document.sentences import QuotedPassages
from ..text.fixes import replacement_fix
from ..text.phrases import trie
from .base import Problem, Rule
from .linear import LinearRegex, compile_linear

Unit = tuple[MappedText, int, int]  # text, start, end


def _whole(items) -> Iterator[Unit]:
    return ((item, 0, len(item.text)) for item in items if item is not None and item.text)


# What each scope but "sentence" reads, each text whole (None where a document has none)
TEXTS: dict[str, Callable[[Document], Iterable[MappedText | None]]] = {
    "body": lambda doc: doc.body,
    "paragraph": lambda doc: (b for b in doc.body if b.kind == "paragraph"),
    "list-item": lambda doc: (b for b in doc.body if b.kind == "list-item"),
    "blockquote": lambda doc: (b for b in doc.body if b.kind == "blockquote"),
    "caption": lambda doc: (b for b in doc.body if b.kind == "caption"),
    "heading": lambda doc: doc.headings,
    "title": lambda doc: [doc.title],
    "headline": lambda doc: [doc.headline],
    "description": lambda doc: [doc.meta.get("description")],
}


def _whole_of(texts: Callable[[Document], Iterable[MappedText | None]]) -> Callable[[Document], Iterable[Unit]]:
    return lambda doc: _whole(texts(doc))


SCOPES: dict[str, Callable[[Document], Iterable[Unit]]] = {
    "body": _whole_of(TEXTS["body"]),
    "sentence": lambda doc: ((b, s.start, s.end) for b in doc.body for s in b.sentences),
    **{name: _whole_of(texts) for name, texts in TEXTS.items()},
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


def alternation(parts: list[str], flags: int) -> LinearRegex:
    """Compile alternatives as one linear-time regex (RE2 tries them all in one pass)."""
    return compile_linear("|".join(f"(?:{p})" for p in parts), flags)


def _lowercase_safe(pattern: str) -> bool:
    """True when matching ``pattern`` case-sensitively on lowercased text equals matching it with
    re.I on the original (see ``PhraseMatcher.folded_spans``): no upper-case letters (outside
    escapes) and no inline flag changes."""
    bare = re.sub(r"\\.", "", pattern)
    return not any(char.isupper() for char in bare) and "(?-" not in bare


class PhraseMatcher:
    """Finds a rule's tokens and patterns. A case-insensitive rule's whole-word tokens (as one
    trie, and only where no hyphen continues the last word: "it is thought", not "it is
    thought-provoking") and its patterns without capitals are searched apart from the rest, as
    ``folded``; the two searches' leftmost matches are merged."""

    def __init__(self, tokens: Iterable[str], patterns: Iterable[str], ignorecase: bool):
        tokens, patterns = sorted(set(tokens), key=len, reverse=True), list(patterns)
        self.lowered: LinearRegex | None = None
        if ignorecase:
            words = [" ".join(t.lower().split()) for t in tokens if t[:1].isalnum() and t[-1:].isalnum()]
            safe = [p for p in patterns if _lowercase_safe(p)]
            lowered = ([r"\b(?:" + trie(words) + r")\b(?!-\w)"] if words else []) + safe
            self.lowered = alternation(lowered, 0) if lowered else None
            self._folded_parts = lowered
            tokens = [t for t in tokens if not (t[:1].isalnum() and t[-1:].isalnum())]
            patterns = [p for p in patterns if p not in safe]
        rest = phrase_alternatives(tokens) + patterns
        self.exact = alternation(rest, re.I if ignorecase else 0) if rest else None

    @cached_property
    def folded(self) -> LinearRegex:
        """The whole-word tokens and the patterns without capitals, with re.I: the plain search."""
        return alternation(self._folded_parts, re.I)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Leftmost, non-overlapping (start, end) matches in text[start:end]."""
        end = len(text) if end is None else end
        found = self.folded_spans(text, start, end) if self.lowered is not None else []
        if self.exact is not None:
            found += self.exact.spans(text, start, end)
        return _merged(found) if self.lowered is not None and self.exact is not None else found

    def spans_each(self, texts: list[str]) -> list[list[tuple[int, int]] | tuple[()]]:
        """``[self.spans(text) for text in texts]``, each search made once for all the texts
        (``LinearRegex.spans_each``, which may give a text without a match an empty tuple)."""
        folded = self.folded_spans_each(texts) if self.lowered is not None else None
        exact = self.exact.spans_each(texts) if self.exact is not None else None
        if folded is None or exact is None:
            return folded if folded is not None else exact if exact is not None else [[] for _ in texts]
        return [_merged([*one, *other]) if one and other else one or other for one, other in zip(folded, exact)]

    def folded_spans_each(self, texts: list[str]) -> list[list[tuple[int, int]] | tuple[()]]:
        """``[self.folded_spans(text, 0, len(text)) for text in texts]``, in one search."""
        found = None if any(map(str.__contains__, texts, repeat(_FOLDS_APART))) else self.lowered.spans_each(texts, lower=True)
        return [self.folded_spans(text, 0, len(text)) for text in texts] if found is None else found

    def folded_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """``folded.spans(text, start, end)``, found where it can be by ``lowered`` (the same
        parts, case-sensitive) in the lower-cased text: RE2 compiles it in a tenth of the time
        (the shipped pack's first search in a process: 3 ms against 30), though it then searches
        a little slower (0.24 against 0.21 ms an article). tests/test_phrase_matcher.py checks
        that the two find the same matches."""
        # only this stretch (and the character before it, for \b): lowering the whole block
        # for each sentence made sentence scope quadratic in a long paragraph
        before = max(0, start - 1)
        piece = text[before:end]
        lowered = piece.lower()
        if len(lowered) != len(piece) or _FOLDS_APART in piece:
            return self.folded.spans(text, start, end)
        return self.lowered.scan(lowered, start - before, before)


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two searches' matches as one leftmost, non-overlapping search finds them."""
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


# lower() keeps "ſ" (long s) as it is, where re.I reads it as an "s"; "İ" lengthens in lower()
_FOLDS_APART = "ſ"


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
    def unless(cls) -> LinearRegex | None:
        if "_unless" not in cls.__dict__:
            patterns = cls.spec.get("unless")
            cls._unless = alternation(list(patterns), 0) if patterns else None  # case-sensitive: "according to [A-Z]"
        return cls._unless

    @classmethod
    def unless_next(cls) -> LinearRegex | None:
        """``unless-next-sentence``: what, in the sentence after a match, excuses it."""
        if "_unless_next" not in cls.__dict__:
            patterns = cls.spec.get("unless-next-sentence")
            cls._unless_next = alternation(list(patterns), 0) if patterns else None
        return cls._unless_next


class Existence(YamlRule):
    kind = "existence"

    def problems(self, doc):
        matcher, unless = self.matcher(), self.unless()
        sentence_scope = self.spec.get("scope", "sentence") == "sentence"
        outside_quotes = self.spec.get("outside-quotes", False)
        unless_next = self.unless_next() if sentence_scope else None
        # Sentence scope searches each block once and splits only the blocks that match; every
        # other scope is of whole texts, so all are searched in one go.
        texts = [item for item in TEXTS["body" if sentence_scope else self.spec["scope"]](doc) if item is not None and item.text]
        found = []  # each match: where, its start and end, and the unit (sentence) it is in
        # one message for each text matched: a long page repeats its phrases (150,000 messages, 18 MB)
        message = cache(lambda matched: self.message(match=matched))
        for where, spans in zip(texts, matcher.spans_each([item.text for item in texts])):
            quoted = None  # where the block quotes someone, found at its first match
            for found_start, found_end in spans:
                if outside_quotes:
                    quoted = QuotedPassages(where.text) if quoted is None else quoted
                    if quoted.holds(found_start):
                        continue  # someone's own words, or a title: not the writer's claim
                if _is_title(where.text[found_start:found_end]):
                    continue  # a title of a work in headline style: the memoir "Everyone Is Talking About Us"
                unit = _sentence_around(where, found_start) if sentence_scope else (0, len(where.text), None)
                found.append((where, found_start, found_end, unit))
            if len(found) >= _MATCHES_AT_ONCE:
                yield from self._unexcused(doc, found, unless, unless_next, message)
                found = []
        yield from self._unexcused(doc, found, unless, unless_next, message)

    @staticmethod
    def _unexcused(doc: Document, found: list, unless, unless_next, message: Callable[[str], str]) -> Iterator[Problem]:
        """The problems of the matches ``found`` that no excuse clears."""
        # Each excuse is searched for in all the matches' sentences at once.
        if unless and found:
            excused = unless.spans_each_window([(where.text, start, end) for where, _, _, (start, end, _) in found])
            found = [match for match, excuse in zip(found, excused) if not excuse]  # the sentence names its source, or is otherwise excused
        if unless_next and found:
            # "X is reportedly leaving. According to Reuters, …": the next sentence names the source
            after = [_following(doc, where, unit) for where, _, _, unit in found]
            searched = iter(unless_next.spans_each_window([window for window in after if window]))
            found = [match for match, window in zip(found, after) if not (window and next(searched))]
        for where, found_start, found_end, _ in found:
            yield Problem(message(where.text[found_start:found_end]), where, found_start, found_end)


# Matches an existence rule clears of excuses at a time: an article's all at once, a long page's
# 150,000 in batches (their sentences, windows and excuses held at once were 45 MB).
_MATCHES_AT_ONCE = 4096


def _is_title(match: str) -> bool:
    """A match of two words or more, each capitalised: a title in headline style, not a claim."""
    if not match.lstrip()[:1].isupper():
        return False  # (most matches: the first word is not capitalised; split() and lstrip() skip the same spaces)
    words = match.split()
    return len(words) > 1 and all(word[:1].isupper() for word in words)


def _sentence_around(where: MappedText, offset: int) -> tuple[int, int, int | None]:
    """The start and end of the sentence holding ``offset``, and its index (the whole text and
    None when no sentence holds it)."""
    index = where.sentence_holding(offset)
    if index is None:
        return 0, len(where.text), None
    sentence = where.sentences[index]
    return sentence.start, sentence.end, index


def _following(doc: Document, where: MappedText, unit: tuple[int, int, int | None]) -> tuple[str, int, int] | None:
    """The text after ``unit`` (its start, end and sentence index, from :func:`_sentence_around`)
    that ``unless-next-sentence`` reads, if any (text, start, end): the next sentence of its
    block, or for a heading (a headline that says "reportedly") the paragraph under it, where
    copy names the source of what the headline reports."""
    if getattr(where, "kind", "") == "heading":
        body = doc.body
        position = doc.body_positions.get(where.index, -1) + 1
        while position < len(body) and body[position].kind == "heading":
            position += 1
        below = body[position] if position and position < len(body) else None
        return None if below is None else (below.text, 0, len(below.text))
    index = unit[2]
    if index is None:
        return None  # the whole text: no sentence after it
    sentences = where.sentences
    index += 1  # sentences do not overlap: the next one starts at or after its end
    if index < len(sentences):
        return where.text, sentences[index].start, sentences[index].end
    return None


class Substitution(YamlRule):
    kind = "substitution"

    @classmethod
    def swaps(cls) -> tuple[LinearRegex, list[tuple[LinearRegex, str]]]:
        """Any of the phrases (one search turns away most text), and each phrase with its suggestion."""
        if "_swaps" not in cls.__dict__:
            flags = re.I if cls.spec.get("ignorecase", True) else 0
            swaps = [(alternation(phrase_alternatives([old]), flags), new) for old, new in cls.spec["swap"].items()]
            cls._swaps = alternation(phrase_alternatives(cls.spec["swap"]), flags), swaps
        return cls._swaps

    def problems(self, doc):
        unless = self.unless()
        any_swap, swaps = self.swaps()
        for where, start, end in self.units(doc):
            if not any_swap.search(where.text, start, end) or (unless and unless.search(where.text, start, end)):
                continue
            for pattern, replacement in swaps:
                for found_start, found_end in pattern.spans(where.text, start, end):
                    yield Problem(
                        self.message(match=where.text[found_start:found_end], replacement=replacement),
                        where,
                        found_start,
                        found_end,
                        fix=replacement_fix(doc, where, found_start, found_end, replacement, bool(self.spec.get("safe"))),
                    )


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

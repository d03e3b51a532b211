"""The YAML kinds' phrase search: a case-insensitive rule's words are found in lower-cased text
(``PhraseMatcher.folded_spans``, quick to compile) exactly where the plain re.I search
(``PhraseMatcher.folded``) finds them, on the fixtures and on generated text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pubcheck.document import format_for, read
from pubcheck.rules.kinds import PhraseMatcher
from pubcheck.rules.packs import builtin_pack_dirs, load_pack

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]


def _matchers() -> list[PhraseMatcher]:
    shipped = [rule.matcher() for folder in builtin_pack_dirs() for rule in load_pack(folder) if "tokens" in rule.spec or "patterns" in rule.spec]
    own = PhraseMatcher(
        ["Sources Say", "it is thought", "strasse", "(sponsored)", "#ad", "kelvin"],
        [r"\bsome\s+(?:fans|critics)\s+\w+", r"\b[Ss]ources?\s+close\b", r"\bi\w*ss\b"],
        ignorecase=True,
    )
    return [*shipped, own]


MATCHERS = _matchers()


def _agree(text: str, start: int, end: int) -> int:
    found = 0
    for matcher in MATCHERS:
        fast = matcher.folded_spans(text, start, end)
        assert fast == matcher.folded.spans(text, start, end), (text[start:end], fast)
        found += len(fast)
    return found


def test_lower_cased_search_finds_what_re_i_finds_in_the_fixtures():
    found = 0
    for path in ARTICLES:
        doc = read(path.read_text(encoding="utf-8"), format_for(path.name))
        for block in doc.body:
            found += _agree(block.text, 0, len(block.text))
            for sentence in block.sentences:
                _agree(block.text, sentence.start, sentence.end)
    assert len(ARTICLES) > 50 and found > 50


# Pack phrases and their look-alikes, in any case, beside letters whose case folds apart from
# their lower case ("ſ" reads as "s" under re.I), lengthens ("İ") or joins ("K", the Kelvin sign)
PIECES = (
    "sources say reportedly it is thought thought-provoking rumour has it some fans think strasse "
    "straſſe ſources ſay İt İs kelvin Kelvin ß ẞ (sponsored) #ad word is, per insiders apparently "
    "the studio she said café naïve Ava"
).split()


@pytest.mark.parametrize("seed", range(4))
def test_lower_cased_search_finds_what_re_i_finds_in_generated_text(seed):
    rng = random.Random(seed)
    found = 0
    for _ in range(200):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 14))]
        words = [word.upper() if rng.random() < 0.2 else word.title() if rng.random() < 0.2 else word for word in words]
        text = "".join(rng.choice((" ", " ", "  ", "-", "\n", ", ")) + word for word in words)
        start = rng.randint(0, len(text) // 3)
        found += _agree(text, start, rng.randint(start, len(text)))
    assert found > 50


def test_a_long_s_reads_as_an_s_as_re_i_reads_it():
    import pubcheck
    from pubcheck.config import Config

    text = "Her comeback is near, ſources ſay. Her comeback is near, sources say."
    findings = pubcheck.lint(text, format="text", config=Config(select=("unsourced-claim",))).findings
    assert [finding.text for finding in findings] == ["ſources ſay", "sources say"]


def test_the_title_and_quote_shortcuts_answer_as_the_plain_reading():
    from pubcheck.document.sentences import QUOTED, QuotedPassages
    from pubcheck.rules.kinds import _is_title

    def plain_title(match: str) -> bool:
        words = match.split()
        return len(words) > 1 and all(word[:1].isupper() for word in words)

    rng = random.Random(5)
    pieces = ["Everyone", "is", "Talking", "About", "us", " ", "\u2003", "\n", "“", "”", '"', "É", "élan", "", "1"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _is_title(text) == plain_title(text), text
        spans = [m.span() for m in QUOTED.finditer(text)]
        passages = QuotedPassages(text)
        assert (passages.starts, [end for _, end in passages.spans]) == ([start for start, _ in spans], [end for _, end in spans]), text
        assert [passages.holds(at) for at in range(len(text) + 1)] == [any(a <= at < b for a, b in spans) for at in range(len(text) + 1)], text
    # QuotedPassages skips the search in text with neither of the marks QUOTED opens a passage with
    assert QUOTED.pattern == r"“([^“”]*)”|\"([^\"]*)\"" and QUOTED.flags == re.UNICODE

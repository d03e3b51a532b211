"""LazyPattern (pubcheck.text.patterns) answers as the pattern compiled on import would."""

import importlib
import re

import pytest

from pubcheck.text import patterns
from pubcheck.text.patterns import LazyPattern


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, flags = r"\b(?P<who>a\s+source|an?\s+insider)\s+(?:said|told)\b", re.I
    compiled, lazy = re.compile(source, flags), LazyPattern(source, flags)
    text = "A source said so. Then an insider told us, and A  SOURCE SAID it again."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.search(text, 5).groupdict() == compiled.search(text, 5).groupdict()
    assert lazy.match(text).span() == compiled.match(text).span()
    assert lazy.fullmatch("an insider told") is not None
    assert lazy.sub("X", text) == compiled.sub("X", text)
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)


def test_after_its_first_use_a_lazy_pattern_calls_the_compiled_patterns_methods():
    lazy = LazyPattern(r"\bsaid\b")
    lazy.search("she said")
    compiled = object.__getattribute__(lazy, "_compiled")
    assert all(getattr(lazy, name) == getattr(compiled, name) for name in patterns._METHODS)


@pytest.mark.parametrize(
    "module", ["pubcheck.text.quotes", "pubcheck.text.teasers", "pubcheck.rules.anonymous_source", "pubcheck.rules.scare_quote"]
)
def test_every_lazy_pattern_compiles(module):
    """A pattern an article rarely reaches must still compile: a typo would otherwise wait for that article."""
    found = [value for value in vars(importlib.import_module(module)).values() if isinstance(value, LazyPattern)]
    assert found
    for lazy in found:
        assert isinstance(lazy.pattern, str)  # compiles it, raising re.error if it cannot

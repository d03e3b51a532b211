"""Every rule's documented examples are its specification: what `pubcheck explain` shows as
flagged must be flagged, and what it shows as not flagged must stay quiet."""

from __future__ import annotations

import re

import pytest

import pubcheck
from pubcheck.config import Config
from pubcheck.rules.registry import catalogue

SECTIONS = ("## Example", "## Not flagged")
_FENCE = re.compile(r"```\n(.*?)\n```", re.S)


def examples(rule, section: str) -> list[str]:
    text = rule.documentation()
    start = text.index(section) + len(section)
    following = [text.find(s, start) for s in ("\n## ",)]
    end = min([i for i in following if i != -1] or [len(text)])
    return _FENCE.findall(text[start:end])


def as_article(block: str) -> tuple[str, str]:
    """A documented example is a whole article: HTML when it starts with a tag, else plain text
    (where blank lines separate paragraphs)."""
    return block, "html" if block.lstrip().startswith("<") else "text"


RULES = sorted(catalogue().items())


@pytest.fixture(scope="module")
def languagetool():
    """A stand-in LanguageTool server (tests/languagetool_standin.py) for the rules that need one."""
    from languagetool_standin import StandIn

    with StandIn() as standin:
        yield standin


def config_for(rule_id, rule, languagetool) -> Config:
    """Only this rule; a rule backed by LanguageTool gets the stand-in server, so its examples are
    really linted rather than skipped."""
    if rule.config_section == "languagetool":
        return Config(select=(rule_id,), languagetool=(("url", languagetool.url),))
    return Config(select=(rule_id,))


@pytest.mark.parametrize("rule_id, rule", RULES, ids=[r for r, _ in RULES])
def test_documentation_has_every_section(rule_id, rule):
    text = rule.documentation()
    for section in ("## Why is this bad?", "## Example", "## Not flagged", "## How to fix"):
        assert section in text, f"{rule_id} documentation lacks {section}"
    assert examples(rule, "## Example") and examples(rule, "## Not flagged")


@pytest.mark.parametrize("rule_id, rule", RULES, ids=[r for r, _ in RULES])
def test_documented_example_is_flagged(rule_id, rule, languagetool):
    for block in examples(rule, "## Example"):
        source, fmt = as_article(block)
        report = pubcheck.lint(source, format=fmt, config=config_for(rule_id, rule, languagetool))
        assert not report.skipped, f"{rule_id} did not run on its example: {report.skipped}"
        assert [f for f in report.findings if f.rule.split("/")[0] == rule_id], f"{rule_id} did not flag its own example:\n{source}"


@pytest.mark.parametrize("rule_id, rule", RULES, ids=[r for r, _ in RULES])
def test_documented_counter_example_is_quiet(rule_id, rule, languagetool):
    for block in examples(rule, "## Not flagged"):
        source, fmt = as_article(block)
        report = pubcheck.lint(source, format=fmt, config=config_for(rule_id, rule, languagetool))
        assert not report.skipped, f"{rule_id} did not run on its counter-example: {report.skipped}"
        assert not report.findings, f"{rule_id} flagged its own counter-example: {[f.text for f in report.findings]}"

"""Bounded work for any input (issue 13, item 6): every rule takes time in proportion to the text.

Each case runs the whole default rule set through ``pubcheck.lint`` in a fresh interpreter with a
generous time limit: the bugs these guard against took minutes or ran out of memory, where a
linear run takes a second or two."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

LINT = """
import json, sys
import pubcheck
text = eval(sys.stdin.read())
report = pubcheck.lint(text, format="text")
print(json.dumps([[f.rule, f.line, f.column, f.message] for f in report.findings]))
"""


def lint_in_subprocess(expression: str, timeout: float = 30, fmt: str = "text") -> list[list]:
    """The findings for the text ``expression`` builds (sent as an expression: a megabyte of
    source would make a long command line), read as ``fmt``."""
    result = subprocess.run(
        [sys.executable, "-c", LINT.replace('"text"', f'"{fmt}"')], input=expression.encode(), capture_output=True,
        timeout=timeout, check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("length", [10_000, 1_000_000])
def test_one_huge_token_is_reported_once_as_not_a_word(length):
    """A 1,000-letter token took 40 s in spelling's suggestion search; 10,000 exhausted memory."""
    findings = lint_in_subprocess(f"'Film news\\n\\nThe ' + 'qwertyuiop' * {length // 10} + ' premiered today.\\n'")
    spelling = [f for f in findings if f[0] == "spelling"]
    assert len(spelling) == 1
    rule, line, column, message = spelling[0]
    assert (line, column) == (3, 5)
    assert message.startswith('Not a word: "qwertyuiopqwertyuiop') and message.endswith(f'is {length:,} letters long')
    assert len(message) < 100  # the token is not pasted into the message
    assert all(len(f[3]) < 300 for f in findings)


def test_a_long_misspelling_still_gets_suggestions_and_a_long_token_none():
    findings = lint_in_subprocess("'Film news\\n\\nThe antidisestablishmentarianisn debate and ' + 'x' * 40 + ' went on.\\n'")
    messages = [f[3] for f in findings if f[0] == "spelling"]
    assert messages == [
        'Possible spelling mistake: "antidisestablishmentarianisn"; did you mean "antidisestablishmentarianism"?',
        f'Not a word: "{"x" * 40}" is 40 letters long',
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "'Quotes\\n\\n' + '\"' * 10_000 + '\\n'",
        "'Quotes\\n\\nShe said ' + '“a ' * 100_000 + '\\n'",  # openers that never close
        "'x' * 1_000_000",
        "'.' * 1_000_000",
        "'Headline\\n\\n' + 'Hi.\\n\\n' * 100_000",  # 100,000 tiny paragraphs
        "'Headline\\n\\n' + 'Ab ' * 300_000 + '\\n'",  # one sentence of 300,000 capitalised words
        "'Headline\\n\\nThe ' + '-'.join(['ab'] * 300_000) + ' said.\\n'",  # one hyphenated token
        "'Headline\\n\\nThe Xq' + 'z' * 1_000_000 + ' said.\\n'",  # a capitalised one
    ],
    ids=["10k-straight-quotes", "unclosed-curly-quotes", "1MB-one-letter", "1MB-dots", "100k-paragraphs", "capitalised-run", "hyphenated-token", "capitalised-token"],
)
def test_pathological_input_finishes(expression):
    lint_in_subprocess(expression, timeout=60)


def test_syllables_of_a_huge_token_take_linear_time():
    """pyphen tries every pattern at every letter and keeps the word: 5 MB took over a minute."""
    script = "from pubcheck.text.syllables import syllable_counts; print(syllable_counts(['ab' * 2_500_000])['ab' * 2_500_000])"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=20, check=True)
    assert int(result.stdout) == 2_500_000  # one vowel group per "ab"


def test_syllables_of_words_are_still_textstats():
    from pubcheck.text.syllables import syllable_counts

    counts = syllable_counts(["hyphenation", "pubcheckery", "unquestionably"])
    assert counts == {**counts, "hyphenation": 4, "unquestionably": 5} and counts["pubcheckery"] >= 3


def test_a_long_run_of_blockquotes_finishes():
    """Each blockquote's credit was looked for over its whole run again: 2,000 in a row took 12 s, 8,000 over two minutes."""
    findings = lint_in_subprocess("'# Letters\\n\\n' + '> A reader wrote in at length about the season finale, again.\\n\\n' * 8_000", timeout=60, fmt="markdown")
    assert sum(f[0] == "unattributed-quote" for f in findings) == 8_000


def test_many_distinct_letters_beyond_ascii_finish():
    """A page of 16,000 paragraphs of ideographs drawn from 20,000 distinct ones: the joined YAML
    search looked for each distinct letter across the whole page (15 s for 2 MB, growing with both)."""
    findings = lint_in_subprocess(
        "'Headline\\n\\n' + '\\n\\n'.join(''.join(chr(0x4E00 + (i * 7919 + j * 104729) % 20_000) for j in range(120)) "
        "for i in range(16_000))", timeout=20,
    )
    assert isinstance(findings, list)

"""duplicate-headline beyond its snippet cases (duplicate-headline.yml): the problem articles."""

from __future__ import annotations

import pubcheck
from pubcheck.config import Config


def test_duplicate_headline_in_text(problem_article):
    (finding,) = pubcheck.lint(problem_article.text, format="text", config=Config(select=("duplicate-headline",))).findings
    assert (finding.line, finding.column, finding.fix.safe) == (3, 1, True)

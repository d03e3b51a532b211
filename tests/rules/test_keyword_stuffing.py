"""keyword-stuffing beyond its snippet cases (keyword-stuffing.yml): the problem articles and the
command line's --keyphrase."""

from __future__ import annotations

import pubcheck
from pubcheck.config import Config

JAMMED_IN_PROBLEM_ARTICLES = {
    "synthetic": ("Tessa Lindgren Ottilie Rhys", "0.7", [(3, 1), (9, 271), (11, 9), (30, 135), (69, 5)]),
    "reference": ("Lena Dunham Natalie Portman", "0.5", [(3, 1), (9, 218), (11, 9), (30, 136), (69, 5)]),
}


def test_jammed_names_give_one_summary_and_each_occurrence(problem_article):
    phrase, density, positions = JAMMED_IN_PROBLEM_ARTICLES[problem_article.name]
    findings = pubcheck.lint(problem_article.text, format="text", config=Config(select=("keyword-stuffing",))).findings
    assert findings[0].message == f'Keyphrase "{phrase}" is stuffed: 6 times ({density} per 100 words); in 3 headings (lines 1, 3, 11)'
    assert [(f.line, f.column) for f in findings[1:]] == positions
    assert all(f.text == phrase for f in findings)


def test_keyphrase_from_the_command_line(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Best red carpet looks of the night. " * 3 + "The night was long. " * 5, encoding="utf-8")
    out = cli("lint", "--select", "keyword-stuffing", "--keyphrase", "red carpet looks", "a.txt", cwd=tmp_path).stdout.decode()
    assert 'keyword-stuffing Keyphrase "red carpet looks" appears 3 times' in out

"""scare-quote beyond its snippet cases (scare-quote.yml): its level, and that it is opt-in."""

from __future__ import annotations

from helpers import found

import pubcheck
from pubcheck.config import Config


def test_scare_quotes_are_info_and_opt_in():
    text = "It is \"cosy\" enough for a Sunday night but \"prickly\" enough for the critics."
    assert found(text, "unattributed-quote") == []
    report = pubcheck.lint(text, format="text", config=Config(select=("scare-quote",)))
    assert [(f.text, f.severity) for f in report.findings] == [('"cosy"', "info"), ('"prickly"', "info")]
    assert [f.rule for f in pubcheck.lint(text, format="text", config=Config()).findings if f.rule == "scare-quote"] == []

"""Publish-readiness: a score from 0 to 100 and a verdict for one article, from its findings.

Every finding takes points off 100: its severity's points times its category's weight. The score
is what is left (never below 0), rounded to a whole number; the verdict is ``ready`` at or above
``ready``, ``needs edits`` at or above ``needs-edits``, else ``do not publish``. An ``error`` in a
``block-on`` category (attribution and moderation: a claim or content a desk cannot stand behind)
makes the verdict ``do not publish`` whatever the score. The weights live in the config's
``score:`` section; README.md ("Publish-readiness score") documents the defaults and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .findings import Report

READY, NEEDS_EDITS, DO_NOT_PUBLISH = "ready", "needs edits", "do not publish"
VERDICTS = (READY, NEEDS_EDITS, DO_NOT_PUBLISH)


@dataclass(frozen=True)
class Scoring:
    """The weighting of the ``score:`` config section (mappings as sorted pairs, so a Config stays hashable)."""

    # A warning costs 10: one is enough to leave "ready", five sink an article. An info note is
    # advice and costs 1; an error is a finding the desk set to block.
    severity: tuple[tuple[str, float], ...] = (("error", 40.0), ("info", 1.0), ("warning", 10.0))
    # What a standards desk cannot publish weighs more than what a search engine or a reader's
    # patience objects to: clickbait and sourcing half as much again, moderation double.
    category: tuple[tuple[str, float], ...] = (
        ("attribution", 1.5), ("clickbait", 1.5), ("grammar", 0.5), ("moderation", 2.0),
        ("readability", 0.5), ("seo", 1.0), ("style", 0.5),
    )
    ready: float = 96.0  # no warning at all (the cheapest costs 5); up to eight info notes of readability
    needs_edits: float = 60.0  # up to four warnings (or three in clickbait/attribution)
    block_on: tuple[str, ...] = ("attribution", "moderation")


class Score(NamedTuple):
    score: int
    verdict: str


def score(report: Report, scoring: Scoring | None = None) -> Score | None:
    """The article's score and verdict; None for a file that could not be checked (``report.error``)."""
    if report.error:
        return None
    scoring = scoring or Scoring()
    severity, category = dict(scoring.severity), dict(scoring.category)
    lost = sum(severity.get(f.severity, 0.0) * category.get(f.category, 1.0) for f in report.findings)
    points = max(0, round(100 - lost))
    blocked = any(f.severity == "error" and f.category in scoring.block_on for f in report.findings)
    if blocked or points < scoring.needs_edits:
        verdict = DO_NOT_PUBLISH
    elif points < scoring.ready:
        verdict = NEEDS_EDITS
    else:
        verdict = READY
    return Score(points, verdict)

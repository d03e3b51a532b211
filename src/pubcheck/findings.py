"""Findings and reports: plain, typed, immutable data shared by every shell and reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .score import Scoring

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace source offsets [start, end) with ``replacement``. Only ``safe`` fixes are applied by --fix."""

    start: int
    end: int
    replacement: str
    description: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the extracted text the rule matched (what an editor reads)
    snippet: str  # the exact source text of the region (what SARIF and --fix see)
    fingerprint: str
    offset: int = 0  # source offsets, for fixes
    end_offset: int = 0
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)


@dataclass(frozen=True, slots=True)
class BodyLocation:
    """Where the element taken as the article lies (a full HTML page's reader-mode choice)."""

    element: str
    names: str  # its id and class words
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome for one article: its findings, notices (skips, parse warnings) or an input error."""

    path: str
    format: str | None
    findings: tuple[Finding, ...] = ()
    notices: tuple[str, ...] = ()
    error: str | None = None
    skipped: tuple[str, ...] = ()  # "rule: why it could not run", reported once per run
    digest: str | None = None  # of the file's bytes as linted (engine.content_digest), for --fix
    body: BodyLocation | None = None  # None: the whole document is the body

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        threshold = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


@dataclass(frozen=True, slots=True)
class RunSummary:
    reports: tuple[Report, ...]
    fail_on: str = "warning"
    notices: tuple[str, ...] = field(default=())  # run-wide notices (e.g. a rule family skipped)
    rules: tuple[type, ...] = ()  # the rule classes that ran, for reporters that describe them
    unmet: tuple[str, ...] = ()  # required rules (--require) that could not run: exit code 2
    baseline_hidden: int | None = None  # findings a --baseline file hid; None: no baseline in use
    scoring: Scoring | None = None  # the publish-readiness weighting of the run's config; None: the defaults

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.reports for f in r.findings)

    @property
    def errors(self) -> tuple[Report, ...]:
        return tuple(r for r in self.reports if r.error)

    def exit_code(self) -> int:
        if self.errors or self.unmet:
            return 2
        return 1 if any(r.fails(self.fail_on) for r in self.reports) else 0

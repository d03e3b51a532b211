"""Findings and reports: plain, typed, immutable data shared by every shell and reporter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self, rule: str, category: str, severity: str, message: str, path: str, line: int, column: int,
        end_line: int, end_column: int, text: str, snippet: str, fingerprint: str,
        offset: int = 0, end_offset: int = 0, fix: Fix | None = None,
    ) -> None:
        # The dataclass's own __init__, with each field stored through its slot (the _set_ functions
        # below) rather than object.__setattr__, which a frozen dataclass calls: half the cost of
        # making a finding, about 1% of an editorial lint. tests/test_reports.py holds it to the fields.
        _set_rule(self, rule)
        _set_category(self, category)
        _set_severity(self, severity)
        _set_message(self, message)
        _set_path(self, path)
        _set_line(self, line)
        _set_column(self, column)
        _set_end_line(self, end_line)
        _set_end_column(self, end_column)
        _set_text(self, text)
        _set_snippet(self, snippet)
        _set_fingerprint(self, fingerprint)
        _set_offset(self, offset)
        _set_end_offset(self, end_offset)
        _set_fix(self, fix)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)


def slot_setters(cls: type) -> tuple:
    """The setter of each field's slot of the slotted dataclass ``cls``, in field order: what a
    hand-written ``__init__`` of a frozen one stores with (its ``__setattr__`` does not guard them)."""
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


(
    _set_rule, _set_category, _set_severity, _set_message, _set_path, _set_line, _set_column, _set_end_line,
    _set_end_column, _set_text, _set_snippet, _set_fingerprint, _set_offset, _set_end_offset, _set_fix,
) = slot_setters(Finding)


@dataclass(frozen=True, slots=True)
class Skip:
    """A rule that could not run on an article, and why (no LanguageTool server configured)."""

    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"


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
    skipped: tuple[Skip, ...] = ()  # rules that could not run, reported once per run
    digest: str | None = None  # of the file's bytes as linted (engine.content_digest), for --fix
    body: BodyLocation | None = None  # None: the whole document is the body

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        threshold = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


@dataclass
class Tally:
    """Counts over a run's reports, added up as they stream past, so a batch need not keep them."""

    files: int = 0
    flagged: int = 0  # files with a finding
    severities: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    rules: dict[str, list[int]] = field(default_factory=dict)  # rule -> [findings, files]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of each file not checked
    failing: bool = False  # a finding reached fail_on
    verdicts: Counter = field(default_factory=Counter)  # publish-readiness verdict -> articles

    def add(self, report: Report, fail_on: str, scoring: Scoring | None = None) -> None:
        from .score import score  # score reads findings: imported here, not at the top

        self.files += 1
        readiness = score(report, scoring) if report.format else None  # linted articles only
        if readiness:
            self.verdicts[readiness.verdict] += 1
        if report.error:
            self.errors.append((report.path, report.error))
        self.flagged += bool(report.findings)
        for rule, count in Counter(f.rule for f in report.findings).items():
            counts = self.rules.setdefault(rule, [0, 0])
            counts[0] += count
            counts[1] += 1
        for f in report.findings:
            self.severities[f.severity] += 1
        self.failing = self.failing or report.fails(fail_on)

    @property
    def findings(self) -> int:
        return sum(self.severities.values())

    def statistics(self) -> list[tuple[str, int, int]]:
        """(rule, findings, files) for each rule that fired, most findings first, then by rule id."""
        return sorted(((rule, count, files) for rule, (count, files) in self.rules.items()), key=lambda row: (-row[1], row[0]))


@dataclass(frozen=True, slots=True)
class RunSummary:
    reports: tuple[Report, ...]
    fail_on: str = "warning"
    notices: tuple[str, ...] = field(default=())  # run-wide notices (e.g. a rule family skipped)
    rules: tuple[type, ...] = ()  # the rule classes that ran, for reporters that describe them
    unmet: tuple[Skip, ...] = ()  # required rules (--require) that could not run: exit code 2
    baseline_hidden: int | None = None  # findings a --baseline file hid; None: no baseline in use
    scoring: Scoring | None = None  # the publish-readiness weighting of the run's config; None: the defaults
    tally: Tally | None = None  # a streamed run's counts, its reports not kept (then ``reports`` is empty)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.reports for f in r.findings)

    @property
    def errors(self) -> tuple[Report, ...]:
        return tuple(r for r in self.reports if r.error)

    def counts(self) -> Tally:
        """The run's counts: the streamed tally, or added up from the reports."""
        if self.tally is not None:
            return self.tally
        tally = Tally()
        for report in self.reports:
            tally.add(report, self.fail_on, self.scoring)
        return tally

    def exit_code(self) -> int:
        counts = self.counts()
        if counts.errors or self.unmet:
            return 2
        return 1 if counts.failing else 0

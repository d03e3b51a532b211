"""``path:line:col: severity rule message``, grouped by file, then a summary line."""

from __future__ import annotations

from ..findings import Report, RunSummary, Tally
from ..score import DO_NOT_PUBLISH, NEEDS_EDITS, Scoring, score

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "path": "\033[1m", "dim": "\033[2m", "ready": "\033[32m"}
_VERDICT_COLORS = {DO_NOT_PUBLISH: "error", NEEDS_EDITS: "warning"}
_RESET = "\033[0m"


def render(summary: RunSummary, *, color: bool = False, statistics: bool = False) -> str:
    lines = [] if statistics else [report_text(report, color=color, scoring=summary.scoring) for report in summary.reports]
    return "".join(lines) + closing(summary, statistics=statistics)


def report_text(report: Report, *, color: bool = False, scoring: Scoring | None = None) -> str:
    """One file's lines, each ending in a newline (nothing for a clean file): its findings, then
    its publish-readiness score under ``scoring`` (the run's weighting)."""

    def paint(kind: str, text: str) -> str:
        return f"{_COLORS[kind]}{text}{_RESET}" if color else text

    lines: list[str] = []
    if report.error:
        lines.append(f"{paint('path', report.path)}: {paint('error', 'error')} {report.error}")
    for notice in report.notices:
        lines.append(f"{paint('path', report.path)}: {paint('dim', 'notice')} {notice}")
    for f in report.findings:
        lines.append(f"{paint('path', f.path)}:{f.line}:{f.column}: {paint(f.severity, f.severity)} {f.rule} {f.message}")
    readiness = score(report, scoring)
    if readiness and report.findings:  # a file with none is 100, ready: a clean archive stays quiet
        verdict = paint(_VERDICT_COLORS.get(readiness.verdict, "ready"), readiness.verdict)
        lines.append(f"{paint('path', report.path)}: score {readiness.score}/100, {verdict}")
    return "".join(line + "\n" for line in lines)


def closing(summary: RunSummary, *, statistics: bool = False) -> str:
    """What follows the files: the --statistics table when asked for, then the summary line."""
    table = statistics_table(summary.counts()) if statistics else ""
    return table + summary_line(summary) + "\n"


def statistics_table(counts: Tally) -> str:
    """One row per rule, as ruff's --statistics: findings, files, rule; most findings first."""
    rows = counts.statistics()
    if not rows:
        return ""
    width = max(len(str(count)) for _, count, _ in rows)
    files_width = max(len(f"{files} files") for _, _, files in rows)
    return "".join(
        f"{count:>{width}}  {f'{files} file' + ('s' if files != 1 else ''):<{files_width}}  {rule}\n" for rule, count, files in rows
    )


def summary_line(summary: RunSummary) -> str:
    counts = summary.counts()
    total, files, errors = counts.findings, counts.files, len(counts.errors)
    problems = "problem" if total == 1 else "problems"
    severities = counts.severities
    text = (
        f"{total} {problems} ({severities['error']} errors, {severities['warning']} warnings, {severities['info']} info) "
        f"in {counts.flagged} of {files} file{'s' if files != 1 else ''}"
    )
    if errors:
        text += f"; {errors} file{'s' if errors != 1 else ''} could not be checked"
    if summary.baseline_hidden is not None:
        text += f"; {summary.baseline_hidden} baseline finding{'s' if summary.baseline_hidden != 1 else ''} hidden"
    return text

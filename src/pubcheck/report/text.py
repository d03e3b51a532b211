"""``path:line:col: severity rule message``, grouped by file, then a summary line."""

from __future__ import annotations

from ..findings import SEVERITIES, RunSummary
from ..score import DO_NOT_PUBLISH, NEEDS_EDITS, score

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "path": "\033[1m", "dim": "\033[2m", "ready": "\033[32m"}
_VERDICT_COLORS = {DO_NOT_PUBLISH: "error", NEEDS_EDITS: "warning"}
_RESET = "\033[0m"


def render(summary: RunSummary, *, color: bool = False) -> str:
    def paint(kind: str, text: str) -> str:
        return f"{_COLORS[kind]}{text}{_RESET}" if color else text

    lines: list[str] = []
    for report in summary.reports:
        if report.error:
            lines.append(f"{paint('path', report.path)}: {paint('error', 'error')} {report.error}")
        for notice in report.notices:
            lines.append(f"{paint('path', report.path)}: {paint('dim', 'notice')} {notice}")
        for f in report.findings:
            lines.append(f"{paint('path', f.path)}:{f.line}:{f.column}: {paint(f.severity, f.severity)} {f.rule} {f.message}")
        readiness = score(report, summary.scoring)
        if readiness and report.findings:  # a file with none is 100, ready: a clean archive stays quiet
            verdict = paint(_VERDICT_COLORS.get(readiness.verdict, "ready"), readiness.verdict)
            lines.append(f"{paint('path', report.path)}: score {readiness.score}/100, {verdict}")
    lines.append(summary_line(summary))
    return "\n".join(lines) + "\n"


def summary_line(summary: RunSummary) -> str:
    findings = summary.findings
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    files = len(summary.reports)
    flagged = len({f.path for f in findings})
    problems = "problem" if len(findings) == 1 else "problems"
    text = (
        f"{len(findings)} {problems} ({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info) "
        f"in {flagged} of {files} file{'s' if files != 1 else ''}"
    )
    if summary.errors:
        text += f"; {len(summary.errors)} file{'s' if len(summary.errors) != 1 else ''} could not be checked"
    if summary.baseline_hidden is not None:
        text += f"; {summary.baseline_hidden} baseline finding{'s' if summary.baseline_hidden != 1 else ''} hidden"
    return text

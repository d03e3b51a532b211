"""GitHub Actions workflow commands: one ``::warning file=…,line=…::message`` per finding."""

from __future__ import annotations

from ..findings import Report, RunSummary
from .text import closing

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(summary: RunSummary, *, statistics: bool = False) -> str:
    return "".join(report_text(report) for report in summary.reports) + closing(summary, statistics=statistics)


def report_text(report: Report) -> str:
    """One file's workflow commands, each ending in a newline."""
    lines = []
    if report.error:
        lines.append(f"::error file={_property(report.path)},title=pubcheck::{_data(report.error)}")
    for f in report.findings:
        properties = (
            f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column},"
            f"title={_property('pubcheck ' + f.rule)}"
        )
        lines.append(f"::{LEVELS[f.severity]} {properties}::{_data(f.message)}")
    return "".join(line + "\n" for line in lines)

"""Reporters: a run's reports -> text, JSON, SARIF 2.1.0 or GitHub Actions annotations."""

from __future__ import annotations

from typing import Callable, Iterable, TextIO

from ..findings import Report, RunSummary
from ..score import Scoring

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, summary: RunSummary, *, color: bool = False, statistics: bool = False, indent: int = 0) -> str:
    """The whole output of a run in format ``fmt`` (JSON and SARIF compact, or indented by ``indent`` spaces)."""
    renderer: Callable[..., str]
    if fmt == "text":
        from .text import render as renderer

        return renderer(summary, color=color, statistics=statistics)
    if fmt == "github":
        from .github import render as renderer

        return renderer(summary, statistics=statistics)
    if fmt == "json":
        from .json import render as renderer
    else:
        from .sarif import render as renderer
    return renderer(summary, indent)


def write(
    fmt: str,
    reports: Iterable[Report],
    finish: Callable[[tuple[Report, ...]], RunSummary],
    out: TextIO,
    *,
    color: bool = False,
    statistics: bool = False,
    scoring: Scoring | None = None,
    indent: int = 0,
) -> None:
    """Write what :func:`render` would, each file as soon as its report arrives (in order).
    Text, GitHub and JSON keep nothing of a file once it is written; SARIF, whose rule list
    comes before the results, keeps the reports and is written at the end. ``finish(kept)`` is
    the run's summary once every report has passed, ``kept`` the reports kept (or none); ``scoring``
    the run's publish-readiness weighting, for each file's score as it is written."""
    if fmt == "sarif":
        out.write(render(fmt, finish(tuple(reports)), indent=indent))
        return
    if fmt == "json":
        from .json import stream

        stream(reports, lambda: finish(()), out, scoring, indent)
        return
    from . import github, text

    for report in reports:
        lines = "" if statistics else text.report_text(report, color=color, scoring=scoring) if fmt == "text" else github.report_text(report)
        if lines:
            out.write(lines)
            out.flush()
    out.write(text.closing(finish(()), statistics=statistics))

"""The editor's HTML report: one self-contained page (``pubcheck report PATH… -o report.html``).

The page is rendered by Jinja2 with autoescaping from ``report.html.j2`` beside this module. The
batch travels as JSON inside ``<script type="application/json">`` (Jinja's ``tojson`` escapes
``<``, ``>``, ``&`` and ``'``, so an article's ``</script>`` cannot end the element), and the
page's script builds the index and each article with ``textContent`` only, one article at a
time and the index a page of rows at a time, so 5,000 articles keep the DOM small. A Content
Security Policy allows only the page's own nonce-bearing script, and nothing from the network.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from pathlib import Path
from typing import Iterable

from ..document import decode
from ..engine import RunOptions, content_digest, lint_paths, read_regular_file
from ..errors import InputError
from ..fileio import write_atomically
from ..findings import SEVERITIES, Finding, Report, RunSummary
from ..rules.base import CATEGORIES
from ..score import score

TEMPLATE = "report.html.j2"
CHART_WIDTH = 320  # px of the longest bar in the findings-per-rule chart
MAX_SHOWN_SIZE = 1 << 30  # an article read again for the page: it was linted, so far smaller in practice


def build_report(paths: Iterable[str], options: RunOptions = RunOptions(), *, jobs: int = 1) -> tuple[str, RunSummary]:
    """Lint ``paths`` and render the report page; the summary comes back for the exit code and messages."""
    summary = lint_paths(paths, options, jobs=jobs)
    return render(summary, {r.path: _source(r) for r in summary.reports}), summary


def write_page(path: str | os.PathLike, page: str) -> None:
    """Write the page whole, so a reader never sees half of it."""
    write_atomically(Path(path), page.encode("utf-8"))


def _source(report: Report) -> str | None:
    """The article's text as linted, read again; None when it cannot be shown at the findings' offsets."""
    if report.error or not report.format or not report.digest:
        return None
    try:  # a regular file, bounded: the path may have been swapped for a FIFO since it was linted
        data = read_regular_file(Path(report.path), MAX_SHOWN_SIZE)
    except (OSError, InputError):
        return None
    if content_digest(data) != report.digest:  # changed since it was linted: the offsets no longer fit
        return None
    return decode(data, report.format, [])[0]  # as the lint read it: a page with a wrong charset too


def render(summary: RunSummary, sources: dict[str, str | None]) -> str:
    """The page for a run, given each article's source text (offsets of its findings index it)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    rules = {rule.id: rule for rule in summary.rules}
    articles = sorted(
        (_article(r, sources.get(r.path), summary) for r in summary.reports),
        key=lambda a: (a["score"] is not None, a["score"] or 0, a["path"]),  # unreadable first, then worst first
    )
    per_rule = Counter(f.rule for f in summary.findings)
    used = sorted(per_rule, key=lambda rule: (-per_rule[rule], rule))
    top = max(per_rule.values(), default=1)
    data = {
        "articles": articles,
        "rules": {rule: _rule_info(rule, rules) for rule in used},
        "severities": list(SEVERITIES),
        "categories": list(CATEGORIES),
    }
    return environment.get_template(TEMPLATE).render(
        data=data,
        nonce=secrets.token_urlsafe(16),
        chart=[{"rule": rule, "count": per_rule[rule], "width": max(1, round(CHART_WIDTH * per_rule[rule] / top))} for rule in used],
        chart_width=CHART_WIDTH,
        files=len(summary.reports),
        findings=len(summary.findings),
        verdicts=Counter(a["verdict"] for a in articles if a["verdict"]),
        severities=SEVERITIES,
    )


def _rule_info(rule_id: str, rules: dict) -> dict:
    rule = rules.get(rule_id) or rules.get(rule_id.split("/", 1)[0])  # grammar/CODE: its family's documentation
    if rule is None:
        return {"category": "", "summary": "", "explain": ""}
    return {"category": rule.category, "summary": rule.summary, "explain": rule.documentation()}


def _article(report: Report, source: str | None, summary: RunSummary) -> dict:
    readiness = score(report, summary.scoring)
    findings = list(report.findings)
    return {
        "path": report.path,
        "error": report.error,
        "notices": list(report.notices),
        "score": readiness.score if readiness else None,
        "verdict": readiness.verdict if readiness else None,
        "counts": dict(Counter(f.category for f in findings)),
        "findings": [_finding(f) for f in findings],
        "segments": _segments(source, findings) if source is not None else None,
    }


def _finding(f: Finding) -> dict:
    fix = None
    if f.fix:
        fix = {"description": f.fix.description, "replacement": f.fix.replacement, "safe": f.fix.safe}
    return {
        "rule": f.rule, "severity": f.severity, "category": f.category, "message": f.message,
        "line": f.line, "column": f.column, "text": f.text, "snippet": f.snippet, "fix": fix,
    }


def _segments(source: str, findings: list[Finding]) -> list[list]:
    """``source`` cut at every finding's start and end: ``[text, [indexes of the findings covering it]]``.
    Offsets are code points, which the page's UTF-16 strings could not index, so the cutting is done here."""
    cuts = {0, len(source)}
    for f in findings:
        if f.end_offset > f.offset:
            cuts.update((f.offset, f.end_offset))
    cuts = sorted(c for c in cuts if 0 <= c <= len(source))
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [i for i, f in enumerate(findings) if f.offset <= start and end <= f.end_offset and f.end_offset > f.offset]
        if segments and not covering and not segments[-1][1]:
            segments[-1][0] += source[start:end]
        else:
            segments.append([source[start:end], covering])
    return segments

"""The JSON report, format version 1. Its JSON Schema is ``pubcheck-report.schema.json`` beside this file."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import SEVERITIES, BodyLocation, Finding, Report, RunSummary
from ..score import VERDICTS, score

FORMAT_VERSION = 1


def finding_dict(f: Finding) -> dict:
    fix = None
    if f.fix:
        fix = {"offset": f.fix.start, "end_offset": f.fix.end, "replacement": f.fix.replacement,
               "description": f.fix.description, "safe": f.fix.safe}
    return {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "text": f.text,
        "fingerprint": f.fingerprint,
        "fix": fix,
    }


def body_dict(body: BodyLocation | None) -> dict | None:
    if body is None:
        return None
    return {"element": body.element, "names": body.names, "line": body.line, "column": body.column,
            "end_line": body.end_line, "end_column": body.end_column, "offset": body.offset, "end_offset": body.end_offset}


def readiness_dict(report: Report, summary: RunSummary) -> dict:
    """``score`` and ``verdict`` of one article (both None when it could not be checked)."""
    readiness = score(report, summary.scoring)
    return {"score": readiness.score if readiness else None, "verdict": readiness.verdict if readiness else None}


def report_dict(summary: RunSummary) -> dict:
    findings = summary.findings
    files = [{"path": r.path, "format": r.format, "error": r.error, **readiness_dict(r, summary)} for r in summary.reports]
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "pubcheck", "version": __version__},
        "files": [
            {**about, "notices": list(r.notices), "findings": [finding_dict(f) for f in r.findings], "body": body_dict(r.body)}
            for about, r in zip(files, summary.reports)
        ],
        "notices": list(summary.notices),
        "summary": {
            "files": len(summary.reports),
            "files_with_errors": len(summary.errors),
            "findings": len(findings),
            **{s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES},
            "verdicts": {v: sum(1 for about in files if about["verdict"] == v) for v in VERDICTS},
            "fail_on": summary.fail_on,
            "exit_code": summary.exit_code(),
            **({"baseline_hidden": summary.baseline_hidden} if summary.baseline_hidden is not None else {}),
        },
    }


def render(summary: RunSummary) -> str:
    return json.dumps(report_dict(summary), ensure_ascii=False, indent=2) + "\n"

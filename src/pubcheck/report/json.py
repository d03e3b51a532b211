"""The JSON report, format version 1. Its JSON Schema is ``pubcheck-report.schema.json`` beside this file."""

from __future__ import annotations

import io
import json
from functools import partial
from typing import Callable, Iterable, Iterator, TextIO

from .. import __version__
from ..findings import BodyLocation, Finding, Report, RunSummary
from ..score import VERDICTS, Scoring, score

FORMAT_VERSION = 1
# A file's findings turned into dicts and JSON this many at a time: a large page's 300,000 findings
# as one string (4 bytes a character if one holds an emoji) took more memory than its document.
FINDINGS_AT_ONCE = 1000


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


def readiness_dict(report: Report, scoring: Scoring | None) -> dict:
    """``score`` and ``verdict`` of one article (both None when it could not be checked)."""
    readiness = score(report, scoring)
    return {"score": readiness.score if readiness else None, "verdict": readiness.verdict if readiness else None}


def file_dict(r: Report, scoring: Scoring | None, *, findings: bool = True) -> dict:
    """One file's entry (with ``findings`` False, an empty list of findings: :func:`file_json` writes them)."""
    return {
        "path": r.path,
        "format": r.format,
        "error": r.error,
        **readiness_dict(r, scoring),
        "notices": list(r.notices),
        "findings": [finding_dict(f) for f in r.findings] if findings else [],
        "body": body_dict(r.body),
    }


def file_json(r: Report, scoring: Scoring | None, dump: Callable[[object], str], step: str) -> Iterator[str]:
    """``dump(file_dict(r, scoring))`` in pieces, :data:`FINDINGS_AT_ONCE` findings each (``dump``
    compact, or indented by ``step``, as :func:`stream` dumps): the file's other fields, written
    around its findings as json writes a dict's members in order."""
    if len(r.findings) <= FINDINGS_AT_ONCE:
        yield dump(file_dict(r, scoring))
        return
    entry = file_dict(r, scoring, findings=False)
    keys = list(entry)
    split = keys.index("findings")
    before, after = {key: entry[key] for key in keys[:split]}, {key: entry[key] for key in keys[split + 1 :]}
    line = "\n" + step if step else ""  # what json writes before a member of a dict or an item of a list
    opened = dump(before)
    yield opened[: len(opened) - len(line[:1] + "}")] + "," + line + dump("findings") + (": " if step else ":") + "["
    for start in range(0, len(r.findings), FINDINGS_AT_ONCE):
        items = dump([finding_dict(f) for f in r.findings[start : start + FINDINGS_AT_ONCE]])
        items = items[1 : len(items) - len(line[:1] + "]")]  # the items, without the list's "[" and ("\n") "]"
        yield ("," if start else "") + items.replace("\n", line)  # one level deeper, inside the file's entry
    yield line + "]," + dump(after)[1:]


def report_dict(summary: RunSummary) -> dict:
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "pubcheck", "version": __version__},
        "files": [file_dict(r, summary.scoring) for r in summary.reports],
        **closing_dict(summary),
    }


def closing_dict(summary: RunSummary) -> dict:
    """What follows the files: run-wide notices, the summary and the per-rule statistics."""
    counts = summary.counts()
    return {
        "notices": list(summary.notices),
        "summary": {
            "files": counts.files,
            "files_with_errors": len(counts.errors),
            "findings": counts.findings,
            **counts.severities,
            "verdicts": {v: counts.verdicts[v] for v in VERDICTS},
            "fail_on": summary.fail_on,
            "exit_code": summary.exit_code(),
            **({"baseline_hidden": summary.baseline_hidden} if summary.baseline_hidden is not None else {}),
        },
        "statistics": [{"rule": rule, "findings": count, "files": files} for rule, count, files in counts.statistics()],
    }


def render(summary: RunSummary, indent: int = 0) -> str:
    out = io.StringIO()
    stream(summary.reports, lambda: summary, out, summary.scoring, indent)
    return out.getvalue()


def stream(reports: Iterable[Report], finish: Callable[[], RunSummary], out: TextIO, scoring: Scoring | None = None,
           indent: int = 0) -> None:
    """Write the same document as :func:`render`, each file's entry as soon as its report arrives
    (``scoring``: the run's publish-readiness weighting). Compact, each file's entry on a line of
    its own (json's C encoder serves only compact output); indented by ``indent`` spaces if given."""
    if indent:
        dump = partial(json.dumps, ensure_ascii=False, indent=indent)
        step = " " * indent
        files_key, entry_lead, files_end = f',\n{step}"files": [', "\n" + 2 * step, "\n" + step + "]"
    else:
        dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
        step = ""
        files_key, entry_lead, files_end = ',"files":[', "\n", "\n]"
    head = dump({"version": FORMAT_VERSION, "tool": {"name": "pubcheck", "version": __version__}})
    out.write(head[:-1].rstrip() + files_key)
    separator = ""
    for report in reports:
        lead = separator + entry_lead
        for piece in file_json(report, scoring, dump, step):
            out.write(lead + piece.replace("\n", entry_lead))
            lead = ""
        out.flush()
        separator = ","
    out.write(files_end if separator else "]")
    out.write("," + dump(closing_dict(finish()))[1:] + "\n")

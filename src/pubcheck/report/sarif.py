"""SARIF 2.1.0, shaped for GitHub code scanning: rule metadata with help, ruleIndex,
partialFingerprints, artifact URIs relative to %SRCROOT%, and regions with snippets."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..findings import RunSummary
from ..score import score

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/pubcheck/pubcheck/blob/main/docs/rules.md"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str, root: Path) -> dict:
    try:
        relative = Path(path).resolve().relative_to(root)
    except (ValueError, OSError):
        return {"uri": Path(path).resolve().as_uri()} if path not in ("-", "<string>") else {"uri": quote(path)}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def rule_descriptor(rule) -> dict:
    docs = rule.documentation()
    first_paragraph = docs.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": docs, "markdown": docs},
        "helpUri": f"{DOCS}#{rule.id}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category], "precision": "high"},
    }


def sarif_log(summary: RunSummary, root: Path | None = None) -> dict:
    root = (root or Path.cwd()).resolve()
    rules = {rule.id: rule for rule in summary.rules}
    used = sorted(r for r in {f.rule for f in summary.findings} | set(rules) if r.split("/", 1)[0] in rules)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    readiness = {r.path: score(r, summary.scoring) for r in summary.reports}
    results = []
    # By report, not by finding path: the server files a title's findings under "PATH#title".
    for report, f in ((r, f) for r in summary.reports for f in r.findings):
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "charOffset": f.offset,
            "charLength": f.end_offset - f.offset,
            "snippet": {"text": f.snippet},
        }
        result = {
            "ruleId": f.rule,
            **({"ruleIndex": index[f.rule]} if f.rule in index else {}),
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path, root), "region": region}}],
            "partialFingerprints": {"pubcheck/v1": f.fingerprint},
            # the publish-readiness of the article the result is in (pubcheck.score)
            "properties": {"articleScore": readiness[report.path].score, "articleVerdict": readiness[report.path].verdict},
        }
        if f.fix:
            result["fixes"] = [
                {
                    "description": {"text": f.fix.description},
                    "artifactChanges": [
                        {
                            "artifactLocation": _artifact(f.path, root),
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": f.fix.start, "charLength": f.fix.end - f.fix.start},
                                    "insertedContent": {"text": f.fix.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": r.error}, "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, root)}}]}
        for r in summary.reports
        if r.error
    ]
    notifications += [
        {"level": "note", "message": {"text": n}, "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, root)}}]}
        for r in summary.reports
        for n in r.notices
    ]
    notifications += [{"level": "note", "message": {"text": n}} for n in summary.notices]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pubcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/pubcheck/pubcheck",
                        "rules": [_descriptor(r, rules) for r in used if r.split("/", 1)[0] in rules],
                    }
                },
                "invocations": [
                    {"executionSuccessful": not summary.errors, "toolExecutionNotifications": notifications}
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "articles": [
                        {"uri": _artifact(r.path, root)["uri"], "score": s.score, "verdict": s.verdict}
                        for r, s in ((r, readiness[r.path]) for r in summary.reports)
                        if s
                    ]
                },
            }
        ],
    }


def _descriptor(rule_id: str, rules: dict) -> dict:
    """A rule's descriptor; a sub-rule ("grammar/MORFOLOGIK_RULE_EN_US") gets its own, under its
    own id and otherwise its rule's, so every ruleIndex points at the descriptor for its ruleId."""
    if rule_id in rules:
        return rule_descriptor(rules[rule_id])
    parent, _, code = rule_id.partition("/")
    descriptor = rule_descriptor(rules[parent])
    return {**descriptor, "id": rule_id, "name": descriptor["name"] + "/" + code}


def render(summary: RunSummary, indent: int = 0) -> str:
    """The SARIF log: compact, or indented by ``indent`` spaces."""
    separators = None if indent else (",", ":")
    return json.dumps(sarif_log(summary), ensure_ascii=False, indent=indent or None, separators=separators) + "\n"

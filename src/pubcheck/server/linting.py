"""Lint one article and render the answer: the CPU-bound part of a request, run in a worker thread.

The headline and SEO description are not part of the submitted ``content``, yet rules need them
(a headline repeated as the first paragraph, a keyphrase stuffed into the headings). So the
linter reads a short prefix — ``<meta name="description">`` and ``<h1>`` for HTML, front matter
and ``# headline`` for Markdown, the headline line for text — followed by the content, and the
findings are moved back afterwards: positions in the content refer to the content exactly as
submitted, and a finding in the headline or description is reported against ``PATH#title`` /
``PATH#description``, with its column in that field's text.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from ..config import Config, merge_rules, parse_rules
from ..engine import WARM_UP, Linter, linter_for, required
from ..errors import ConfigError
from ..findings import SEVERITIES, Finding, Report, RunSummary, Skip
from ..fix import fix_text
from ..report.json import readiness_dict, report_dict
from ..report.sarif import DOCS, sarif_log
from .adapters import Article
from .errors import ApiError

EXTENSIONS = {"html": "html", "markdown": "md", "text": "txt"}
VERDICTS = {0: "pass", 1: "fail", 2: "error"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Outcome:
    """What a lint request produced: the response body, and what the logs and callback need."""

    body: bytes
    media_type: str
    verdict: str
    counts: dict[str, Any]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Composed:
    """The text the linter reads: a metadata prefix, then the article's content unchanged."""

    source: str
    prefix: int = 0  # characters before the content
    lines: int = 0  # line breaks before the content
    fields: tuple[tuple[str, int, int], ...] = ()  # (title|description, start, end) of each value in the prefix
    unescape: Callable[[str], str] = str  # prefix text -> the field's own text (HTML entities)

    def column(self, start: int, offset: int) -> int:
        return len(self.unescape(self.source[start:offset])) + 1


def compose(article: Article) -> Composed:
    """Put the headline and description where the reader for ``article.format`` finds them.

    The headline goes in as the page's visible headline (``<h1>``, ``# …``, the first line of
    text), as a CMS theme shows it above the body; the description as ``<meta name=description>``
    or front matter. Plain text has no place for a description.
    """
    content, fmt = article.content, article.format
    description = article.description if fmt != "text" else None
    if not (article.title or description) or not content.strip() or (fmt == "markdown" and content.lstrip().startswith("---")):
        return Composed(content)  # nothing to add, or the Markdown brings its own front matter
    pieces: list[tuple[str | None, str]] = []  # (field name, or None for markup around it; text)
    if fmt == "html":
        if description:
            pieces += [(None, '<meta name="description" content="'), ("description", _html(description)), (None, '">')]
        if article.title:
            pieces += [(None, "<h1>"), ("title", _html(article.title)), (None, "</h1>")]
        pieces.append((None, "\n"))
    else:
        if description:
            pieces += [(None, '---\ndescription: "'), ("description", _one_line(description)), (None, '"\n---\n')]
        if article.title:
            pieces += [(None, "# " if fmt == "markdown" else ""), ("title", _one_line(article.title)), (None, "\n\n")]
    prefix, spans = "", []
    for name, text in pieces:
        if name:
            spans.append((name, len(prefix), len(prefix) + len(text)))
        prefix += text
    unescape = html.unescape if fmt == "html" else str
    return Composed(prefix + content, len(prefix), prefix.count("\n"), tuple(spans), unescape)


def _html(value: str) -> str:
    return html.escape(value).replace("\n", "&#10;").replace("\r", "&#13;")


def _one_line(value: str) -> str:
    return value.replace("\r", " ").replace("\n", " ")


def relocate(report: Report, composed: Composed) -> Report:
    """Findings in the content move back to content positions; those in the prefix name their field."""
    moved = []
    for f in report.findings:
        if f.offset >= composed.prefix:
            fix = f.fix and replace(f.fix, start=f.fix.start - composed.prefix, end=f.fix.end - composed.prefix)
            moved.append(replace(
                f, line=f.line - composed.lines, end_line=f.end_line - composed.lines,
                offset=f.offset - composed.prefix, end_offset=f.end_offset - composed.prefix, fix=fix,
            ))
            continue
        name, start, end = next((s for s in composed.fields if s[1] <= f.offset <= s[2]), composed.fields[0])
        column = composed.column(start, max(f.offset, start))
        end_column = max(composed.column(start, min(max(f.end_offset, start), end)), column)
        moved.append(replace(
            f, path=f"{f.path}#{name}", line=1, column=column, end_line=1, end_column=end_column,
            offset=column - 1, end_offset=end_column - 1, fix=None,
        ))
    return replace(report, findings=tuple(moved))


def article_path(article: Article) -> str:
    """The report's path: ``<cms>/<id>.<ext>`` (``article.<ext>`` for /v1/lint), never a server path."""
    name = _UNSAFE.sub("_", article.id).strip("._")[:100] if article.id else ""
    name = name or "article"
    folder = "" if article.source == "lint" else f"{article.source}/"
    return f"{folder}{name}.{EXTENSIONS[article.format]}"


class LintService:
    """The configured rules, built once per process; a request's own rules or keyphrase take a
    Linter from the engine's bounded cache."""

    def __init__(self, config: Config):
        self.config = config
        self.linter = Linter(config)  # a broken config or rule pack stops the server here

    def warm_up(self) -> tuple[Skip, ...]:
        """Lint a small article, so lazily loaded data (the CMU dictionary) is in memory before the
        first request; returns why any required rule could not run (a LanguageTool server down)."""
        return unmet(self.linter, self.linter.lint_text(WARM_UP, "html", "warm-up.html"))  # now, not cached

    def linter_for(self, article: Article) -> Linter:
        if not article.rules and not article.keyphrase:
            return self.linter
        config = replace(self.config, source="request")  # errors name the request, not a server file
        try:
            if article.rules:  # in key order, whatever order the JSON had: the same rules, the same Linter and first error
                rules = json.loads(json.dumps(article.rules, sort_keys=True))
                config = replace(config, rules=merge_rules(config.rules, parse_rules(rules, "request")))
            if article.keyphrase:
                config = replace(config, keyphrase=article.keyphrase)
            return linter_for(config)
        except ConfigError as exc:
            raise ApiError(422, "invalid-field", str(exc)) from None

    def lint(self, article: Article, sarif: bool) -> Outcome:
        linter = self.linter_for(article)
        composed = compose(article)
        path = article_path(article)
        report = relocate(linter.lint_text(composed.source, article.format, path), composed)
        active = linter.rules_for(linter.config.matching_overrides(path))
        summary = RunSummary((report,), fail_on=linter.config.fail_on, notices=tuple(map(str, report.skipped)),
                             rules=tuple(type(a.rule) for a in active), unmet=unmet(linter, report),
                             scoring=linter.config.score)
        verdict = VERDICTS[summary.exit_code()]
        readiness = readiness_dict(report, summary.scoring)  # publish-readiness: score and verdict
        counts = {
            "findings": len(report.findings),
            **{severity: report.count(severity) for severity in SEVERITIES},
            "by_rule": dict(Counter(f.rule for f in report.findings)),
        }
        about = _about(article, path)
        fixed = {"fixed": fix_text(article.content, report, input_format=article.format)} if article.fix else {}
        nodes = {f.fingerprint: article.converted.node_at(f.offset) for f in report.findings
                 if article.converted and f.path == path}
        if sarif:
            log = sarif_log(summary, root=Path.cwd())
            run = log["runs"][0]
            run.pop("originalUriBaseIds", None)  # it would name the server's working directory
            run["properties"] = {**run["properties"], "verdict": verdict, "readiness": readiness, "counts": counts, "article": about, **({"nodes": nodes} if nodes else {}), **fixed}
            body, media_type = log, "application/sarif+json"
        else:
            body = {**report_dict(summary), "verdict": verdict, "readiness": readiness, "counts": counts, "article": about, **fixed}
            if nodes:
                body["nodes"] = nodes
            media_type = "application/json"
        return Outcome(json.dumps(body, ensure_ascii=False).encode(), media_type, verdict, counts, report.findings)

    def catalogue(self) -> list[dict[str, Any]]:
        """Every known rule, and whether (and at what severity) the configured selection runs it."""
        active = {a.rule.id: a.severity for a in self.linter.rules_for(())}
        return [
            {
                "id": rule_id,
                "category": rule.category,
                "summary": rule.summary,
                "enabled": rule_id in active,
                "severity": active.get(rule_id, rule.severity),
                "default_severity": rule.severity,
                "enabled_by_default": rule.enabled_by_default,
                "help_uri": f"{DOCS}#{rule_id}",
                "documentation": rule.documentation(),
            }
            for rule_id, rule in self.linter.catalogue.items()
        ]


def unmet(linter: Linter, report: Report) -> tuple[Skip, ...]:
    """The rules the config marks ``require:`` that could not run on ``report``'s article."""
    return tuple(skip for skip in report.skipped if required(skip, linter.catalogue, linter.config.require))


def _about(article: Article, path: str) -> dict[str, Any]:
    """What was linted, for the CMS to match the answer to its article. Converted content is included,
    since finding positions refer to it."""
    about = {
        "source": article.source, "event": article.event, "id": article.id, "revision": article.revision,
        "content_type": article.content_type, "url": article.url, "title": article.title,
        "keyphrase": article.keyphrase, "format": article.format, "path": path,
    }
    about = {key: value for key, value in about.items() if value is not None}
    if article.converted:
        about["converted_from"] = article.converted.kind
        about["content"] = article.content
    return about

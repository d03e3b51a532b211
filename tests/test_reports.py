"""Output formats: text, JSON (against its schema), SARIF (against the official 2.1.0 schema), GitHub."""

from __future__ import annotations

import html
import json
from functools import partial
from pathlib import Path

import jsonschema
import pytest

HERE = Path(__file__).parent
SARIF_SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads(
    (HERE.parent / "src" / "pubcheck" / "report" / "pubcheck-report.schema.json").read_text(encoding="utf-8")
)


@pytest.fixture
def articles(tmp_path, synthetic_text):
    (tmp_path / "ref.txt").write_text(synthetic_text, encoding="utf-8")
    page = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" if line.strip() else "" for line in synthetic_text.split("\n"))
    (tmp_path / "ref.html").write_text(page, encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Premiere\n\nThe film opens in May, the studio said.\n", encoding="utf-8")
    return tmp_path


EXPECTED = [("ref.html", 17, 4), ("ref.html", 34, 4), ("ref.html", 53, 4), ("ref.txt", 17, 1), ("ref.txt", 34, 1), ("ref.txt", 53, 1)]


def test_text_format(articles, cli):
    result = cli("lint", "--select", "clickbait", "ref.txt", "ref.html", "clean.md", cwd=articles)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("ref.txt:17:1: warning clickbait-interstitial Teaser \"📖 Related: Does Corin Mabry")
    findings = [line for line in lines[:-1] if ": score " not in line]
    located = sorted((line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2])) for line in findings)
    assert located == EXPECTED
    # one readiness line after each flagged file's findings; the clean file prints none
    assert [line for line in lines if ": score " in line] == ["ref.txt: score 55/100, do not publish", "ref.html: score 55/100, do not publish"]
    assert lines[-1] == "6 problems (0 errors, 6 warnings, 0 info) in 2 of 3 files"
    assert "\033[" not in result.stdout.decode()


def test_colour_only_when_asked_or_on_a_terminal(articles, cli):
    coloured = cli("lint", "--select", "clickbait", "--color", "always", "ref.txt", cwd=articles).stdout.decode()
    assert "\033[33mwarning\033[0m" in coloured


def test_json_format_matches_its_schema(articles, cli):
    result = cli("lint", "--select", "clickbait", "--format", "json", "ref.txt", "ref.html", "clean.md", cwd=articles)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    found = sorted((f["path"], f["line"], f["column"]) for file in data["files"] for f in file["findings"])
    assert found == EXPECTED
    assert data["summary"] == {
        "files": 3, "files_with_errors": 0, "findings": 6, "error": 0, "warning": 6, "info": 0,
        "verdicts": {"ready": 1, "needs edits": 0, "do not publish": 2}, "fail_on": "warning", "exit_code": 1,
    }
    assert [(f["path"], f["score"], f["verdict"]) for f in data["files"]] == [
        ("ref.txt", 55, "do not publish"), ("ref.html", 55, "do not publish"), ("clean.md", 100, "ready"),
    ]
    first = data["files"][0]["findings"][0]
    assert first["fix"]["safe"] is True and first["fix"]["replacement"] == ""


def test_sarif_validates_and_meets_code_scanning_rules(articles, cli):
    result = cli("lint", "--select", "clickbait", "--format", "sarif", "ref.txt", "ref.html", "clean.md", cwd=articles)
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == articles.resolve().as_uri() + "/"
    found = []
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == "clickbait-interstitial"
        assert res["partialFingerprints"]["pubcheck/v1"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert region["snippet"]["text"].startswith(("📖", "👉", "✨"))
        found.append((location["artifactLocation"]["uri"], region["startLine"], region["startColumn"]))
        assert res["properties"] == {"articleScore": 55, "articleVerdict": "do not publish"}
    assert sorted(found) == EXPECTED
    assert run["properties"]["articles"] == [
        {"uri": "ref.txt", "score": 55, "verdict": "do not publish"},
        {"uri": "ref.html", "score": 55, "verdict": "do not publish"},
        {"uri": "clean.md", "score": 100, "verdict": "ready"},
    ]
    rule = rules[0]
    assert rule["helpUri"].startswith("https://") and "## Why is this bad?" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "warning"


def test_sarif_reports_unreadable_files_as_notifications(tmp_path, cli):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 society\n")
    log = json.loads(cli("lint", "--format", "sarif", "bad.txt", cwd=tmp_path).stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "cannot decode as utf-8" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotations(articles, cli):
    out = cli("lint", "--select", "clickbait", "--format", "github", "ref.txt", cwd=articles).stdout.decode().splitlines()
    assert out[0].startswith("::warning file=ref.txt,line=17,col=1,endLine=17,endColumn=77,title=pubcheck clickbait-interstitial::Teaser")
    assert len(out) == 4


def _finding_and_problem():
    from pubcheck.document import MappedText
    from pubcheck.findings import Finding, Fix
    from pubcheck.rules.base import Problem

    fix = Fix(5, 6, "x", "why")
    return [
        (Finding, ("r", "c", "warning", "m", "a.txt", 1, 2, 3, 4, "t", "s", "fp", 5, 6, fix)),
        (Problem, ("m", MappedText("text", [0, 1, 2, 3]), 1, 3, fix, "code", "info")),
    ]


@pytest.mark.parametrize("cls, values", _finding_and_problem())
def test_findings_and_problems_are_made_as_a_frozen_dataclass_makes_them(cls, values):
    """Finding.__init__ and Problem.__init__ store their fields through their slots, not through
    the dataclass's own __init__: each must take the same parameters (names, order, defaults) and
    give what a frozen dataclass gives, still frozen, equal, hashable and picklable."""
    import dataclasses
    import inspect
    import pickle

    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls).parameters.values())
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default) for f in fields]
    plain = dataclasses.make_dataclass(  # the same fields, with the dataclass's own __init__
        "Plain", [(f.name, f.type, dataclasses.field(default=f.default)) for f in fields], frozen=True, slots=True)
    made = cls(*values)
    assert tuple(getattr(made, f.name) for f in fields) == values
    assert made == cls(**{f.name: v for f, v in zip(fields, values)})
    required = sum(f.default is dataclasses.MISSING for f in fields)
    least = cls(*values[:required])
    assert dataclasses.astuple(least) == dataclasses.astuple(plain(*values[:required]))
    if cls.__name__ == "Finding":  # a Problem's MappedText compares by identity and is not pickled
        assert pickle.loads(pickle.dumps(made)) == made and hash(pickle.loads(pickle.dumps(made))) == hash(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[2].name, 9)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_findings_end_is_where_the_document_puts_its_end_offset(newline, fmt):
    """The engine works out the end of a finding on one line from its length, not from the
    document's line starts: the same line and column, whatever the line ends and on findings
    across lines."""
    from pubcheck.config import Config
    from pubcheck.document import read
    from pubcheck.engine import Linter

    long = " ".join(["The council said the plan, which had been debated for many months by"] * 6) + " residents."
    lines = ["Headline about the plan", "", long, "", "Critics say the plan is a “disaster” for the town.",
             "", newline.join(long.split(" by ")), "", "You won't believe what happened next!"]
    text = newline.join(f"<p>{line}</p>" if fmt == "html" and line else line for line in lines)
    doc = read(text, fmt, f"a.{fmt}")
    report = Linter(Config()).lint_text(text, fmt, f"a.{fmt}")
    assert len({f.line for f in report.findings}) > 2 and any(f.end_line > f.line for f in report.findings)
    for finding in report.findings:
        assert (finding.line, finding.column) == doc.lines.position(finding.offset)
        assert (finding.end_line, finding.end_column) == doc.lines.position(finding.end_offset)


def test_github_escapes_properties_and_data():
    from pubcheck.findings import Finding, Report, RunSummary
    from pubcheck.report.github import render

    finding = Finding("r", "c", "error", "50% off\nnow", "a,b:c.txt", 1, 1, 1, 2, "x", "x", "fp")
    out = render(RunSummary((Report("a,b:c.txt", "text", (finding,)),)))
    assert out.splitlines()[0] == "::error file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=2,title=pubcheck r::50%25 off%0Anow"


def test_json_and_sarif_are_compact_unless_indent_is_asked_for(articles, cli):
    paths = ("ref.txt", "ref.html", "clean.md")
    compact = cli("lint", "--select", "clickbait", "--format", "json", *paths, cwd=articles).stdout.decode()
    indented = cli("lint", "--select", "clickbait", "--format", "json", "--indent", "2", *paths, cwd=articles).stdout.decode()
    assert json.loads(compact) == json.loads(indented)
    lines = compact.splitlines()  # the head, one line per file, the closing summary
    assert len(lines) == 5 and [json.loads(line.rstrip(","))["path"] for line in lines[1:4]] == list(paths)
    assert ": " not in lines[0] and lines[0].endswith('"files":[')
    assert indented.startswith('{\n  "version": 1,\n  "tool": {\n') and '\n    {\n      "path": "ref.html",' in indented
    sarif = cli("lint", "--select", "clickbait", "--format", "sarif", *paths, cwd=articles).stdout.decode()
    sarif_indented = cli("lint", "--select", "clickbait", "--format", "sarif", "--indent", "4", *paths, cwd=articles).stdout.decode()
    assert sarif.count("\n") == 1 and json.loads(sarif) == json.loads(sarif_indented)
    assert sarif_indented.startswith('{\n    "$schema"')


@pytest.mark.parametrize("args", [("--indent", "2"), ("--format", "json", "--indent", "0"), ("--format", "json", "--indent", "x")])
def test_indent_is_refused_where_it_means_nothing(articles, cli, args):
    result = cli("lint", *args, "clean.md", cwd=articles)
    assert result.returncode == 2 and result.stdout == b""
    error = result.stderr.decode()
    assert "--indent" in error.strip().splitlines()[-1] and "Traceback" not in error


def test_output_file(articles, cli):
    result = cli("lint", "--select", "clickbait", "--format", "json", "--output", "out.json", "ref.txt", cwd=articles)
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads((articles / "out.json").read_text())["summary"]["findings"] == 3


def test_fingerprint_survives_unrelated_edits_above(synthetic_text):
    import pubcheck
    from pubcheck.config import Config

    config = Config(select=("clickbait",))
    before = [f.fingerprint for f in pubcheck.lint(synthetic_text, format="text", config=config).findings]
    edited = "An editor's note added at the top.\n\n" + synthetic_text.replace("Jump ahead to 2026.", "Jump ahead to early 2026.")
    assert edited != "An editor's note added at the top.\n\n" + synthetic_text
    after = [f.fingerprint for f in pubcheck.lint(edited, format="text", config=config).findings]
    assert before == after and len(set(before)) == 3


@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("count", [0, 1, 3, 4, 7])
def test_json_writes_a_file_with_many_findings_in_pieces_as_one_dump_would(monkeypatch, indent, count):
    """file_json writes a file's findings FINDINGS_AT_ONCE at a time (here 3): the same text as
    dumping the file's whole entry at once."""
    from pubcheck.findings import BodyLocation, Finding, Fix, Report
    from pubcheck.report import json as json_report

    monkeypatch.setattr(json_report, "FINDINGS_AT_ONCE", 3)
    findings = tuple(
        Finding("r", "style", "warning", f'say "{i}" 😀\n', "a.html", i, 1, i, 5, "t\u2028", "s", f"{i:016x}", i, i + 4,
                Fix(i, i + 4, "x", "fix it", True) if i % 2 else None)
        for i in range(count)
    )
    for report in (Report("dir/a \"b\".html", "html", findings, ("a notice",), body=BodyLocation("main", "x", 1, 1, 2, 1, 0, 9)),
                   Report("a.html", "html", findings)):
        if indent:
            dump = partial(json.dumps, ensure_ascii=False, indent=indent)
        else:
            dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
        whole = dump(json_report.file_dict(report, None))
        assert "".join(json_report.file_json(report, None, dump, " " * indent)) == whole

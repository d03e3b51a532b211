"""Every rule's snippet cases, from ``tests/rules/<rule-id>.yml``, run through the library call
every shell uses (shaped after sqlfluff's rule case files):

    rule: unsourced-claim

    names-nobody:                 # the case's name says what it shows
      fail: Sources say the couple split.
      findings:
        - {line: 1, column: 1, end_line: 1, end_column: 12, text: Sources say}

    names-the-outlet:
      pass: The couple split, Variety reported.

A ``pass`` snippet gives no finding of the rule; a ``fail`` snippet gives exactly its ``findings``,
in order (columns count characters from 1; ``end_column`` is just past the last one). A case may
add ``format`` (text, markdown or html; text by default), ``options`` (the rule's own) and
``config`` (settings of the run, such as ``keyphrase``). A finding may add ``message`` and
``severity``, and must add ``fix`` when it has one: ``{replace: SOURCE TEXT, with: TEXT, safe: BOOL}``.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import pytest

from pubcheck import Config, ConfigError, Linter
from pubcheck import yamlfile
from pubcheck.config import RuleSettings

HERE = Path(__file__).resolve().parent
FORMATS = {"text": "case.txt", "markdown": "case.md", "html": "case.html"}
CASE_KEYS = {"pass", "fail", "findings", "format", "options", "config"}
POSITION = ("line", "column", "end_line", "end_column")
FINDING_KEYS = {*POSITION, "text", "message", "severity", "fix"}
FIX_KEYS = {"replace", "with", "safe"}
SETTINGS = {field.name for field in fields(Config)} - {"select", "rules"}


class MalformedCase(Exception):
    """A case file or case the harness cannot run; the message names the file and the case."""


def load_cases(path: Path) -> list[tuple[str, str, dict]]:
    """(rule id, case name, case) for each case of one file, in file order."""
    shown = path.relative_to(HERE.parent.parent) if path.is_relative_to(HERE.parent.parent) else path
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except yamlfile.YamlError as exc:
        raise MalformedCase(f"{shown}: invalid YAML, {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str):
        raise MalformedCase(f"{shown}: a case file is a mapping that starts with `rule: <rule-id>`")
    rule = data["rule"]
    if path.stem != rule:
        raise MalformedCase(f"{shown}: the file of rule {rule!r} is named {rule}.yml")
    cases = [(rule, name, case) for name, case in data.items() if name != "rule"]
    if not cases:
        raise MalformedCase(f"{shown}: no cases")
    for name, case in data.items():
        if name != "rule":
            problem = _problem(case)
            if problem:
                raise MalformedCase(f"{shown}:{data.line_of(name)}: case {name!r}: {problem}")
    return cases


def _problem(case) -> str | None:
    """What is wrong with one case, if anything."""
    if not isinstance(case, dict):
        return "a case is a mapping with `pass` or `fail`"
    unknown = set(case) - CASE_KEYS
    if unknown:
        return f"unknown key {sorted(unknown)[0]!r} (keys: {', '.join(sorted(CASE_KEYS))})"
    if ("pass" in case) == ("fail" in case):
        return "give exactly one of `pass` and `fail`"
    snippet = case.get("pass", case.get("fail"))
    if not isinstance(snippet, str) or not snippet.strip():
        return "the snippet must be non-empty text"
    if case.get("format", "text") not in FORMATS:
        return f"format must be one of {', '.join(FORMATS)}, not {case['format']!r}"
    for key in ("options", "config"):
        if not isinstance(case.get(key, {}), dict):
            return f"`{key}` must be a mapping"
    if set(case.get("config", {})) - SETTINGS:
        return f"config: unknown setting {sorted(set(case['config']) - SETTINGS)[0]!r}"
    if "pass" in case:
        return "a `pass` case has no findings" if "findings" in case else None
    findings = case.get("findings")
    if not isinstance(findings, list) or not findings:
        return "a `fail` case lists its findings"
    for index, finding in enumerate(findings, 1):
        if not isinstance(finding, dict) or not {*POSITION, "text"} <= set(finding):
            return f"finding {index} needs {', '.join(POSITION)} and text"
        if set(finding) - FINDING_KEYS:
            return f"finding {index}: unknown key {sorted(set(finding) - FINDING_KEYS)[0]!r}"
        if not all(type(finding[key]) is int and finding[key] > 0 for key in POSITION):
            return f"finding {index}: {', '.join(POSITION)} are whole numbers from 1"
        if "fix" in finding and (not isinstance(finding["fix"], dict) or set(finding["fix"]) != FIX_KEYS):
            return f"finding {index}: fix is {{replace: …, with: …, safe: true/false}}"
    return None


@lru_cache(maxsize=None)
def linter(config: Config) -> Linter:
    return Linter(config)


def run_case(rule: str, case: dict) -> list[dict]:
    """The rule's findings on the case's snippet, in the case's own terms."""
    fmt = case.get("format", "text")
    options = tuple(sorted(case.get("options", {}).items()))
    config = Config(select=(rule,), rules=((rule, RuleSettings(options=options)),) if options else (), **case.get("config", {}))
    source = case.get("pass", case.get("fail"))
    report = linter(config).lint_text(source, fmt, FORMATS[fmt])
    assert report.error is None and not report.skipped, report.error or report.skipped
    expected = case.get("findings", [])
    actual = []
    for index, finding in enumerate(f for f in report.findings if f.rule.split("/")[0] == rule):
        stated = expected[index] if index < len(expected) else {}
        shown = {key: getattr(finding, key) for key in (*POSITION, "text")}
        shown |= {key: getattr(finding, key) for key in ("message", "severity") if key in stated}
        if finding.fix:
            fix = finding.fix
            shown["fix"] = {"replace": source[fix.start : fix.end], "with": fix.replacement, "safe": fix.safe}
        actual.append(shown)
    return actual


def check(path: Path, rule: str, name: str, case: dict) -> None:
    try:
        actual = run_case(rule, case)
    except ConfigError as exc:  # an unknown rule id or option
        raise MalformedCase(f"{path.name}: case {name!r}: {exc}") from None
    assert actual == case.get("findings", []), f"{path.name}: case {name!r}: the findings differ (actual on the left)"


def _params():
    for path in sorted(HERE.glob("*.yml")):
        try:
            cases = load_cases(path)
        except MalformedCase as exc:
            yield pytest.param(path, None, None, exc, id=path.name)
            continue
        for rule, name, case in cases:
            yield pytest.param(path, rule, name, case, id=f"{rule}/{name}")


@pytest.mark.parametrize("path, rule, name, case", list(_params()))
def test_rule_case(path, rule, name, case):
    if isinstance(case, MalformedCase):
        pytest.fail(str(case), pytrace=False)
    check(path, rule, name, case)


# -- the harness itself ---------------------------------------------------------------------------


def test_every_case_file_is_found():
    """A case file the harness does not read would be a silent skip."""
    assert list(HERE.glob("*.yml")) and not list(HERE.glob("*.yaml"))


def test_a_wrong_position_fails_naming_the_file_and_case():
    case = {"fail": "Sources say the couple split.", "findings": [{"line": 1, "column": 1, "end_line": 1, "end_column": 12, "text": "Sources say"}]}
    check(HERE / "unsourced-claim.yml", "unsourced-claim", "names-nobody", case)
    case["findings"][0]["column"] = 2
    with pytest.raises(AssertionError, match=r"unsourced-claim\.yml: case 'names-nobody': the findings differ"):
        check(HERE / "unsourced-claim.yml", "unsourced-claim", "names-nobody", case)


def test_a_finding_with_a_fix_must_state_it():
    text = "Who Is the Rapper Dating in 2026?\nWho Is the Rapper Dating in 2026?\n\nRumors are heating up again.\n"
    finding = {"line": 2, "column": 1, "end_line": 2, "end_column": 34, "text": "Who Is the Rapper Dating in 2026?"}
    with pytest.raises(AssertionError):
        check(Path("duplicate-headline.yml"), "duplicate-headline", "no-fix-stated", {"fail": text, "findings": [finding]})
    finding["fix"] = {"replace": "Who Is the Rapper Dating in 2026?\n", "with": "", "safe": True}
    check(Path("duplicate-headline.yml"), "duplicate-headline", "fix-stated", {"fail": text, "findings": [finding]})


@pytest.mark.parametrize(
    "content, problem",
    [
        ("rule: passive-voice\nbroken: [\n", "passive-voice.yml: invalid YAML, line 3"),
        ("- a list\n", "passive-voice.yml: a case file is a mapping that starts with `rule: <rule-id>`"),
        ("rule: long-sentence\nok:\n  pass: Fine.\n", "passive-voice.yml: the file of rule 'long-sentence' is named long-sentence.yml"),
        ("rule: passive-voice\n", "passive-voice.yml: no cases"),
        ("rule: passive-voice\nok:\n  pass: Fine.\nok:\n  pass: Again.\n", "duplicate key 'ok'"),
        ("rule: passive-voice\nsome-case:\n  fial: It was done.\n", "passive-voice.yml:2: case 'some-case': unknown key 'fial'"),
        ("rule: passive-voice\nsome-case:\n  pass: A.\n  fail: B.\n", "passive-voice.yml:2: case 'some-case': give exactly one of"),
        ("rule: passive-voice\nsome-case:\n  fail: It was done.\n", "passive-voice.yml:2: case 'some-case': a `fail` case lists its findings"),
        ("rule: passive-voice\nsome-case:\n  pass: It was done.\n  format: pdf\n", "case 'some-case': format must be one of"),
        ("rule: passive-voice\nsome-case:\n  fail: It was done.\n  findings:\n    - {line: 1, column: 0, end_line: 1, end_column: 3, text: It}\n",
         "case 'some-case': finding 1: line, column, end_line, end_column are whole numbers from 1"),
        ("rule: passive-voice\nsome-case:\n  fail: It was done.\n  findings:\n    - {line: 1, text: It}\n",
         "case 'some-case': finding 1 needs line, column, end_line, end_column and text"),
    ],
)
def test_a_malformed_case_file_fails_naming_the_file_and_case(tmp_path, content, problem):
    path = tmp_path / "passive-voice.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MalformedCase) as raised:
        load_cases(path)
    assert problem in str(raised.value) and str(path) in str(raised.value)

"""--baseline: adopt pubcheck on an existing archive and see only new problems."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import SYNTHETIC

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "src/pubcheck/report/pubcheck-report.schema.json").read_text(encoding="utf-8"))
ARTICLE = SYNTHETIC.read_text(encoding="utf-8")  # 12 findings with the default rules
SUMMARY_12 = "0 problems (0 errors, 0 warnings, 0 info) in 0 of 2 files; 12 baseline findings hidden"


@pytest.fixture
def archive(write, tmp_path):
    write("archive/2025/second-spring.txt", ARTICLE)
    write("archive/2025/clean.md", "# Premiere\n\nThe film opens in May, the studio said.\n")
    return tmp_path / "archive"


def lint(cli, cwd, *args):
    result = cli("lint", *args, cwd=cwd)
    return result.returncode, result.stdout.decode().splitlines(), result.stderr.decode()


def test_adopting_records_todays_findings_and_reports_nothing(cli, archive):
    code, out, err = lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    assert (code, out) == (0, [SUMMARY_12])
    assert "pubcheck: notice: baseline: wrote 12 findings to .pubcheck-baseline.json; later runs report only new ones" in err
    data = json.loads((archive / ".pubcheck-baseline.json").read_text(encoding="utf-8"))
    assert (data["tool"], data["version"]) == ("pubcheck", 1)
    entries = [(e["path"], e["rule"], e["fingerprint"]) for e in data["findings"]]
    assert entries == sorted(entries) and len(set(entries)) == 12
    assert {e[0] for e in entries} == {"2025/second-spring.txt"}
    assert {e[1] for e in entries} == {"clickbait-interstitial", "duplicate-headline", "keyword-stuffing", "unsourced-claim"}
    assert lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")[:2] == (0, [SUMMARY_12])


def test_only_a_new_problem_is_reported(cli, archive):
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    article = archive / "2025/second-spring.txt"
    article.write_text(ARTICLE.replace("The Doubters\n", "The Doubters\n\nThe budget reportedly doubled.\n"), encoding="utf-8")
    code, out, _ = lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    assert code == 1
    assert out == [
        '2025/second-spring.txt:49:12: warning unsourced-claim Unsourced claim: "reportedly" names no source; say who, or cut the claim',
        "2025/second-spring.txt: score 85/100, needs edits",  # scored on the findings reported
        "1 problem (0 errors, 1 warnings, 0 info) in 1 of 2 files; 12 baseline findings hidden",
    ]


def test_an_edit_above_an_old_finding_keeps_it_hidden(cli, archive):
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    edited = ARTICLE.replace("Jump ahead to 2026.", "Jump ahead to early 2026, after two delays.")
    edited = edited.replace("The Streaming Auction\n", "The Streaming Auction\n\nAn editor's note, added later.\n")
    (archive / "2025/second-spring.txt").write_text(edited, encoding="utf-8")
    assert lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")[:2] == (0, [SUMMARY_12])


def test_fixing_an_old_problem_does_not_fail_the_baseline(cli, archive):
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    teaser = "📖 Related: Does Corin Mabry Really Own a Castle? The Story Behind the Rumors\n\n"
    (archive / "2025/second-spring.txt").write_text(ARTICLE.replace(teaser, ""), encoding="utf-8")
    code, out, _ = lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    assert (code, out) == (0, ["0 problems (0 errors, 0 warnings, 0 info) in 0 of 2 files; 11 baseline findings hidden"])


def test_paths_are_relative_to_the_baseline_so_any_working_folder_works(cli, archive):
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    written = (archive / ".pubcheck-baseline.json").read_bytes()
    inside = archive / "2025"
    assert lint(cli, inside, "--baseline", "../.pubcheck-baseline.json", ".")[:2] == (0, [SUMMARY_12])
    assert lint(cli, archive.parent, "--baseline", str(archive / ".pubcheck-baseline.json"), str(inside))[:2] == (0, [SUMMARY_12])
    assert (archive / ".pubcheck-baseline.json").read_bytes() == written  # read, never rewritten


def test_update_rewrites_and_keeps_files_this_run_did_not_lint(cli, archive, write):
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025")
    write("archive/2026/teaser.txt", "Intro.\n\n👉 See also: Ten Looks We Loved From The Night\n")
    (archive / "2025/second-spring.txt").write_text(ARTICLE + "\nInsiders claim a sequel is planned.\n", encoding="utf-8")
    assert lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025", "2026")[0] == 1
    code, out, err = lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "--update-baseline", "2026")
    assert code == 0 and "wrote 13 findings" in err  # 2025's twelve kept, 2026's one added
    code, out, _ = lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025", "2026")
    assert code == 1 and out[0].startswith("2025/second-spring.txt:71:1: warning unsourced-claim")
    lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "--update-baseline", "2025", "2026")
    assert lint(cli, archive, "--baseline", ".pubcheck-baseline.json", "2025", "2026")[:2] == (
        0, ["0 problems (0 errors, 0 warnings, 0 info) in 0 of 3 files; 14 baseline findings hidden"]
    )


def test_the_file_is_stable_for_committing(cli, archive):
    lint(cli, archive, "--baseline", "one.json", "2025")
    lint(cli, archive, "--baseline", "two.json", "--update-baseline", "2025")
    lint(cli, archive, "--baseline", "two.json", "--update-baseline", "2025")
    assert (archive / "one.json").read_bytes() == (archive / "two.json").read_bytes()
    assert (archive / "one.json").read_bytes().endswith(b"]\n}\n")


def test_json_report_counts_hidden_findings_and_matches_its_schema(cli, archive):
    lint(cli, archive, "--baseline", "b.json", "2025")
    data = json.loads(cli("lint", "--format", "json", "--baseline", "b.json", "2025", cwd=archive).stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert (data["summary"]["baseline_hidden"], data["summary"]["findings"]) == (12, 0)
    plain = json.loads(cli("lint", "--format", "json", "2025", cwd=archive).stdout)
    assert "baseline_hidden" not in plain["summary"]


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"{not json", "not a pubcheck baseline (not JSON: "),
        (b"\xff\xfe\x00garbage", "not a pubcheck baseline (not JSON: "),
        (b"[]", 'not a pubcheck baseline (no "tool": "pubcheck" and version)'),
        (b'{"version": "2.1.0", "runs": []}', 'not a pubcheck baseline (no "tool": "pubcheck" and version)'),  # a SARIF file
        (b'{"tool": "pubcheck", "version": 7, "findings": []}', "baseline version 7 is not 1, the one this pubcheck reads"),
        (b'{"tool": "pubcheck", "version": 1, "findings": [{"path": "a"}]}', 'not a pubcheck baseline ("findings" must list'),
    ],
)
def test_a_corrupt_or_foreign_baseline_is_one_line_and_exit_2(cli, archive, content, problem):
    (archive / "b.json").write_bytes(content)
    code, out, err = lint(cli, archive, "--baseline", "b.json", "2025")
    assert code == 2 and out == []
    (line,) = err.strip().splitlines()
    assert line.startswith(f"pubcheck: error: b.json: {problem}")
    assert (archive / "b.json").read_bytes() == content  # never overwritten without --update-baseline


def test_update_baseline_needs_a_baseline(cli, archive):
    code, out, err = lint(cli, archive, "--update-baseline", "2025")
    assert (code, out, err) == (2, [], "pubcheck: error: --update-baseline needs --baseline FILE\n")


def test_update_replaces_a_broken_baseline(cli, archive):
    (archive / "b.json").write_bytes(b"{not json")
    code, out, err = lint(cli, archive, "--baseline", "b.json", "--update-baseline", "2025")
    assert (code, out) == (0, [SUMMARY_12]) and "wrote 12 findings to b.json" in err
    assert json.loads((archive / "b.json").read_text(encoding="utf-8"))["version"] == 1


def test_a_broken_baseline_stops_the_run_before_any_linting(archive, monkeypatch, capsys):
    import pubcheck.engine
    from pubcheck.cli import main

    def no_linting(*args, **kwargs):
        raise AssertionError("linted before the baseline was checked")

    monkeypatch.setattr(pubcheck.engine, "lint_paths", no_linting)
    monkeypatch.chdir(archive)
    (archive / "b.json").write_bytes(b"[]")
    assert main(["lint", "--baseline", "b.json", "2025"]) == 2
    assert capsys.readouterr().err.startswith("pubcheck: error: b.json: not a pubcheck baseline")

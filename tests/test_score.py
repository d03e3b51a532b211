"""The publish-readiness score: its weighting, its verdicts on real fixtures, and its config section."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import pubcheck
from pubcheck.config import load_config
from pubcheck.errors import ConfigError
from pubcheck.findings import Finding, Report
from pubcheck.score import DO_NOT_PUBLISH, NEEDS_EDITS, READY, Scoring, score

ROOT = Path(__file__).resolve().parents[1]
CLEAN = sorted(
    label.stem for label in (ROOT / "fixtures" / "labels").glob("*.yaml")
    if yaml.safe_load(label.read_text(encoding="utf-8")).get("clean") is True
)


def finding(category: str, severity: str, rule: str = "some-rule") -> Finding:
    return Finding(rule, category, severity, "m", "a.txt", 1, 1, 1, 2, "x", "x", "f")


def scored(*findings: Finding, scoring: Scoring | None = None):
    return score(Report("a.txt", "text", tuple(findings)), scoring)


def test_problem_article_does_not_publish(problem_article):
    report = pubcheck.lint(problem_article.text, format="text", path="problem.txt")
    assert scored(*report.findings) == score(report)
    assert score(report).verdict == DO_NOT_PUBLISH and score(report).score < 60


def test_clean_fixtures_are_ready():
    assert len(CLEAN) >= 10
    for stem in CLEAN:
        (path,) = (ROOT / "fixtures" / "articles").glob(stem + ".*")
        result = score(pubcheck.lint(path))
        assert result is not None and result.verdict == READY, (stem, result)


def test_weighting_as_documented():
    assert scored() == (100, READY)
    assert scored(finding("readability", "info")) == (100, READY)  # 1 x 0.5, rounded
    assert scored(finding("seo", "warning")) == (90, NEEDS_EDITS)  # any warning leaves "ready"
    assert scored(finding("grammar", "warning")) == (95, NEEDS_EDITS)  # even the cheapest, a typo
    assert scored(*[finding("readability", "info")] * 8) == (96, READY)
    assert scored(finding("attribution", "warning")) == (85, NEEDS_EDITS)
    # three warnings of sourcing or clickbait: 55, below needs-edits
    assert scored(*[finding("clickbait", "warning")] * 2, finding("attribution", "warning")) == (55, DO_NOT_PUBLISH)
    assert scored(*[finding("seo", "warning")] * 12) == (0, DO_NOT_PUBLISH)  # never below 0


def test_an_error_in_attribution_or_moderation_blocks_whatever_the_score():
    cheap = Scoring(severity=(("error", 1.0), ("info", 1.0), ("warning", 10.0)))
    assert scored(finding("attribution", "error"), scoring=cheap) == (98, DO_NOT_PUBLISH)
    assert scored(finding("moderation", "error"), scoring=cheap) == (98, DO_NOT_PUBLISH)
    assert scored(finding("seo", "error"), scoring=cheap) == (99, READY)  # not a blocking category


def test_a_file_that_could_not_be_checked_has_no_score():
    assert score(Report("a.txt", None, error="permission denied")) is None


def test_config_section_changes_the_weighting(tmp_path):
    config = tmp_path / ".pubcheck.yaml"
    config.write_text(
        "score:\n  severity: {warning: 2}\n  category: {seo: 0}\n  ready: 90\n  needs-edits: 50\n  block-on: [seo]\n",
        encoding="utf-8",
    )
    scoring = load_config(config).score
    assert scored(*[finding("seo", "warning")] * 5, finding("clickbait", "warning"), scoring=scoring) == (97, READY)
    assert scored(finding("seo", "error"), scoring=scoring).verdict == DO_NOT_PUBLISH
    assert dict(scoring.severity)["error"] == 40  # the keys not given keep their defaults


def test_extends_merges_the_score_section(tmp_path):
    (tmp_path / "base.yaml").write_text("score:\n  severity: {warning: 5}\n  ready: 80\n", encoding="utf-8")
    (tmp_path / ".pubcheck.yaml").write_text("extends: base.yaml\nscore:\n  severity: {info: 0}\n", encoding="utf-8")
    scoring = load_config(tmp_path / ".pubcheck.yaml").score
    assert dict(scoring.severity) == {"error": 40, "info": 0, "warning": 5} and scoring.ready == 80


def test_the_run_carries_the_config_weighting(tmp_path):
    (tmp_path / ".pubcheck.yaml").write_text("score:\n  category: {clickbait: 0}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Stone Signs On\n\n📖 Related: Ten Looks We Loved From The Night\n\nAva Stone will direct.\n", encoding="utf-8")
    summary = pubcheck.lint_paths([str(tmp_path / "a.txt")])
    assert summary.findings and score(summary.reports[0], summary.scoring) == (100, READY)
    assert score(summary.reports[0]).verdict != READY  # the defaults would object


@pytest.mark.parametrize(
    "section, message",
    [
        ("score: 5", ":1: score: expected a mapping of block-on, category, needs-edits, ready, severity"),
        ("score:\n  weights: {}", ":2: score.weights: unknown key; expected one of block-on, category"),
        ("score:\n  severity:\n    fatal: 3", ":3: score.severity.fatal: expected one of info, warning, error"),
        ("score:\n  severity:\n    warning: -1", ":3: score.severity.warning: expected a number, 0 or more, got -1"),
        ("score:\n  category:\n    seo: .inf", ":3: score.category.seo: expected a number, 0 or more, got inf"),
        ("score:\n  category:\n    gossip: 2", ":3: score.category.gossip: expected one of clickbait, attribution"),
        ("score:\n  category: [seo]", ":2: score.category: expected a mapping of clickbait"),
        ("score:\n  ready: 101", ":2: score.ready: expected a score from 0 to 100, got 101"),
        ("score:\n  ready: yes", ":2: score.ready: expected a score from 0 to 100, got True"),
        ("score:\n  block-on: [gossip]", ":2: score.block-on: expected categories (clickbait, attribution"),
        ("score:\n  ready: 40", ":1: score: needs-edits (60) must not be above ready (40)"),
        ("score:\n  ready: 50\n  needs-edits: 70", ":1: score: needs-edits (70) must not be above ready (50)"),
    ],
)
def test_score_section_mistakes_name_file_line_and_key(tmp_path, section, message):
    config = tmp_path / ".pubcheck.yaml"
    config.write_text(section + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert f"{config}{message}" in str(caught.value)


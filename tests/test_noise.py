"""The noise budget: default pubcheck stays quiet on professional copy (benchmarks/noise.py).

The committed set (benchmarks/professional/) is written for the project in the styles of wire
copy, trade press and US, UK, Indian and Philippine papers, with quoted speech in other
languages, British spelling, embedded posts and trade jargon. Its loud (warning or error)
findings may not rise above LOUD_BUDGET, rule by rule."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_noise():
    spec = importlib.util.spec_from_file_location("noise", ROOT / "benchmarks" / "noise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


noise = load_noise()


def test_professional_copy_stays_within_the_loud_budget():
    paths = noise.articles([noise.FIXTURES])
    assert len(paths) >= 6
    result = noise.measure(paths)
    over = {rule: count for rule, count in result["by_rule"].items() if count > noise.LOUD_BUDGET.get(rule, 0)}
    where = {str(p.name): dict(c) for p, c in result["per_file"].items() if c}
    assert over == {}, f"loud findings on professional copy: {over} in {where}"


def test_the_budget_counts_loud_findings(tmp_path):
    """The measurement itself: loud findings are counted, info ones are not."""
    (tmp_path / "farm.txt").write_text(
        "Star Stuns Fans\n\nALSO READ: Star Buys A Mansion\n\nThe actress will recieve the award, sources say.\n", encoding="utf-8"
    )
    result = noise.measure(noise.articles([tmp_path]))
    assert result["by_rule"]["spelling"] == 1 and sum(result["by_rule"].values()) >= 2
    assert all(rule not in result["by_rule"] for rule in ("long-sentence", "passive-voice", "readability-grade"))

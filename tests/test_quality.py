"""The labelled fixture corpus holds the editorial rules to their precision and recall targets."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_fixture_labels_are_consistent():
    result = subprocess.run([sys.executable, str(ROOT / "fixtures" / "check_fixtures.py")], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_corpus_meets_the_quality_targets():
    result = load_quality().evaluate(ROOT / "fixtures")
    assert result.articles >= 25
    assert result.failures() == []
    assert len(result.stuffed_flagged) >= 5  # the corpus really exercises keyword-stuffing

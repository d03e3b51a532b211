"""Precision and recall of pubcheck's editorial rules against the labelled fixture corpus.

    python benchmarks/quality.py [--fixtures fixtures] [--verbose]

Each article in fixtures/articles has a labels file in fixtures/labels listing the findings it
must produce (rule and exact text span). A finding matches a label when the rule is the same
and one text contains the other (whitespace-normalised). Exits 1 when a target is missed, so
the test suite can hold the corpus to its targets.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pubcheck.config import Config
from pubcheck.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
# rule -> (minimum precision, minimum recall); None: no target
TARGETS = {
    "clickbait-interstitial": (1.0, 1.0),
    "promo-line": (1.0, 1.0),
    "unattributed-quote": (0.90, 0.85),
    "unsourced-claim": (0.90, None),
    "anonymous-source": (0.90, 0.85),
    "duplicate-headline": (None, None),
}
# A finding of the first rule also meets a label of the second where it sits on it: an anonymous
# source ("people close to the production say") is the unsourced claim's source.
STANDS_IN = {"anonymous-source": "unsourced-claim"}
EDITORIAL = (
    "clickbait-interstitial", "unattributed-quote", "unsourced-claim", "anonymous-source", "keyword-stuffing", "duplicate-headline",
    "readability-grade", "long-sentence", "long-paragraph", "passive-voice",
)


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


@dataclass
class Result:
    tallies: dict[str, Tally]
    stuffed_flagged: list[str]
    stuffed_missed: list[str]
    unstuffed_flagged: list[str]
    clean_alarms: list[str]  # warning/error findings from the editorial rules on clean articles
    articles: int

    def failures(self) -> list[str]:
        problems = []
        for rule, (min_precision, min_recall) in TARGETS.items():
            tally = self.tallies[rule]
            if min_precision is not None and tally.precision < min_precision:
                problems.append(f"{rule}: precision {tally.precision:.2f} < {min_precision:.2f}")
            if min_recall is not None and tally.recall < min_recall:
                problems.append(f"{rule}: recall {tally.recall:.2f} < {min_recall:.2f}")
        if self.stuffed_missed:
            problems.append(f"keyword-stuffing missed {', '.join(self.stuffed_missed)}")
        if self.unstuffed_flagged:
            problems.append(f"keyword-stuffing flagged unstuffed {', '.join(self.unstuffed_flagged)}")
        if self.clean_alarms:
            problems.append(f"{len(self.clean_alarms)} warning/error findings on clean articles")
        return problems


def evaluate(fixtures: Path = ROOT / "fixtures") -> Result:
    linter = Linter(Config())
    tallies = {rule: Tally() for rule in TARGETS}
    stuffed_flagged, stuffed_missed, unstuffed_flagged, clean_alarms = [], [], [], []
    articles = sorted((fixtures / "articles").iterdir())
    for article in articles:
        labels = yaml.safe_load((fixtures / "labels" / f"{article.stem}.yaml").read_text(encoding="utf-8"))
        report = linter.lint_file(article)
        if report.error:
            raise SystemExit(f"{article}: {report.error}")
        expected = [(item["rule"], _normal(item["text"])) for item in labels.get("findings") or []]
        # a document-level summary ("7 anonymous attributions, 0 explained") has no text to match
        findings = [(f.rule, _normal(f.text), f) for f in report.findings if f.text]
        stand_ins = [(STANDS_IN[r], text) for r, text, _ in findings if r in STANDS_IN]
        for rule, tally in tallies.items():
            wanted = [text for r, text in expected if r == rule]
            got = [(text, f) for r, text, f in findings if r == rule]
            matched_labels = set()
            for text, finding in got:
                hits = [i for i, label in enumerate(wanted) if label and (label in text or text in label)]
                if hits:
                    tally.true_positives += 1
                    matched_labels.update(hits)
                else:
                    tally.false_positives += 1
                    tally.false_alarms.append(f"{article.name}:{finding.line}:{finding.column} {finding.text[:70]!r}")
            for i, label in enumerate(wanted):
                if i not in matched_labels and any(r == rule and (label in t or t in label) for r, t in stand_ins):
                    matched_labels.add(i)
                    tally.true_positives += 1
                elif i not in matched_labels:
                    tally.false_negatives += 1
                    tally.misses.append(f"{article.name}: {label[:70]!r}")
        stuffed = [text for r, text in expected if r == "keyword-stuffing"]
        flagged = [text for r, text, _ in findings if r == "keyword-stuffing"]
        if stuffed:
            (stuffed_flagged if all(any(s in t for t in flagged) for s in stuffed) else stuffed_missed).append(article.name)
        elif flagged:
            unstuffed_flagged.append(article.name)
        if labels.get("clean"):
            clean_alarms += [
                f"{article.name}:{f.line}:{f.column} {f.rule} {f.message[:80]}"
                for _, _, f in findings
                if f.rule in EDITORIAL and f.severity in ("warning", "error")
            ]
    return Result(tallies, stuffed_flagged, stuffed_missed, unstuffed_flagged, clean_alarms, len(articles))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "fixtures")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    result = evaluate(args.fixtures)
    print(f"{result.articles} labelled articles in {args.fixtures}\n")
    print(f"{'rule':<24} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}  target")
    for rule, tally in result.tallies.items():
        low_p, low_r = TARGETS[rule]
        target = ", ".join(f"{name} ≥ {value:.2f}" for name, value in (("P", low_p), ("R", low_r)) if value is not None) or "-"
        print(
            f"{rule:<24} {tally.true_positives:>4} {tally.false_positives:>4} {tally.false_negatives:>4} "
            f"{tally.precision:>10.2f} {tally.recall:>8.2f}  {target}"
        )
        if args.verbose:
            for miss in tally.misses:
                print(f"    missed      {miss}")
            for alarm in tally.false_alarms:
                print(f"    false alarm {alarm}")
    total = len(result.stuffed_flagged) + len(result.stuffed_missed)
    print(f"\nkeyword-stuffing: {len(result.stuffed_flagged)}/{total} stuffed articles flagged, "
          f"{len(result.unstuffed_flagged)} unstuffed articles flagged")
    print(f"clean articles: {len(result.clean_alarms)} warning/error findings from the editorial rules")
    for line in result.clean_alarms if args.verbose else ():
        print(f"    {line}")
    failures = result.failures()
    print("\n" + ("all targets met" if not failures else "MISSED: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

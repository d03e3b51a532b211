"""Interstitial precision and recall, stuffing detection and long-paragraph false alarms on real
published pages kept OUTSIDE the repository (third-party text is never committed).

    python benchmarks/real_copy.py DIR [--verbose]

DIR holds one saved page a file, its first line ``URL: <address>`` and the page's text below it
(``.txt``, ``.md`` or ``.html``), and a ``labels.yaml`` mapping each file name to:

    site: name of the outlet, for the per-site table
    teasers: [exact text of each teaser line, the label line of a two-line teaser, or an inline "(Also Read: …)"]
    promos: [exact text of each promo line]
    stuffed: the stuffed phrase (omit for a page that is not stuffed)
    one_per_line: true when the page puts one paragraph a line (long-paragraph must stay quiet)

A clickbait-interstitial finding is a true positive when its text and a teaser label contain one
another (whitespace-normalised). Prints figures per site and in total; exits 1 when interstitial
precision or recall is below 0.95, a stuffed page is missed or a clean one flagged, or
long-paragraph fires on a one-paragraph-a-line page.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from pubcheck.config import Config
from pubcheck.engine import Linter

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
RULES = ("clickbait-interstitial", "promo-line", "keyword-stuffing", "long-paragraph")


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def measure(folder: Path, verbose: bool = False) -> int:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    linter = Linter(Config(select=RULES))
    per_site: dict[str, list[int]] = defaultdict(lambda: [0] * 7)  # TP FP FN promoTP promoFN stuff-ok long-para
    stuffed_missed, stuffed_false, long_alarms = [], [], []
    for name, label in sorted(labels.items()):
        path = folder / name
        source = path.read_text(encoding="utf-8").split("\n", 1)[1]  # without the URL line
        report = linter.lint_text(source, FORMATS.get(path.suffix, "text"), name)
        tally = per_site[label.get("site", name)]
        for rule, key, (hit, miss) in (("clickbait-interstitial", "teasers", (0, 2)), ("promo-line", "promos", (3, 4))):
            wanted = [_normal(t) for t in label.get(key) or []]
            matched = set()
            for finding in (f for f in report.findings if f.rule == rule):
                text = _normal(finding.text)
                hits = [i for i, t in enumerate(wanted) if t in text or text in t]
                if hits:
                    matched.add(next((i for i in hits if i not in matched), hits[0]))
                    tally[hit] += rule == "clickbait-interstitial" or 1
                elif rule == "clickbait-interstitial":
                    tally[1] += 1
                    if verbose:
                        print(f"  false alarm {name}:{finding.line}:{finding.column} {finding.text[:70]!r}")
            for i, t in enumerate(wanted):
                if i not in matched:
                    tally[miss] += 1
                    if verbose:
                        print(f"  missed      {name}: {t[:70]!r}")
        flagged = [_normal(f.text) for f in report.findings if f.rule == "keyword-stuffing"]
        if label.get("stuffed"):
            if any(_normal(label["stuffed"]) in text for text in flagged):
                tally[5] += 1
            else:
                stuffed_missed.append(name)
        elif flagged:
            stuffed_false.append(name)
        if label.get("one_per_line"):
            alarms = [f for f in report.findings if f.rule == "long-paragraph"]
            tally[6] += len(alarms)
            long_alarms += [name] * len(alarms)
    print(f"{'site':<52} {'TP':>3} {'FP':>3} {'FN':>3}  promos found/missed  stuffed flagged  long-paragraph")
    totals = [0] * 7
    for site, t in sorted(per_site.items()):
        totals = [a + b for a, b in zip(totals, t)]
        print(f"{site:<52} {t[0]:>3} {t[1]:>3} {t[2]:>3}  {t[3]:>6}/{t[4]:<6}        {t[5]:>3}             {t[6]:>3}")
    tp, fp, fn = totals[:3]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"\n{len(labels)} pages, {len(per_site)} sites: interstitial precision {precision:.2f}, recall {recall:.2f}; "
          f"promo lines {totals[3]}/{totals[3] + totals[4]}; stuffed missed {stuffed_missed or 'none'}, "
          f"falsely flagged {stuffed_false or 'none'}; long-paragraph on one-a-line pages: {len(long_alarms)}")
    failed = precision < 0.95 or recall < 0.95 or stuffed_missed or stuffed_false or long_alarms
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    return measure(args.folder, args.verbose)


if __name__ == "__main__":
    sys.exit(main())

"""Sourcing rules measured on real published copy kept outside the repository.

    python benchmarks/real_sourcing.py FOLDER [--verbose]

Each file in FOLDER is one page, hand-labelled, in this form (third-party text: never commit it):

    URL: https://…
    SITE: example.com (US)
    ---
    the article text, paragraphs separated by blank lines
    ---labels---
    claim: a stretch holding a claim a standards editor would query (unsourced)
    noname: a stretch of a quote that has no named speaker (none, or an unnamed one)
    anon: a stretch holding an attribution to an unnamed person

A label is the first occurrence of its text in the article. A finding hits a label when their
spans overlap. Scores:
- unsourced-claim: precision of its findings against `claim` labels; recall of `claim` labels
  hit by an unsourced-claim or an anonymous-source finding (the issue's definition);
- quotes without a named speaker: precision of unattributed-quote findings against `noname`
  labels; recall of `noname` labels hit by an unattributed-quote finding, or standing in a
  paragraph (or the one after) where anonymous-source reports the unnamed speaker;
- anonymous-source: precision against `anon` labels, and on the quotes it reports, `noname` labels.
Prints totals and per-site figures (numbers and site names only).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pubcheck.config import Config
from pubcheck.engine import Linter

TARGETS = {"unsourced-claim": (0.80, 0.60), "quotes without a named speaker": (0.80, 0.75), "anonymous-source": (0.80, None)}


@dataclass
class Page:
    site: str
    text: str
    labels: dict[str, list[tuple[int, int]]]


@dataclass
class Score:
    hits: int = 0  # findings on a label
    found: int = 0  # findings
    caught: int = 0  # labels hit
    labels: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.found += other.found
        self.caught += other.caught
        self.labels += other.labels

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.caught / self.labels if self.labels else 1.0


def read_page(path: Path) -> Page:
    raw = path.read_text(encoding="utf-8")
    header, _, rest = raw.partition("\n---\n")
    text, _, label_lines = rest.partition("\n---labels---\n")
    site = next((line.split(":", 1)[1].strip().split()[0] for line in header.splitlines() if line.startswith("SITE:")), path.stem)
    labels: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in label_lines.splitlines():
        kind, _, fragment = line.partition(":")
        fragment = fragment.strip()
        if not fragment:
            continue
        start = text.find(fragment)
        if start < 0:
            raise SystemExit(f"{path.name}: label not in the text: {fragment!r}")
        labels[kind.strip()].append((start, start + len(fragment)))
    return Page(site, text, labels)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> list[int]:
    return [i for i, (start, end) in enumerate(spans) if span[0] < end and start < span[1]]


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def score(page: Page, linter: Linter, name: str) -> dict[str, Score]:
    report = linter.lint_text(page.text, "text", name)
    by_rule = defaultdict(list)
    for finding in report.findings:
        if finding.end_offset > finding.offset:  # document-level summaries have no span
            by_rule[finding.rule].append((finding.offset, finding.end_offset))
    claims, nonames, anons = page.labels["claim"], page.labels["noname"], page.labels["anon"]
    scores = {key: Score() for key in TARGETS}

    unsourced = scores["unsourced-claim"]
    unsourced.found = len(by_rule["unsourced-claim"])
    caught = set()
    for span in by_rule["unsourced-claim"]:
        hit = _overlaps(span, claims)
        unsourced.hits += bool(hit)
        caught.update(hit)
        if not hit:
            unsourced.notes.append(f"{name}: false alarm {page.text[span[0]:span[1]]!r}")
    for span in by_rule["anonymous-source"]:
        caught.update(_overlaps(span, claims))
    unsourced.labels, unsourced.caught = len(claims), len(caught)
    unsourced.notes += [f"{name}: missed claim {page.text[s:e][:60]!r}" for i, (s, e) in enumerate(claims) if i not in caught]

    quotes = scores["quotes without a named speaker"]
    quotes.found = len(by_rule["unattributed-quote"])
    caught = set()
    for span in by_rule["unattributed-quote"]:
        hit = _overlaps(span, nonames)
        quotes.hits += bool(hit)
        caught.update(hit)
        if not hit:
            quotes.notes.append(f"{name}: false alarm {page.text[span[0]:span[1]][:60]!r}")
    anonymous_paragraphs = {_paragraph(page.text, start) for start, _ in by_rule["anonymous-source"]}
    for i, (start, end) in enumerate(nonames):
        paragraph = _paragraph(page.text, start)
        if paragraph in anonymous_paragraphs or paragraph - 1 in anonymous_paragraphs:
            caught.add(i)
    quotes.labels, quotes.caught = len(nonames), len(caught)
    quotes.notes += [f"{name}: missed quote {page.text[s:e][:60]!r}" for i, (s, e) in enumerate(nonames) if i not in caught]

    anonymous = scores["anonymous-source"]
    anonymous.found = len(by_rule["anonymous-source"])
    caught = set()
    for span in by_rule["anonymous-source"]:
        hit = _overlaps(span, anons)
        caught.update(hit)
        anonymous.hits += bool(hit or _overlaps(span, nonames))
        if not hit and not _overlaps(span, nonames):
            anonymous.notes.append(f"{name}: false alarm {page.text[span[0]:span[1]][:60]!r}")
    anonymous.labels, anonymous.caught = len(anons), len(caught)
    anonymous.notes += [f"{name}: missed source {page.text[s:e][:60]!r}" for i, (s, e) in enumerate(anons) if i not in caught]
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    linter = Linter(Config())
    totals = {key: Score() for key in TARGETS}
    per_site: dict[str, dict[str, Score]] = defaultdict(lambda: {key: Score() for key in TARGETS})
    pages = sorted(args.folder.glob("*.txt"))
    for path in pages:
        page = read_page(path)
        for key, result in score(page, linter, path.name).items():
            totals[key].add(result)
            per_site[page.site][key].add(result)
            totals[key].notes += result.notes
    print(f"{len(pages)} pages from {len(per_site)} sites in {args.folder}\n")
    print(f"{'measure':<32} {'P':>5} {'R':>5}  (hits/found, caught/labels)  target")
    failures = []
    for key, total in totals.items():
        low_p, low_r = TARGETS[key]
        target = ", ".join(f"{n} ≥ {v:.2f}" for n, v in (("P", low_p), ("R", low_r)) if v is not None)
        print(f"{key:<32} {total.precision:>5.2f} {total.recall:>5.2f}  ({total.hits}/{total.found}, {total.caught}/{total.labels})  {target}")
        if low_p is not None and total.precision < low_p or low_r is not None and total.recall < low_r:
            failures.append(key)
        for note in total.notes if args.verbose else ():
            print(f"    {note}")
    print(f"\n{'site':<34} {'UC P':>5} {'UC R':>5} {'Q P':>5} {'Q R':>5} {'AS P':>5}")
    for site, scores in sorted(per_site.items()):
        uc, q, anon = scores["unsourced-claim"], scores["quotes without a named speaker"], scores["anonymous-source"]

        def cell(value: float, count: int) -> str:
            return f"{value:>5.2f}" if count else f"{'-':>5}"

        print(f"{site:<34} {cell(uc.precision, uc.found)} {cell(uc.recall, uc.labels)} {cell(q.precision, q.found)} "
              f"{cell(q.recall, q.labels)} {cell(anon.precision, anon.found)}")
    print("\n" + ("all targets met" if not failures else "MISSED: " + ", ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""The noise budget: how many loud (warning or error) findings pubcheck gives on good copy.

    python benchmarks/noise.py                                   # the committed professional fixtures
    python benchmarks/noise.py DIR [DIR ...] [--by-site] [--rules spelling,long-sentence]

An editor keeps a linter on only while it is quiet on professional copy. This lints every
article in the given folders with the default config (as a new user would) and reports loud
findings per article and per 1,000 words, by rule, the notices (such as "not in English") and
the slowest file's time; `--by-site` groups files by the site named
in their first line (`URL: ...` or `<!-- URL: ... -->`), for the real pages kept outside the
repository (figures in benchmarks/README.md). The default folder is
`benchmarks/professional/`: articles written for this project in the style of wire copy, trade
press and national papers (US, UK, Indian, Philippine), with their quotes, British spellings,
foreign-language lines and trade jargon. tests/test_noise.py holds that set to LOUD_BUDGET.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from pubcheck.config import Config
from pubcheck.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "benchmarks" / "professional"
LOUD = ("warning", "error")
# The most loud findings the committed professional set may give, by rule (tests/test_noise.py).
LOUD_BUDGET: dict[str, int] = {}
_URL = re.compile(r"URL:\s*(?:https?://)?(?:www\.)?([^/\s]+)")


def articles(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in (".html", ".md", ".txt") and p.is_file())


def site_of(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace") as file:
        match = _URL.search(file.readline())
    return match.group(1) if match else path.parent.name


def measure(paths: list[Path], rules: tuple[str, ...] = ()) -> dict:
    """Loud findings by rule and by file, and word counts."""
    linter = Linter(Config(select=rules) if rules else Config())
    by_rule: Counter[str] = Counter()
    per_file: dict[Path, Counter[str]] = {}
    words: dict[Path, int] = {}
    seconds: dict[Path, float] = {}
    notices: Counter[str] = Counter()
    linter.lint_file(paths[0])  # loads the word lists and tables, so no file's time includes that
    for path in paths:
        started = time.perf_counter()
        report = linter.lint_file(path)
        seconds[path] = time.perf_counter() - started
        notices.update(map(str, report.skipped))
        counts = Counter(f.rule for f in report.findings if f.severity in LOUD)
        per_file[path] = counts
        by_rule += counts
        words[path] = _words(path)
    return {"by_rule": by_rule, "per_file": per_file, "words": words, "seconds": seconds, "notices": notices}


def _words(path: Path) -> int:
    from pubcheck.document import decode, format_for, read

    fmt = format_for(str(path), None)
    return read(decode(path.read_bytes(), fmt)[0], fmt, str(path)).word_count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[FIXTURES])
    parser.add_argument("--by-site", action="store_true", help="group by the site named in each file's first line")
    parser.add_argument("--rules", default="", help="only these rules (comma-separated); default: the default config")
    parser.add_argument("--verbose", action="store_true", help="list each file's loud findings by rule")
    args = parser.parse_args(argv)
    paths = articles(args.folders)
    if not paths:
        print("no articles found", file=sys.stderr)
        return 2
    result = measure(paths, tuple(r for r in args.rules.split(",") if r))
    total_words = sum(result["words"].values())
    loud = sum(result["by_rule"].values())
    print(f"{len(paths)} articles, {total_words:,} words: {loud} loud findings, "
          f"{loud / len(paths):.2f} per article, {loud / total_words * 1000:.2f} per 1,000 words")
    for rule, count in result["by_rule"].most_common():
        print(f"  {rule:24} {count:5}  {count / len(paths):5.2f}/article  {count / total_words * 1000:5.2f}/1,000 words")
    for notice, count in result["notices"].items():
        print(f"  notice on {count} articles: {notice}")
    slowest = max(paths, key=result["seconds"].get)
    print(f"  slowest lint: {result['seconds'][slowest] * 1000:.0f} ms ({slowest.name}, {slowest.stat().st_size // 1024} KB)")
    if args.by_site:
        sites: dict[str, list[Path]] = defaultdict(list)
        for path in paths:
            sites[site_of(path)].append(path)
        print("\nby site: articles, words, slowest lint, loud findings (rules)")
        for site, files in sorted(sites.items()):
            counts = sum((result["per_file"][p] for p in files), Counter())
            words = sum(result["words"][p] for p in files)
            slowest = max(result["seconds"][p] for p in files) * 1000
            print(f"  {site:32} {len(files):3} {words:7,} {slowest:6.0f} ms {sum(counts.values()):4}  {dict(counts.most_common())}")
    if args.verbose:
        for path in paths:
            if result["per_file"][path]:
                print(f"{path}: {dict(result['per_file'][path])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Findings before and after a change that must not change them (issues 18 and 19).

    python benchmarks/identical.py OUT.jsonl [DIR_OR_FILE ...]        # record every finding
    python benchmarks/identical.py OUT.jsonl --compare BEFORE.jsonl   # and say what differs

Lints each file with the default config (as `pubcheck lint` does) and writes one JSON line per
file: its path, notices, skipped rules, error and every finding with all its fields, in order.
With no paths it covers the corpora the project keeps: `fixtures/`, `benchmarks/professional/`,
`benchmarks/heldout/articles/`, `tests/` article files, the shared reference article when it is
beside the clone, and a 200-article engine-benchmark corpus generated into a temporary folder.
Add folders of real copy kept outside the repository to cover them too. `--compare` exits 1
and prints the first differing files when the two records are not byte-identical.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from pubcheck.config import Config
from pubcheck.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")


def default_inputs(scratch: Path) -> list[Path]:
    corpus = scratch / "bench-corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus), "--count", "200"], check=True,
                   stdout=subprocess.DEVNULL)
    inputs = [ROOT / "fixtures", ROOT / "benchmarks" / "professional", ROOT / "benchmarks" / "heldout" / "articles",
              ROOT / "tests", corpus]
    reference = ROOT.parent / "shared" / "reference" / "problem-article.txt"
    return inputs + ([reference] if reference.exists() else [])


def files(inputs: list[Path]) -> list[Path]:
    found = []
    for item in inputs:
        if item.is_file():
            found.append(item)
        else:
            found.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES))
    return found


def shown(path: Path, bases: tuple[Path, ...]) -> str:
    """The path relative to the clone, the scratch corpus or the folder holding an input, so two
    checkouts (a worktree and main, say) record the same path for the same file."""
    for base in bases:
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def record(paths: list[Path], out: Path, bases: tuple[Path, ...]) -> int:
    linter = Linter(Config())
    with out.open("w", encoding="utf-8") as sink:
        for path in paths:
            report = linter.lint_file(path, display=shown(path, bases))
            line = {"path": report.path, "notices": report.notices, "skipped": [str(skip) for skip in report.skipped], "error": report.error,
                    "findings": [asdict(f) for f in report.findings]}
            sink.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return len(paths)


def compare(after: Path, before: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(old, new) if a != b]
    if len(old) != len(new):
        print(f"{len(old)} files before, {len(new)} after")
    for a, b in differing[:5]:
        print("before:", a[:400], "\nafter: ", b[:400], "\n")
    print(f"{len(differing)} of {min(len(old), len(new))} files differ")
    return 1 if differing or len(old) != len(new) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--compare", type=Path, metavar="BEFORE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        inputs = [p.resolve() for p in args.inputs] or default_inputs(Path(scratch))
        bases = (ROOT, Path(scratch).resolve(), *(item.resolve().parent for item in args.inputs), ROOT.parent)
        count = record(files(inputs), args.out, bases)
    print(f"{count} files recorded in {args.out}")
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())

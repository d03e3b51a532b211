"""Issue 19's contained measurements, one subcommand each (figures in benchmarks/README.md).

    python benchmarks/speed.py json    [--articles 170] [--repeat 7]    # rendering a ~4,000-finding JSON report
    python benchmarks/speed.py links   [--words 3000000] [--repeat 3]   # clickbait-interstitial on one large page
    python benchmarks/speed.py jobs    [--articles 400] [--repeat 3]    # `pubcheck lint --jobs 1` against `--jobs 2`
    python benchmarks/speed.py startup [--runs 10]                      # one-file `pubcheck lint`, a new process each run
    python benchmarks/speed.py memory  [--megabytes 50]                 # peak RSS linting one large page

Each generates its articles with corpus.py into a temporary folder (or ``--keep DIR``) and prints
the machine's load average before and after: the machine is shared, so compare figures from one
run, and prefer the CPU times, which other processes disturb less than wall times.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(command: list[str], **kwargs) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the process and its children, peak RSS KiB of the process itself, exit code)."""
    start = time.perf_counter()
    before = os.times()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    wall = time.perf_counter() - start
    after = os.times()
    # the process's own CPU (wait4) plus that of its worker processes, which it reaped (children's times)
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, usage.ru_maxrss, process.returncode


def pubcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "pubcheck", "lint", "--quiet", "--no-cache", *args]


def bench_json(args, scratch: Path) -> None:
    from pubcheck.engine import lint_paths
    from pubcheck.report import render, write

    folder = scratch / "json"
    generate(folder, args.articles)
    summary = lint_paths([str(folder)])
    findings = sum(len(r.findings) for r in summary.reports)
    print(f"{len(summary.reports)} files, {findings:,} findings")
    variants = {"default": {}}
    try:
        render("json", summary, indent=2)
        variants["--indent 2"] = {"indent": 2}
    except TypeError:  # before --indent existed: the default was indented
        pass
    print("| output | render ms (min of runs) | streamed ms | bytes |")
    print("|---|---:|---:|---:|")
    for name, options in variants.items():
        rendered, streamed = [], []
        for _ in range(args.repeat):
            start = time.process_time()
            text = render("json", summary, **options)
            rendered.append(time.process_time() - start)
            out = io.StringIO()
            start = time.process_time()
            write("json", summary.reports, lambda kept: summary, out, scoring=summary.scoring, **options)
            streamed.append(time.process_time() - start)
        print(f"| {name} | {min(rendered) * 1000:.1f} | {min(streamed) * 1000:.1f} | {len(text.encode()):,} |")


def rule_cpu(rule, doc, repeat: int) -> float:
    """Fastest CPU seconds of ``repeat`` runs of one rule's check on a parsed document."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for _ in rule.check(doc):
            pass
        times.append(time.process_time() - start)
    return min(times)


def bench_links(args, scratch: Path) -> None:
    from pubcheck.config import Config
    from pubcheck.document import decode, read
    from pubcheck.engine import Linter

    rule = Linter(Config(select=("clickbait-interstitial",))).all_active()[0].rule
    print("| page | words | links | blocks | clickbait-interstitial CPU ms | µs/word | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for words, count in ((1000, 100), (args.words, 1)):
        folder = scratch / f"links-{words}"
        generate(folder, count, words=words, start=1)  # odd articles are the SEO-farm pages: teasers, links
        pages = sorted(folder.glob("*.html"))
        docs = [read(decode(page.read_bytes(), "html", [])[0], "html", str(page)) for page in pages]
        for doc in docs:  # the shared split, forced first so the rule is not charged for it
            for block in doc.body:
                block.words, block.sentences
        seconds = sum(rule_cpu(rule, doc, args.repeat) for doc in docs) / len(docs)
        total_words = sum(doc.word_count for doc in docs) / len(docs)
        findings = sum(len(list(rule.check(doc))) for doc in docs) / len(docs)
        print(f"| {'one' if count == 1 else f'{count} (mean)'} | {total_words:,.0f} | {sum(len(d.links) for d in docs) / len(docs):,.0f} "
              f"| {sum(len(d.body) for d in docs) / len(docs):,.0f} | {seconds * 1000:,.2f} | {seconds / total_words * 1e6:.3f} | {findings:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    json_command = commands.add_parser("json")
    json_command.add_argument("--articles", type=int, default=170)
    json_command.add_argument("--repeat", type=int, default=7)
    links_command = commands.add_parser("links")
    links_command.add_argument("--words", type=int, default=3_000_000)
    links_command.add_argument("--repeat", type=int, default=3)
    for command in commands.choices.values():
        command.add_argument("--keep", metavar="DIR", help="write the generated articles here instead of a temporary folder")
    args = parser.parse_args()
    print(f"load average before: {load()}; CPUs: {len(os.sched_getaffinity(0))}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(args.keep or temporary)
        {"json": bench_json, "links": bench_links}[args.command](args, scratch)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()

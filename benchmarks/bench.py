"""Measure pubcheck's speed and memory on a generated corpus, against its targets and against proselint.

    python benchmarks/bench.py [--count N] [--seed S] [--passes P] [--out DIR] [--proselint-sample N]

Generates the corpus (benchmarks/corpus.py) into a temporary folder, or into --out to keep it
(benchmarks/out/ is gitignored), then prints one table per measurement and a summary of the
targets. A missed target is reported, not fatal: this is a measurement, not a test, and it
always exits 0 once it has measured. See benchmarks/README.md for what each number means.

Two rules shape every timing here:

* Repeat, and report the fastest repetition with the spread. This machine shares its host:
  the same pass can take twice as long minutes later, and the process's own CPU time doubles
  with it, so it is not load on this machine. Runs compared with each other are interleaved,
  so a slow spell hits both sides.
* Never time the same text twice in one process. Libraries memoise by text (textstat keeps
  the last 128 results), so a repeated article measures a cache lookup, not the work. Each
  pass gets its own articles; all passes are drawn from the same generator and seed, so they
  are statistically alike.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import corpus
from pubcheck.config import Config
from pubcheck.rules.base import RuleUnavailable
from pubcheck.document import decode, read
from pubcheck.engine import Linter, lint_paths

SINGLE_FILE_TARGET_S = 0.25
# The rule sets timed in the engine table, each with the throughput its issue asks for: the
# engine issue's shipped rule (500 articles/s), the editorial rules issue's rules, all of them on
# (200 articles/s and 4x proselint's rate), and what a user gets by default (no target of its own:
# it adds the offline spelling rule of the grammar issue, and grammar when a server is configured).
EDITORIAL_RULES = (
    "clickbait-interstitial", "unattributed-quote", "scare-quote", "unsourced-claim", "keyword-stuffing",
    "readability-grade", "long-sentence", "long-paragraph", "passive-voice", "duplicate-headline",
)
RULE_SETS = {
    "engine issue: clickbait-interstitial": (("clickbait-interstitial",), 500, 1),
    "editorial rules, all 10": (EDITORIAL_RULES, 200, 4),
    "default rules": (None, None, None),
}
# Superlinear growth is what the scaling check guards against; fixed per-file costs make long
# articles cheaper per word, so only the upper bound matters.
SCALING_LIMIT = 1.5
# Articles per length per round of the scaling check. Even counts: the corpus alternates clean and
# problem articles, and a problem article costs up to twice as much per word (its findings), so
# every round compares the same mix at each length. With one 100x article a round, rounds
# alternated between a clean and a problem one, and the ratio measured the mix, not the growth.
SCALING_ARTICLES = {1: 20, 10: 4, 100: 2}
LAYOUTS = ("sections", "one block")
CLI_RUNS = 10
STAGE_SAMPLE = 100  # articles per pass in the per-stage breakdown


def table(title: str, headers: tuple[str, ...], rows: list[tuple]) -> None:
    cells = [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(f"\n{title}")
    print("  " + line.format(*headers).rstrip())
    print("  " + line.format(*("-" * w for w in widths)))
    for row in cells:
        print("  " + line.format(*row).rstrip())


def spread(rates: list[float], unit: str) -> str:
    return f"{len(rates)} passes: " + ", ".join(f"{r:,.0f}" for r in rates) + f" {unit}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def pin_to_one_core() -> str:
    """Pin this process (and so every subprocess it starts) to one CPU, so "one core" means one core."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError) as exc:
        return f"not pinned ({exc.__class__.__name__}); figures may use more than one core"
    return f"pinned to CPU {cpu} (subprocesses inherit it)"


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=Path(__file__).parent,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def pubcheck_command() -> list[str]:
    """The console script installed beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("pubcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pubcheck"]


# -- measurements ------------------------------------------------------------------------------


def engine(linter: Linter, files: list[Path]) -> tuple[list[float], float, list]:
    """Per-file wall seconds of Linter.lint_file over one pass, the pass's CPU seconds, and the reports."""
    latencies, reports = [], []
    cpu_start = time.thread_time()
    for path in files:
        start = time.perf_counter()
        reports.append(linter.lint_file(path))
        latencies.append(time.perf_counter() - start)
    return latencies, time.thread_time() - cpu_start, reports


def stage_costs(linter: Linter, passes: list[list[Path]]) -> dict[str, float]:
    """Mean CPU seconds per article of each stage of linting, each stage's fastest pass.

    The shared sentence and word split is forced before the rules run, so it is charged to
    its own stage rather than to whichever rule happens to ask first.
    """
    best: dict[str, float] = {}
    for files in passes:
        totals: dict[str, float] = defaultdict(float)
        for path in files:
            start = time.thread_time()
            text, _ = decode(path.read_bytes(), "html")
            doc = read(text, "html", str(path))
            parsed = time.thread_time()
            for block in doc.body:  # computed once and cached on the document, as the rules will find it
                _ = block.sentences, block.words
            _ = doc.word_count
            totals["read file, parse HTML"] += parsed - start
            totals["split sentences and words"] += time.thread_time() - parsed
            for active in linter.rules_for(()):
                start = time.thread_time()
                try:
                    for _ in active.rule.check(doc):
                        pass
                except RuleUnavailable:  # grammar without a LanguageTool server: skipped, as in a real run
                    continue
                totals[f"rule {active.rule.id}"] += time.thread_time() - start
        for stage, seconds in totals.items():
            best[stage] = min(best.get(stage, float("inf")), seconds / len(files))
    return best


def through_lint_paths(directories: list[Path]) -> tuple[list[float], int]:
    times = []
    for directory in directories:
        start = time.perf_counter()
        summary = lint_paths([str(directory)])
        times.append(time.perf_counter() - start)
    return times, len(summary.reports)


def peak_rss_kb(command: list[str]) -> tuple[int, int]:
    """(peak RSS in KiB, exit code) of one subprocess, from its own rusage (wait4), not all children's."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return usage.ru_maxrss, process.returncode  # Linux reports ru_maxrss in KiB


def cli_wall_times(command: list[str], envs: list[dict[str, str]]) -> list[list[float]]:
    """Wall seconds of ``command`` under each environment, CLI_RUNS times each, interleaved.

    Each run is a new process, so nothing is memoised across runs but what a user's machine
    keeps too (page cache, bytecode, pubcheck's own on-disk caches).
    """
    for env in envs:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)  # warm-up: page cache, bytecode cache
    times: list[list[float]] = [[] for _ in envs]
    for _ in range(CLI_RUNS):
        for env, runs in zip(envs, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            runs.append(time.perf_counter() - start)
    return times


def scaling(linter: Linter, root: Path, seed: int, rounds: int, start: int) -> dict[tuple[str, int], tuple[int, list[float]]]:
    """(layout, multiplier) -> (mean words per article, CPU seconds per word in each round).

    Lengths 1x, 10x and 100x, in two layouts: "sections" (longer articles have more
    paragraphs) and "one block" (the same words in a single paragraph). Every round lints new
    articles (from index ``start`` on) at each length in turn, so a round's lengths run within
    seconds of each other and compare fairly. CPU time, not wall time: the question is how the
    work grows, and wall time here includes time the host takes.
    """
    articles: dict[tuple[str, int], list[list[tuple[Path, int]]]] = {}
    for layout in LAYOUTS:
        for multiplier, per_round in SCALING_ARTICLES.items():
            folder = root / f"scale-{layout.replace(' ', '-')}-{multiplier}x"
            infos = corpus.generate(folder, per_round * rounds, seed=seed, words=1000 * multiplier, start=start,
                                    one_block=layout == "one block")
            paths = [(folder / info.file, info.words) for info in infos]
            articles[layout, multiplier] = [paths[r * per_round : (r + 1) * per_round] for r in range(rounds)]
    per_word: dict[tuple[str, int], list[float]] = defaultdict(list)
    for r in range(rounds):
        for key, batches in articles.items():
            start_time = time.thread_time()
            for path, _ in batches[r]:
                linter.lint_file(path)
            per_word[key].append((time.thread_time() - start_time) / sum(words for _, words in batches[r]))
    return {
        key: (round(statistics.mean(w for batch in batches for _, w in batch)), per_word[key])
        for key, batches in articles.items()
    }


class _VisibleText(HTMLParser):
    """The page's readable text, one block per paragraph, for linters that take plain text."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "li", "blockquote", "figcaption", "title", "div", "section", "article"})
    HIDDEN = frozenset({"script", "style", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    @classmethod
    def of(cls, page: str) -> str:
        parser = cls()
        parser.feed(page)
        parser.close()
        lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def proselint_times(passes: list[list[Path]]) -> tuple[list[list[float]], int] | None:
    """Per-article seconds of proselint's own API, LintFile(...).lint(), on each page's visible text, per pass."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    registry = CheckRegistry()
    registry.register_many(__register__)  # what proselint's command line does before linting
    texts = [[(path.name, _VisibleText.of(path.read_text(encoding="utf-8"))) for path in files] for files in passes]
    LintFile("warm-up", "Sources say it was very unique.").lint()
    runs = []
    for pass_texts in texts:
        times = []
        for name, text in pass_texts:
            start = time.perf_counter()
            LintFile(name, text).lint()
            times.append(time.perf_counter() - start)
        runs.append(times)
    return runs, len(registry.checks)


# -- the run -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="articles per pass (default 500, at least 2)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--passes", type=int, default=3, help="timed passes, each over new articles (default 3)")
    parser.add_argument("--out", type=Path, help="write the corpus here and keep it (e.g. benchmarks/out)")
    parser.add_argument("--proselint-sample", type=int, default=50, help="articles per pass given to proselint (default 50)")
    args = parser.parse_args()
    if args.count < 2 or args.passes < 1 or args.proselint_sample < 1:
        parser.error("--count must be at least 2, --passes and --proselint-sample at least 1")
    if args.out:
        return run(args, args.out)
    with tempfile.TemporaryDirectory(prefix="pubcheck-bench-") as folder:
        return run(args, Path(folder))


def run(args: argparse.Namespace, root: Path) -> int:
    pinned = pin_to_one_core()
    work = root / "bench-corpus"
    shutil.rmtree(work, ignore_errors=True)  # this script's own folder only: stale articles would be linted too
    taken = 0

    def new_articles(name: str, count: int) -> tuple[Path, list[corpus.ArticleInfo]]:
        """``count`` articles that nothing in this process has linted yet."""
        nonlocal taken
        folder = work / name
        infos = corpus.generate(folder, count, seed=args.seed, start=taken)
        taken += count
        return folder, infos

    engine_sets = {
        name: [new_articles(f"engine-{index + 1}-{k + 1}", args.count) for k in range(args.passes)]
        for index, name in enumerate(RULE_SETS)
    }
    paths_sets = [new_articles(f"lint-paths-{k + 1}", args.count) for k in range(args.passes)]
    stage_sets = [new_articles(f"stages-{k + 1}", min(STAGE_SAMPLE, args.count)) for k in range(args.passes)]
    warm_up = new_articles("warm-up", 1)
    set_passes = {name: [[folder / info.file for info in infos] for folder, infos in sets] for name, sets in engine_sets.items()}
    passes = set_passes["default rules"]
    (directory, infos), files = engine_sets["default rules"][0], passes[0]
    words = [info.words for info in infos]
    problems = sum(info.kind == "problem" for info in infos)

    print(f"pubcheck benchmark, {datetime.now():%Y-%m-%d %H:%M}")
    print(f"  pubcheck {package_version('pubcheck')} (git {git_revision()}), proselint {package_version('proselint')}, "
          f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, {pinned}")
    print(f"  corpus: {args.passes} passes x {len(files)} HTML articles (new articles for every pass), seed {args.seed}; "
          f"per pass {problems} problem / {len(files) - problems} clean, {sum(words):,} words "
          f"(mean {statistics.mean(words):,.0f}), mean {statistics.mean(i.bytes for i in infos) / 1024:.1f} KiB")

    linters = {name: Linter(Config(select=select)) for name, (select, _, _) in RULE_SETS.items()}
    for linter in linters.values():
        linter.lint_file(warm_up[0] / warm_up[1][0].file)  # first use compiles regexes and loads data
    runs: dict[str, list[list[float]]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for k in range(args.passes):  # the rule sets take turns, so a slow spell of the host hits each of them
        for name, linter in linters.items():
            latencies, seconds, reports = engine(linter, set_passes[name][k])
            runs[name].append(latencies)
            cpu[name].append(seconds)
            if k == 0 and name == "default rules":
                first_reports = reports
    rates = {name: max(len(r) / sum(r) for r in set_runs) for name, set_runs in runs.items()}
    rule_ids = {name: sorted(active.rule.id for active in linter.rules_for(())) for name, linter in linters.items()}
    linter = linters["default rules"]
    found = {"clean": 0, "problem": 0}
    for info, report in zip(infos, first_reports, strict=True):
        found[info.kind] += len(report.findings)
    print(f"  default rules: {len(rule_ids['default rules'])} ({', '.join(rule_ids['default rules'])})")
    print(f"  findings by the default rules in pass 1: {found['problem']} in problem articles "
          f"({sum(i.teasers for i in infos)} teasers planted), {found['clean']} in clean articles")
    rows = []
    for name, set_runs in runs.items():
        fastest = min(set_runs, key=sum)
        rows.append((
            name, len(rule_ids[name]), f"{rates[name]:,.1f}", f"{len(fastest) / min(cpu[name]):,.1f}",
            ms(statistics.median(fastest)), ms(statistics.quantiles(fastest, n=100)[94]), ms(max(fastest)),
            ", ".join(f"{len(r) / sum(r):,.0f}" for r in set_runs),
        ))
    table(
        "Engine, one core: Linter(Config(select=...)).lint_file(path) in-process, after a warm-up; fastest pass",
        ("rule set", "rules", "articles/s", "by CPU time", "p50", "p95", "max", "each pass, articles/s"),
        rows,
    )
    print("  each rule set lints its own new articles; the sets take turns pass by pass")

    # Every rule of both sets, so each rule's cost shows.
    every_rule = Linter(Config(select=tuple(sorted(set(EDITORIAL_RULES) | set(rule_ids["default rules"])))))
    stages = stage_costs(every_rule, [[folder / info.file for info in infos] for folder, infos in stage_sets])
    table(
        f"Where the time goes: each stage timed alone, {len(stage_sets[0][1])} new articles per pass; fastest pass",
        ("stage", "CPU ms/article", "share"),
        [(stage, f"{seconds * 1000:.2f}", f"{seconds / sum(stages.values()):.0%}")
         for stage, seconds in sorted(stages.items(), key=lambda item: -item[1])],
    )

    times, linted = through_lint_paths([folder for folder, _ in paths_sets])
    table(
        "Library entry point: pubcheck.lint_paths([dir]) (walk, config discovery, lint), new articles; fastest pass",
        ("measure", "value"),
        [
            ("wall time", f"{min(times):.3f} s for {linted} files"),
            ("throughput", f"{linted / min(times):,.1f} articles/s"),
            ("all passes", spread([linted / t for t in times], "articles/s")),
        ],
    )

    command = pubcheck_command()
    lint_json = [*command, "lint", "--format", "json"]
    corpus_rss, corpus_exit = peak_rss_kb([*lint_json, str(directory)])
    one_rss, _ = peak_rss_kb([*lint_json, str(files[1])])
    memory = [(f"whole corpus, default options ({len(files)} files, exit {corpus_exit})", corpus_rss)]
    # With worker processes (--jobs) the figure is the largest process's peak, not their sum,
    # so also measure the whole corpus in one process, where memory growth per article shows.
    help_text = subprocess.run([*command, "lint", "--help"], capture_output=True, text=True).stdout
    if "--jobs" in help_text:
        corpus_rss, _ = peak_rss_kb([*lint_json, "--jobs", "1", str(directory)])
        memory.append(("whole corpus, --jobs 1 (one process)", corpus_rss))
    table(
        "Memory: peak RSS of `pubcheck lint --format json PATH > /dev/null` (wait4 rusage: the largest process)",
        ("run", "peak RSS"),
        [
            *((label, f"{kib / 1024:.1f} MiB") for label, kib in memory),
            ("one article", f"{one_rss / 1024:.1f} MiB"),
            ("growth per extra article, one process", f"{(corpus_rss - one_rss) / (len(files) - 1):.1f} KiB"),
        ],
    )

    # This sandbox sets PYTHONDONTWRITEBYTECODE, so an editable install recompiles pubcheck's
    # sources on every run; an installed wheel has bytecode. Measure both when they differ.
    single = [*command, "lint", str(files[1])]
    envs = {"as run here": dict(os.environ)}
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # bytecode outside the source tree
        envs = {"PYTHONDONTWRITEBYTECODE=1, as here": dict(os.environ), "with bytecode cache": cached}
    cli = dict(zip(envs, cli_wall_times(single, list(envs.values())), strict=True))
    table(
        f"Single file: `pubcheck lint {files[1].name}` wall time, {CLI_RUNS} runs after one warm-up",
        ("environment", "median", "min", "max"),
        [(label, f"{statistics.median(t):.3f} s", f"{min(t):.3f} s", f"{max(t):.3f} s") for label, t in cli.items()],
    )

    scaled = scaling(every_rule, work, args.seed, args.passes, start=taken)
    # Each round's per-word cost against the same round's 1x cost in the same layout; the median round counts.
    relative = {
        (layout, m): statistics.median(t / b for t, b in zip(times, scaled[layout, 1][1], strict=True))
        for (layout, m), (_, times) in scaled.items()
    }
    table(
        f"Length scaling: new articles at 1x/10x/100x length in each of {args.passes} rounds",
        ("layout", "length", "words/article", "CPU s/article", "CPU µs/word", "per word vs 1x"),
        [
            (layout, f"{m}x", f"{w:,}", f"{min(t) * w:.4f}", f"{min(t) * 1e6:.2f}", f"{relative[layout, m]:.2f}")
            for (layout, m), (w, t) in scaled.items()
        ],
    )
    print("  CPU s/article and µs/word: fastest round; per word vs 1x: median over rounds of each round's ratio")
    print("  sections: longer articles have more paragraphs; one block: the same words in a single <p>")
    worst = {layout: max(r for (lay, _), r in relative.items() if lay == layout) for layout in LAYOUTS}

    sample = args.proselint_sample
    measured = proselint_times([p[:sample] for p in passes])
    ratios: dict[str, float] = {}
    if measured is None:
        print("\nproselint: not installed, comparison skipped (pip install proselint)")
    else:
        prose_runs, checks = measured
        prose_rate = max(len(r) / sum(r) for r in prose_runs)
        rows = [("proselint", "visible text: LintFile(...).lint() only", checks, f"{prose_rate:,.1f}",
                 f"{1000 / prose_rate:.2f}", "1.0x")]
        for name, set_runs in runs.items():
            # The same kind of articles (from the same generator), the first ``sample`` of each pass.
            pub_rate = max(len(r[:sample]) / sum(r[:sample]) for r in set_runs)
            ratios[name] = pub_rate / prose_rate
            rows.append((f"pubcheck, {name}", "HTML file: read + parse + lint", len(rule_ids[name]),
                         f"{pub_rate:,.1f}", f"{1000 / pub_rate:.2f}", f"{ratios[name]:.1f}x"))
        table(
            f"pubcheck vs proselint on the first {len(prose_runs[0])} articles of each pass only (proselint is slow); "
            "one core, fastest pass",
            ("linter", "input", "rules/checks", "articles/s", "ms/article", "vs proselint"),
            rows,
        )

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    targets = [
        (f"single-file CLI < {SINGLE_FILE_TARGET_S} s ({label})", f"{statistics.median(t):.3f} s",
         verdict(statistics.median(t) < SINGLE_FILE_TARGET_S))
        for label, t in cli.items()
    ]
    for name, (_, rate_target, proselint_target) in RULE_SETS.items():
        if rate_target:
            targets.append((f"engine, {name}: >= {rate_target} articles/s on one core", f"{rates[name]:,.1f} articles/s",
                            verdict(rates[name] >= rate_target)))
        if proselint_target:
            ratio = ratios.get(name)
            targets.append((f"engine, {name}: >= {proselint_target}x proselint's rate",
                            "skipped" if ratio is None else f"{ratio:.1f}x", "n/a" if ratio is None else verdict(ratio >= proselint_target)))
    targets += [
        (f"linear in length, {layout} (per-word cost <= {SCALING_LIMIT}x the 1x cost)", f"{growth:.2f}x",
         verdict(growth <= SCALING_LIMIT))
        for layout, growth in worst.items()
    ]
    table("Targets (reported only: the exit code is 0 either way)", ("target", "measured", "result"), targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())

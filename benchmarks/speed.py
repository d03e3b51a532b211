"""Issue 19's contained measurements, one subcommand each (figures in benchmarks/README.md).

    python benchmarks/speed.py json    [--articles 170] [--repeat 7]    # rendering a ~4,000-finding JSON report
    python benchmarks/speed.py links   [--words 3000000] [--repeat 3]   # clickbait-interstitial on one large page
    python benchmarks/speed.py jobs    [--articles 400] [--repeat 3] [--other SRC] [--breakdown]  # `pubcheck lint --jobs 1` against `--jobs 2`
    python benchmarks/speed.py startup [--runs 10] [--other SRC]     # one-file `pubcheck lint`, a new process each run
    python benchmarks/speed.py memory  [--megabytes 50] [--breakdown]    # peak RSS linting one large page
    python benchmarks/speed.py pages   DIR [DIR ...] [--repeat 3]      # each saved real page's time, and the slowest for its size
    python benchmarks/speed.py headings [--headings 1000] [--repeat 3] # pages of many headings at 1x, 4x and 16x: linear?

Each but ``pages`` and ``headings`` generates its articles with corpus.py into a temporary folder (or ``--keep
DIR``); each prints the machine's load average before and after: the machine is shared, so
compare figures from one run, and prefer the CPU times, which other processes disturb less than
wall times.
"""

from __future__ import annotations

import argparse
import io
import json
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
    """(wall s, CPU s of the process and its worker processes, peak RSS KiB of the process itself, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)  # its CPU includes the worker processes it reaped (Linux)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


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
    from pubcheck.document import decode, held_source, read
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


def run_at_once(commands: list[list[str]]) -> tuple[float, float]:
    """(wall s until the last ends, CPU s of all) of commands started together."""
    start, cpu = time.perf_counter(), 0.0
    for process in [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu


def bench_jobs(args, scratch: Path) -> None:
    """--jobs 1 and --jobs 2 over the same files, and the machine's own ceiling: two independent
    --jobs 1 processes over the two halves of the files at once (no pubcheck coordination at all)."""
    folder = scratch / "jobs"
    generate(folder, args.articles)
    if args.breakdown:
        bench_jobs_breakdown(args, folder)
        return
    paths = [str(p) for p in sorted(folder.glob("*.html"))]
    half = len(paths) // 2
    variants = {
        "--jobs 1": lambda: run(pubcheck("--format", "json", "--jobs", "1", str(folder)))[:2],
        "--jobs 2": lambda: run(pubcheck("--format", "json", "--jobs", "2", str(folder)))[:2],
        "two --jobs 1 on halves at once": lambda: run_at_once(
            [pubcheck("--format", "json", "--jobs", "1", *part) for part in (paths[:half], paths[half:])]),
    }
    if args.other:  # another checkout's src/ (e.g. `git archive` of the commit before), measured in the same rounds
        other = {**os.environ, "PYTHONPATH": str(Path(args.other).resolve())}
        variants["--jobs 1, --other"] = lambda: run(pubcheck("--format", "json", "--jobs", "1", str(folder)), env=other)[:2]
        variants["--jobs 2, --other"] = lambda: run(pubcheck("--format", "json", "--jobs", "2", str(folder)), env=other)[:2]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    print("| round | run | wall s | CPU s (all processes) | load before |")
    print("|---:|---|---:|---:|---|")
    for round_ in range(1, args.repeat + 1):
        for name, measure in variants.items():  # interleaved, so a busy spell of the machine hits all
            before = load()
            wall, cpu = measure()
            runs[name].append((wall, cpu))
            print(f"| {round_} | {name} | {wall:.2f} | {cpu:.2f} | {before} |", flush=True)
    one_wall, one_cpu = (min(x[i] for x in runs["--jobs 1"]) for i in (0, 1))
    print("| fastest | run | wall s | articles/s | vs --jobs 1 (wall) | CPU s | CPU vs --jobs 1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, measured in runs.items():
        wall, cpu = min(w for w, _ in measured), min(c for _, c in measured)
        base_wall, base_cpu = (one_wall, one_cpu) if "--other" not in name else (
            min(x[i] for x in runs["--jobs 1, --other"]) for i in (0, 1))
        print(f"| | {name} | {wall:.2f} | {len(paths) / wall:.0f} | {base_wall / wall:.2f}x | {cpu:.2f} | {cpu / base_cpu:.2f} |")


# Runs `pubcheck lint` as the CLI does, noting the CPU time each process has used (JSON lines in
# $SPEED_BREAKDOWN_LOG): the parent as it starts linting and as it ends, each worker process at
# its first report and at its end. It wraps engine._lint_worker and Batch.__iter__, which both
# the code before and after the --jobs changes of 2026-12-07 have.
BREAKDOWN_CHILD = r"""
import json, os, sys, time
from pubcheck import cli, engine

def note(event):
    with open(os.environ["SPEED_BREAKDOWN_LOG"], "a") as log:
        log.write(json.dumps({"pid": os.getpid(), "event": event, "cpu": time.process_time()}) + "\n")

class Noted:
    def __init__(self, connection):
        self.connection, self.sent = connection, 0
    def __getattr__(self, name):
        return getattr(self.connection, name)
    def _sending(self):
        self.sent += 1
        if self.sent == 1:
            note("first report")
    def send(self, obj):
        self._sending()
        self.connection.send(obj)
    def send_bytes(self, data):
        self._sending()
        self.connection.send_bytes(data)

lint_worker = engine._lint_worker
def noted_worker(connection, *args):
    try:
        lint_worker(Noted(connection), *args)
    finally:
        note("worker end")
engine._lint_worker = noted_worker

batch_iter = engine.Batch.__iter__
def noted_iter(self):
    note("lint start")
    yield from batch_iter(self)
engine.Batch.__iter__ = noted_iter

code = cli.main(sys.argv[1:])
note("exit")
sys.exit(code)
"""


def breakdown(arguments: list[str], env: dict | None = None) -> dict[str, float]:
    """One `pubcheck lint ARGUMENTS` run's CPU seconds by process, and the wall time it would take
    on an idle machine with 2 CPUs: the parent's time before it starts linting, then the parallel
    part, as long as its longest process or, when three share two CPUs, half their sum."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "log"
        wall = run([sys.executable, "-c", BREAKDOWN_CHILD, "lint", "--quiet", "--no-cache", *arguments],
                   env={**(env or os.environ), "SPEED_BREAKDOWN_LOG": str(log)})[0]
        notes = [json.loads(line) for line in log.read_text().splitlines()]
    parent = next(n["pid"] for n in notes if n["event"] == "lint start")
    at = {(n["pid"] == parent, n["event"]): n["cpu"] for n in notes if n["pid"] == parent}
    workers = [n["cpu"] for n in notes if n["event"] == "worker end"]
    first = [n["cpu"] for n in notes if n["event"] == "first report"]
    before, during = at[True, "lint start"], at[True, "exit"] - at[True, "lint start"]
    parallel = max([during, *workers, (during + sum(workers)) / 2]) if workers else during
    return {"wall": wall, "before": before, "during": during, "workers": sum(workers), "slowest": max(workers, default=0.0),
            "first": max(first, default=0.0), "cpu": before + during + sum(workers), "idle": before + parallel}


def bench_jobs_breakdown(args, folder: Path) -> None:
    variants = {"--jobs 1": ({}, "1"), "--jobs 2": ({}, "2")}
    if args.other:
        other = {"PYTHONPATH": str(Path(args.other).resolve())}
        variants.update({"--jobs 1, --other": (other, "1"), "--jobs 2, --other": (other, "2")})
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for _ in range(args.repeat):
        for name, (env, jobs) in variants.items():
            runs[name].append(breakdown(["--format", "json", "--jobs", jobs, str(folder)], {**os.environ, **env}))
    print(f"CPU s by process, the round with the least expected idle wall time of {args.repeat}; load average now {load()}")
    print("| run | wall s | parent before linting | parent while linting | workers (all) | slowest worker "
          "| worker to its first report | CPU s | expected wall s on 2 idle CPUs | expected vs --jobs 1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    best = {name: min(measured, key=lambda m: m["idle"]) for name, measured in runs.items()}
    for name, m in best.items():
        one = best["--jobs 1, --other" if "--other" in name else "--jobs 1"]["idle"]
        print(f"| {name} | {m['wall']:.2f} | {m['before']:.3f} | {m['during']:.3f} | {m['workers']:.3f} | {m['slowest']:.3f} "
              f"| {m['first']:.3f} | {m['cpu']:.2f} | {m['idle']:.3f} | {one / m['idle']:.2f}x |")


def bench_startup(args, scratch: Path) -> None:
    """A one-file `pubcheck lint` as a new process, after one warm-up run that fills pubcheck's
    cache folder: with PYTHONDONTWRITEBYTECODE=1 (as this sandbox sets) and with a bytecode cache,
    interleaved run by run, and --other's src/ the same way when given."""
    folder = scratch / "startup"
    generate(folder, 2)
    page = str(sorted(folder.glob("*.html"))[1])  # a problem page: every default rule has work
    plain = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    plain.pop("PYTHONPYCACHEPREFIX", None)
    cached = {**plain, "PYTHONPYCACHEPREFIX": str(scratch / "pycache")}
    cached.pop("PYTHONDONTWRITEBYTECODE")
    setups = {"no bytecode": plain, "bytecode cache": cached}
    if args.other:
        other = str(Path(args.other).resolve())
        setups["no bytecode, --other"] = {**plain, "PYTHONPATH": other}
        setups["bytecode cache, --other"] = {**cached, "PYTHONPATH": other, "PYTHONPYCACHEPREFIX": str(scratch / "pycache-other")}
    command = [sys.executable, "-m", "pubcheck", "lint", "--jobs", "1", page]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in setups}
    for env in setups.values():
        run(command, env=env)
    for _ in range(args.runs):
        for name, env in setups.items():
            times[name].append(run(command, env=env)[:2])
    print("| environment | wall median s | wall min s | CPU median s | CPU min s |")
    print("|---|---:|---:|---:|---:|")
    for name, measured in times.items():
        walls, cpus = [w for w, _ in measured], [c for _, c in measured]
        print(f"| {name} | {statistics.median(walls):.3f} | {min(walls):.3f} | {statistics.median(cpus):.3f} | {min(cpus):.3f} |")


def bench_memory(args, scratch: Path) -> None:
    """Peak RSS of `pubcheck lint --jobs 1` on one large SEO-farm page (max-file-size raised in a
    config beside it), against the page's size."""
    folder = scratch / "memory"
    words = int(args.megabytes * 1_000_000 / 7.3)  # an SEO-farm page of corpus.py runs ~7.3 bytes a word
    if not list(folder.glob("*.html")):
        generate(folder, 1, words=words, start=1)
    page = next(folder.glob("*.html"))
    (folder / ".pubcheck.yaml").write_text("max-file-size: 1GB\n", encoding="utf-8")
    size = page.stat().st_size
    if args.breakdown:
        memory_breakdown(page)
        return
    print("| page | layout | select | wall s | CPU s | peak RSS MiB | RSS / file size | exit |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for select in args.select:
        wall, cpu, rss, code = run(pubcheck("--jobs", "1", "--timeout", "3600", "--max-memory", "16GB", "--format", "json",
                                            *(("--select", select) if select != "default" else ()), str(page)))
        print(f"| {size / 1e6:.1f} MB | sections | {select} | {wall:.1f} | {cpu:.1f} | {rss / 1024:,.0f} | {rss * 1024 / size:.1f}x | {code} |",
              flush=True)


def memory_breakdown(page: Path) -> None:
    """Python allocations (tracemalloc) of each stage of linting ``page`` in this process: what
    the document, the shared split and each rule's check() keep, and the most each takes at once."""
    import tracemalloc

    from pubcheck.config import Config
    from pubcheck.document import decode, held_source, read
    from pubcheck.engine import Linter
    from pubcheck.rules.base import RuleUnavailable

    linter = Linter(Config(max_file_size=1 << 40))
    linter.warm_up()
    tracemalloc.start()
    print("| stage | kept MB | peak above the stage's start MB |")
    print("|---|---:|---:|")

    def measure(name, work):
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        now, peak = tracemalloc.get_traced_memory()
        print(f"| {name} | {(now - before) / 1e6:,.1f} | {(peak - before) / 1e6:,.1f} |", flush=True)
        return result

    # held as the lint holds it: narrow (NarrowSource) when it can be
    text = measure("read and decode the file (bytes and str)", lambda: held_source(decode(page.read_bytes(), "html", [])[0], "html"))
    doc = measure("parse HTML into blocks", lambda: read(text, "html", str(page)))
    # as the lint splits them: a large page compacted (Document.compact), where that method exists
    compact = getattr(doc, "compact", lambda: None)
    measure("split sentences and words", lambda: (compact(), [(b.words, b.sentences) for b in doc.blocks]))
    for active in linter.rules_for(()):
        try:
            measure(f"rule {active.rule.id}", lambda: list(active.rule.check(doc)))
        except RuleUnavailable:
            pass
    report = measure("the whole lint of the split document (findings kept)", lambda: linter.lint_document(doc))
    width = "1 byte each, held narrow" if hasattr(text, "placeholder") else f"{'4' if max(text) > chr(0xFFFF) else '1-2'} bytes each"
    print(f"{len(text):,} characters ({width} in a str), "
          f"{len(doc.blocks):,} blocks, {sum(len(b.words) for b in doc.blocks):,} words, {len(report.findings):,} findings")


def bench_pages(args, scratch: Path) -> None:
    """In process, default rules, after a warm-up: each page's CPU time (the fastest of --repeat),
    so that a page that costs far more than its size says (a quadratic step on some real form)
    stands out from the rest. The pages are real copy saved outside the repository."""
    from pubcheck.engine import Linter

    pages = sorted(path for folder in args.folders for path in Path(folder).rglob("*") if path.is_file() and path.stat().st_size)
    if not pages:
        raise SystemExit("no pages (files that are not empty) in " + ", ".join(args.folders))
    linter = Linter()
    for path in pages[:5]:
        linter.lint_file(path)
    timed = []
    for path in pages:
        fastest = float("inf")
        for _ in range(args.repeat):
            started = time.process_time()
            linter.lint_file(path)
            fastest = min(fastest, time.process_time() - started)
        timed.append((fastest * 1000, path.stat().st_size / 1024, path))
    times = sorted(ms for ms, _, _ in timed)
    print(f"{len(pages)} pages, {sum(kib for _, kib, _ in timed) / 1024:.1f} MiB: {sum(times):.0f} ms in all, "
          f"median {statistics.median(times):.1f} ms, 95th percentile {times[int(0.95 * (len(times) - 1))]:.1f}, most {times[-1]:.1f}")
    print("| page | KiB | ms | ms per 100 KiB |\n|---|---:|---:|---:|")
    for ms, kib, path in sorted(timed, key=lambda row: -row[0] / row[1])[: args.show]:
        print(f"| {path.name[:40]} | {kib:.0f} | {ms:.1f} | {100 * ms / kib:.1f} |")


# Pages whose headings repeat a form, each at --headings headings times 1, 4 and 16: a step that
# compares every heading with every other grows 16 times faster than the page (keyword-stuffing's
# longer phrases on a shared start did, 3 s at 4,000 headings, until 2026-12-08).
HEADING_SHAPES = {
    "headings sharing a three-word start": ("html", lambda i: f"<h2>Mara Quill Vance Tour Date {i}</h2>"),
    "headings of their own words": ("html", lambda i: f"<h2>north{i} river{i} lantern{i} harbor{i}</h2>"),
    "short plain-text lines (read as headings)": ("txt", lambda i: f"Mara Quill Vance Tour Date {i}"),
}


def bench_headings(args, scratch: Path) -> None:
    """In process, default rules, after a warm-up: the CPU time of each shape's page (the fastest
    of --repeat) and its cost per heading; the last column is the 16x page's cost per heading
    against the 1x page's (1.0 is linear; the large-page reading of a long page adds some)."""
    from pubcheck.engine import Linter

    linter = Linter()
    linter.lint_text("<h1>Warm-up</h1><p>A short paragraph.</p>", "html", "warm-up.html")
    print("| shape | headings | KiB | ms | µs a heading | per heading vs 1x |\n|---|---:|---:|---:|---:|---:|")
    for name, (suffix, heading) in HEADING_SHAPES.items():
        first = None
        for times in (1, 4, 16):
            count = args.headings * times
            lines = [heading(i) for i in range(count)]
            text = ("<html><body><h1>Tour news</h1>\n" + "\n".join(lines) + "\n</body></html>\n" if suffix == "html"
                    else "Tour news\n\n" + "\n\n".join(lines) + "\n")
            page = scratch / f"headings-{times}.{suffix}"
            page.write_text(text, encoding="utf-8")
            fastest = float("inf")
            for _ in range(args.repeat):
                started = time.process_time()
                report = linter.lint_file(page)
                fastest = min(fastest, time.process_time() - started)
            if report.error:
                raise SystemExit(f"{name}, {count} headings: {report.error}")
            each = fastest * 1e6 / count
            first = first or each
            print(f"| {name} | {count:,} | {len(text) / 1024:,.0f} | {fastest * 1000:,.0f} | {each:.1f} | {each / first:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    json_command = commands.add_parser("json")
    json_command.add_argument("--articles", type=int, default=170)
    json_command.add_argument("--repeat", type=int, default=7)
    links_command = commands.add_parser("links")
    links_command.add_argument("--words", type=int, default=3_000_000)
    links_command.add_argument("--repeat", type=int, default=3)
    jobs_command = commands.add_parser("jobs")
    jobs_command.add_argument("--articles", type=int, default=400)
    jobs_command.add_argument("--repeat", type=int, default=3)
    jobs_command.add_argument("--other", metavar="SRC", help="also measure the pubcheck in this src/ folder, in the same rounds")
    jobs_command.add_argument("--breakdown", action="store_true",
                              help="instead: CPU time by process, and the wall time it implies on 2 idle CPUs")
    startup_command = commands.add_parser("startup")
    startup_command.add_argument("--runs", type=int, default=10)
    startup_command.add_argument("--other", metavar="SRC", help="also measure the pubcheck in this src/ folder, run by run")
    memory_command = commands.add_parser("memory")
    memory_command.add_argument("--megabytes", type=float, default=50)
    memory_command.add_argument("--breakdown", action="store_true",
                                help="instead: Python allocations per stage and per rule, in this process (use a smaller page)")
    memory_command.add_argument("--select", nargs="+", default=["default"],
                                help="rule selections to run, one run each (default: the default rules)")
    pages_command = commands.add_parser("pages")
    pages_command.add_argument("folders", nargs="+", metavar="DIR", help="folders of saved pages (searched recursively)")
    pages_command.add_argument("--repeat", type=int, default=3)
    pages_command.add_argument("--show", type=int, default=10, help="how many of the slowest pages for their size to list")
    headings_command = commands.add_parser("headings")
    headings_command.add_argument("--headings", type=int, default=1000, help="headings on the 1x page")
    headings_command.add_argument("--repeat", type=int, default=3)
    for name, command in commands.choices.items():
        if name != "pages":
            command.add_argument("--keep", metavar="DIR", help="write the generated articles here instead of a temporary folder")
    args = parser.parse_args()
    print(f"load average before: {load()}; CPUs: {len(os.sched_getaffinity(0))}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(getattr(args, "keep", None) or temporary)
        {"json": bench_json, "links": bench_links, "jobs": bench_jobs, "startup": bench_startup, "memory": bench_memory,
         "pages": bench_pages, "headings": bench_headings}[args.command](args, scratch)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()

"""An archive audit: articles/s with --jobs 1 and 2, cold and with a warm result cache, and the
peak RSS of the pubcheck process at 1,000 and 10,000 files (which must not grow with the count).

The archive is benchmarks/corpus.py's generated corpus (half clean wire copy, half SEO-farm
pages), written once into OUT_DIR. Each figure is one run of the real command line, output to
/dev/null; "cold" starts from an empty cache folder, "warm" repeats the same run over it. Peak
RSS is the pubcheck process's own (wait4), not its worker processes'.

    python benchmarks/archive.py OUT_DIR [--count 10000] [--small 1000] [--words 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402


def run(folder: Path, cache: Path, *args: str) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB, exit code) of one `pubcheck lint` over ``folder``."""
    command = [sys.executable, "-m", "pubcheck", "lint", "--quiet", "--cache-dir", str(cache), *args, str(folder)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return time.perf_counter() - start, usage.ru_maxrss, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    root = Path(args.directory)
    archives = {}
    for count in (args.small, args.count):
        folder = archives[count] = root / f"archive-{count}"
        if not (folder / "manifest.json").exists():
            generate(folder, count, words=args.words)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPUs: {len(os.sched_getaffinity(0))}")
    print("| files | --jobs | format | cache | seconds | articles/s | peak RSS (MiB) | exit |")
    print("|---:|---:|---|---|---:|---:|---:|---:|")
    for count, folder in archives.items():
        for jobs in ("1", "2"):
            cache = root / f"cache-{count}-{jobs}"
            shutil.rmtree(cache, ignore_errors=True)
            for state in ("cold", "warm"):
                seconds, rss, code = run(folder, cache, "--jobs", jobs)
                print(f"| {count:,} | {jobs} | text | {state} | {seconds:.1f} | {count / seconds:,.0f} | {rss / 1024:.0f} | {code} |", flush=True)
        seconds, rss, code = run(folder, root / f"cache-{count}-1", "--jobs", "1", "--format", "json")
        print(f"| {count:,} | 1 | json | warm | {seconds:.1f} | {count / seconds:,.0f} | {rss / 1024:.0f} | {code} |", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""End to end, as a user runs it: `pubcheck lint --format json --jobs 1 DIR` against proselint on the same files.

    python benchmarks/endtoend.py [--count 400] [--rounds 3] [--seed 2026]

Issue 19's first target: on ~1,100-word HTML articles, one core, default offline rules,
pubcheck lints at least 250 articles/s and at least 8x proselint (0.16) reading the same files.
Generates the articles with corpus.py into a temporary folder, then runs each command in turn
(pubcheck, proselint, pubcheck, ...) so that a slow spell of this shared machine hits both, each
pinned to one core with `taskset` when it is there, and reports the fastest round of each: wall
seconds, CPU seconds of the process, articles per second, and the ratio. pubcheck runs with
`--no-cache`, so every round lints every file. The load average at the start is printed: state
it with the figures. Both programs run with their bytecode cached, as an installed wheel has it
(pip compiles it at install): the environment's PYTHONDONTWRITEBYTECODE is dropped and a warm-up
run of each writes it, which for pubcheck also fills its table cache. No timing here is asserted
by a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


# As installed: an editable checkout run with PYTHONDONTWRITEBYTECODE compiles every module each run.
WITH_BYTECODE = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the child's user + system) of one run; its output is thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=WITH_BYTECODE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings, as expected on problem articles
        raise SystemExit(f"{command[0]} exited with {done.returncode}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.count < 1 or args.rounds < 1:
        parser.error("--count and --rounds must be at least 1")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "articles"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(folder), "--count", str(args.count),
                        "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        commands = {
            "pubcheck lint --format json --jobs 1 --no-cache DIR": [*pin, str(BIN / "pubcheck"), "lint", "--format", "json",
                                                                  "--jobs", "1", "--no-cache", str(folder)],
            "proselint check DIR": [*pin, str(BIN / "proselint"), "check", str(folder)],
        }
        missing = [name for name, command in commands.items() if not Path(command[len(pin)]).exists()]
        if missing:
            raise SystemExit(f"not installed: {', '.join(missing)} (pip install -e '.[test]')")
        print(f"end to end, {args.count} HTML articles (corpus.py, seed {args.seed}), {args.rounds} rounds in turn, "
              f"{'pinned to CPU 0' if pin else 'not pinned (no taskset)'}, load average {os.getloadavg()[0]:.2f}")
        for command in commands.values():
            run(command)  # warm-up: bytecode and pubcheck's tables written, not timed
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.rounds):
            for name, command in commands.items():
                wall, cpu = run(command)
                best[name] = min(best.get(name, (wall, cpu)), (wall, cpu))
    print(f"  {'command':<52} {'wall s':>7} {'CPU s':>7} {'articles/s':>11}")
    for name, (wall, cpu) in best.items():
        print(f"  {name:<52} {wall:7.2f} {cpu:7.2f} {args.count / wall:11.1f}")
    (ours, _), (theirs, _) = best.values()
    print(f"  pubcheck is {theirs / ours:.1f}x proselint's rate (targets: >= 250 articles/s, >= 8x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``pubcheck`` command line: a thin shell over :func:`pubcheck.engine.lint_paths`.

Exit codes: 0 nothing reached --fail-on, 1 something did (or --fix changed a file, or --diff
would), 2 usage, config or input error, or a file --fix could not write safely.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from . import __version__
from .errors import PubcheckError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = ("info", "warning", "error")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, not {value!r}")
    return int(value)


def _indent(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 8:
        raise argparse.ArgumentTypeError(f"expected a number of spaces from 1 to 8, not {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, not {value!r}")
    return int(value)


def _usable_cpus() -> int:
    """The CPUs this process may use, on any platform (the --jobs default)."""
    if hasattr(os, "sched_getaffinity"):  # Linux only: honours taskset and container CPU sets
        return len(os.sched_getaffinity(0))
    return (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1  # process_cpu_count: 3.13+; both may be None


def _seconds(value: str) -> float:
    from .config import parse_seconds

    try:
        return parse_seconds(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _size(value: str) -> int:
    from .config import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _executor(value: str) -> str:
    host, _, port = value.removeprefix("dask://").rpartition(":")
    if value in ("local", "dask-local") or (value.startswith("dask://") and host and port.isdigit() and 0 < int(port) < 65536):
        return value
    raise argparse.ArgumentTypeError(f"expected local, dask-local or dask://HOST:PORT, not {value!r}")


def _names(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pubcheck",
        description="Lint celebrity and entertainment articles for clickbait, sourcing, SEO and readability problems.",
    )
    parser.add_argument("--version", action="version", version=f"pubcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = commands.add_parser("lint", help="check articles (HTML, Markdown, plain text)")
    lint.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files, folders, or - for stdin (default: .)")
    lint.add_argument("-f", "--format", choices=("text", "json", "sarif", "github"), default="text", help="output format (default: text)")
    lint.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    lint.add_argument("--indent", type=_indent, default=0, metavar="N",
                      help="indent json and sarif output by N spaces (default: compact, in json one line per file)")
    lint.add_argument("-c", "--config", metavar="FILE", help="use this config file instead of discovering one per file")
    lint.add_argument("--select", type=_names, metavar="RULES", help="comma-separated rule ids or categories to run")
    lint.add_argument("--ignore", type=_names, metavar="RULES", help="comma-separated rule ids or categories to skip")
    lint.add_argument("--fail-on", choices=FAIL_LEVELS, help="lowest severity that makes the exit code 1 (default: warning)")
    lint.add_argument("--require", type=_names, metavar="RULES",
                      help="rules or categories that must run (e.g. grammar): exit 2 when one cannot")
    lint.add_argument("--keyphrase", metavar="PHRASE", help="the target SEO keyphrase, held to Yoast's density bound")
    lint.add_argument("--input-format", choices=("html", "markdown", "text"), help="read every input as this format")
    lint.add_argument("--stdin-filename", metavar="NAME", help="name (and so format and config) for input read from -")
    lint.add_argument("--fix", action="store_true",
                      help="apply safe fixes in place (on -, print the fixed text), then report what remains")
    lint.add_argument("--diff", action="store_true", help="show the safe fixes as a diff without writing anything")
    lint.add_argument("-j", "--jobs", type=_jobs, default=_usable_cpus(), metavar="N",
                      help="lint in N processes when there are many files (default: the CPUs this process may use)")
    lint.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                      help="stop linting a file after this long and report it (default: 30, or the config's timeout)")
    lint.add_argument("--max-memory", type=_size, metavar="SIZE",
                      help="memory linting one file may take before it is stopped and reported (default: 2GB, or the config's max-memory)")
    lint.add_argument("--show-body", action="store_true",
                      help="print what is read as the article, block by block with line:col, instead of linting")
    lint.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: auto)")
    lint.add_argument("--baseline", metavar="FILE",
                      help="report only findings not recorded in FILE (written with today's findings when missing)")
    lint.add_argument("--update-baseline", action="store_true", help="rewrite the --baseline file with today's findings")
    lint.add_argument("--statistics", action="store_true",
                      help="instead of each finding, one row per rule: findings, files, rule (most findings first)")
    lint.add_argument("-q", "--quiet", action="store_true", help="no progress display and no notices on stderr")
    lint.add_argument("--no-cache", action="store_true", help="lint every file afresh, and keep no results")
    lint.add_argument("--cache-dir", metavar="DIR",
                      help="keep results between runs here (default: $XDG_CACHE_HOME/pubcheck/results)")
    lint.add_argument("--executor", type=_executor, default="local", metavar="WHERE",
                      help="local (default: --jobs processes), dask-local (a local Dask cluster) or dask://HOST:PORT")

    report = commands.add_parser("report", help="write the editor's HTML report: scores, highlighted findings, a chart")
    report.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files and folders (default: .)")
    report.add_argument("-o", "--output", default="report.html", metavar="FILE", help="the page to write (default: report.html)")
    report.add_argument("-c", "--config", metavar="FILE", help="use this config file instead of discovering one per file")
    report.add_argument("--select", type=_names, metavar="RULES", help="comma-separated rule ids or categories to run")
    report.add_argument("--ignore", type=_names, metavar="RULES", help="comma-separated rule ids or categories to skip")
    report.add_argument("-j", "--jobs", type=_jobs, default=_usable_cpus(), metavar="N",
                        help="lint in N processes when there are many files (default: the CPUs this process may use)")

    rules = commands.add_parser("rules", help="list every available rule (built-in, plugins, and configured packs)")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="RULE")
    for command in (rules, explain):
        command.add_argument("-c", "--config", metavar="FILE", help="config whose packs to include (default: found from .)")
    rules.add_argument("--markdown", action="store_true", help="print every rule's documentation as Markdown (docs/rules.md)")

    serve = commands.add_parser("serve", help="run the newsroom CMS webhook service (docs/webhook.md)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8080, help="port to listen on (default: 8080)")
    serve.add_argument("--workers", type=_jobs, default=1, metavar="N", help="worker processes (default: 1; one per core for throughput)")
    serve.add_argument("-c", "--config", metavar="FILE", help="config file with the server: section (default: found from .)")
    serve.add_argument("--insecure-no-auth", action="store_true",
                       help="let endpoints without a secret accept unsigned requests (never on a reachable network)")
    serve.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="info", help="(default: info)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "lint":
            return _lint(args)
        if args.command == "report":
            return _report(args)
        if args.command == "rules":
            return _rules(args.config, markdown=args.markdown)
        if args.command == "explain":
            return _explain(args.rule, args.config)
        if args.command == "serve":
            from .server.run import serve

            return serve(host=args.host, port=args.port, workers=args.workers, config=args.config,
                         insecure_no_auth=args.insecure_no_auth, log_level=args.log_level)
        parser.print_help()
        return EXIT_ERROR
    except PubcheckError as exc:
        print(f"pubcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing more to say
        return EXIT_OK
    except Exception as exc:  # a bug, or the machine (a worker process killed): one line, not a traceback
        if os.environ.get("PUBCHECK_DEBUG"):
            raise
        print(
            f"pubcheck: internal error: {type(exc).__name__}: {exc} (set PUBCHECK_DEBUG=1 for the traceback, "
            "and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _lint(args: argparse.Namespace) -> int:
    from .engine import Batch, RunOptions
    from .results import ResultCache, default_folder

    for flag, names in (("--select", args.select), ("--ignore", args.ignore), ("--require", args.require)):
        if names == ():  # given, but empty (--select ''): not the same as leaving the flag out
            raise UsageError(f"{flag} names no rule; give rule ids or categories (`pubcheck rules` lists them), or leave it out")
    options = RunOptions(
        config=args.config,
        select=args.select,
        ignore=args.ignore or (),
        fail_on=args.fail_on,
        keyphrase=args.keyphrase,
        require=args.require or (),
        format=args.input_format,
        timeout=args.timeout,
        max_memory=args.max_memory,
        cache_dir=None if args.no_cache else args.cache_dir or str(default_folder()),
    )
    if args.show_body:
        return _show_body(args)
    if args.indent and args.format not in ("json", "sarif"):
        raise UsageError("--indent applies to --format json and sarif only")
    if args.update_baseline and not args.baseline:
        raise UsageError("--update-baseline needs --baseline FILE")
    if args.executor != "local" and (args.fix or args.diff or "-" in args.paths):
        raise UsageError(f"--executor {args.executor} lints files only; leave it out with --fix, --diff or - (stdin)")
    baseline = None
    if args.baseline:  # checked before linting; imported only then (its atomic writes bring `secrets`)
        from .baseline import Baseline

        baseline = Baseline(args.baseline, update=args.update_baseline)
    fixing = EXIT_OK
    if args.fix or args.diff:
        run = _fix(args, options)
        fixing = EXIT_ERROR if run.errors else EXIT_FINDINGS if run.changed else EXIT_OK
        if args.diff:  # stdout holds the patch alone; what could not be checked goes to stderr
            return max(fixing, _print_run_messages(run.summary, errors_too=True))
        batch = None
        summary = run.summary
    else:
        from .executor import executor

        with executor(args.executor, args.jobs) as lint_files:
            batch = Batch(args.paths, options, jobs=args.jobs, stdin_filename=args.stdin_filename, executor=lint_files)
            if baseline:
                summary = batch.summary(tuple(batch))
            else:
                code = _write(args, batch, batch.summary, len(batch), batch.scoring)
        if options.cache_dir:
            ResultCache(options.cache_dir).prune()
        if not baseline:
            return code
    if baseline:
        summary = baseline.apply(summary)
    return max(_write(args, summary.reports, lambda kept: summary, 0, summary.scoring), fixing)


def _write(args: argparse.Namespace, reports, finish, total: int, scoring) -> int:
    """Write the run's output as its reports arrive (with a progress display for ``total`` files
    on a terminal, and each file's score under ``scoring``), then what goes to stderr; the exit code."""
    from .report import write

    color = args.color == "always" or (  # an empty NO_COLOR counts as unset (no-color.org)
        args.color == "auto" and not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    done = []

    def summary(kept):
        done.append(finish(kept))
        return done[0]

    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            raise PubcheckError(f"cannot write --output {args.output}: {exc.strerror}") from None
    else:  # stdout carries the fixed text alone when fixing stdin
        out = _Current("stderr" if "-" in args.paths and args.fix else "stdout")
    try:
        with out if args.output else contextlib.nullcontext():
            write(args.format, _progress(reports, total, args.quiet), summary, out, color=color,
                  statistics=args.statistics, scoring=scoring, indent=args.indent)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or not args.output:
            raise
        raise PubcheckError(f"cannot write --output {args.output}: {exc.strerror}") from None
    result = done[0]
    # errors also on stderr, so a JSON or SARIF stdout never hides them
    _print_run_messages(result, errors_too=args.format != "text" or bool(args.output), quiet=args.quiet)
    return result.exit_code()


def _print_run_messages(summary, *, errors_too: bool, quiet: bool = False) -> int:
    """Files that could not be checked (when the output does not show them), run-wide notices
    (unless ``quiet``) and unmet --require rules, on stderr; EXIT_ERROR when there were errors or
    unmet rules."""
    errors = summary.counts().errors
    if errors_too:
        for path, error in errors:
            print(f"pubcheck: {path}: {error}", file=sys.stderr)
    for notice in () if quiet else summary.notices:  # run-wide, e.g. "grammar: no LanguageTool server configured"
        print(f"pubcheck: notice: {notice}", file=sys.stderr)
    for reason in summary.unmet:
        print(f"pubcheck: error: required rule could not run: {reason}", file=sys.stderr)
    return EXIT_ERROR if errors or summary.unmet else EXIT_OK


def _show_body(args: argparse.Namespace) -> int:
    """--show-body: each file's body as the rules see it, one block per line, with where it starts."""
    from pathlib import Path

    from .config import discover, load_config
    from .report.body import body_listing

    if args.fix or args.diff or "-" in args.paths:
        raise UsageError("--show-body reads files, and neither fixes nor reads stdin")
    status = EXIT_OK
    for name in args.paths:
        config = load_config(args.config) if args.config else discover(Path(name).resolve().parent)
        listing, readable = body_listing(name, config, args.input_format)
        sys.stdout.write(listing)
        status = status if readable else EXIT_ERROR
    return status


def _report(args: argparse.Namespace) -> int:
    """Exit 0 when the page is written, 2 when it is not, a file in it could not be checked or a
    required rule could not run."""
    from .engine import RunOptions
    from .report.html import build_report, write_page

    if "-" in args.paths:
        raise UsageError("pubcheck report reads files and folders, not stdin; save the article to a file first")
    for flag, names in (("--select", args.select), ("--ignore", args.ignore)):
        if names == ():
            raise UsageError(f"{flag} names no rule; give rule ids or categories (`pubcheck rules` lists them), or leave it out")
    options = RunOptions(config=args.config, select=args.select, ignore=args.ignore or ())
    page, summary = build_report(args.paths, options, jobs=args.jobs)
    try:
        write_page(args.output, page)
    except OSError as exc:
        raise PubcheckError(f"cannot write --output {args.output}: {exc.strerror}") from None
    status = _print_run_messages(summary, errors_too=True)
    plural = "s" if len(summary.reports) != 1 else ""
    print(f"pubcheck: wrote {args.output} ({len(summary.reports)} article{plural}, {len(summary.findings)} findings)", file=sys.stderr)
    return status


class _Current:
    """sys.stdout (or stderr) as it is at each write: a progress display redirects it meanwhile."""

    def __init__(self, name: str):
        self.name = name

    def write(self, text: str) -> int:
        return getattr(sys, self.name).write(text)

    def flush(self) -> None:
        getattr(sys, self.name).flush()


PROGRESS_MIN_FILES = 50


def _progress(reports, total: int, quiet: bool):
    """``reports``, with files done/total, rate, time left and problems so far shown on stderr
    while they pass: only on a terminal, for PROGRESS_MIN_FILES or more, and never under CI,
    pre-commit (which may give hooks a terminal) or --quiet."""
    environment = os.environ
    if quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty() or environment.get("CI") or environment.get("PRE_COMMIT"):
        yield from reports
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(), TextColumn("{task.fields[problems]} problems"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as display:
        task = display.add_task("lint", total=total, problems=0, rate="")
        problems = 0
        for report in reports:
            problems += len(report.findings)
            speed = display.tasks[0].speed
            display.update(task, advance=1, problems=problems, rate=f"{speed:.0f} files/s" if speed else "")
            yield report


def _fix(args: argparse.Namespace, options):
    """Apply (or, with --diff, print) the safe fixes; stdin's fixed text goes to stdout."""
    from .fix import fix_paths, fix_stream

    if "-" in args.paths:
        if args.paths != ["-"]:
            raise UsageError("--fix - and --diff - read stdin alone; name no other path with it")
        run = fix_stream(sys.stdin.buffer.read(), options, stdin_filename=args.stdin_filename)
    else:
        run = fix_paths(args.paths, options, jobs=args.jobs, write=not args.diff)
    for outcome in run.outcomes:
        if outcome.skipped or outcome.error:
            print(f"pubcheck: {outcome.path}: {outcome.skipped or outcome.error}", file=sys.stderr)
        elif outcome.changed and args.diff:
            sys.stdout.write(outcome.diff)
        elif outcome.changed:
            plural = "es" if outcome.applied != 1 else ""
            print(f"pubcheck: {outcome.path}: applied {outcome.applied} safe fix{plural}", file=sys.stderr)
    if "-" in args.paths and not args.diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(run.outcomes[0].fixed)
        sys.stdout.buffer.flush()
    return run


def _catalogue(config_path: str | None) -> dict:
    from pathlib import Path

    from .config import discover, load_config
    from .rules.registry import catalogue

    config = load_config(config_path) if config_path else discover(Path.cwd())
    return catalogue(config.packs)


def _rules(config_path: str | None, *, markdown: bool = False) -> int:
    from .report.ruledocs import rules_markdown, rules_table

    rules = _catalogue(config_path)
    sys.stdout.write(rules_markdown(rules) if markdown else rules_table(rules))
    return EXIT_OK


def _explain(rule_id: str, config_path: str | None) -> int:
    from .report.ruledocs import explanation

    rules = _catalogue(config_path)
    if rule_id not in rules:
        raise PubcheckError(f"unknown rule {rule_id!r}; `pubcheck rules` lists them")
    sys.stdout.write(explanation(rules[rule_id]))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

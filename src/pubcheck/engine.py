"""config -> selected rules -> findings, suppressions applied. The one library call every shell uses."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import Config, RuleSettings, discover, load_config, path_spec
from .document import Document, decode, format_for, read, sniff_format
from .errors import ConfigError, InputError
from .findings import Finding, Report, RunSummary
from .rules.base import CATEGORIES, Problem, Rule, RuleUnavailable
from .rules.registry import catalogue
from .rules.unknown_directive import UnknownDirective


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: str
    standby: bool = False  # superseded: runs only on a document where the rule that supersedes it could not


class Linter:
    """Rules chosen for one configuration, built once and reused for every file it applies to."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.catalogue = catalogue(self.config.packs)
        self._cache: dict[tuple[int, ...], list[ActiveRule]] = {}
        self._check_names(self.config)
        self.rules_for(())  # surface option errors now, not at the first file

    def _check_names(self, config: Config) -> None:
        known = set(self.catalogue) | set(CATEGORIES) | {"all"}
        lists = [("select", config.select or ()), ("ignore", config.ignore), ("require", config.require)]
        lists.append(("rules", [r for r, _ in config.rules]))
        for index, override in enumerate(config.overrides):
            lists += [(f"overrides[{index}].select", override.select or ()), (f"overrides[{index}].ignore", override.ignore)]
            lists.append((f"overrides[{index}].rules", [r for r, _ in override.rules]))
        for key, names in lists:
            for name in names:
                if name not in known or (key.endswith("rules") and name not in self.catalogue):
                    raise ConfigError(f"{config.source}: {key}: unknown rule or category {name!r} (see `pubcheck rules`)")

    def rules_for(self, overrides: tuple[int, ...]) -> list[ActiveRule]:
        """The active rules once the given per-path ``overrides`` apply (built once per combination)."""
        if overrides not in self._cache:
            self._cache[overrides] = self._select(self.config.with_overrides(overrides))
        return self._cache[overrides]

    def all_active(self) -> list[ActiveRule]:
        """Every rule active for some file so far (the base selection plus any overrides used)."""
        return [active for rules in [self.rules_for(()), *self._cache.values()] for active in rules]

    def _select(self, config: Config) -> list[ActiveRule]:
        settings = dict(config.rules)
        active = []
        for rule_id, rule_class in self.catalogue.items():
            tags = {rule_id, rule_class.category, "all"}
            chosen = rule_class.enabled_by_default if config.select is None else bool(tags & set(config.select))
            if tags & set(config.ignore):
                chosen = False
            rule_settings = settings.get(rule_id, RuleSettings())
            if rule_settings.enabled is not None:
                chosen = rule_settings.enabled
            if not chosen:
                continue
            options = dict(rule_settings.options)
            if rule_class.config_section:  # e.g. the languagetool: section feeds the grammar rule
                options = {**config.section(rule_class.config_section), **options}
            shared = {"keyphrase": config.keyphrase, "dictionary": str(config.dictionary) if config.dictionary else None}
            for name, value in shared.items():
                if value and name in rule_class.options:
                    options.setdefault(name, value)
            try:
                rule = rule_class(**options)
            except ConfigError as exc:
                section = rule_class.config_section or f"rules.{rule_id}"
                raise ConfigError(f"{config.source}: {section}: {exc}") from None
            if isinstance(rule, UnknownDirective):  # the one rule about rule ids needs to know them all
                rule.known_rules = frozenset(self.catalogue)
            active.append(ActiveRule(rule, rule_settings.severity or rule_class.severity))
        running = {a.rule.id for a in active if a.rule.available}
        # A superseded rule stands by, after the others, for documents its replacement cannot check
        # (offline spelling when the LanguageTool server is down for an article).
        ready = [a for a in active if a.rule.superseded_by not in running]
        return ready + [replace(a, standby=True) for a in active if a.rule.superseded_by in running]

    def lint_text(self, text: str, fmt: str, path: str) -> Report:
        if not text.strip():
            return Report(path, fmt, notices=("empty file, nothing to check",))
        return self.lint_document(read(text, fmt, path))

    def lint_file(self, path: Path, *, display: str | None = None, format: str | None = None) -> Report:
        display = display or str(path)
        limit = self.config.max_file_size
        try:
            fmt = format_for(display, format)
            size = path.stat().st_size
            if size > limit:
                raise InputError(
                    f"file is {_human_size(size)}, over the {_human_size(limit)} max-file-size; "
                    "raise max-file-size in the config to lint it"
                )
            data = path.read_bytes()
            text, _ = decode(data, fmt)
        except FileNotFoundError:
            return Report(display, None, error="no such file or directory")
        except IsADirectoryError:
            return Report(display, None, error="is a directory")
        except PermissionError:
            return Report(display, None, error="permission denied")
        except InputError as exc:
            return Report(display, None, error=str(exc))
        return replace(self.lint_text(text, fmt, display), digest=content_digest(data))

    def lint_document(self, doc: Document) -> Report:
        problems: list[tuple[ActiveRule, Problem]] = []
        notices = list(doc.parse_problems)
        error = None
        skipped = []
        unavailable = set()
        for active in self.rules_for(self.config.matching_overrides(doc.path)):
            if active.standby and active.rule.superseded_by not in unavailable:
                continue
            try:
                problems.extend((active, p) for p in active.rule.check(doc))
            except RuleUnavailable as exc:
                skipped.append(f"{active.rule.id}: {exc}")
                unavailable.add(active.rule.id)
            except Exception as exc:  # a rule bug must not cost the user the other rules' findings
                error = f"rule {active.rule.id} failed on this file ({type(exc).__name__}: {exc}); please report it"
        findings = _suppress(doc, _to_findings(doc, problems))
        return Report(doc.path, doc.format, tuple(findings), tuple(notices), error, tuple(skipped))


def content_digest(data: bytes) -> str:
    """The fingerprint of the bytes a report was computed from: --fix writes a file only if it still holds them."""
    return hashlib.sha256(data).hexdigest()


def _to_findings(doc: Document, problems: list[tuple[ActiveRule, Problem]]) -> list[Finding]:
    findings = []
    seen: dict[tuple[str, str], int] = {}
    located = []
    for active, problem in problems:
        where = problem.where
        if where is None:  # the whole document: point at the headline, else the first block
            where = doc.headline or (doc.body[0] if doc.body else None)
            start, end = (where.source_span(0, len(where.text)) if where is not None and where.text else (0, 0))
            text = ""
        else:
            stop = len(where.text) if problem.end is None else problem.end
            start, end = where.source_span(problem.start, stop)
            text = where.text[problem.start : stop]
        located.append((start, end, text, active, problem))
    located.sort(key=lambda item: (item[0], item[3].rule.id))
    for start, end, text, active, problem in located:
        rule = active.rule
        rule_id = f"{rule.id}/{problem.code}" if problem.code else rule.id
        normal = " ".join(text.split())
        occurrence = seen.get((rule_id, normal), 0)
        seen[(rule_id, normal)] = occurrence + 1
        line, column = doc.lines.position(start)
        end_line, end_column = doc.lines.position(end)
        findings.append(
            Finding(
                rule=rule_id,
                category=rule.category,
                severity=active.severity,
                message=problem.message,
                path=doc.path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=text,
                snippet=doc.source[start:end],
                fingerprint=hashlib.sha1(f"{rule_id}\0{normal}\0{occurrence}".encode()).hexdigest()[:16],
                offset=start,
                end_offset=end,
                fix=problem.fix,
            )
        )
    return findings


def _suppress(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Apply ``pubcheck-disable`` … ``pubcheck-enable`` ranges and ``pubcheck-disable-next-line``."""
    if not doc.directives:
        return findings
    ranges: list[tuple[int, int, frozenset[str]]] = []  # [start, end) offsets, rules (empty = all)
    lines: dict[int, frozenset[str]] = {}
    open_ranges: dict[str, int] = {}  # rule ("" = all) -> offset where it was disabled
    for directive in doc.directives:
        names = directive.rules or ("",)
        if directive.action == "disable":
            for name in names:
                open_ranges.setdefault(name, directive.end)
        elif directive.action == "enable":
            for name in list(open_ranges) if not directive.rules else names:
                if name in open_ranges:
                    ranges.append((open_ranges.pop(name), directive.offset, frozenset({name} - {""})))
        else:
            line = _next_content_line(doc, directive.end)
            lines[line] = lines.get(line, frozenset()) | frozenset(directive.rules)
    ranges += [(start, len(doc.source), frozenset({name} - {""})) for name, start in open_ranges.items()]

    def suppressed(finding: Finding) -> bool:
        for start, end, rules in ranges:
            if start <= finding.offset < end and (not rules or _named(finding.rule, rules)):
                return True
        rules = lines.get(finding.line)
        return rules is not None and (not rules or _named(finding.rule, rules))

    return [f for f in findings if not suppressed(f)]


def _named(rule: str, names: frozenset[str]) -> bool:
    """A directive names the finding's rule, or the rule family of a sub-rule: "grammar" covers
    "grammar/MORFOLOGIK_RULE_EN_US"."""
    return rule in names or rule.split("/", 1)[0] in names


def _next_content_line(doc: Document, offset: int) -> int:
    """The first non-blank line after the one holding ``offset`` (LF, CRLF or CR line ends)."""
    lines = doc.lines
    line, _ = lines.position(offset)
    while line < lines.line_count:
        line += 1
        stop = lines.line_start(line + 1) if line < lines.line_count else len(doc.source)
        if doc.source[lines.line_start(line) : stop].strip():
            return line
    return line


def _human_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"


# -- the public calls --------------------------------------------------------------------------

_LINTERS: dict[int, Linter] = {}


def linter_for(config: Config) -> Linter:
    """One Linter per configuration object, so rules are built once per run, not once per file."""
    linter = _LINTERS.get(id(config))
    if linter is None or linter.config is not config:
        linter = _LINTERS[id(config)] = Linter(config)
    return linter


def lint(
    source: str | bytes | os.PathLike,
    *,
    format: str | None = None,
    path: str | None = None,
    config: Config | str | os.PathLike | None = None,
) -> Report:
    """Lint one article. ``source`` is the article's text, its raw bytes, or a path to read.

    A ``str`` is always the article's text, never a file name: pass a ``pathlib.Path`` (or any
    ``os.PathLike``) to lint a file.

    ``format`` is html, markdown or text (default: from the path's extension, else text).
    ``config`` is a :class:`Config`, a config file path, or None to discover one from ``path``.
    Input problems become ``Report.error``; configuration problems raise :class:`ConfigError`.
    """
    if isinstance(source, os.PathLike):
        path = path or os.fspath(source)
        return linter_for(_resolve_config(config, path)).lint_file(Path(source), display=path, format=format)
    path = path or "<string>"
    linter = linter_for(_resolve_config(config, path))
    try:
        fmt = format_for(path, format)
        text = decode(source, fmt)[0] if isinstance(source, bytes) else source
    except InputError as exc:
        return Report(path, None, error=str(exc))
    return linter.lint_text(text, fmt, path)


def _resolve_config(config, path: str) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(config)
    directory = Path(path).resolve().parent if path not in ("<string>", "-") else Path.cwd()
    return discover(directory)


@dataclass(frozen=True)
class RunOptions:
    """Settings for a run, as plain data so worker processes can rebuild the same linters.

    ``config`` is a Config, a config file path, or None to discover one per file; the other
    fields override whichever config applies (the command line's --select, --ignore, …).
    """

    config: Config | str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    keyphrase: str | None = None
    require: tuple[str, ...] = ()  # rules or categories that must run (added to the config's)
    format: str | None = None  # force every input to html, markdown or text

    def adjust(self, config: Config) -> Config:
        changes: dict = {}
        if self.select is not None:
            changes["select"] = self.select
        if self.ignore:
            changes["ignore"] = config.ignore + self.ignore
        if self.fail_on:
            changes["fail_on"] = self.fail_on
        if self.keyphrase:
            changes["keyphrase"] = self.keyphrase
        if self.require:
            changes["require"] = config.require + self.require
        return replace(config, **changes) if changes else config


class _Linters:
    """One Linter per configuration in play: the explicit one, or one per discovered config file."""

    def __init__(self, options: RunOptions):
        self.options = options
        config = options.config
        self.explicit = load_config(config) if config is not None and not isinstance(config, Config) else config
        self.by_config: dict[int, Linter] = {}

    def __call__(self, for_path: str) -> Linter:
        base = self.explicit or discover(Path(for_path).resolve().parent)
        if id(base) not in self.by_config:
            self.by_config[id(base)] = Linter(self.options.adjust(base))
        return self.by_config[id(base)]


PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves


def lint_paths(
    paths: Iterable[str],
    options: RunOptions = RunOptions(),
    *,
    jobs: int = 1,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] = lambda: sys.stdin.buffer.read(),
) -> RunSummary:
    """Lint files, directories (recursively, honouring include/exclude) and ``-`` (stdin).

    With ``jobs`` > 1 and enough files, files are linted in that many worker processes; the
    reports come back in the same order either way.
    """
    linters = _Linters(options)
    reports: list[Report | Path] = []  # a Path is a file still to lint
    for target in paths:
        if target == "-":
            reports.append(_lint_stdin(linters, stdin_filename, read_stdin))
            continue
        for path, notice in _expand(Path(target), linters):
            reports.append(Report(str(path), None, notices=(notice,)) if notice else path)
    files = [item for item in reports if isinstance(item, Path)]
    active: dict[str, type] = {}
    for path in files:  # configs are loaded (and their errors raised) here, before any worker starts
        linter = linters(str(path))
        for rule in linter.rules_for(linter.config.matching_overrides(path)):
            active[rule.rule.id] = type(rule.rule)
    if jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
        linted = iter(_lint_in_workers(files, options, jobs))
    else:
        linted = _lint_files(linters, files, options.format)
    reports = [next(linted) if isinstance(item, Path) else item for item in reports]
    for linter in linters.by_config.values():  # stdin's rules too, for --require and the reporters
        for rule in linter.rules_for(()):
            active.setdefault(rule.rule.id, type(rule.rule))
    configs = [linter.config for linter in linters.by_config.values()] or [options.adjust(linters.explicit or Config())]
    notices = tuple(dict.fromkeys(reason for report in reports for reason in report.skipped))  # once per run
    unmet = tuple(reason for reason in notices for config in configs if required(reason, active, config.require))
    return RunSummary(
        tuple(reports), fail_on=configs[0].fail_on, notices=notices, rules=tuple(active.values()), unmet=tuple(dict.fromkeys(unmet)),
        scoring=configs[0].score,
    )


def required(reason: str, rules: dict, require: Iterable[str]) -> bool:
    """Whether the rule a skip reason (``rule-id: why``) names is in ``require``, by id or by category:
    it had to run. ``rules`` maps rule ids to their rules (or rule classes)."""
    rule_id = reason.split(":", 1)[0]
    return bool({rule_id, rules[rule_id].category} & set(require))


def _lint_stdin(linters: _Linters, stdin_filename: str | None, read_stdin) -> Report:
    name = stdin_filename or "-"
    try:
        data = read_stdin()
        fmt = format_for(name, linters.options.format) if stdin_filename or linters.options.format else sniff_format(data)
        text = decode(data, fmt)[0]
    except InputError as exc:
        return Report(name, None, error=str(exc))
    return linters(name if stdin_filename else "./-").lint_text(text, fmt, name)


def _lint_in_workers(files: list[Path], options: RunOptions, jobs: int) -> list[Report]:
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // jobs)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        return [report for chunk in pool.map(_lint_chunk, [(options, chunk) for chunk in chunks]) for report in chunk]


def _lint_chunk(work: tuple[RunOptions, list[Path]]) -> list[Report]:
    options, files = work
    return list(_lint_files(_Linters(options), files, options.format))


def _lint_files(linters: _Linters, files: list[Path], fmt: str | None) -> Iterator[Report]:
    """Reports for ``files``, in order. When a rule waits on a service (grammar's LanguageTool
    requests; ``document_concurrency``), that many files are linted at once in threads so the
    requests overlap. The first file is linted alone, so every table loaded on first use is
    in place before threads share it."""
    pairs = [(linters(str(path)), path) for path in files]  # configs load here, not in threads
    rules = [a.rule for linter in {id(l): l for l, _ in pairs}.values() for a in linter.all_active()]
    threads = max([1] + [getattr(rule, "document_concurrency", 1) for rule in rules])
    if threads < 2 or len(pairs) < 3:
        yield from (linter.lint_file(path, format=fmt) for linter, path in pairs)
        return
    from concurrent.futures import ThreadPoolExecutor

    yield pairs[0][0].lint_file(pairs[0][1], format=fmt)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pubcheck-lint") as pool:
        yield from pool.map(lambda pair: pair[0].lint_file(pair[1], format=fmt), pairs[1:])


def _expand(target: Path, linter: _Linters):
    """(path, None) for each file to lint; (path, notice) for a named file the config excludes."""
    if not target.is_dir():
        config = linter(str(target)).config
        if target.exists() and config.exclude and _excluded(config, target):
            yield target, "excluded by the config's exclude patterns; not checked"
        else:
            yield target, None
        return
    config = linter(str(target / "_")).config
    include = path_spec(config.include)
    for folder, dirs, files in os.walk(target):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(files):
            path = Path(folder) / name
            if include.match_file(name) and not _excluded(config, path):
                yield path, None


def _excluded(config: Config, path: Path) -> bool:
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return path_spec(config.exclude).match_file(relative)

"""config -> selected rules -> findings, suppressions applied. The one library call every shell uses."""

from __future__ import annotations

import hashlib
import io
import operator
import os
import pickle
import stat
import sys
import threading
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import regexes, results
from .config import Config, RuleSettings, discover, load_config, path_spec
from .document import Document, decode, format_for, held_source, read, sniff_format
from .errors import ConfigError, InputError
from .findings import BodyLocation, Finding, Fix, Report, RunSummary, Skip, Tally
from .limits import MemoryLimitExceeded, TimeLimitExceeded, deadline, give_back_freed_memory, memory_budget
from .results import ResultCache
from .rules.base import CATEGORIES, Problem, Rule, RuleUnavailable
from .rules.registry import catalogue


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: str
    standby: bool = False  # superseded: runs only on a document where the rule that supersedes it could not


WARM_UP = "<h1>Warm-up</h1><p>The premiere was on Friday, a studio spokesperson said.</p>"


class Linter:
    """Rules chosen for one configuration, built once and reused for every file it applies to."""

    def __init__(self, config: Config | None = None, results: ResultCache | None = None):
        self.config = config or Config()
        self.results = results  # reports kept between runs (results.py), or None
        self.catalogue = catalogue(self.config.packs)
        self._cache: dict[tuple[int, ...], list[ActiveRule]] = {}
        self._warm = False
        self._salts: dict[tuple[int, ...], str] = {}
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
            rule.bind(self.catalogue)
            active.append(ActiveRule(rule, rule_settings.severity or rule_class.severity))
        running = {a.rule.id for a in active if a.rule.available}
        # A superseded rule stands by, after the others, for documents its replacement cannot check
        # (offline spelling when the LanguageTool server is down for an article).
        ready = [a for a in active if a.rule.superseded_by not in running]
        return ready + [replace(a, standby=True) for a in active if a.rule.superseded_by in running]

    def warm_up(self) -> None:
        """Run the offline rules once on a small article, so the tables they load on first use (word
        lists, syllable counts: seconds on a cold cache) are built before any file's time and
        memory limits apply, and note the regexes compiled by then as pubcheck's own, to be kept
        compiled (regexes.py). A service (LanguageTool) is not asked; a rule that fails here fails
        again, and is reported, on the file."""
        if self._warm:
            return
        self._warm = True
        doc = read(WARM_UP, "html", "warm-up.html")
        for active in self.rules_for(()):
            if not active.rule.depends_on_service:
                with suppress(Exception):
                    list(active.rule.check(doc))
        for fmt in ("markdown", "text"):  # the other readers' modules imported (and their patterns compiled) too
            read(WARM_UP, fmt, f"warm-up.{fmt}")
        regexes.warmed_up()  # the patterns compiled so far are pubcheck's own, none from a document's text

    def lint_text(self, text: str, fmt: str, path: str) -> Report:
        if not text.strip():
            return Report(path, fmt, notices=("empty file, nothing to check",))
        return self.lint_document(read(text, fmt, path))

    def read_file(self, path: Path, *, display: str | None = None, format: str | None = None) -> tuple[bytes, str]:
        """A file's bytes and format, read as the lint reads them (a regular file within
        max-file-size); InputError says why it cannot be read."""
        try:
            return read_regular_file(path, self.config.max_file_size), format_for(display or str(path), format)
        except FileNotFoundError:
            raise InputError("no such file or directory") from None
        except OSError as exc:
            raise InputError(_unreadable(exc)) from None

    def lint_file(
        self, path: Path, *, display: str | None = None, format: str | None = None,
        within: Callable[[Callable[[], Report]], Report] = lambda lint: lint(),
    ) -> Report:
        """A file's report: from the result cache, or linted with its rules run by ``within(lint)``
        (the per-file limits, which reading, decoding and the cache look-up do not count against)."""
        display = display or str(path)
        loaded = self.load(path, display, format)
        if isinstance(loaded, Report):
            return loaded
        data, fmt = loaded
        del loaded
        digest = content_digest(data)
        key = self.result_key(display, fmt, digest)
        report = self.results.get(key, display) if key else None
        if report is None:
            decoded = self.decode_bytes(data, fmt, display)
            del data  # a large page's bytes need not stay beside its text through the lint
            report = self.lint_decoded(decoded, fmt, display, digest, within=within)
            self.keep(key, report)
        return report

    def load(self, path: Path, display: str, format: str | None = None) -> tuple[bytes, str] | Report:
        """A file's bytes and format, or the Report saying why it cannot be read."""
        try:
            return self.read_file(path, display=display, format=format)
        except InputError as exc:
            return Report(display, None, error=str(exc))

    def lint_bytes(
        self, data: bytes, fmt: str, path: str, *, within: Callable[[Callable[[], Report]], Report] = lambda lint: lint()
    ) -> Report:
        """Lint a file's raw bytes (read where they are, or shipped to a Dask worker); the rules run
        in ``within`` (the per-file limits), decoding before it."""
        return self.lint_decoded(self.decode_bytes(data, fmt, path), fmt, path, content_digest(data), within=within)

    @staticmethod
    def decode_bytes(data: bytes, fmt: str, path: str) -> tuple[str, list[str]] | Report:
        """A file's text and the notices on how an HTML page's encoding was worked out (when not as
        declared), or the Report saying why it cannot be decoded."""
        notices: list[str] = []
        try:
            text, _ = decode(data, fmt, notices)
        except InputError as exc:
            return Report(path, None, error=str(exc))
        return held_source(text, fmt), notices

    def lint_decoded(
        self, decoded: tuple[str, list[str]] | Report, fmt: str, path: str, digest: str, *,
        within: Callable[[Callable[[], Report]], Report] = lambda lint: lint(),
    ) -> Report:
        """The report on a decoded file (``digest``: of its bytes), its rules run in ``within``."""
        if isinstance(decoded, Report):
            return decoded
        text, notices = decoded
        return replace(_with_notices(within(lambda: self.lint_text(text, fmt, path)), notices), digest=digest)

    def result_key(self, path: str, fmt: str, digest: str) -> str | None:
        """The result cache's key for a file of ``fmt`` whose bytes have ``digest``; None without a cache."""
        if self.results is None:
            return None
        overrides = self.config.matching_overrides(path)
        if overrides not in self._salts:
            self._salts[overrides] = results.salt(self.config, self.rules_for(overrides))
        return results.key(self._salts[overrides], fmt, digest)

    def keep(self, key: str | None, report: Report) -> None:
        """Store ``report`` in the result cache under ``key``, if it is complete and offline."""
        if key and results.cacheable(report, self.rules_for(self.config.matching_overrides(report.path))):
            self.results.put(key, report)

    def lint_document(self, doc: Document) -> Report:
        problems: list[tuple[ActiveRule, list[Problem]]] = []  # each rule's
        notices = list(doc.parse_problems)
        error = None
        skipped = []
        unavailable = set()
        # A large page's stages each free copies of its text: given back between them, they do not pile up.
        large = doc.is_large
        if large:
            give_back_freed_memory()  # (what reading the page freed)
        doc.compact()
        for active in self.rules_for(self.config.matching_overrides(doc.path)):
            if active.standby and active.rule.superseded_by not in unavailable:
                continue
            found: list[Problem] = []
            problems.append((active, found))
            try:
                found.extend(active.rule.check(doc))
            except RuleUnavailable as exc:
                skipped.append(Skip(active.rule.id, str(exc)))
                unavailable.add(active.rule.id)
            except MemoryError:  # the file's memory budget, not a rule bug: the file is stopped
                raise
            except Exception as exc:  # a rule bug must not cost the user the other rules' findings
                error = f"rule {active.rule.id} failed on this file ({type(exc).__name__}: {exc}); please report it"
            if large:
                give_back_freed_memory()
        doc.forget_split()
        if large:
            give_back_freed_memory()
        findings = _suppress(doc, _to_findings(doc, problems))
        return Report(doc.path, doc.format, tuple(findings), tuple(notices), error, tuple(skipped), body=body_location(doc))


def body_location(doc: Document) -> BodyLocation | None:
    """Where the reader found the article on a full page, in lines and columns."""
    region = doc.body_region
    if region is None:
        return None
    line, column = doc.lines.position(region.offset)
    end_line, end_column = doc.lines.position(region.end)
    return BodyLocation(region.tag, region.names, line, column, end_line, end_column, region.offset, region.end)


def content_digest(data: bytes) -> str:
    """The fingerprint of the bytes a report was computed from: --fix writes a file only if it still holds them."""
    return hashlib.sha256(data).hexdigest()


def _to_findings(doc: Document, problems: list[tuple[ActiveRule, list[Problem]]]) -> list[Finding]:
    """The findings of each rule's ``problems``, in source order. The lists are emptied: a large
    page's problems are let go one by one as their findings are made, not held beside them all."""
    findings = []
    seen: dict[tuple[str, str], int] = {}
    located = []
    # Taken rule by rule in id order, the problems need sorting by their start only (a stable sort
    # keeps each rule's after the ones of rules before it): no key tuple for each finding.
    for active, found in sorted(problems, key=lambda pair: pair[0].rule.id):
        for problem in found:
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
        found.clear()
    if not located:
        return findings  # (without working out the document's line starts)
    located.sort(key=operator.itemgetter(0))  # by start, then rule id
    located.reverse()  # taken from the end, in order
    # one str for each message and text that repeats (a rule may flag the same phrase thousands of times)
    shared: dict[str, str] = {}
    one = shared.setdefault
    position, source, path, sha1 = doc.lines.position, doc.source, doc.path, hashlib.sha1
    while located:
        start, end, text, active, problem = located.pop()
        rule = active.rule
        rule_id = f"{rule.id}/{problem.code}" if problem.code else rule.id
        text = one(text, text)
        normal = " ".join(text.split())
        key = (rule_id, normal)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        line, column = position(start)
        snippet = source[start:end]
        if start >= 0 and len(snippet) == end - start and "\n" not in snippet and "\r" not in snippet:
            end_line, end_column = line, column + end - start  # no line ends in between: position(end), worked out
        else:
            end_line, end_column = position(end)
        # surrogatepass: a lone surrogate in text handed to the library is fingerprinted, not a crash
        fingerprint = sha1(f"{rule_id}\0{normal}\0{occurrence}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        findings.append(Finding(  # the fields in order: a keyword call of 15 fields cost a quarter of making one
            rule_id, rule.category, problem.severity or active.severity, one(problem.message, problem.message), path,
            line, column, end_line, end_column, text, text if snippet == text else snippet, fingerprint,
            start, end, problem.fix,
        ))
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


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Anything else, also behind a symlink
    (a FIFO, whose open blocks; /dev/zero, which never ends; a socket), is refused from its stat
    and never opened for reading."""
    _refuse_special(os.stat(path).st_mode, "not read")
    # O_NONBLOCK: should the path have become a FIFO since the stat, the open still returns at once
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        status = os.fstat(fd)
        _refuse_special(status.st_mode, "not read")
        data = b"" if status.st_size > limit else _read_at_most(handle, status.st_size, limit)
    size = max(status.st_size, len(data))
    if size > limit:
        raise InputError(
            f"file is {_human_size(size)}, over the {_human_size(limit)} max-file-size; "
            "raise max-file-size in the config to lint it"
        )
    return data


def _read_at_most(handle, expected: int, limit: int) -> bytes:
    """The file's bytes, or ``limit`` + 1 of them should it hold more. Asked for in pieces no larger
    than the file is said to be (then a megabyte at a time), not for ``limit`` + 1 at once: a
    max-file-size of 40GB had every read ask for 40 GB of memory. A file that grows as it is read,
    or has no size (/proc), is still bounded by the limit."""
    data = handle.read(expected + 1)  # all of it, and a byte more should it have grown
    if len(data) <= expected:
        return data  # it ended where its size said
    pieces, size = [data], len(data)
    while size <= limit:
        piece = handle.read(min(READ_PIECE, limit + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


READ_PIECE = 1 << 20


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
)


def _refuse_special(mode: int, outcome: str) -> None:
    """InputError unless ``mode`` is a regular file's: "is a socket, not a regular file; not read"."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError("is a directory")
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "special file")
    raise InputError(f"is a {kind}, not a regular file; {outcome}")


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied: this user cannot read it"
    return f"cannot read it: {exc.strerror or exc}"


def _human_size(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"


# -- the public calls --------------------------------------------------------------------------


def _config_key(config: Config) -> bytes:
    """What tells configurations apart: their pickle. Not id(), which a freed config's successor may
    reuse, nor equality, under which options 1, 1.0 and true are one though a rule may take them differently."""
    return pickle.dumps(config)


class LinterCache:
    """The Linters of the ``size`` configurations used last: rules are built once per configuration,
    and a process that meets configurations without end (the server's per-request rules) keeps few."""

    def __init__(self, size: int = 64):
        self.size = size
        self._linters: OrderedDict[bytes, Linter] = OrderedDict()
        self._lock = threading.Lock()  # the server lints in threads

    def __call__(self, config: Config) -> Linter:
        key = _config_key(config)
        with self._lock:
            linter = self._linters.get(key)
        if linter is None:
            linter = Linter(config)  # unlocked: building takes a while, and a config error is raised, not kept
        with self._lock:
            linter = self._linters.setdefault(key, linter)  # a thread that built it first wins
            self._linters.move_to_end(key)
            while len(self._linters) > self.size:
                self._linters.popitem(last=False)
        return linter

    def __len__(self) -> int:
        return len(self._linters)


_LINTERS = LinterCache()


def linter_for(config: Config) -> Linter:
    """The Linter for ``config``, from the process's one bounded cache, so rules are built once per
    configuration, not once per file or request."""
    return _LINTERS(config)


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
    except InputError as exc:
        return Report(path, None, error=str(exc))
    decoded = linter.decode_bytes(source, fmt, path) if isinstance(source, bytes) else (source, [])
    if isinstance(decoded, Report):
        return decoded
    text, notices = decoded
    return _with_notices(linter.lint_text(text, fmt, path), notices)


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
    timeout: float | None = None  # seconds per file
    max_memory: int | None = None  # bytes linting one file may add to a process
    cache_dir: str | None = None  # keep results between runs in this folder (results.py); None: no cache

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
        if self.timeout:
            changes["timeout"] = self.timeout
        if self.max_memory:
            changes["max_memory"] = self.max_memory
        return replace(config, **changes) if changes else config


class RunLinters:
    """One Linter per configuration in play in a run: the explicit one, or one per discovered
    config file. Public for the executors (``pubcheck.executor``), which lint with it."""

    def __init__(self, options: RunOptions):
        self.options = options
        config = options.config
        self.explicit = load_config(config) if config is not None and not isinstance(config, Config) else config
        self.by_config: dict[bytes, Linter] = {}  # _config_key of the config before the options -> its Linter
        self.by_folder: dict[Path | None, Linter] = {}  # a file's folder -> its Linter (None: the explicit config's)
        self.real_folders: dict[str, Path] = {}  # a folder as files name it -> the folder it really is
        self.results = ResultCache(options.cache_dir) if options.cache_dir else None

    def __call__(self, for_path: str) -> Linter:
        # the config is looked for once per folder in a run, not once per file (a few stats each)
        folder = None if self.explicit else self._real_folder(for_path)
        linter = self.by_folder.get(folder)
        if linter is None:
            base = self.explicit or discover(folder)
            key = _config_key(base)
            if key not in self.by_config:
                self.by_config[key] = Linter(self.options.adjust(base), self.results)
            linter = self.by_folder[folder] = self.by_config[key]
        return linter

    def _real_folder(self, path: str) -> Path:
        """``Path(path).resolve().parent``: the real folder of a symlink's target, and of any other
        file the real folder of the folder it is named in, resolved once per run (a resolve, a
        stat of each part of the path, was 30 us a file)."""
        if os.path.islink(path):
            return Path(path).resolve().parent
        named = os.path.dirname(path)
        folder = self.real_folders.get(named)
        if folder is None:
            folder = self.real_folders[named] = Path(named).resolve()
        return folder


PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves
THREAD_RESERVE = 80 * 1024 * 1024  # address space a thread takes before it allocates anything
WORKER_GRACE = 5.0  # seconds past a file's timeout before its worker process is taken to be stuck
WORKER_CHUNK = 8  # files handed to a worker process at a time: few enough that reports wait little for order
WORKER_AHEAD = 2  # files a worker is kept ahead by: its next hand-out is there before it finishes these


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
    batch = Batch(paths, options, jobs=jobs, stdin_filename=stdin_filename, read_stdin=read_stdin)
    return batch.summary(tuple(batch))


class Batch:
    """A run over many files whose reports stream out in path order as files finish, so a caller
    that writes each one and drops it holds only the running counts (``tally``).

    Files are found and their configs loaded (config errors raised) when the Batch is made; they
    are linted as it is iterated, once. ``executor`` lints the files themselves (Dask: executor.py)."""

    def __init__(
        self,
        paths: Iterable[str],
        options: RunOptions = RunOptions(),
        *,
        jobs: int = 1,
        stdin_filename: str | None = None,
        read_stdin: Callable[[], bytes] = lambda: sys.stdin.buffer.read(),
        executor: Callable[[list[Path], RunLinters], Iterator[Report]] | None = None,
    ):
        self.options, self.jobs, self.executor = options, jobs, executor
        self.linters = linters = RunLinters(options)
        self.items: list[Report | Path] = []  # a Path is a file still to lint
        self.walk_notices: list[str] = []
        for target in paths:
            if target == "-":
                self.items.append(_lint_stdin(linters, stdin_filename, read_stdin))
                continue
            self.items.extend(_expand(Path(target), linters, self.walk_notices))
        self.files = [item for item in self.items if isinstance(item, Path)]
        self.active: dict[str, type] = {}
        self.timeouts: list[float] = []  # each file's --timeout, for the worker processes
        for path in self.files:  # configs are loaded (and their errors raised) here, before any worker starts
            linter = linters(str(path))
            self.timeouts.append(linter.config.timeout)
            for rule in linter.rules_for(linter.config.matching_overrides(path)):
                self.active[rule.rule.id] = type(rule.rule)
        for linter in linters.by_config.values():  # stdin's rules too, for --require and the reporters
            for rule in linter.rules_for(()):
                self.active.setdefault(rule.rule.id, type(rule.rule))
        self.configs = [linter.config for linter in linters.by_config.values()] or [options.adjust(linters.explicit or Config())]
        self.fail_on, self.scoring = self.configs[0].fail_on, self.configs[0].score
        self.tally = Tally()
        self.skipped: dict[Skip, None] = {}  # rules that could not run, each reason once per run

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Report]:
        linters, files = self.linters, self.files
        if self.executor is not None:
            linted = self.executor(files, linters)
        elif self.jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
            linted = _lint_in_workers(files, self.options, self.jobs, self.timeouts)
        else:
            linted = _lint_files(linters, files, self.options.format)
        for item in self.items:
            report = next(linted) if isinstance(item, Path) else item
            self.skipped.update(dict.fromkeys(report.skipped))
            self.tally.add(report, self.fail_on, self.scoring)
            yield report
        regexes.keep()  # pubcheck's own patterns this run compiled, for the next run (a worker keeps its own)

    def summary(self, reports: tuple[Report, ...] = ()) -> RunSummary:
        """The run's summary once iterated: with the ``reports`` kept, or with only the tally."""
        unmet = tuple(skip for skip in self.skipped if any(required(skip, self.active, c.require) for c in self.configs))
        return RunSummary(
            reports, fail_on=self.fail_on, notices=(*dict.fromkeys(self.walk_notices), *map(str, self.skipped)),
            rules=tuple(self.active.values()), unmet=unmet, tally=None if reports else self.tally,
            scoring=self.scoring,
        )


def required(skip: Skip, rules: dict, require: Iterable[str]) -> bool:
    """Whether the rule that could not run is in ``require``, by id or by category: it had to run.
    ``rules`` maps rule ids to their rules (or rule classes)."""
    return bool({skip.rule, rules[skip.rule].category} & set(require))


def _lint_stdin(linters: RunLinters, stdin_filename: str | None, read_stdin) -> Report:
    name = stdin_filename or "-"
    try:
        data = read_stdin()
        fmt = format_for(name, linters.options.format) if stdin_filename or linters.options.format else sniff_format(data)
    except InputError as exc:
        return Report(name, None, error=str(exc))
    decoded = Linter.decode_bytes(data, fmt, name)
    if isinstance(decoded, Report):
        return decoded
    text, notices = decoded
    linter = linters(name if stdin_filename else "./-")
    return within_limits(linter, name, lambda: _with_notices(linter.lint_text(text, fmt, name), notices), linter.config.max_memory)


def _with_notices(report: Report, notices: list[str]) -> Report:
    """``report`` with the decoding notices first."""
    return replace(report, notices=(*notices, *report.notices)) if notices else report


def _lint_in_workers(files: list[Path], options: RunOptions, jobs: int, timeouts: list[float]) -> Iterator[Report]:
    """Reports for ``files`` in order, each as soon as it and those before it are done. Each
    worker process is handed a few files at a time in path order (WORKER_CHUNK, fewer as the
    files run out, so the workers finish together) and kept WORKER_AHEAD files ahead, so it
    never waits for the parent between hand-outs; it sends each report as it is done. When one
    dies (killed for memory, a crash in C code), the file it was on is reported and a fresh
    process takes the rest of its files. One that sends nothing for ``timeouts[file]`` +
    WORKER_GRACE seconds (stuck in one C call the deadline cannot interrupt) is killed the same way."""
    import multiprocessing
    import time
    from collections import deque
    from multiprocessing.connection import wait

    context = _worker_context()
    processes = min(jobs, -(-len(files) // WORKER_CHUNK))  # no more than full hand-outs: each has its set-up to pay
    waiting: dict[int, Report] = {}  # reports done before an earlier file's
    queued = deque(range(len(files)))  # indexes of the files no worker has been handed yet
    running: dict = {}  # connection -> (process, indexes of the files it has still to report)
    due: dict = {}  # connection -> when the worker is overdue with the file in hand
    overdue: dict = {}  # connection -> the index of the file it was overdue with when killed
    ending: list = []  # processes told to end
    next_out = 0

    def top_up(connection) -> None:
        """Hand the worker more files once it has WORKER_AHEAD or fewer left."""
        indexes = running[connection][1]
        if len(indexes) > WORKER_AHEAD or not queued:
            return
        size = max(1, min(WORKER_CHUNK, len(queued) // (2 * processes)))
        more = [queued.popleft() for _ in range(min(size, len(queued)))]
        try:
            connection.send([files[i] for i in more])
        except OSError:  # it has died since its last report: its end is taken in as its pipe reads closed
            queued.extendleft(reversed(more))
            return
        if not indexes:
            due[connection] = time.monotonic() + timeouts[more[0]] + WORKER_GRACE
        indexes += more

    def start() -> None:
        connection, child = context.Pipe()
        process = context.Process(target=_lint_worker, args=(child, options), daemon=True)
        process.start()
        child.close()
        running[connection] = (process, [])
        top_up(connection)

    def stop(connection) -> multiprocessing.process.BaseProcess:
        process = running.pop(connection)[0]
        due.pop(connection, None)
        overdue.pop(connection, None)
        connection.close()
        return process

    def take(connection) -> None:
        """Take in what a ready worker sent: a report, or its end."""
        process, indexes = running[connection]
        try:
            kind, value = connection.recv()
        except (EOFError, OSError):  # closed; or reset, when it died with files sent ahead unread
            kind, value = "died", None
        if kind == "failed":
            raise value
        if kind == "report":
            waiting[indexes.pop(0)] = value
            if indexes:
                due[connection] = time.monotonic() + timeouts[indexes[0]] + WORKER_GRACE
            top_up(connection)
            if not indexes:
                with suppress(OSError):  # no more work: the worker ends (unless already gone), joined once the reports are out
                    connection.send(None)
                ending.append(stop(connection))
                start_more()
            return
        if not indexes:  # killed with no file in hand (its files went back to the queue): nothing to report
            stop(connection).join()
            start_more()
            return
        first, killed_with = indexes[0], overdue.get(connection)
        stop(connection).join()  # its exit code is known
        if killed_with is not None and killed_with != first:
            queued.extendleft(reversed(indexes))  # its overdue file's report came in as it was killed: this one never ran
        else:
            problem = (
                f"stopped after {timeouts[first]:g} s (--timeout); its worker process did not respond and was killed"
                if killed_with is not None
                else _death(process.exitcode)
            )
            waiting[first] = Report(str(files[first]), None, error=problem)
            queued.extendleft(reversed(indexes[1:]))
        start_more()

    def start_more() -> None:
        while queued and len(running) < processes:
            start()

    try:
        start_more()
        while running:
            soonest = min(due.values(), default=time.monotonic() + WORKER_GRACE)
            ready = wait(list(running), timeout=max(0.0, soonest - time.monotonic()))
            for connection in set(running) - set(ready) - set(overdue):
                if due.get(connection, soonest + 1) <= time.monotonic():  # (no entry: no file in hand)
                    running[connection][0].kill()  # its pipe closes: reported as it dies, below
                    overdue[connection] = running[connection][1][0]
            for connection in ready:
                take(connection)
                while connection in running and connection.poll():  # the rest it has sent: no wait() each
                    take(connection)
            while next_out in waiting:
                yield waiting.pop(next_out)
                next_out += 1
    finally:
        for process, _ in running.values():
            process.terminate()
        for process in ending:
            process.join()


def _worker_context():
    """How worker processes start: forked on Linux while this process runs one thread, so each
    inherits the imported modules and the rule catalogue; elsewhere as Python starts them by
    default (spawn; forkserver on Linux from Python 3.14), each a fresh interpreter that imports
    pubcheck again: `--jobs 2` on 400 articles took 2.93 s CPU spawned against 2.53 forked."""
    import multiprocessing

    # forking a threaded process can deadlock; a platform without os.fork is the portability test's
    if sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _lint_worker(connection, options: RunOptions) -> None:
    """Lint each list of files the parent sends, sending each report as it is done, until None."""
    linters = RunLinters(options)  # kept for the whole run: rules are built once per process
    try:
        while (files := connection.recv()) is not None:
            for report in _lint_files(linters, files, options.format):
                connection.send_bytes(_ReportPickler.dumps(("report", report)))  # the parent's recv() unpickles it
        regexes.keep()
    except (KeyboardInterrupt, EOFError):
        pass  # the parent, interrupted too, tells the user; or it is gone
    except Exception as exc:  # a bug: the parent raises it as it would its own
        try:
            connection.send(("failed", exc))
        except Exception:  # the parent is gone, or the exception does not pickle: the parent sees us die
            pass
    finally:
        connection.close()


def _by_fields(cls: type) -> Callable:
    """A pickle reducer that rebuilds an object of the dataclass ``cls`` from its field values, in one call."""
    values = operator.attrgetter(*(field.name for field in fields(cls)))
    return lambda obj: (cls, values(obj))


class _ReportPickler(pickle.Pickler):
    """Pickles the reports a worker sends the parent. Python pickles a slotted dataclass with a
    __getstate__ and __setstate__ written in Python, field by field; its class and field values
    instead take about 0.4 of the time to pickle and 0.65 to unpickle (34 and 54 µs a report
    of 25 findings, against 85 and 82). Unpickled, the report is equal to the one sent."""

    dispatch_table = {cls: _by_fields(cls) for cls in (Report, Finding, Fix, Skip, BodyLocation)}

    @classmethod
    def dumps(cls, obj) -> bytes:
        buffer = io.BytesIO()
        cls(buffer, pickle.HIGHEST_PROTOCOL).dump(obj)
        return buffer.getvalue()


def _death(exitcode: int | None) -> str:
    """What to tell the user about a file whose worker process died while linting it."""
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            how = f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
        if -exitcode == getattr(signal, "SIGKILL", None):
            how += " (often the system running out of memory; try a lower --max-memory or --jobs)"
    else:
        how = f"exited with status {exitcode}"
    return f"the process linting this file {how}; the other files were still checked"


def _lint_files(linters: RunLinters, files: list[Path], fmt: str | None) -> Iterator[Report]:
    """Reports for ``files``, in order. When a rule waits on a service (grammar's LanguageTool
    requests; ``document_concurrency``), that many files are linted at once in threads so the
    requests overlap. The first file is linted alone, so every table loaded on first use is
    in place before threads share it."""
    pairs = [(linters(str(path)), path) for path in files]  # configs load here, not in threads
    rules = [a.rule for linter in {id(l): l for l, _ in pairs}.values() for a in linter.all_active()]
    threads = max([1] + [getattr(rule, "document_concurrency", 1) for rule in rules])
    if threads < 2 or len(pairs) < 3:
        yield from (_lint_bounded(linter, path, fmt, linter.config.max_memory) for linter, path in pairs)
        return
    from concurrent.futures import ThreadPoolExecutor

    # The memory cap is process-wide, so files linted side by side in threads share one budget,
    # plus what each thread reserves for itself (its stack, glibc's 64 MB malloc arena).
    budget = max(linter.config.max_memory for linter, _ in pairs)
    with memory_budget(budget + (threads + 1) * THREAD_RESERVE):
        yield _lint_bounded(*pairs[0], fmt, budget)
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pubcheck-lint") as pool:
            yield from pool.map(lambda pair: _lint_bounded(*pair, fmt, budget, own_budget=False), pairs[1:])


def _lint_bounded(linter: Linter, path: Path, fmt: str | None, budget: int, *, own_budget: bool = True) -> Report:
    return linter.lint_file(path, format=fmt, within=lambda lint: within_limits(linter, str(path), lint, budget, own_budget=own_budget))


def within_limits(linter: Linter, name: str, lint: Callable[[], Report], budget: int, *, own_budget: bool = True) -> Report:
    """``lint()`` within the config's time limit and ``budget`` bytes of memory (its own, or with
    ``own_budget`` False, a share of the one already set for the process)."""
    timeout = linter.config.timeout
    linter.warm_up()
    try:
        with memory_budget(budget if own_budget else None), deadline(timeout):
            return lint()
    except TimeLimitExceeded:
        problem = f"stopped after {timeout:g} s (--timeout); raise --timeout or the config's timeout to lint it"
    except (MemoryLimitExceeded, MemoryError):
        problem = (
            f"exceeded the {_human_size(budget)} memory limit (--max-memory); "
            "raise --max-memory or the config's max-memory to lint it"
        )
    return Report(name, None, error=problem)


def _expand(target: Path, linter: RunLinters, notices: list[str]) -> Iterator[Path | Report]:
    """Each file to lint (a Path), or a Report settled without linting: a named file the config
    excludes or the user cannot reach; in a folder, a special file (FIFO, socket, device: a notice)
    or a subfolder that cannot be read (an error). A folder with nothing to check adds to ``notices``."""
    try:
        is_folder = stat.S_ISDIR(os.stat(target).st_mode)
    except FileNotFoundError:
        is_folder = False
    except OSError as exc:  # e.g. in a folder this user may not enter: no config can be looked for there
        yield Report(str(target), None, error=_unreadable(exc))
        return
    if not is_folder:
        config = linter(str(target)).config
        if target.exists() and _excluded(config, target):
            yield Report(str(target), None, notices=("excluded by the config's exclude patterns; not checked",))
        else:
            yield target
        return
    try:
        config = linter(str(target / "_")).config
    except OSError as exc:  # a folder this user may not enter: its config cannot be looked for
        yield _unlistable(exc, target)
        return
    include = path_spec(config.include)
    found = excluded = 0
    for entry in _walk(target):
        if isinstance(entry, OSError):
            found += 1
            yield _unlistable(entry, entry.filename or target)
            continue
        folder, dirs, files = entry
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:  # os.walk does not enter them
            found += 1
            yield Report(os.path.join(folder, name), None, notices=(_LINKED_FOLDER,))
        for name in sorted(files):
            path = Path(folder) / name
            if not include.match_file(name):
                continue
            if _excluded(config, path):
                excluded += 1
                continue
            found += 1
            try:
                _refuse_special(os.stat(path).st_mode, "skipped without reading it")
            except InputError as exc:  # met in a walk, not asked for: a notice, not an error
                yield Report(str(path), None, notices=(str(exc),))
                continue
            except FileNotFoundError:  # a broken symlink: lint_file says so
                pass
            except OSError as exc:
                yield Report(str(path), None, error=_unreadable(exc))
                continue
            yield path
    if not found:
        patterns = ", ".join(config.include)
        notices.append(
            f"{target}: every file matching the include patterns ({patterns}) is excluded by the exclude patterns"
            if excluded
            else f"{target}: no files matching the include patterns ({patterns})"
        )


_LINKED_FOLDER = "is a symbolic link to a folder, not followed in a walk; name the folder itself to lint it"


def _unlistable(exc: OSError, folder: str | Path) -> Report:
    problem = "permission denied: this user cannot open it" if isinstance(exc, PermissionError) else _unreadable(exc)
    return Report(str(folder), None, error=f"{problem}; the files in this folder were not checked")


def _walk(top: Path):
    """os.walk, with each folder it cannot list given as its OSError rather than skipped in silence."""
    errors: list[OSError] = []
    for entry in os.walk(top, onerror=errors.append):
        yield from errors
        errors.clear()
        yield entry
    yield from errors


def _excluded(config: Config, path: Path) -> bool:
    if not config.exclude:  # most configs: no path to resolve
        return False
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside the root, or a symlink loop (RuntimeError before 3.13)
        relative = path.as_posix()
    return path_spec(config.exclude).match_file(relative)

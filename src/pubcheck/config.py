"""Configuration: ``.pubcheck.yaml`` or ``[tool.pubcheck]`` in ``pyproject.toml``, found by walking up
from each linted file, or given with ``--config``. Every mistake names the file, the key and what
was expected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any


from . import yamlfile
from .errors import ConfigError
from .findings import SEVERITIES
from .score import Scoring

CONFIG_NAMES = (".pubcheck.yaml", ".pubcheck.yml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.xhtml", "*.md", "*.markdown", "*.mdx", "*.txt")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds per file: an ordinary article takes milliseconds
DEFAULT_MAX_MEMORY = 2 * 1024**3  # bytes one file may add to a process: ordinary articles take a few MB
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*$", re.I)
_SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}
KEYS = {
    "extends", "select", "ignore", "fail-on", "rules", "packs", "include", "exclude", "max-file-size", "overrides",
    "keyphrase", "require", "dictionary", "languagetool", "timeout", "max-memory", "score",
}
# Top-level sections that configure a shell, not the linting (`pubcheck serve` reads its own):
# kept as read and inherited through extends; the shell that owns one validates it.
SHELL_SECTIONS = ("server",)
SCORE_KEYS = {"severity", "category", "ready", "needs-edits", "block-on"}
OVERRIDE_KEYS = {"files", "select", "ignore", "rules"}
# Numeric rule options are limits and thresholds: never negative, and above 0 except where 0
# means "none" (no suggestions, no passive sentences allowed, no minimum).
ZERO_ALLOWED = {"max-suggestions", "max-share", "min-words", "min-reading-ease"}


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool | None = None  # None: as selected
    severity: str | None = None
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: tuple[tuple[str, RuleSettings], ...] = ()


@dataclass(frozen=True)
class Config:
    source: str = "<defaults>"  # the file this came from, for error messages
    root: Path = field(default_factory=Path.cwd)  # where relative paths and globs start
    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: tuple[tuple[str, RuleSettings], ...] = ()
    packs: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    timeout: float = DEFAULT_TIMEOUT  # per file
    max_memory: int = DEFAULT_MAX_MEMORY  # per file: what linting it may add to the process
    overrides: tuple[Override, ...] = ()
    keyphrase: str | None = None
    require: tuple[str, ...] = ()  # rules or categories that must run: exit 2 when one cannot
    dictionary: Path | None = None  # extra words (one per line) that spelling and grammar accept
    languagetool: tuple[tuple[str, Any], ...] = ()  # the `languagetool:` section, options of the grammar rule
    # (name, section as read) of each SHELL_SECTIONS section given; not hashed, as sections are mappings
    shell_sections: tuple[tuple[str, Any], ...] = field(default=(), hash=False)
    score: Scoring = Scoring()  # the publish-readiness weighting (pubcheck.score)

    def section(self, name: str) -> dict[str, Any]:
        """A rule family's top-level section (``languagetool``) as a mapping of option -> value."""
        return dict(getattr(self, name))

    def shell_section(self, name: str) -> Any:
        """A shell's own section (one of SHELL_SECTIONS) as read from the file, or None when not given."""
        return dict(self.shell_sections).get(name)

    def matching_overrides(self, path: str | Path) -> tuple[int, ...]:
        """Indexes of the ``overrides`` whose ``files`` globs match ``path`` (relative to ``root``)."""
        if not self.overrides:
            return ()
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return ()
        return tuple(i for i, override in enumerate(self.overrides) if _matches(override.files, relative))

    def with_overrides(self, indexes: tuple[int, ...]) -> "Config":
        """This config with the given ``overrides`` applied in order."""
        config = self
        for index in indexes:
            override = self.overrides[index]
            config = replace(
                config,
                select=override.select if override.select is not None else config.select,
                ignore=config.ignore + override.ignore,
                rules=merge_rules(config.rules, override.rules),
            )
        return config


@lru_cache(maxsize=64)
def path_spec(patterns: tuple[str, ...]):
    """Compiled .gitignore-style patterns. Names and ``*`` alone (the default include, "*.md")
    are matched without pathspec, whose import is 9 ms of a one-file run."""
    if all(_PLAIN_NAME_GLOB.fullmatch(pattern) for pattern in patterns):
        return _NameGlobs(patterns)
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", patterns)


# No slash, so it may match any part of a path; no "**", "?", "[", "!", "#", "\\" or spaces, whose
# gitignore meanings differ from fnmatch's.
_PLAIN_NAME_GLOB = re.compile(r"(?:[A-Za-z0-9._-]|\*(?!\*))+")


class _NameGlobs:
    """gitignore's reading of patterns like "*.md" or "drafts": a path matches when one of its
    parts does (a matching folder holds everything under it). ``tests/test_config.py`` checks it
    against pathspec."""

    def __init__(self, patterns: tuple[str, ...]):
        import fnmatch

        self._part = re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns)) if patterns else None

    def match_file(self, path: str) -> bool:
        part = self._part
        return part is not None and any(part.match(name) for name in path.split("/") if name not in ("", "."))


def _matches(patterns: tuple[str, ...], relative: str) -> bool:
    return path_spec(patterns).match_file(relative)


def merge_rules(base, extra) -> tuple[tuple[str, RuleSettings], ...]:
    """``extra``'s rule settings over ``base``'s: a setting ``extra`` leaves unset keeps ``base``'s; options merge."""
    merged = dict(base)
    for rule, settings in extra:
        old = merged.get(rule, RuleSettings())
        merged[rule] = RuleSettings(
            enabled=settings.enabled if settings.enabled is not None else old.enabled,
            severity=settings.severity or old.severity,
            options=tuple({**dict(old.options), **dict(settings.options)}.items()),
        )
    return tuple(merged.items())


# -- loading ---------------------------------------------------------------------------------


def load_config(path: str | Path) -> Config:
    return _load(Path(path).resolve(), ())


@lru_cache(maxsize=256)
def discover(directory: Path) -> Config:
    """The config that applies to files in ``directory``: the nearest one walking up, else defaults."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return _load(candidate, ())
    return Config()


def _has_tool_section(path: Path) -> bool:
    import tomllib

    try:
        return "pubcheck" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let _load report what is wrong with it


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(text).get("tool", {}).get("pubcheck", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    else:
        try:
            data = yamlfile.load(text, path)
        except yamlfile.DuplicateKeyError as exc:
            raise ConfigError(f"{path}:{exc.line}: {exc.key}: duplicate key (first on line {exc.first_line})") from None
        except yamlfile.YamlError as exc:
            raise ConfigError(f"{path}: invalid YAML, {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings (select, ignore, rules, …) at the top level")
    return data


def _load(path: Path, chain: tuple[Path, ...]) -> Config:
    if path in chain:
        raise ConfigError(f"{path}: 'extends' loops back to itself via {' -> '.join(map(str, chain))}")
    data = _read(path)
    where = _Where(path, data)
    for key in data:
        if key not in KEYS and key not in SHELL_SECTIONS:
            raise where.error(key, f"unknown key; expected one of {', '.join(sorted({*KEYS, *SHELL_SECTIONS}))}")
    root = path.parent
    base = Config(source=str(path), root=root)
    if "extends" in data:
        parent_path = (root / where.string("extends")).resolve()
        parent = _load(parent_path, (*chain, path))
        base = replace(parent, source=str(path), root=root)
    settings: dict[str, Any] = {}
    if "select" in data:
        settings["select"] = where.names("select")
    if "ignore" in data:
        settings["ignore"] = where.names("ignore")
    if "fail-on" in data:
        settings["fail_on"] = where.choice("fail-on", SEVERITIES)
    if "rules" in data:
        settings["rules"] = merge_rules(base.rules, where.rules("rules", data["rules"]))
    if "packs" in data:
        settings["packs"] = base.packs + tuple((root / p).resolve() for p in where.names("packs"))
    if "include" in data:
        settings["include"] = where.names("include")
    if "exclude" in data:
        settings["exclude"] = where.names("exclude")
    if "max-file-size" in data:
        settings["max_file_size"] = where.size("max-file-size")
    if "timeout" in data:
        settings["timeout"] = where.seconds("timeout")
    if "max-memory" in data:
        settings["max_memory"] = where.size("max-memory")
    if "overrides" in data:
        settings["overrides"] = base.overrides + where.overrides("overrides")
    if "keyphrase" in data:
        settings["keyphrase"] = where.string("keyphrase")
    if "require" in data:
        settings["require"] = where.names("require")
    if "dictionary" in data:
        settings["dictionary"] = (root / where.string("dictionary")).resolve()
    if "languagetool" in data:
        if not isinstance(data["languagetool"], dict):
            raise where.error("languagetool", "expected a mapping of settings (url, language, timeout, …)")
        for name in data["languagetool"]:
            where.positive(f"languagetool.{name}", name, data["languagetool"], zero_allowed=False)
        settings["languagetool"] = tuple({**dict(base.languagetool), **data["languagetool"]}.items())
    shells = {name: data[name] for name in SHELL_SECTIONS if name in data}
    if shells:
        settings["shell_sections"] = tuple({**dict(base.shell_sections), **shells}.items())
    if "score" in data:
        settings["score"] = where.scoring("score", base.score)
    return replace(base, **settings)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


MAX_SECONDS = 86400.0  # a day: past that a time limit is a mistake (and overflows the OS timers)
MAX_SIZE = 1 << 40  # 1 TB: past that a size is a mistake (and overflows the OS memory limits)


def parse_seconds(value: Any, most: float = MAX_SECONDS) -> float:
    """Seconds above zero, up to ``most`` (a day: a time limit), from a number or its text;
    ValueError says what was expected."""
    try:
        seconds = float(value) if not isinstance(value, bool) else 0.0
    except (TypeError, ValueError):
        seconds = 0.0
    if not 0 < seconds <= most:
        raise ValueError(f"expected a number of seconds above 0 and up to {most:.0f}, got {value!r}")
    return seconds


def parse_size(value: Any) -> int:
    """Bytes from a size above zero: a whole number, or ``10MB``, ``500KB``, ``1.5G``; ValueError says what was expected."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_SIZE:
        return value
    match = _SIZE.match(str(value))
    if not match or match.group(2).upper() not in _SIZE_UNITS:
        raise ValueError(f"expected a size such as 10MB or 500KB, got {value!r}")
    size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).upper()])
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"expected a size from 1 byte to 1TB, such as 10MB or 500KB, got {value!r}")
    return size


def parse_rules(value: Any, source: str, key: str = "rules") -> tuple[tuple[str, RuleSettings], ...]:
    """A ``rules:`` mapping (rule id -> off, on, a severity or options) given outside a config file, such as
    in a request; a ConfigError reads ``SOURCE: KEY.RULE: problem``."""
    return _Where(Path(source), {key: value}).rules(key, value)


class _Where:
    """Validates values and words errors as ``FILE[:LINE]: KEY: problem``."""

    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data

    def error(self, key: str, problem: str, data: dict | None = None, at: str | None = None) -> ConfigError:
        """``at``: the key of ``data`` whose line to name, when ``key`` is a dotted label."""
        data = self.data if data is None else data
        line = data.line_of(at or key) if isinstance(data, yamlfile.LineDict) else None
        location = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{location}: {key}: {problem}")

    def string(self, key: str, data: dict | None = None) -> str:
        value = (self.data if data is None else data)[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"expected a non-empty string, got {value!r}", data)
        return value

    def names(self, key: str, data: dict | None = None) -> tuple[str, ...]:
        value = (self.data if data is None else data)[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"expected a list of strings, got {value!r}", data)
        return tuple(v.strip() for v in value)

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.data[key]
        if value not in choices:
            raise self.error(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def size(self, key: str) -> int:
        try:
            return parse_size(self.data[key])
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def seconds(self, key: str) -> float:
        try:
            return parse_seconds(self.data[key])
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def positive(self, label: str, key: str, data: dict, zero_allowed: bool) -> None:
        """A numeric option must be above 0 (or, with ``zero_allowed``, not negative)."""
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return  # not a number: the rule says what it expects
        if value < 0 or (value == 0 and not zero_allowed):
            expected = "0 or more" if zero_allowed else "a number above 0"
            raise self.error(label, f"expected {expected}, got {value!r}", data, at=key)

    def rules(self, key: str, value: Any, data: dict | None = None) -> tuple[tuple[str, RuleSettings], ...]:
        if not isinstance(value, dict):
            raise self.error(key, "expected a mapping of rule id to settings (severity, options) or off", data)
        result = []
        for rule, settings in value.items():
            label = f"{key}.{rule}"
            if settings in (False, "off", "false", "disable"):
                result.append((rule, RuleSettings(enabled=False)))
                continue
            if settings in (True, "on"):
                result.append((rule, RuleSettings(enabled=True)))
                continue
            if settings in SEVERITIES:
                result.append((rule, RuleSettings(enabled=True, severity=settings)))
                continue
            if not isinstance(settings, dict):
                raise self.error(label, f"expected off, on, a severity or a mapping, got {settings!r}", value)
            options = {k: v for k, v in settings.items() if k not in ("severity", "enabled")}
            for name in options:
                self.positive(f"{label}.{name}", name, settings, zero_allowed=name in ZERO_ALLOWED)
            severity = settings.get("severity")
            if severity is not None and severity not in SEVERITIES:
                raise self.error(f"{label}.severity", f"expected one of {', '.join(SEVERITIES)}, got {severity!r}", value)
            enabled = settings.get("enabled")
            if enabled is not None and not isinstance(enabled, bool):
                raise self.error(f"{label}.enabled", f"expected true or false, got {enabled!r}", value)
            result.append((rule, RuleSettings(enabled=enabled, severity=severity, options=tuple(options.items()))))
        return tuple(result)

    def scoring(self, key: str, base: Scoring) -> Scoring:
        """The ``score:`` section over ``base`` (an inherited one): weights merge key by key."""
        from .rules.base import CATEGORIES

        value = self.data[key]
        if not isinstance(value, dict):
            raise self.error(key, f"expected a mapping of {', '.join(sorted(SCORE_KEYS))}")
        for item in value:
            if item not in SCORE_KEYS:
                raise self.error(f"{key}.{item}", f"unknown key; expected one of {', '.join(sorted(SCORE_KEYS))}", value)
        changes: dict[str, Any] = {}
        for item, names in (("severity", SEVERITIES), ("category", CATEGORIES)):
            if item in value:
                weights = value[item]
                if not isinstance(weights, dict):
                    raise self.error(f"{key}.{item}", f"expected a mapping of {', '.join(names)} to a number", value)
                for name, weight in weights.items():
                    if name not in names:
                        raise self.error(f"{key}.{item}.{name}", f"expected one of {', '.join(names)}", weights)
                    if not _number(weight) or weight < 0:
                        raise self.error(f"{key}.{item}.{name}", f"expected a number, 0 or more, got {weight!r}", weights)
                merged = {**dict(getattr(base, item)), **{n: float(w) for n, w in weights.items()}}
                changes[item] = tuple(sorted(merged.items()))
        for item in ("ready", "needs-edits"):
            if item in value:
                if not _number(value[item]) or not 0 <= value[item] <= 100:
                    raise self.error(f"{key}.{item}", f"expected a score from 0 to 100, got {value[item]!r}", value)
                changes[item.replace("-", "_")] = float(value[item])
        if "block-on" in value:
            blocks = self.names("block-on", value)
            unknown = [name for name in blocks if name not in CATEGORIES]
            if unknown:
                raise self.error(f"{key}.block-on", f"expected categories ({', '.join(CATEGORIES)}), got {unknown[0]!r}", value)
            changes["block_on"] = blocks
        scoring = replace(base, **changes)
        if scoring.needs_edits > scoring.ready:
            raise self.error(key, f"needs-edits ({scoring.needs_edits:g}) must not be above ready ({scoring.ready:g})")
        return scoring

    def overrides(self, key: str) -> tuple[Override, ...]:
        value = self.data[key]
        if not isinstance(value, list):
            raise self.error(key, "expected a list of {files: [...], select/ignore/rules: ...} entries")
        result = []
        for index, entry in enumerate(value):
            label = f"{key}[{index}]"
            if not isinstance(entry, dict) or "files" not in entry:
                raise self.error(label, "each override needs 'files' (a list of globs)")
            for item in entry:
                if item not in OVERRIDE_KEYS:
                    raise self.error(f"{label}.{item}", f"unknown key; expected one of {', '.join(sorted(OVERRIDE_KEYS))}", entry)
            result.append(
                Override(
                    files=self.names("files", entry),
                    select=self.names("select", entry) if "select" in entry else None,
                    ignore=self.names("ignore", entry) if "ignore" in entry else (),
                    rules=self.rules(f"{label}.rules", entry["rules"], entry) if "rules" in entry else (),
                )
            )
        return tuple(result)

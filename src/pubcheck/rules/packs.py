"""Loading YAML rule packs: a pack is a folder, each ``*.yaml``/``*.yml`` file in it one rule.

Every problem in a pack file is reported as ``FILE:LINE: rule ID: what is wrong`` and stops loading,
so a typo in a desk's pack never silently disables a rule.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any


from .. import yamlfile
from ..data import builtin_root
from ..errors import RulePackError
from ..findings import SEVERITIES
from .base import CATEGORIES
from .kinds import KINDS, METRICS, SCOPES, YamlRule
from .linear import UnsupportedPattern, compile_linear

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON = {"id", "kind", "summary", "message", "category", "severity", "scope", "ignorecase", "formats", "enabled",
          "description", "why", "example", "ok", "fix"}
FIELDS = {
    "existence": COMMON | {"tokens", "patterns", "unless", "outside-quotes", "unless-next-sentence"},
    "substitution": COMMON | {"swap", "unless", "safe"},
    "occurrence": COMMON | {"tokens", "patterns", "max", "max-density"},
    "metric": COMMON | {"metric", "min", "max"},
}
PLACEHOLDERS = {
    "existence": {"match"},
    "substitution": {"match", "replacement"},
    "occurrence": {"match", "count", "density", "max", "max_density"},
    "metric": {"value", "min", "max", "metric"},
}


def builtin_pack_dirs() -> list[Path]:
    root = builtin_root()
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _shown(path: Path) -> str:
    """How documentation names a pack file: ``rules/…`` for a shipped one, else the path as given."""
    try:
        return f"rules/{path.resolve().relative_to(builtin_root()).as_posix()}"
    except ValueError:
        return str(path)


def load_pack(folder: Path) -> list[type[YamlRule]]:
    if not folder.is_dir():
        raise RulePackError(f"{folder}: rule pack folder does not exist")
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [load_rule_file(path) for path in files]


def load_rule_file(path: Path) -> type[YamlRule]:
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"), path)
    except yamlfile.DuplicateKeyError as exc:
        raise RulePackError(f"{path}:{exc.line}: rule {path.stem!r}: duplicate field {exc.key!r} (first on line {exc.first_line})") from None
    except yamlfile.YamlError as exc:
        raise RulePackError(f"{path}: invalid YAML, {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read rule file ({exc})") from None
    if not isinstance(data, yamlfile.LineDict):
        raise RulePackError(f"{path}:1: a rule file must be a mapping of fields (kind, summary, message, …)")
    return _build(path, data)


def _build(path: Path, data: yamlfile.LineDict) -> type[YamlRule]:
    rule_id = data.get("id", path.stem)

    def fail(key: str | None, problem: str, line: int | None = None) -> RulePackError:
        line = line or (data.line_of(key) if key else data.line)
        return RulePackError(f"{path}:{line}: rule {rule_id!r}: {problem}")

    if not isinstance(rule_id, str) or not ID.match(rule_id):
        raise fail("id", "id must be a kebab-case slug such as 'unsourced-claim'")
    kind = data.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"unknown kind {kind!r}; expected one of {', '.join(sorted(KINDS))}")
    for key in data:
        if key not in FIELDS[kind]:
            raise fail(key, f"unknown field {key!r} for kind {kind}; allowed: {', '.join(sorted(FIELDS[kind]))}")
    for key in ("summary", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(key if key in data else None, f"missing field {key!r} (a non-empty string)")
    _check_message(data, kind, fail)
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail("severity", f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    category = data.get("category", "style")
    if category not in CATEGORIES:
        raise fail("category", f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    if data.get("scope", "sentence") not in SCOPES:
        raise fail("scope", f"scope must be one of {', '.join(SCOPES)}, not {data['scope']!r}")
    formats = data.get("formats", [])
    if not isinstance(formats, list) or not set(formats) <= {"html", "markdown", "text"}:
        raise fail("formats", "formats must be a list drawn from html, markdown, text")
    _check_kind(data, kind, fail)
    options = {key: data[key] for key in getattr(KINDS[kind], "option_fields", ()) if key in data}
    attributes: dict[str, Any] = {
        "id": rule_id,
        "category": category,
        "severity": severity,
        "summary": data["summary"].strip(),
        "options": options,
        "enabled_by_default": bool(data.get("enabled", True)),
        "spec": dict(data),
        "pack_file": str(path),
        "pack_name": _shown(path),
        "formats": tuple(formats),
        "__module__": __name__,
    }
    return type(f"Yaml[{rule_id}]", (KINDS[kind],), attributes)


def _check_message(data, kind: str, fail) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(data["message"]) if name}
    except ValueError as exc:
        raise fail("message", f"message is not a valid template ({exc})") from None
    unknown = names - PLACEHOLDERS[kind]
    if unknown:
        allowed = ", ".join("{" + n + "}" for n in sorted(PLACEHOLDERS[kind]))
        raise fail("message", f"message uses unknown placeholder {{{sorted(unknown)[0]}}}; {kind} allows {allowed}")


def _check_kind(data, kind: str, fail) -> None:
    def string_list(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"{key!r} must be a list of non-empty strings")
        return value

    def regexes(key: str) -> None:
        """Each pattern must run on the linear-time engine (which refuses alike with and without re.I)."""
        items = string_list(key)
        for index, pattern in enumerate(items):
            try:
                compile_linear(pattern)
            except UnsupportedPattern as exc:
                raise fail(key, f"bad regex {pattern!r} in {key}: {exc}", data[key].lines[index]) from None

    def number(key: str) -> None:
        if key in data and (isinstance(data[key], bool) or not isinstance(data[key], (int, float))):
            raise fail(key, f"{key!r} must be a number, not {data[key]!r}")
        if key in data and data[key] < 0:
            raise fail(key, f"{key!r} must be 0 or more, not {data[key]!r}")

    if kind in ("existence", "occurrence"):
        string_list("tokens")
        regexes("patterns")
        if not data.get("tokens") and not data.get("patterns"):
            raise fail(None, f"missing field 'tokens' or 'patterns' (kind {kind} needs at least one)")
    if kind in ("existence", "substitution"):
        regexes("unless")
    if kind == "existence":
        regexes("unless-next-sentence")
    if not isinstance(data.get("outside-quotes", False), bool):
        raise fail("outside-quotes", f"'outside-quotes' must be true or false, not {data['outside-quotes']!r}")
    if kind == "substitution":
        swap = data.get("swap")
        if not isinstance(swap, dict) or not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise fail("swap" if "swap" in data else None, "missing field 'swap': a mapping of 'flagged phrase: suggestion'")
    if kind == "occurrence":
        number("max")
        number("max-density")
        if "max" not in data and "max-density" not in data:
            raise fail(None, "missing field 'max' or 'max-density'")
    if kind == "metric":
        if data.get("metric") not in METRICS:
            raise fail("metric" if "metric" in data else None, f"missing or unknown 'metric'; expected one of {', '.join(METRICS)}")
        number("min")
        number("max")
        if "min" not in data and "max" not in data:
            raise fail(None, "missing field 'min' or 'max'")

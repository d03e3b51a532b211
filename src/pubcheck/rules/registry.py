"""The rule catalogue: Python rules from the ``pubcheck.rules`` entry points (built-ins included,
exactly as a third-party plugin registers), plus the YAML packs shipped and configured."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from ..errors import PubcheckError, RulePackError
from .base import Rule, validate_rule_class
from .packs import builtin_pack_dirs, load_pack

ENTRY_POINT_GROUP = "pubcheck.rules"


@lru_cache(maxsize=1)
def plugin_rules() -> tuple[type[Rule], ...]:
    rules = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            rule = entry_point.load()
            validate_rule_class(rule)
        except Exception as exc:  # a broken plugin names itself instead of crashing the run
            dist = entry_point.dist.name if entry_point.dist else "?"
            raise PubcheckError(
                f"rule plugin {entry_point.name!r} from package {dist!r} failed to load: {type(exc).__name__}: {exc}"
            ) from None
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=16)
def catalogue(extra_packs: tuple[Path, ...] = ()) -> dict[str, type[Rule]]:
    """Every known rule by id. Two rules with one id is an error, not a silent override."""
    rules: dict[str, type[Rule]] = {}
    origin: dict[str, str] = {}
    sources = [(rule, f"plugin {rule.__module__}") for rule in plugin_rules()]
    for folder in [*builtin_pack_dirs(), *extra_packs]:
        sources += [(rule, rule.pack_file) for rule in load_pack(folder)]
    for rule, where in sources:
        if rule.id in rules:
            raise RulePackError(f"rule id {rule.id!r} is defined twice: in {origin[rule.id]} and in {where}")
        rules[rule.id] = rule
        origin[rule.id] = where
    return dict(sorted(rules.items()))

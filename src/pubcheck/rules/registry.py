"""The rule catalogue: Python rules from the ``pubcheck.rules`` entry points (built-ins included,
exactly as a third-party plugin registers), plus the YAML packs shipped and configured."""

from __future__ import annotations

import os
import sys
import zlib
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from ..cache import cached
from ..errors import PubcheckError, RulePackError
from .base import Rule, validate_rule_class
from .packs import builtin_pack_dirs, load_pack

ENTRY_POINT_GROUP = "pubcheck.rules"
_METADATA = (".dist-info", ".egg-info", ".egg")  # the names importlib.metadata reads distributions from


def installed_state() -> list:
    """What the entry points are read from: every metadata folder on sys.path and the time of its
    ``entry_points.txt``. Installing, upgrading or removing a package (or editing its entry
    points in place, as a legacy ``setup.py develop`` does) changes it. ~1 ms."""
    state: list = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as children:
                found = sorted(child.path for child in children if child.name.lower().endswith(_METADATA))
        except OSError:  # a missing folder, or a zip file (its time stands for its contents)
            try:
                state.append((entry, os.stat(entry).st_mtime_ns))
            except OSError:
                state.append((entry, None))
            continue
        state.append((entry, None))
        for folder in found:
            try:
                state.append((folder, os.stat(os.path.join(folder, "entry_points.txt")).st_mtime_ns))
            except OSError:
                state.append((folder, None))
    return state


def _read_entry_points() -> list[tuple[str, str, str]]:
    from importlib.metadata import entry_points

    return [(ep.name, ep.value, ep.dist.name if ep.dist else "?") for ep in entry_points(group=ENTRY_POINT_GROUP)]


def entry_point_index() -> list[tuple[str, str, str]]:
    """(name, "module:attribute", distribution) of each ``pubcheck.rules`` entry point, as
    importlib.metadata finds them. Importing importlib.metadata costs ~45 ms (its email parser),
    most of a one-file lint's start-up, so its answer is kept between runs and asked again
    whenever :func:`installed_state` differs. One file per environment and search path, so
    ``pubcheck`` and ``python -m pubcheck`` (which adds the working folder) do not evict each other."""
    environment = "\0".join([sys.version, sys.prefix, *sys.path]).encode()
    name = f"entry-points/{zlib.crc32(environment):08x}.marshal"
    return cached(name, _read_entry_points, key=installed_state(), keep=16)


def load_entry_point(value: str):
    """What ``EntryPoint.load()`` does: import the module, then follow the attribute path."""
    module, _, attributes = value.partition("[")[0].partition(":")
    target = import_module(module.strip())
    for attribute in filter(None, attributes.strip().split(".")):
        target = getattr(target, attribute)
    return target


@lru_cache(maxsize=1)
def plugin_rules() -> tuple[type[Rule], ...]:
    rules = []
    for name, value, dist in entry_point_index():
        try:
            rule = load_entry_point(value)
            validate_rule_class(rule)
        except Exception as exc:  # a broken plugin names itself instead of crashing the run
            raise PubcheckError(
                f"rule plugin {name!r} from package {dist!r} failed to load: {type(exc).__name__}: {exc}"
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

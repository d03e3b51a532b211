"""Helpers shared by the test modules: lint a snippet for one rule, write articles to a folder, time a call."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pubcheck
from pubcheck.config import Config


def found(source: str, rule: str, fmt: str = "text", **config) -> list[str]:
    """The text of each finding of ``rule`` alone on ``source``."""
    report = pubcheck.lint(source, format=fmt, config=Config(select=(rule,), **config))
    return [f.text for f in report.findings if f.rule == rule]


def write_file(folder: Path, name: str, content: str | bytes) -> Path:
    """``folder/name`` holding ``content`` (text as UTF-8), its folders created."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def write_articles(folder: Path, articles: dict[str, str | bytes]) -> list[str]:
    """Each named article written into ``folder``; the names, sorted (the order a folder is linted in)."""
    for name, content in articles.items():
        write_file(folder, name, content)
    return sorted(articles)


def best_cpu_seconds(call: Callable[[], object], runs: int) -> float:
    """The least CPU time ``call`` takes in ``runs`` tries: other processes on the machine do not
    count, and the least disturbed try stands for the work itself."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        call()
        best = min(best, time.process_time() - started)
    return best


def shipped_linear_regexes() -> list:
    """Every linear-time regex the shipped packs compile: each YAML rule's matcher variants and its
    ``unless`` and ``unless-next-sentence`` alternations."""
    from pubcheck.rules.packs import builtin_pack_dirs, load_pack

    regexes = []
    for folder in builtin_pack_dirs():
        for rule in load_pack(folder):
            if "tokens" in rule.spec or "patterns" in rule.spec:
                matcher = rule.matcher()
                regexes += [r for r in (matcher.lowered, matcher.exact, matcher.folded) if r is not None]
            regexes += [r for r in (rule.unless(), rule.unless_next()) if r is not None]
    return regexes

"""Reporters: a run's reports -> text, JSON, SARIF 2.1.0 or GitHub Actions annotations."""

from __future__ import annotations

from typing import Callable

from ..findings import RunSummary

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, summary: RunSummary, *, color: bool = False) -> str:
    """The whole output of a run in format ``fmt``."""
    renderer: Callable[..., str]
    if fmt == "text":
        from .text import render as renderer

        return renderer(summary, color=color)
    if fmt == "json":
        from .json import render as renderer
    elif fmt == "sarif":
        from .sarif import render as renderer
    else:
        from .github import render as renderer
    return renderer(summary)

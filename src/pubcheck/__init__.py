"""pubcheck: a content-moderation and SEO quality linter for celebrity and entertainment articles.

The library call every shell uses::

    import pubcheck
    report = pubcheck.lint("<p>📖 Related: …</p>", format="html")
    for finding in report.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
"""

from __future__ import annotations

import importlib

from . import regexes as _regexes

__version__ = "0.1.0"

_regexes.preload()  # before any module of pubcheck compiles its patterns (regexes.py)

# Names are imported on first use, so `pubcheck lint one-file` (a pre-commit hook, an editor
# on save) does not pay for modules it never touches.
_EXPORTS = {
    "Config": "config", "load_config": "config",
    "Linter": "engine", "RunOptions": "engine", "lint": "engine", "lint_paths": "engine",
    "ConfigError": "errors", "InputError": "errors", "PubcheckError": "errors", "RulePackError": "errors",
    "Finding": "findings", "Fix": "findings", "Report": "findings", "RunSummary": "findings", "Skip": "findings",
}
__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'pubcheck' has no attribute {name!r}")

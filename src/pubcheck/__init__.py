"""pubcheck: a content-moderation and SEO quality linter for celebrity and entertainment articles.

The library call every shell uses::

    import pubcheck
    report = pubcheck.lint("<p>📖 Related: …</p>", format="html")
    for finding in report.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config
from .engine import Linter, lint, lint_paths
from .errors import ConfigError, InputError, PubcheckError, RulePackError
from .findings import Finding, Fix, Report, RunSummary

__all__ = [
    "Config", "ConfigError", "Finding", "Fix", "InputError", "Linter", "PubcheckError", "Report",
    "RulePackError", "RunSummary", "__version__", "lint", "lint_paths", "load_config",
]

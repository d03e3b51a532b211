"""What a rule is. Python rules subclass :class:`Rule`; YAML rules are instances of a kind in ``kinds``.

A rule's docstring is its documentation and its specification, in the sections ``pubcheck explain``
prints: what it flags (the first paragraph), ``## Why is this bad?``, ``## Example`` (flagged),
``## Not flagged``, ``## How to fix``, and ``## Options`` when it has any.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Mapping

from ..document import Document, MappedText
from ..errors import ConfigError
from ..findings import SEVERITIES, Fix, slot_setters

CATEGORIES = ("clickbait", "attribution", "seo", "readability", "grammar", "moderation", "style")


@dataclass(frozen=True, slots=True, init=False)
class Problem:
    """What a rule reports: a message and where, as a range of mapped text (or the whole document)."""

    message: str
    where: MappedText | None = None  # None: the document as a whole
    start: int = 0
    end: int | None = None  # None: to the end of ``where``
    fix: Fix | None = None
    code: str | None = None  # a sub-rule, reported as "rule/code" (e.g. grammar/MORFOLOGIK_RULE_EN_US)
    severity: str | None = None  # a tally of problems reported one by one is "info", whatever the rule's level

    def __init__(
        self, message: str, where: MappedText | None = None, start: int = 0, end: int | None = None,
        fix: Fix | None = None, code: str | None = None, severity: str | None = None,
    ) -> None:
        # The dataclass's own __init__, each field stored through its slot: as Finding's (findings.py).
        _set_message(self, message)
        _set_where(self, where)
        _set_start(self, start)
        _set_end(self, end)
        _set_fix(self, fix)
        _set_code(self, code)
        _set_severity(self, severity)


_set_message, _set_where, _set_start, _set_end, _set_fix, _set_code, _set_severity = slot_setters(Problem)


class RuleUnavailable(Exception):
    """Raised by a rule that cannot run here (e.g. no LanguageTool server). The run goes on; the
    reason is reported once as a notice, and ``--require RULE`` turns it into exit code 2."""


class Rule:
    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str] = "warning"
    summary: ClassVar[str]
    options: ClassVar[dict[str, Any]] = {}
    enabled_by_default: ClassVar[bool] = True
    # A top-level config section (e.g. "languagetool") whose settings fill this rule's options.
    config_section: ClassVar[str | None] = None
    # The id of a rule that does this rule's job better when it can run (offline spelling gives
    # way to LanguageTool's), so nothing is reported twice.
    superseded_by: ClassVar[str | None] = None

    @property
    def available(self) -> bool:
        """Whether the rule can run with its settings (a service rule needs its server)."""
        return True

    def bind(self, catalogue: Mapping[str, type]) -> None:
        """Told every rule id of the run once the rule is built; a rule about rules (an unknown id in
        a suppression comment) keeps them, others need nothing."""

    @property
    def depends_on_service(self) -> bool:
        """Whether findings come from a service (a LanguageTool server): never kept in the result cache."""
        return False

    def __init__(self, **options: Any):
        settings = dict(self.options)
        for name, value in options.items():
            if name not in self.options:
                known = ", ".join(sorted(self.options)) or "none"
                raise ConfigError(f"rule {self.id}: unknown option {name!r} (options: {known})")
            expected = type(self.options[name])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise ConfigError(f"rule {self.id}: option {name!r} must be {expected.__name__}, got {value!r}")
            settings[name] = value
        self.settings = settings

    def check(self, doc: Document) -> Iterable[Problem]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for quoting it in a message."""
    return text if len(text) <= width else text[: width - 3].rstrip() + "…"


def validate_rule_class(rule: type) -> None:
    """Reject a plugin rule that lacks what the engine and reporters rely on."""
    for attribute in ("id", "category", "summary"):
        if not isinstance(getattr(rule, attribute, None), str):
            raise TypeError(f"{rule!r} has no {attribute}")
    if rule.severity not in SEVERITIES:
        raise TypeError(f"{rule.id}: severity must be one of {', '.join(SEVERITIES)}")


def removal_fix(doc: Document, block, description: str) -> Fix:
    """A safe fix that deletes ``block``'s element; whole lines go when nothing else is on them,
    and one of two blank lines left around it goes too, so the paragraph spacing stays even."""
    source, lines = doc.source, doc.lines  # lines end at LF, CRLF or CR
    start, end = block.element
    line_start = lines.start_of_line_at(start)
    line_end = lines.start_of_next_line_at(end)
    if source[line_start:start].strip() or source[end:line_end].strip():
        return Fix(start, end, "", description, safe=True)
    start, end = line_start, line_end
    before = lines.start_of_line_at(start - 1)
    after = lines.start_of_next_line_at(end)
    if start > 0 and not source[before:start].strip() and not source[end:after].strip() and end < len(source):
        end = after
    return Fix(start, end, "", description, safe=True)

"""Grammar, style and spelling from a LanguageTool server (see ``pubcheck.languagetool`` and
docs/grammar.md): each LanguageTool match becomes a finding ``grammar/<LanguageTool rule id>``."""

from __future__ import annotations

import bisect
import os
from functools import cached_property

from ..document import Document, MappedText
from ..errors import ConfigError
from ..text.fixes import replacement_fix
from ..text.lexicon import EMPTY, Lexicon, WordList, user_dictionary
from ..text.names import Scan, is_camel_or_acronym, is_capitalised, text_units
from .base import Problem, Rule, RuleUnavailable

ENV_URL = "PUBCHECK_LANGUAGETOOL_URL"  # the server, when the config names none
SEPARATOR = "\n\n"  # between the headline and body blocks: LanguageTool's paragraph boundary
NO_SERVER = (
    "no LanguageTool server configured (set languagetool.url or PUBCHECK_LANGUAGETOOL_URL); "
    "grammar not checked, offline spelling used instead"
)


class Grammar(Rule):
    """Flags grammar, style and spelling problems found by a LanguageTool server.

    Sends the headline and body text (never navigation or page chrome) to the LanguageTool
    server the newsroom runs and reports each match at its exact source line and column, as
    `grammar/<LanguageTool rule id>` (`grammar/MORFOLOGIK_RULE_EN_US`,
    `grammar/ENGLISH_WORD_REPEAT_RULE`, …) with LanguageTool's message, category and first
    suggestions (the first is offered as a fix).

    Names are not spelling mistakes: a LanguageTool spelling match is dropped when the word is
    a name the article establishes (capitalised where no sentence starts, in a run of
    capitalised words, in a heading, the title or link text), is written in capitals or with an
    inner capital ("MountainA"), or is in the shipped allowlist or the config's `dictionary:`.

    Without a server (`languagetool.url`, or `PUBCHECK_LANGUAGETOOL_URL`) the rule is skipped
    with one notice per run and the offline `spelling` rule checks spelling instead; the same
    happens for any article the server cannot check (unreachable, timeout, HTTP 429 and other
    errors, a malformed answer). `--require grammar` makes that exit code 2. pubcheck never
    downloads LanguageTool.

    ## Why is this bad?
    Grammar slips and typos in published copy cost readers' trust and an editor's time, and
    search engines treat unedited text as a sign of low quality.

    ## Example
    ```
    The cast will will return for a second season in the spring.
    ```

    ## Not flagged
    ```
    Tucker Pillsbury and Mark Ruffalo join the cast, and Pillsbury will sing in the finale.
    ```

    ## How to fix
    Apply the suggestion, or rewrite the sentence. A name LanguageTool does not know needs
    nothing when the article establishes it; otherwise add it to the `dictionary:` file. Turn
    off a LanguageTool rule or category with `languagetool: {disabled-rules: [...]}`.

    ## Options
    Set in the top-level `languagetool:` section of the config (see docs/grammar.md):
    - `url`: the server (`http://languagetool.internal:8081`); else `PUBCHECK_LANGUAGETOOL_URL`.
    - `path`: a local LanguageTool installation to start instead (its `languagetool-server.jar`).
    - `language` (default `en-US`), `picky` (default false: LanguageTool's picky level).
    - `enabled-rules`, `disabled-rules`, `enabled-categories`, `disabled-categories`: LanguageTool ids.
    - `timeout` (default 10 seconds a request), `max-chars` (default 20000 a request: longer
      articles are split at paragraph boundaries), `concurrency` (default 4 requests at once).
    - `dictionary` (the top-level `dictionary:` words file) and `max-suggestions` (default 3).
    """

    id = "grammar"
    category = "grammar"
    severity = "warning"
    summary = "Grammar, style and spelling problems found by a LanguageTool server"
    config_section = "languagetool"
    options = {
        "url": "",
        "path": "",
        "language": "en-US",
        "timeout": 10.0,
        "max-chars": 20000,
        "picky": False,
        "enabled-rules": [],
        "disabled-rules": [],
        "enabled-categories": [],
        "disabled-categories": [],
        "concurrency": 4,
        "dictionary": "",
        "max-suggestions": 3,
    }

    def __init__(self, **options):
        super().__init__(**options)
        settings = self.settings
        for name in ("enabled-rules", "disabled-rules", "enabled-categories", "disabled-categories"):
            if not all(isinstance(v, str) and v.strip() for v in settings[name]):
                raise ConfigError(f"rule {self.id}: option {name!r} must be a list of LanguageTool ids")
        for name, low in (("timeout", 0.1), ("max-chars", 1), ("concurrency", 1)):
            if settings[name] < low:
                raise ConfigError(f"rule {self.id}: option {name!r} must be at least {low:g}, got {settings[name]!r}")
        self.url = settings["url"] or ("" if settings["path"] else os.environ.get(ENV_URL, "").strip())
        self.configured = bool(self.url or settings["path"])
        self.extra: WordList = user_dictionary(settings["dictionary"]) if settings["dictionary"] else EMPTY
        self._names: Lexicon | None = None

    @cached_property
    def server_settings(self):
        """The client's settings, built once a server is asked for: without one (the usual
        one-file lint) pubcheck.languagetool is never imported (~5 ms; ~15 ms uncompiled)."""
        from ..languagetool import Settings

        settings = self.settings
        return Settings(
            url=self.url,
            language=settings["language"],
            timeout=settings["timeout"],
            max_chars=settings["max-chars"],
            picky=settings["picky"],
            enabled_rules=tuple(settings["enabled-rules"]),
            disabled_rules=tuple(settings["disabled-rules"]),
            enabled_categories=tuple(settings["enabled-categories"]),
            disabled_categories=tuple(settings["disabled-categories"]),
            concurrency=settings["concurrency"],
            path=settings["path"],
        )

    @property
    def available(self) -> bool:
        """A server URL is configured, or the configured local installation has started (it is
        started here, once, so that ``--jobs`` worker processes share it). Whether a server
        answers is found out per article: where it does not, offline spelling runs instead."""
        if self.url or not self.settings["path"]:
            return bool(self.url)
        from .. import languagetool

        try:
            languagetool.start_local(self.server_settings)
        except languagetool.Unavailable:
            return False  # check() reports why, once per run
        return True

    @property
    def depends_on_service(self) -> bool:
        return self.configured

    @property
    def document_concurrency(self) -> int:
        """Files the engine may lint at once while this rule waits on the server (requests in
        flight stay bounded by ``concurrency`` per process: see languagetool.Server)."""
        return self.settings["concurrency"] if self.configured else 1

    def check(self, doc: Document):
        if not self.configured:
            raise RuleUnavailable(NO_SERVER)
        from .. import languagetool

        units = text_units(doc)
        text, starts = _join(units)
        result = languagetool.server(self.server_settings).check(text)
        matches = result.matches
        if result.error is not None:  # part of the article went unchecked: offline spelling takes
            matches = [m for m in matches if not m.is_spelling]  # all of its spelling, not half
        if matches:
            yield from self._problems(doc, units, starts, matches)
        if result.error is not None:
            raise RuleUnavailable(f"{result.error}; grammar not checked there, offline spelling used instead")

    def _problems(self, doc: Document, units: list[MappedText], starts: list[int], matches):
        scan = Scan(doc, units)
        if self._names is None:  # the allowlist and dictionary only: LanguageTool judges the rest
            self._names = Lexicon(self.extra, words=frozenset())
        limit = self.settings["max-suggestions"]
        for match in matches:
            index = bisect.bisect_right(starts, match.offset) - 1
            if index < 0:
                continue
            unit = units[index]
            start = match.offset - starts[index]
            end = min(start + max(match.length, 1), len(unit.text))
            if start >= len(unit.text):
                continue  # on the paragraph break between two blocks
            if match.is_spelling and self._is_name(scan, unit, start, end):
                continue
            yield Problem(_message(match, limit), unit, start, end, fix=_fix(doc, unit, start, end, match), code=match.rule_id)

    def _is_name(self, scan: Scan, unit: MappedText, start: int, end: int) -> bool:
        """Whether every word LanguageTool calls misspelled here is a name or an allowlisted word."""
        from ..document.sentences import word_spans

        spans = list(word_spans(unit.text[start:end]))
        if not spans:
            return False
        for offset, _, word in spans:
            if is_camel_or_acronym(word):
                continue
            capitalised = is_capitalised(word)
            if self._names.known(word.replace("’", "'").lower(), capitalised):
                continue
            if capitalised and (not scan.initial(unit, start + offset) or scan.established(word)):
                continue
            return False
        return True


def _join(units: list[MappedText]) -> tuple[str, list[int]]:
    starts, position = [], 0
    for unit in units:
        starts.append(position)
        position += len(unit.text) + len(SEPARATOR)
    return SEPARATOR.join(unit.text for unit in units), starts


def _message(match, limit: int) -> str:
    message = " ".join(match.message.split())
    if message and message[-1] not in ".!?…:":
        message += "."
    suggestions = [r for r in match.replacements[:limit] if r]
    if suggestions:
        quoted = [f'"{r}"' for r in suggestions]
        either = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        message = f"{message.rstrip()} Suggestion: {either}." if len(quoted) == 1 else f"{message.rstrip()} Suggestions: {either}."
    category = match.category_name or match.category_id
    return f"{message} [{category}]" if category else message


def _fix(doc: Document, unit: MappedText, start: int, end: int, match):
    if not match.replacements:
        return None
    return replacement_fix(doc, unit, start, end, match.replacements[0], False)

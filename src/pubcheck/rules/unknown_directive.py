from __future__ import annotations

import re

from ..document import Document, MappedText
from .base import Problem, Rule


class UnknownDirective(Rule):
    """Flags a rule id in a `pubcheck-disable` comment that names no rule (like ruff's unused `noqa`).

    A misspelt id in `pubcheck-disable`, `pubcheck-disable-next-line` or `pubcheck-enable`
    suppresses nothing, so the finding it was meant to hide comes back, or a rule stays off
    for good. Each unknown id is reported at its place in the comment, with the closest known id.
    `grammar/ID` is known for any LanguageTool rule ID.

    ## Why is this bad?
    The editor believes a finding was reviewed and silenced; it was not, or something else was.

    ## Example
    ```
    <!-- pubcheck-disable-next-line clickbait-interstital -->
    ```

    ## Not flagged
    ```
    <!-- pubcheck-disable-next-line clickbait-interstitial -->
    <!-- pubcheck-disable grammar/MORFOLOGIK_RULE_EN_US -->
    ```

    ## How to fix
    Correct the id (`pubcheck rules` lists them), or delete the comment.
    """

    id = "unknown-directive"
    category = "style"
    severity = "warning"
    summary = "A pubcheck-disable comment names a rule that does not exist"

    known_rules: frozenset[str] = frozenset()  # every rule id of the run's catalogue

    def bind(self, catalogue):
        self.known_rules = frozenset(catalogue)

    def check(self, doc: Document):
        for directive in doc.directives:
            unknown = [name for name in directive.rules if name.split("/", 1)[0] not in self.known_rules]
            if not unknown:
                continue
            comment = doc.source[directive.offset : directive.end]
            after_action = comment.index("pubcheck-" + directive.action) + len("pubcheck-" + directive.action)
            for name in unknown:
                match = re.compile(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])").search(comment, after_action)
                start = directive.offset + match.start()
                where = MappedText(name, list(range(start, start + len(name))))
                import difflib  # here: only a misspelt rule id needs it, and it is 1 ms of every start

                closest = difflib.get_close_matches(name, sorted(self.known_rules), n=1)
                hint = f'did you mean "{closest[0]}"?' if closest else "`pubcheck rules` lists the rules"
                yield Problem(f'Unknown rule "{name}" in pubcheck-{directive.action} suppresses nothing; {hint}', where)

from __future__ import annotations

import re

from ..document import Document
from .base import Problem, Rule, removal_fix

_NOT_WORD = re.compile(r"[\W_]+")


def _normal(text: str) -> str:
    return _NOT_WORD.sub(" ", text).strip().lower()


class DuplicateHeadline(Rule):
    """Flags the headline repeated as the first line(s) of the body.

    The headline is the article's first level-1 heading (or, in plain text, its first line; or
    the page `<title>` when there is no `<h1>`). A copy of it in the next blocks of the body —
    a pasted second headline, or the `<title>` repeated as both `<h1>` and first paragraph — is
    flagged. A `<title>` that matches the `<h1>` is normal and is not flagged.

    ## Why is this bad?
    A doubled headline is a publishing error readers see at once, and search engines read it as
    duplicated, low-effort content.

    ## Example
    ```
    Tessa Lindgren Ottilie Rhys: Inside the Making of Second Spring

    Tessa Lindgren Ottilie Rhys: Inside the Making of Second Spring

    The story begins at a small festival in 2014.
    ```

    ## Not flagged
    ```
    <title>Stone Signs On to Direct</title> … <h1>Stone Signs On to Direct</h1>
    ```

    ## How to fix
    Delete the repeated line. `pubcheck lint --fix` removes it (a safe fix).
    """

    id = "duplicate-headline"
    category = "seo"
    severity = "warning"
    summary = "The headline is repeated as the first line of the body"

    def check(self, doc: Document):
        headline = doc.headline
        key = _normal(headline.text) if headline is not None else ""
        if not key:
            return
        body = doc.body
        if headline in body:
            at = body.index(headline)
            following = body[at + 1 : at + 3]
        else:  # only a <title>: its first copy in the body is the visible headline, a second is a duplicate
            copies = [b for b in body[:3] if _normal(b.text) == key]
            following = copies[1:]
        for block in following:
            if _normal(block.text) == key:
                yield Problem(
                    "The headline is repeated as the first line of the body; delete the copy",
                    block,
                    fix=removal_fix(doc, block, "remove the repeated headline"),
                )
                return

"""``POST /v1/lint``: pubcheck's own request, ``{"content", "format", "title", "url", "keyphrase", "rules", "fix", …}``.

Unlike a CMS payload, this one is written for pubcheck, so it is read strictly: an unknown field
is an error (a misspelt ``keyphase`` would otherwise be ignored silently).
"""

from __future__ import annotations

from typing import Any

from ..errors import ApiError
from .base import FORMATS, Article

OPTIONAL_TEXT = ("title", "description", "url", "keyphrase", "id")
KNOWN = ("content", "format", *OPTIONAL_TEXT, "rules", "fix")


def read_request(payload: Any) -> Article:
    if not isinstance(payload, dict):
        raise ApiError(422, "invalid-field", "the body must be a JSON object with at least a 'content' string")
    unknown = sorted(set(payload) - set(KNOWN))
    if unknown:
        raise ApiError(422, "invalid-field", f"unknown field {unknown[0]!r}; expected some of {', '.join(KNOWN)}")
    content = payload.get("content")
    if content is None:
        raise ApiError(422, "missing-field", "missing field 'content': the article text (HTML, Markdown or plain text)")
    if not isinstance(content, str):
        raise ApiError(422, "invalid-field", "field 'content' must be a string")
    fmt = payload.get("format", "html")
    if fmt not in FORMATS:
        raise ApiError(422, "invalid-field", f"field 'format' must be one of {', '.join(FORMATS)}, got {fmt!r}")
    for name in OPTIONAL_TEXT:
        if payload.get(name) is not None and not isinstance(payload[name], str):
            raise ApiError(422, "invalid-field", f"field {name!r} must be a string")
    rules = payload.get("rules")
    if rules is not None and not isinstance(rules, dict):
        raise ApiError(422, "invalid-field", "field 'rules' must be an object of rule id -> off, on, a severity or options")
    fix = payload.get("fix", False)
    if not isinstance(fix, bool):
        raise ApiError(422, "invalid-field", "field 'fix' must be true or false")
    text = {name: payload.get(name) or None for name in OPTIONAL_TEXT}
    return Article(source="lint", content=content, format=fmt, rules=rules or None, fix=fix, **text)

"""Ghost: ``{"event"?, "post"|"page": {"current": {...}, "previous": {...}}}``, signed with ``X-Ghost-Signature``.

Ghost's webhooks carry the rendered ``html`` and ``plaintext``, never the editor's Lexical JSON,
so the body is ``current.html``. Each Ghost webhook is registered for one event; the body names
it in ``event`` since July 2025 (older Ghost sends only the post, which is then linted when it
has content). Ghost's HTTP client gives up after 2 s, so the endpoint's default time limit is 1.5 s.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import signatures
from ..errors import ApiError
from .base import Adapter, Article, FieldMap, Skipped, article, identity, require_object

# Events whose post holds copy worth checking; deletions, unpublishing and tag changes are not.
LINTED = {"added", "edited", "published", "published.edited", "scheduled", "rescheduled"}


def extract(payload: Any, headers: Mapping[str, str], endpoint) -> Article | Skipped:
    payload = require_object(payload, "")
    kind = next((k for k in ("post", "page") if k in payload), None)
    if kind is None:
        raise ApiError(422, "missing-field", "the payload has no article: expected post.current (or page.current)")
    event = payload.get("event") if isinstance(payload.get("event"), str) else None
    if event and event.split(".", 1)[-1] not in LINTED:
        return Skipped(f"Ghost event {event} carries no copy to check", event)
    current = require_object(payload, f"{kind}.current")
    if not current:
        return Skipped(f"{kind}.current is empty (a deletion)", event)
    return article(
        "ghost", current, endpoint.fields_for(kind), lambda path: f"{kind}.current.{path}",
        id=identity(current.get("id")), revision=identity(current.get("updated_at")), event=event, content_type=kind,
    )


ADAPTER = Adapter(
    name="ghost",
    scheme=signatures.Scheme(("X-Ghost-Signature",), signatures.ghost),
    fields=FieldMap(title=("title",), body=("html",), description=("meta_description", "custom_excerpt"), url=("url",)),
    extract=extract,
    timeout=1.5,
)

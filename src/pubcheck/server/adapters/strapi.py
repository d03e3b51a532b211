"""Strapi: ``{"event", "createdAt", "model", "uid", "entry"}``, authenticated by a static bearer token.

Strapi signs nothing; the documented way to authenticate is a static ``Authorization: Bearer``
header set on the webhook. The body field depends on the content type (``model``): a Markdown
string ("Rich text (Markdown)") or a blocks array ("Rich text (Blocks)", converted to HTML).
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import signatures
from .base import Adapter, Article, FieldMap, Skipped, article, identity, require_object

LINTED = {"entry.create", "entry.update", "entry.publish"}


def extract(payload: Any, headers: Mapping[str, str], endpoint) -> Article | Skipped:
    payload = require_object(payload, "")
    event = headers.get("x-strapi-event") or payload.get("event")
    event = event if isinstance(event, str) else None
    if event and event not in LINTED:
        return Skipped(f"Strapi event {event} carries no copy to check", event)
    entry = require_object(payload, "entry")
    model = payload.get("model") if isinstance(payload.get("model"), str) else None
    return article(
        "strapi", entry, endpoint.fields_for(model), lambda path: f"entry.{path}",
        id=identity(entry.get("documentId") or entry.get("id")), revision=identity(entry.get("updatedAt")),
        event=event, content_type=model,
    )


ADAPTER = Adapter(
    name="strapi",
    scheme=signatures.Scheme(("Authorization",), signatures.strapi),
    fields=FieldMap(
        title=("title", "headline", "name"),
        body=("content", "body"),
        description=("seo.metaDescription", "description", "excerpt"),
        keyphrase=("seo.focusKeyphrase", "keyphrase"),
        url=("url",),
        format="markdown",
    ),
    extract=extract,
)

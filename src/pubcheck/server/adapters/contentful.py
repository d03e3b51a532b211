"""Contentful: an entry (``{metadata, sys, fields}``), every field keyed by field id and then locale.

The event is the ``X-Contentful-Topic`` header. Field ids come from each space's content model,
so the field map (per ``sys.contentType.sys.id``) names them; paths here are field ids, read in
the configured locale (default: the body's first locale; Contentful lists the default locale first).
A Rich Text body is converted to HTML; a Long text (Markdown) body is read as Markdown.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import signatures
from .base import Adapter, Article, FieldMap, Skipped, article, identity, lookup, require_object

# Entry topics whose fields hold copy worth checking (create carries an empty entry).
LINTED = {"ContentManagement.Entry.publish", "ContentManagement.Entry.save", "ContentManagement.Entry.auto_save"}


def extract(payload: Any, headers: Mapping[str, str], endpoint) -> Article | Skipped:
    topic = headers.get("x-contentful-topic")
    if topic and topic not in LINTED:
        return Skipped(f"Contentful topic {topic} carries no copy to check", topic)
    entry = require_object(payload, "")
    fields = require_object(entry, "fields")
    content_type = lookup(entry, "sys.contentType.sys.id")
    field_map = endpoint.fields_for(content_type if isinstance(content_type, str) else None)
    locale = endpoint.locale or _first_locale(fields, field_map.body)
    localized = {name: value.get(locale) for name, value in fields.items() if isinstance(value, dict)}

    def label(path: str) -> str:
        name, _, rest = path.partition(".")
        return f"fields.{name}.{locale}" + (f".{rest}" if rest else "")

    return article(
        "contentful", localized, field_map, label,
        id=identity(lookup(entry, "sys.id")),
        revision=identity(lookup(entry, "sys.revision") or lookup(entry, "sys.version")),
        event=topic, content_type=content_type if isinstance(content_type, str) else None,
    )


def _first_locale(fields: dict, body_paths: tuple[str, ...]) -> str:
    """The body's first locale (Contentful lists the default locale first), else any field's."""
    for name in (*(path.split(".", 1)[0] for path in body_paths), *fields):
        value = fields.get(name)
        if isinstance(value, dict) and value:
            return next(iter(value))
    return "en-US"


ADAPTER = Adapter(
    name="contentful",
    scheme=signatures.Scheme(("x-contentful-signature",), signatures.contentful),
    fields=FieldMap(
        title=("title", "headline"),
        body=("body", "content"),
        description=("seoDescription", "metaDescription", "description", "summary", "excerpt"),
        keyphrase=("focusKeyphrase", "keyphrase"),
        url=("url",),
        format="markdown",
    ),
    extract=extract,
)

"""Sanity: the result of the GROQ webhook's projection, signed with ``sanity-webhook-signature``.

The body is exactly what the newsroom's projection returns, so the default field map follows the
common projection (``title``, ``body`` as Portable Text, ``excerpt``, ``seo.metaDescription``,
``_id``, ``_rev``, ``_type``) and the config can re-map it per ``_type``. A Portable Text body is
converted to HTML and findings are located by block ``_key``.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import signatures
from .base import Adapter, Article, FieldMap, Skipped, article, identity, require_object


def extract(payload: Any, headers: Mapping[str, str], endpoint) -> Article | Skipped:
    document = require_object(payload, "")
    operation = document.get("operation") or headers.get("sanity-operation")
    operation = operation if isinstance(operation, str) else None
    if operation == "delete":
        return Skipped("Sanity operation delete carries no copy to check", operation)
    doc_type = document.get("_type") if isinstance(document.get("_type"), str) else None
    return article(
        "sanity", document, endpoint.fields_for(doc_type), str,
        id=identity(document.get("_id")), revision=identity(document.get("_rev")), event=operation, content_type=doc_type,
    )


ADAPTER = Adapter(
    name="sanity",
    scheme=signatures.Scheme(("sanity-webhook-signature",), signatures.sanity),
    fields=FieldMap(
        title=("title", "headline"),
        body=("body", "content"),
        description=("seo.metaDescription", "excerpt", "description"),
        keyphrase=("seo.focusKeyphrase", "keyphrase"),
        url=("url",),
        format="markdown",
    ),
    extract=extract,
)

"""What every adapter shares: the article it hands to the linter, field maps, and field lookup.

Where a CMS keeps the headline, body and SEO description depends on the newsroom's content model
(Contentful, Strapi, Sanity) or plugins (WordPress, Yoast), so adapters never hard-code one place:
they read through a :class:`FieldMap` of dotted paths (``seo.metaDescription``,
``post_meta._yoast_wpseo_focuskw.0``), whose defaults the ``server:`` config can replace per
content type. Error messages name the field as it appears in the CMS's payload.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ..errors import ApiError
from ..richtext import Converted, RichTextError, contentful_html, portable_text_html, strapi_blocks_html
from ..signatures import Scheme

if TYPE_CHECKING:
    from ..settings import Endpoint

FORMATS = ("html", "markdown", "text")
FIELDS = ("title", "body", "description", "keyphrase", "url")


@dataclass(frozen=True)
class FieldMap:
    """Where an article's parts are: for each, dotted paths from the adapter's article object, first present wins."""

    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    description: tuple[str, ...] = ()
    keyphrase: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    format: str = "html"  # how a body given as a string is read


@dataclass(frozen=True)
class Article:
    """One article to lint, whatever sent it. ``content`` is what finding positions refer to."""

    source: str  # "lint" or the CMS: "ghost", "wordpress", …
    content: str
    format: str
    title: str | None = None
    description: str | None = None
    keyphrase: str | None = None
    url: str | None = None
    id: str | None = None
    revision: str | None = None
    event: str | None = None
    content_type: str | None = None
    converted: Converted | None = None  # set when ``content`` is HTML converted from a rich-text tree
    rules: Mapping[str, Any] | None = None  # per-request rule overrides (``/v1/lint`` only)
    fix: bool = False  # answer with the content's safe fixes applied too (``/v1/lint`` only)


@dataclass(frozen=True)
class Skipped:
    """A delivery that carries no article to check (a deletion, an asset, an unpublish)."""

    reason: str
    event: str | None = None


@dataclass(frozen=True)
class Adapter:
    """One CMS: how it signs, where its articles are by default, and how to read its payload."""

    name: str
    scheme: Scheme
    fields: FieldMap  # defaults for any content type
    extract: Callable[[Any, Mapping[str, str], "Endpoint"], Article | Skipped]
    timeout: float | None = None  # the CMS's own patience, when shorter than the service's default


def lookup(root: Any, path: str) -> Any:
    """The value at dotted ``path`` (list items by index: ``post_meta._yoast_wpseo_focuskw.0``), or None."""
    node = root
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def require_object(payload: Any, path: str) -> dict:
    value = lookup(payload, path) if path else payload
    if not isinstance(value, dict):
        raise ApiError(422, "missing-field", f"the payload has no article: {path or 'the body'} must be a JSON object")
    return value


def identity(value: Any) -> str | None:
    """An id or revision as text (WordPress ids are numbers)."""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


_TAG = re.compile(r"<[^>]*>")


def _text(root: dict, paths: tuple[str, ...]) -> str | None:
    """The first non-blank text at ``paths``, as plain text (WordPress renders titles as HTML with entities)."""
    for path in paths:
        value = lookup(root, path)
        if isinstance(value, str) and value.strip():
            return html.unescape(_TAG.sub("", value)).strip()
    return None


def article(source: str, root: dict, fields: FieldMap, label: Callable[[str], str], **known: Any) -> Article:
    """Read the article at ``root`` through ``fields``; ``label`` turns a field path into its name in the payload.

    A body that is missing everywhere ``fields.body`` looks is a 422 naming those places; an
    empty or null body is an empty article (the linter reports it as such).
    """
    body_path = next((p for p in fields.body if lookup(root, p) is not None), None) or next(
        (p for p in fields.body if _has_key(root, p)), None
    )
    if body_path is None:
        expected = " or ".join(label(path) for path in fields.body)
        raise ApiError(422, "missing-field", f"the payload has no article body: expected {expected}")
    content, fmt, converted = _content(lookup(root, body_path), fields.format, label(body_path))
    parts = {name: _text(root, getattr(fields, name)) for name in ("title", "description", "keyphrase", "url")}
    return Article(source=source, content=content, format=fmt, converted=converted, **parts, **known)


def _has_key(root: Any, path: str) -> bool:
    """Whether ``path`` exists, even holding null (Ghost sends ``"html": null`` for an empty post)."""
    parent, _, last = path.rpartition(".")
    container = lookup(root, parent) if parent else root
    return isinstance(container, dict) and last in container


def _content(value: Any, string_format: str, where: str) -> tuple[str, str, Converted | None]:
    """The body as text the linter reads: a string as is; rich-text trees converted to HTML."""
    if value is None:
        return "", string_format, None
    if isinstance(value, str):
        return value, string_format, None
    try:
        if isinstance(value, dict) and value.get("nodeType") == "document":
            converted = contentful_html(value, where)
        elif isinstance(value, list) and value and all(isinstance(v, dict) and "_type" in v for v in value):
            converted = portable_text_html(value, where)
        elif isinstance(value, list) and all(isinstance(v, dict) and "type" in v for v in value):
            converted = strapi_blocks_html(value, where)
        else:
            raise RichTextError(f"{where}: expected text, a Contentful Rich Text document, Portable Text or Strapi blocks")
    except RichTextError as exc:
        raise ApiError(422, "invalid-field", str(exc)) from None
    return converted.html, "html", converted

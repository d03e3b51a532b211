"""CMS adapters: each system's own webhook payload, unchanged, to the article to lint.

One module per CMS knows its payload shape, which events carry an article, where the headline
and body are by default, and how the CMS signs its deliveries. ``lint`` reads pubcheck's own
``/v1/lint`` request.
"""

from __future__ import annotations

from . import contentful, ghost, sanity, strapi, wordpress
from .base import FORMATS, Adapter, Article, FieldMap, Skipped
from .lint import read_request

ADAPTERS: dict[str, Adapter] = {m.ADAPTER.name: m.ADAPTER for m in (ghost, wordpress, contentful, strapi, sanity)}

__all__ = ["ADAPTERS", "FORMATS", "Adapter", "Article", "FieldMap", "Skipped", "read_request"]

"""WordPress: the REST API post object, or the WP Webhooks plugin's ``post_create``/``post_update`` payload.

Core WordPress sends no webhooks, so what arrives depends on the plugin. Both common shapes are
read unchanged: the REST object (``title.rendered``, ``content.rendered`` — filtered HTML with
entities) and WP Webhooks' ``{post_id, post, post_meta, …}`` (``post.post_content`` — raw block
markup, HTML with ``<!-- wp:… -->`` comments, linted as HTML). Yoast's SEO description and focus
keyphrase are used when present. The plugins sign the body alone (base64 HMAC, no timestamp) and
send without waiting for the answer, so findings also go to the log and the callback URL.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import signatures
from .base import Adapter, Article, FieldMap, Skipped, article, identity, lookup, require_object


def extract(payload: Any, headers: Mapping[str, str], endpoint) -> Article | Skipped:
    post = require_object(payload, "")
    content_type = lookup(post, "type") or lookup(post, "post.post_type")
    return article(
        "wordpress", post, endpoint.fields_for(content_type if isinstance(content_type, str) else None), str,
        id=identity(post.get("id") or post.get("post_id")),
        revision=identity(lookup(post, "modified_gmt") or lookup(post, "post.post_modified_gmt")),
        event=headers.get("x-wp-webhook-name") or headers.get("x-wc-webhook-topic"),
        content_type=content_type if isinstance(content_type, str) else None,
    )


ADAPTER = Adapter(
    name="wordpress",
    scheme=signatures.Scheme(("X-WP-Webhook-Signature", "X-WC-Webhook-Signature"), signatures.wordpress),
    fields=FieldMap(
        title=("title.rendered", "post.post_title"),
        body=("content.rendered", "post.post_content"),
        description=("yoast_head_json.description", "post_meta._yoast_wpseo_metadesc.0", "excerpt.rendered", "post.post_excerpt"),
        keyphrase=("post_meta._yoast_wpseo_focuskw.0", "meta._yoast_wpseo_focuskw"),
        url=("link", "post_permalink"),
    ),
    extract=extract,
)

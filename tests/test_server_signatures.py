"""Webhook signature verification against the official test vectors, in-process with an injected clock.

The vectors (tests/server_samples/signature-test-vectors.json) were cross-checked against each
CMS's own code; their timestamps are fixed and in the past, so ``now`` is set next to each one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pubcheck.server import signatures
from pubcheck.server.replay import ReplayCache
from pubcheck.server.signatures import Delivery, SignatureError, Verified

SAMPLES = Path(__file__).parent / "server_samples"
VECTORS = json.loads((SAMPLES / "signature-test-vectors.json").read_text(encoding="utf-8"))
WINDOW = 300.0


def delivery(name: str, headers: dict[str, str], body: bytes | None = None, path: str = "/v1/hooks/x") -> Delivery:
    return Delivery("POST", path, {k.lower(): v for k, v in headers.items()}, (SAMPLES / name).read_bytes() if body is None else body)


def vector(name: str, key: str = "headers") -> tuple[str, dict[str, str]]:
    return VECTORS[name]["secret"], VECTORS[name][key]


def rejected(code: str, verify, *args) -> str:
    with pytest.raises(SignatureError) as caught:
        verify(*args)
    assert caught.value.code == code
    return caught.value.message


@pytest.mark.parametrize("name", ["ghost-post-published.json", "ghost-post-published-clean.json"])
def test_ghost_vectors(name):
    secret, headers = vector(name)
    now = int(headers["X-Ghost-Signature"].rsplit("t=", 1)[1]) / 1000  # milliseconds
    assert signatures.ghost(delivery(name, headers), [secret], now, WINDOW) == Verified("ghost")
    assert signatures.ghost(delivery(name, headers), [secret], now + WINDOW, WINDOW) == Verified("ghost")
    assert "outside the 300 s replay window" in rejected("stale-signature", signatures.ghost, delivery(name, headers), [secret], now + WINDOW + 1, WINDOW)
    rejected("invalid-signature", signatures.ghost, delivery(name, headers), ["another-secret"], now, WINDOW)
    rejected("invalid-signature", signatures.ghost, delivery(name, headers, body=b"{}"), [secret], now, WINDOW)
    rejected("malformed-signature", signatures.ghost, delivery(name, {"X-Ghost-Signature": "sha256=zz, t=1"}), [secret], now, WINDOW)


def test_ghost_legacy_body_only_signature_is_an_opt_in_deduplicated_by_body():
    name = "ghost-post-published.json"
    secret, headers = vector(name)
    legacy = {"X-Ghost-Signature": f"sha256={VECTORS[name]['legacy_body_only_signature_hex']}, t=1"}
    rejected("invalid-signature", signatures.ghost, delivery(name, legacy), [secret], 0, WINDOW)
    verified = signatures.ghost(delivery(name, legacy), [secret], 0, WINDOW, legacy=True)
    assert verified.scheme == "ghost-legacy"
    assert verified.replay_key == hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["wordpress-post-published.json", "wordpress-wp-webhooks-post-create.json"])
def test_wordpress_body_hmac_vectors_carry_a_replay_key(name):
    secret, headers = vector(name)
    verified = signatures.wordpress(delivery(name, headers), [secret], 0, WINDOW)
    assert verified.replay_key == hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
    woo = {"X-WC-Webhook-Signature": headers["X-WP-Webhook-Signature"]}
    assert signatures.wordpress(delivery(name, woo), [secret], 0, WINDOW).replay_key == verified.replay_key
    rejected("invalid-signature", signatures.wordpress, delivery(name, headers), ["wrong"], 0, WINDOW)
    rejected("malformed-signature", signatures.wordpress, delivery(name, {"X-WP-Webhook-Signature": "not base64!"}), [secret], 0, WINDOW)


def test_generic_pubcheck_signature_vector_and_rotation():
    name = "wordpress-post-published.json"
    secret, headers = vector(name, "headers_proposed_generic")
    now = 1795443247  # seconds
    assert signatures.generic(delivery(name, headers), [secret], now, WINDOW) == Verified("pubcheck")
    rejected("stale-signature", signatures.generic, delivery(name, headers), [secret], now - WINDOW - 1, WINDOW)
    # the sender rotating: an old and a new signature side by side; the receiver rotating: two secrets
    t, good = headers["X-Pubcheck-Signature"].split(",")
    rotating = {"X-Pubcheck-Signature": f"{t},sha256={'0' * 64},{good}"}
    assert signatures.generic(delivery(name, rotating), ["old-secret", secret], now, WINDOW).scheme == "pubcheck"
    rejected("malformed-signature", signatures.generic, delivery(name, {"X-Pubcheck-Signature": "sha256=abc"}), [secret], now, WINDOW)
    rejected("malformed-signature", signatures.generic, delivery(name, {"X-Pubcheck-Signature": f"{t},{t},{good}"}), [secret], now, WINDOW)
    body = b'{"content": "x"}'
    signed = {"X-Pubcheck-Signature": signatures.sign_generic("s", body, 1000)}
    assert signatures.generic(delivery(name, signed, body=body), ["s"], 1000, WINDOW).scheme == "pubcheck"


def test_contentful_vector_signs_method_path_and_listed_headers():
    name = "contentful-entry-publish.json"
    secret, headers = vector(name)
    path = VECTORS[name]["path"]
    now = int(headers["x-contentful-timestamp"]) / 1000
    assert signatures.contentful(delivery(name, headers, path=path), [secret], now, WINDOW) == Verified("contentful")
    rejected("invalid-signature", signatures.contentful, delivery(name, headers, path="/elsewhere"), [secret], now, WINDOW)
    changed = {**headers, "x-contentful-topic": "ContentManagement.Entry.delete"}
    rejected("invalid-signature", signatures.contentful, delivery(name, changed, path=path), [secret], now, WINDOW)
    rejected("stale-signature", signatures.contentful, delivery(name, headers, path=path), [secret], now + WINDOW + 1, WINDOW)
    unsigned_time = {**headers, "x-contentful-signed-headers": "content-type,x-contentful-topic"}
    rejected("malformed-signature", signatures.contentful, delivery(name, unsigned_time, path=path), [secret], now, WINDOW)


def test_strapi_static_bearer_token():
    name = "strapi-entry-publish.json"
    secret, headers = vector(name)
    verified = signatures.strapi(delivery(name, headers), [secret], 0, WINDOW)
    assert verified.replay_key and verified.scheme == "strapi-bearer"
    rejected("invalid-signature", signatures.strapi, delivery(name, {"Authorization": "Bearer guess"}), [secret], 0, WINDOW)
    rejected("malformed-signature", signatures.strapi, delivery(name, {"Authorization": f"Basic {secret}"}), [secret], 0, WINDOW)


def test_sanity_vector():
    name = "sanity-document.json"
    secret, headers = vector(name)
    now = int(headers["sanity-webhook-signature"].split(",")[0][2:]) / 1000
    assert signatures.sanity(delivery(name, headers), [secret], now, WINDOW) == Verified("sanity")
    rejected("invalid-signature", signatures.sanity, delivery(name, headers), ["wrong"], now, WINDOW)
    rejected("stale-signature", signatures.sanity, delivery(name, headers), [secret], now - WINDOW - 1, WINDOW)
    rejected("malformed-signature", signatures.sanity, delivery(name, {"sanity-webhook-signature": "v1=abc"}), [secret], now, WINDOW)


def test_an_endpoint_checks_its_own_scheme_else_the_generic_one():
    ghost = signatures.Scheme(("X-Ghost-Signature",), signatures.ghost)
    name = "ghost-post-published.json"
    secret, headers = vector(name)
    now = int(headers["X-Ghost-Signature"].rsplit("t=", 1)[1]) / 1000
    assert signatures.verify(ghost, delivery(name, headers), [secret], now, WINDOW).scheme == "ghost"
    body = (SAMPLES / name).read_bytes()
    generic = {"X-Pubcheck-Signature": signatures.sign_generic(secret, body, int(now))}
    assert signatures.verify(ghost, delivery(name, generic), [secret], now, WINDOW).scheme == "pubcheck"
    message = rejected("missing-signature", signatures.verify, ghost, delivery(name, {}), [secret], now, WINDOW)
    assert message == "missing signature: expected X-Ghost-Signature or X-Pubcheck-Signature"
    rejected("missing-signature", signatures.verify, None, delivery(name, headers), [secret], now, WINDOW)


def test_replay_cache_is_shared_between_processes_and_forgets_after_the_window(tmp_path):
    clock = [1000.0]
    first = ReplayCache(tmp_path / "replay.sqlite3", 300, lambda: clock[0])
    second = ReplayCache(tmp_path / "replay.sqlite3", 300, lambda: clock[0])  # another worker process
    assert first.claim("wordpress:abc")
    assert not second.claim("wordpress:abc")
    second.release("wordpress:abc")  # our own failure: the sender's retry must get through
    assert first.claim("wordpress:abc")
    clock[0] += 301
    assert second.claim("wordpress:abc")
    first.close()
    second.close()

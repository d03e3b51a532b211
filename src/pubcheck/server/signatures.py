"""Webhook signature schemes: one verifier per CMS, all built on one HMAC and one constant-time compare.

Verifiers read the request exactly as received (method, path, headers, raw body bytes): the
signatures cover those bytes, never re-serialised JSON. Schemes that sign a timestamp are held to
a replay window around ``now`` (passed in, so tests can inject a clock). The schemes that sign no
timestamp — the WordPress plugins' body HMAC, Strapi's static bearer token, Ghost's pre-2024 body
HMAC — return a ``replay_key`` (a hash of the signed body) so the caller can refuse a replay
inside the window instead (see replay.py). A header the sender does not sign (a delivery id) is
never used as that key: an attacker could change it.

Several secrets may be configured per endpoint (rotation): a signature made with any of them passes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

GENERIC_HEADER = "x-pubcheck-signature"


@dataclass(frozen=True)
class Delivery:
    """A request as received. ``path`` includes ``?query`` when there is one; header names are lower case."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Verified:
    scheme: str
    replay_key: str | None = None  # set for schemes that sign no timestamp


class SignatureError(Exception):
    """The request is not authentic. ``code`` is the API error code (all answered with 401)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


Verifier = Callable[[Delivery, Sequence[str], float, float], Verified]


# -- the shared primitives ---------------------------------------------------------------------


def hmac_sha256(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def _signed_by_any(secrets: Sequence[str], message: bytes, given: Sequence[bytes]) -> bool:
    """Whether any given signature is the HMAC of ``message`` under any secret, compared in constant time."""
    expected = [hmac_sha256(secret, message) for secret in secrets]
    return any(hmac.compare_digest(mac, candidate) for mac in expected for candidate in given)


def _fresh(timestamp: float, now: float, window: float, header: str) -> None:
    if abs(now - timestamp) > window:
        raise SignatureError(
            "stale-signature",
            f"{header} timestamp is {abs(now - timestamp):.0f} s from the server clock, outside the {window:g} s replay window",
        )


def body_key(body: bytes) -> str:
    """The replay key of a scheme without a timestamp: the signed bytes themselves."""
    return hashlib.sha256(body).hexdigest()


def _header(delivery: Delivery, name: str) -> str:
    value = delivery.headers.get(name)
    if value is None:
        raise SignatureError("missing-signature", f"missing {name} header")
    return value.strip()


def _malformed(name: str, expected: str) -> SignatureError:
    return SignatureError("malformed-signature", f"{name} header is malformed; expected {expected}")


def _invalid(name: str) -> SignatureError:
    return SignatureError("invalid-signature", f"{name} does not match the request body and the configured secret")


# -- the schemes -------------------------------------------------------------------------------

_GENERIC_FIELD = re.compile(r"^\s*(t|sha256)=([0-9a-f]+)\s*$")


def generic(delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """``X-Pubcheck-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>." + body>``.

    Several ``sha256=`` entries may be sent while the sender rotates its secret.
    """
    name = "X-Pubcheck-Signature"
    header = _header(delivery, GENERIC_HEADER)
    fields = [_GENERIC_FIELD.match(part) for part in header.split(",")]
    if not all(fields):
        raise _malformed(name, "t=<unix seconds>,sha256=<hex>")
    stamps = [m.group(2) for m in fields if m.group(1) == "t"]
    signatures = [bytes.fromhex(m.group(2)) for m in fields if m.group(1) == "sha256" and len(m.group(2)) == 64]
    if len(stamps) != 1 or not signatures:
        raise _malformed(name, "t=<unix seconds>,sha256=<hex>")
    if not _signed_by_any(secrets, f"{stamps[0]}.".encode() + delivery.body, signatures):
        raise _invalid(name)
    _fresh(int(stamps[0]), now, window, name)
    return Verified("pubcheck")


def sign_generic(secret: str, body: bytes, timestamp: int) -> str:
    """The ``X-Pubcheck-Signature`` value for ``body`` (what the callback sends, and what senders must compute)."""
    return f"t={timestamp},sha256={hmac_sha256(secret, f'{timestamp}.'.encode() + body).hex()}"


_GHOST = re.compile(r"^sha256=([0-9a-f]{64}), ?t=(\d{1,16})$")


def ghost(delivery: Delivery, secrets: Sequence[str], now: float, window: float, *, legacy: bool = False) -> Verified:
    """``X-Ghost-Signature: sha256=<hex>, t=<ms>``: HMAC of the raw body immediately followed by the digits of t.

    Ghost before PR #20500 (July 2024) signed the body alone and sent ``t`` unsigned; with
    ``legacy`` that form is accepted too, de-duplicated by body since its timestamp proves nothing.
    """
    name = "X-Ghost-Signature"
    match = _GHOST.match(_header(delivery, "x-ghost-signature"))
    if not match:
        raise _malformed(name, "sha256=<64 hex digits>, t=<milliseconds>")
    signature, stamp = [bytes.fromhex(match.group(1))], match.group(2)
    if _signed_by_any(secrets, delivery.body + stamp.encode(), signature):
        _fresh(int(stamp) / 1000, now, window, name)
        return Verified("ghost")
    if legacy and _signed_by_any(secrets, delivery.body, signature):
        return Verified("ghost-legacy", replay_key=body_key(delivery.body))
    raise _invalid(name)


_WORDPRESS_HEADERS = {"x-wp-webhook-signature": "X-WP-Webhook-Signature", "x-wc-webhook-signature": "X-WC-Webhook-Signature"}


def wordpress(delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """WP Webhooks ``X-WP-Webhook-Signature`` / WooCommerce ``X-WC-Webhook-Signature``: base64 HMAC of the body.

    No timestamp is signed, so the delivery is de-duplicated by its body inside the window.
    """
    name = next((h for h in _WORDPRESS_HEADERS if h in delivery.headers), "x-wp-webhook-signature")
    label = _WORDPRESS_HEADERS[name]
    try:
        signature = base64.b64decode(_header(delivery, name), validate=True)
    except binascii.Error:
        raise _malformed(label, "base64 of the HMAC-SHA256 of the body") from None
    if not _signed_by_any(secrets, delivery.body, [signature]):
        raise _invalid(label)
    return Verified("wordpress-body-hmac", replay_key=body_key(delivery.body))


def strapi(delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """``Authorization: Bearer <token>``: Strapi signs nothing, it sends a static header set on the webhook.

    The token is compared in constant time; the delivery is de-duplicated by its body.
    """
    scheme, _, token = _header(delivery, "authorization").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _malformed("Authorization", "Bearer <token>")
    given = token.strip().encode()
    if not any(hmac.compare_digest(secret.encode(), given) for secret in secrets):
        raise SignatureError("invalid-signature", "the Authorization bearer token does not match the configured token")
    return Verified("strapi-bearer", replay_key=body_key(delivery.body))


_SANITY = re.compile(r"^t=(\d{1,16})[, ]+v1=([A-Za-z0-9_-]+)$")


def sanity(delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """``sanity-webhook-signature: t=<ms>,v1=<base64url, no padding, of HMAC-SHA256 of "<t>." + body>``."""
    name = "sanity-webhook-signature"
    match = _SANITY.match(_header(delivery, name))
    if not match:
        raise _malformed(name, "t=<milliseconds>,v1=<base64url>")
    stamp, encoded = match.groups()
    try:
        signature = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except binascii.Error:
        raise _malformed(name, "t=<milliseconds>,v1=<base64url>") from None
    if not _signed_by_any(secrets, f"{stamp}.".encode() + delivery.body, [signature]):
        raise _invalid(name)
    _fresh(int(stamp) / 1000, now, window, name)
    return Verified("sanity")


def contentful(delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """Contentful request verification: ``x-contentful-signature`` over method, path, signed headers and body.

    The canonical request is ``METHOD\\npath\\nname:value;name:value…\\nbody`` with the headers
    listed in ``x-contentful-signed-headers`` (lower-cased, trimmed, sorted by name). The list
    must include ``x-contentful-timestamp`` (milliseconds): without it the replay window means nothing.
    """
    name = "x-contentful-signature"
    given = _header(delivery, name)
    listed = sorted({n.strip().lower() for n in _header(delivery, "x-contentful-signed-headers").split(",") if n.strip()})
    stamp = _header(delivery, "x-contentful-timestamp")
    if "x-contentful-timestamp" not in listed or not stamp.isdigit() or not re.fullmatch(r"[0-9a-f]{64}", given):
        raise _malformed(name, "64 hex digits, with x-contentful-timestamp among x-contentful-signed-headers")
    missing = [n for n in listed if n not in delivery.headers]
    if missing:
        raise SignatureError("invalid-signature", f"signed header {missing[0]} is not in the request")
    headers = ";".join(f"{n}:{delivery.headers[n].strip()}" for n in listed)
    canonical = f"{delivery.method.upper()}\n{delivery.path}\n{headers}\n".encode() + delivery.body
    if not _signed_by_any(secrets, canonical, [bytes.fromhex(given)]):
        raise _invalid(name)
    _fresh(int(stamp) / 1000, now, window, "x-contentful-timestamp")
    return Verified("contentful")


@dataclass(frozen=True)
class Scheme:
    """A CMS's own signature scheme: the header(s) that carry it, as the CMS spells them, and its verifier."""

    headers: tuple[str, ...]
    verifier: Verifier

    def present(self, delivery: Delivery) -> bool:
        return any(name.lower() in delivery.headers for name in self.headers)


def verify(native: Scheme | None, delivery: Delivery, secrets: Sequence[str], now: float, window: float) -> Verified:
    """Check the endpoint's own scheme when its header is present, else the generic ``X-Pubcheck-Signature``.

    ``native`` is None for ``/v1/lint``, which has only the generic scheme.
    """
    if native is not None and native.present(delivery):
        return native.verifier(delivery, secrets, now, window)
    if GENERIC_HEADER in delivery.headers:
        return generic(delivery, secrets, now, window)
    expected = " or ".join([*(native.headers if native else ()), "X-Pubcheck-Signature"])
    raise SignatureError("missing-signature", f"missing signature: expected {expected}")

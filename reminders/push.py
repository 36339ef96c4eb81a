"""Web Push (RFC 8030) with VAPID (RFC 8292), the message encrypted as RFC 8291 says, by pywebpush.

The message says only that a check-in is due, never anything from the journal:
it passes through the browser maker's push service.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from py_vapid import Vapid
from py_vapid.utils import b64urlencode
from pywebpush import WebPushException, webpush

# What a reminder says (no health data); the service worker shows it.
REMINDER = {
    "title": "ROS1 Companion",
    "body": "Your weekly check-in is due.",
    "url": "/journal/",
    "tag": "weekly-checkin",
}
# A reminder older than a day is of no use: the push service may drop it then.
TTL_SECONDS = 24 * 60 * 60


def vapid_key() -> Vapid | None:
    """The server's VAPID key from WEBPUSH_VAPID_PRIVATE_KEY, or None when push is off."""
    raw = settings.WEBPUSH_VAPID_PRIVATE_KEY
    return Vapid.from_string(private_key=raw) if raw else None


def vapid_public_key() -> str | None:
    """The applicationServerKey a browser subscribes with: the public point, base64url."""
    key = vapid_key()
    if key is None:
        return None
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    point = key.public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return b64urlencode(point)


def endpoint_allowed(endpoint: str) -> bool:
    """An https address on a push service's host: the server posts to nothing else."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        return False
    return any(host == h or host.endswith("." + h) for h in settings.WEBPUSH_ENDPOINT_HOSTS)


class Gone(Exception):
    """The push service says the subscription no longer exists (404 or 410)."""


def push_send(*, endpoint: str, p256dh: str, auth: str, message: dict) -> None:
    """Sends one encrypted message; Gone when the subscription has expired."""
    key = vapid_key()
    if key is None:
        raise RuntimeError("WEBPUSH_VAPID_PRIVATE_KEY is not set")
    try:
        webpush(
            subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=json.dumps(message),
            vapid_private_key=key,
            vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
            content_encoding="aes128gcm",
            ttl=TTL_SECONDS,
            timeout=10,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in (404, 410):
            raise Gone from exc
        raise

"""Web Push reminders against a push receiver run in the test, over TLS, that decrypts them.

The receiver holds its own P-256 key and auth secret as a browser does,
decrypts each message (RFC 8291, aes128gcm, with http_ece) and checks the
VAPID JWT (RFC 8292) against the key the server publishes.
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import json
import os
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID
from django.utils import timezone

from accounts.models import SignIn
from accounts.services import account_erase
from reminders.models import PushSubscription
from reminders.push import REMINDER, vapid_public_key
from reminders.services import reminders_send
from tests.support import checkin, push_ok, token_client, upsert

SCHEDULE = "/api/v1/reminders/schedule"
KEY = "/api/v1/reminders/push/key"
SUBSCRIPTIONS = "/api/v1/reminders/push/subscriptions"
SUBJECT = "mailto:reminders@example.org"

pytestmark = pytest.mark.django_db


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _self_signed(directory: str) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return cert_path, key_path


class Receiver:
    """A push service and a browser in one: keeps what it is sent, answers `status`."""

    def __init__(self, cert_path: str, key_path: str):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth_secret = os.urandom(16)
        self.received: list[dict] = []
        self.status = 201
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the stdlib's name
                length = int(self.headers.get("Content-Length") or 0)
                receiver.received.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": self.rfile.read(length),
                    }
                )
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"https://127.0.0.1:{self.server.server_address[1]}"

    def subscription(self, name: str) -> dict:
        """What a browser's PushSubscription.toJSON() gives."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": f"{self.origin}/push/{name}",
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth_secret)},
        }

    def decrypt(self, message: dict) -> dict:
        assert message["headers"]["content-encoding"] == "aes128gcm"
        plain = http_ece.decrypt(
            message["body"],
            private_key=self.private_key,
            auth_secret=self.auth_secret,
            version="aes128gcm",
        )
        return json.loads(plain)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings, monkeypatch):
    from py_vapid import Vapid

    vapid = Vapid()
    vapid.generate_keys()
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    settings.WEBPUSH_VAPID_PRIVATE_KEY = b64url(private)
    settings.WEBPUSH_VAPID_SUBJECT = SUBJECT
    # The receiver's host is the one push service this test's server may post to.
    settings.WEBPUSH_ENDPOINT_HOSTS = ["127.0.0.1"]
    with tempfile.TemporaryDirectory() as directory:
        cert_path, key_path = _self_signed(directory)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert_path)
        running = Receiver(cert_path, key_path)
        yield running
        running.stop()


def _due_now(client):
    """A check-in day of today at midnight UTC: due, and within the day it may be sent."""
    today = timezone.now().astimezone(datetime.UTC)
    response = client.put(
        SCHEDULE, {"weekday": today.weekday(), "hour": 0, "timezone": "UTC"}, format="json"
    )
    assert response.status_code == 200


def _subscribe(client, receiver, name="alice"):
    response = client.post(SUBSCRIPTIONS, receiver.subscription(name), format="json")
    assert response.status_code == 201, response.content
    return response


def _verify_vapid(header: str, *, audience: str) -> dict:
    """RFC 8292: `vapid t=<JWT>, k=<key>`; the JWT is ES256, signed by `k`'s private key."""
    scheme, _, params = header.partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == vapid_public_key()
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(fields["k"]))
    head, claims, signature = fields["t"].split(".")
    assert json.loads(unb64url(head)) == {"typ": "JWT", "alg": "ES256"}
    raw = unb64url(signature)
    assert len(raw) == 64
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    body = json.loads(unb64url(claims))
    assert body["aud"] == audience
    assert body["sub"] == SUBJECT
    assert time.time() < body["exp"] <= time.time() + 24 * 60 * 60
    with pytest.raises(InvalidSignature):
        public.verify(der, f"{head}.{claims}x".encode(), ec.ECDSA(hashes.SHA256()))
    return body


def test_it_publishes_its_vapid_public_key(alice_api, receiver):
    key = alice_api.get(KEY).json()["public_key"]
    point = unb64url(key)
    assert len(point) == 65 and point[0] == 4  # an uncompressed P-256 point
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)


def test_a_due_patient_gets_one_encrypted_reminder_with_no_health_data(alice, alice_api, receiver):
    push_ok(
        alice_api,
        [
            upsert(
                "side_effects",
                {
                    "term": "fatigue",
                    "severity": 3,
                    "onset_date": "2026-02-01",
                    "notes": "ALICE-NOTE",
                },
            )
        ],
    )
    _due_now(alice_api)
    _subscribe(alice_api, receiver)

    assert reminders_send() == 1
    (message,) = receiver.received
    assert message["path"] == "/push/alice"
    assert int(message["headers"]["ttl"]) > 0
    _verify_vapid(message["headers"]["authorization"], audience=receiver.origin)
    assert receiver.decrypt(message) == REMINDER
    # Nothing of the journal is in the message, even before encryption.
    text = json.dumps(REMINDER).lower()
    for word in ("fatigue", "tired", "alice-note", "severity", alice.email.lower()):
        assert word not in text
    # Once per due day.
    assert reminders_send() == 0
    assert len(receiver.received) == 1


def test_a_patient_who_did_this_weeks_checkin_is_not_reminded(alice_api, receiver):
    _due_now(alice_api)
    _subscribe(alice_api, receiver)
    today = timezone.now().date().isoformat()
    push_ok(alice_api, [upsert("checkins", checkin(date=today))], schema=2)
    assert reminders_send() == 0
    assert receiver.received == []


def test_a_patient_whose_day_is_not_today_is_not_reminded(alice_api, receiver):
    tomorrow = (timezone.now().astimezone(datetime.UTC) + datetime.timedelta(days=1)).weekday()
    alice_api.put(SCHEDULE, {"weekday": tomorrow, "hour": 0, "timezone": "UTC"}, format="json")
    _subscribe(alice_api, receiver)
    assert reminders_send() == 0


def test_each_install_of_the_patient_gets_its_own_reminder(alice, alice_api, receiver):
    _due_now(alice_api)
    _subscribe(alice_api, receiver, "phone")
    _subscribe(token_client(alice), receiver, "laptop")
    assert reminders_send() == 2
    assert sorted(m["path"] for m in receiver.received) == ["/push/laptop", "/push/phone"]
    for message in receiver.received:
        assert receiver.decrypt(message) == REMINDER


def test_a_subscription_the_push_service_says_is_gone_is_deleted(alice_api, receiver):
    _due_now(alice_api)
    _subscribe(alice_api, receiver)
    receiver.status = 410
    assert reminders_send() == 0
    assert not PushSubscription.objects.exists()


def test_unsubscribing_deletes_it(alice_api, receiver):
    _subscribe(alice_api, receiver)
    endpoint = receiver.subscription("alice")["endpoint"]
    assert alice_api.delete(SUBSCRIPTIONS, {"endpoint": endpoint}, format="json").status_code == 204
    assert not PushSubscription.objects.exists()


def test_signing_out_deletes_that_installs_subscription_only(alice, alice_api, receiver):
    _subscribe(alice_api, receiver, "phone")
    laptop = token_client(alice)
    _subscribe(laptop, receiver, "laptop")
    assert alice_api.delete("/api/v1/auth/token").status_code == 204  # the phone signs out
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        receiver.subscription("laptop")["endpoint"]
    ]
    assert SignIn.objects.filter(user=alice).count() == 1


def test_erasing_the_account_deletes_every_subscription(alice, alice_api, receiver):
    _subscribe(alice_api, receiver)
    account_erase(user=alice)
    assert not PushSubscription.objects.exists()


def test_bob_cannot_unsubscribe_alice(alice_api, bob_api, receiver):
    _subscribe(alice_api, receiver)
    endpoint = receiver.subscription("alice")["endpoint"]
    bob_api.delete(SUBSCRIPTIONS, {"endpoint": endpoint}, format="json")
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1/push/x",  # not https
        "https://internal.example.org/push/x",  # not a push service
        "https://127.0.0.1.evil.example/push/x",
        "ftp://127.0.0.1/x",
        42,
    ],
)
def test_it_refuses_an_endpoint_that_is_not_a_push_services_https_address(
    alice_api, receiver, endpoint
):
    body = {**receiver.subscription("alice"), "endpoint": endpoint}
    response = alice_api.post(SUBSCRIPTIONS, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["endpoint"]
    assert not PushSubscription.objects.exists()


def test_it_refuses_a_subscription_without_its_keys(alice_api, receiver):
    body = {**receiver.subscription("alice"), "keys": {"p256dh": ""}}
    response = alice_api.post(SUBSCRIPTIONS, body, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"keys.p256dh", "keys.auth"}


def test_without_a_vapid_key_the_server_offers_no_push(alice_api, settings):
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert alice_api.get(KEY).json()["error"] == "push_not_configured"

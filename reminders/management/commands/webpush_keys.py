"""Makes a VAPID key pair for Web Push reminders and prints it as environment lines."""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management.base import BaseCommand
from py_vapid import Vapid
from py_vapid.utils import b64urlencode


class Command(BaseCommand):
    help = "Print a new VAPID key pair (WEBPUSH_VAPID_PRIVATE_KEY) for the push reminders."

    def handle(self, *args, **options):
        key = Vapid()
        key.generate_keys()
        private = key.private_key.private_numbers().private_value.to_bytes(32, "big")
        public = key.public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={b64urlencode(private)}")
        self.stdout.write(f"# public key (applicationServerKey): {b64urlencode(public)}")
        self.stdout.write("# Keep the private key secret; changing it ends every subscription.")

"""Writes to accounts: patient sign-up, bearer tokens, devices, erasure, the second factor."""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import re
import secrets
import threading
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, Device, SignIn
from accounts.selectors import STAFF_MEMBERSHIP_ATTR, staff_membership_sql
from clinics.models import ClinicMembership
from ros1site.errors import InvalidInput, NotAllowed
from ros1site.prepared_sql import prepared_cursor
from tracker.models import SyncState
from tracker.validation import safe_text

User = get_user_model()
logger = logging.getLogger(__name__)
_SETUP_DEVICE_NAME = "authenticator app"


@dataclass(frozen=True)
class ClientInfo:
    """How the pushing install signed in, and what kind of browser it is."""

    user_agent: str = ""
    token_id: int | None = None
    session_key: str = ""


# -- Devices ---------------------------------------------------------------


def device_values(client: ClientInfo) -> dict[str, Any]:
    return {
        "user_agent": client.user_agent[:100],
        "token_id": client.token_id,
        "session_key": client.session_key or "",
    }


def device_seen(*, user, client_id: str, client: ClientInfo, now) -> None:
    """Remembers that this install synced the user's journal, and how it signed in."""
    values = {"last_seen": now, **device_values(client)}
    if not Device.objects.filter(user=user, client_id=client_id).update(**values):
        Device.objects.create(user=user, client_id=client_id, first_seen=now, **values)
    # The sign-in list names the install each sign-in pushed from, and its browser.
    sign_in = {"client_id": client_id, "user_agent": client.user_agent[:100]}
    if client.token_id is not None:
        SignIn.objects.filter(user=user, token_id=client.token_id).update(**sign_in)
    elif client.session_key:
        SignIn.objects.filter(user=user, session_key=client.session_key).update(**sign_in)


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def user_agent_summary(header: str) -> str:
    """'Firefox on Android' from a User-Agent header: what kind of browser, nothing more."""
    browser = next((name for key, name in _BROWSERS if key in header), "")
    system = next((name for key, name in _SYSTEMS if key in header), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or system
    # Other clients (a native app, a script): its product name only.
    match = re.match(r"[A-Za-z][\w.-]{0,40}", header)
    return match.group(0) if match else _("Unknown")


# -- Accounts and tokens ---------------------------------------------------


def _field_error(name: str, message: str) -> InvalidInput:
    return InvalidInput("invalid", _("Some fields are not valid."), fields={name: [message]})


def email_clean(value: Any) -> str:
    """The lower-cased email a user signs in with, or a 400 naming the field."""
    if not safe_text(value) or not value.strip():
        raise _field_error("email", _("Enter an email address."))
    email = value.strip().lower()
    if len(email) > User._meta.get_field("username").max_length:
        raise _field_error("email", _("This email address is too long."))
    try:
        validate_email(email)
    except ValidationError:
        raise _field_error("email", _("Enter a valid email address.")) from None
    return email


def password_clean(value: Any) -> str:
    if not safe_text(value) or not value:
        raise _field_error("password", _("Enter a password."))
    if len(value) > 4096:
        raise _field_error("password", _("This password is too long."))
    return value


@transaction.atomic
def account_register(*, email: Any, password: Any):
    """Creates a patient account whose username is the lower-cased email; the email must be free."""
    email = email_clean(email)
    password = password_clean(password)
    if (
        User.objects.filter(username=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise _field_error("email", _("An account with this email address already exists."))
    candidate = User(username=email, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise InvalidInput(
            "invalid",
            _("Some fields are not valid."),
            fields={"password": [str(m) for m in exc.messages]},
        ) from None
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise _field_error(
            "email", _("An account with this email address already exists.")
        ) from None
    SyncState.objects.create(user=candidate, last_seq=0)
    return candidate


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_create(*, user, label: Any, user_agent: str = "") -> tuple[ApiToken, str]:
    """Makes a bearer token; the key is shown once and only its hash is kept."""
    if label is None:
        label = ""
    if not safe_text(label) or len(label) > ApiToken._meta.get_field("label").max_length:
        raise _field_error("label", _("A label is text of at most 100 characters."))
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user, label=label.strip(), key_hash=_token_hash(key), created_at=now
    )
    SignIn.objects.create(
        user=user,
        kind=SignIn.Kind.TOKEN,
        token=token,
        created_at=now,
        last_seen=now,
        user_agent=user_agent[:100],
    )
    return token, key


def token_lookup(*, key: str) -> ApiToken | None:
    """The working token with this key, if any, with its user."""
    if not safe_text(key) or len(key) > 200:
        return None
    key_hash = _token_hash(key)
    if connection.vendor == "postgresql":
        return _token_lookup_sql(key_hash)
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash, revoked_at__isnull=True)
        .first()
    )


def _token_lookup_sql(key_hash: str) -> ApiToken | None:
    """The same look-up as one fixed statement on the unique key_hash index.

    Every API call makes it, and building and compiling the ORM query (with
    an ORDER BY from .first() and the join from select_related) cost more
    CPU than the rest of a trivial call. psycopg returns every column of
    these two tables as Django would (aware datetimes), so the rows become
    model instances without Django's converters.

    The same statement answers the database half of is_staff_member for
    this user, which every patient API call asks next (accounts/permissions.py):
    one round trip instead of two, and the same rule, from staff_membership_sql.
    """
    sql, params, token_fields, user_fields = _token_lookup_statement()
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    *row, staff_member = row
    token = ApiToken.from_db(connection.alias, token_fields, row[: len(token_fields)])
    token.user = get_user_model().from_db(connection.alias, user_fields, row[len(token_fields) :])
    setattr(token.user, STAFF_MEMBERSHIP_ATTR, bool(staff_member))
    return token


@functools.cache
def _token_lookup_statement() -> tuple[str, list, list[str], list[str]]:
    """The look-up's SQL, its fixed parameters, and the fields its row holds; written once."""
    user_model = get_user_model()
    token_fields = [f.attname for f in ApiToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    columns = ", ".join(
        [f't."{f.column}"' for f in ApiToken._meta.concrete_fields]
        + [f'u."{f.column}"' for f in user_model._meta.concrete_fields]
    )
    user_pk = f'u."{user_model._meta.pk.column}"'
    staff_sql, staff_params = staff_membership_sql(user_id=user_pk, is_active="u.is_active")
    sql = (
        f"SELECT {columns}, {staff_sql} "  # noqa: S608 - names from models
        f"FROM {ApiToken._meta.db_table} t "
        f"JOIN {user_model._meta.db_table} u ON {user_pk} = t.user_id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )
    return sql, staff_params, token_fields, user_fields


def token_touch(*, token: ApiToken) -> None:
    """Notes when a token was last used, at most once a minute so reads stay reads."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        SignIn.objects.filter(token_id=token.pk).update(last_seen=now)


def token_revoke(*, user, token_id: int) -> bool:
    """Revokes one of the user's own tokens; False when the user has no such token."""
    SignIn.objects.filter(user=user, token_id=token_id).delete()
    return bool(
        ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def _session_end(session_key: str) -> None:
    if session_key:
        engine = import_module(settings.SESSION_ENGINE)
        engine.SessionStore(session_key=session_key).delete()


@transaction.atomic
def device_revoke(*, user, client_id: str) -> bool:
    """Forgets one of the user's devices and ends the sign-in it last synced with."""
    device = Device.objects.filter(user=user, client_id=client_id).select_related("token").first()
    if device is None:
        return False
    if device.token_id is not None:
        ApiToken.objects.filter(pk=device.token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    _session_end(device.session_key)
    if device.session_key:
        SignIn.objects.filter(user=user, session_key=device.session_key).delete()
    device.delete()
    return True


def _last_admin_clinic_ids(user) -> list[int]:
    """The clinics of which this user is the only admin."""
    clinic_ids = ClinicMembership.objects.filter(user=user, is_clinic_admin=True).values_list(
        "clinic_id", flat=True
    )
    shared = (
        ClinicMembership.objects.filter(clinic_id__in=list(clinic_ids), is_clinic_admin=True)
        .exclude(user=user)
        .values_list("clinic_id", flat=True)
    )
    return sorted(set(clinic_ids) - set(shared))


# -- Sign-ins --------------------------------------------------------------

# A sign-in's last use is rewritten at most this often, so reads stay reads.
SIGN_IN_SEEN_RESOLUTION_SECONDS = 60


def session_sign_in_seen(
    *, user_id: int, public_id: str | None, session_key: str, user_agent: str
) -> SignIn:
    """Notes that this session is in use, making its sign-in row when it has none yet."""
    now = timezone.now()
    if public_id:
        updated = SignIn.objects.filter(
            public_id=public_id, user_id=user_id, kind=SignIn.Kind.SESSION
        ).update(last_seen=now, session_key=session_key)
        if updated:
            return SignIn(public_id=public_id, user_id=user_id, session_key=session_key)
    return SignIn.objects.create(
        user_id=user_id,
        kind=SignIn.Kind.SESSION,
        session_key=session_key,
        created_at=now,
        last_seen=now,
        user_agent=user_agent[:100],
    )


def _sign_ins_end(sign_ins) -> int:
    """Ends each of these sign-ins: its session deleted, its token revoked, its row gone."""
    ended = 0
    for sign_in in list(sign_ins):
        if sign_in.kind == SignIn.Kind.SESSION:
            _session_end(sign_in.session_key)
        elif sign_in.token_id is not None:
            ApiToken.objects.filter(pk=sign_in.token_id, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
        sign_in.delete()
        ended += 1
    return ended


@transaction.atomic
def sign_in_end(*, user, public_id: str) -> bool:
    """Ends one of the user's sign-ins at once; False when the user has no such sign-in."""
    return bool(_sign_ins_end(SignIn.objects.filter(user=user, public_id=public_id)))


def sign_in_forget(*, public_id: str) -> None:
    """Drops the row of a session that signed out (the session itself is already gone)."""
    SignIn.objects.filter(public_id=public_id, kind=SignIn.Kind.SESSION).delete()


@transaction.atomic
def sign_ins_end_all(*, user, keep_session_key: str = "", keep_token_id: int | None = None):
    """Ends every sign-in of the account but the one named; tokens without a row too.

    Sessions without a row also stop working, since a password change
    changes the hash Django checks each session against.
    """
    others = SignIn.objects.filter(user=user)
    if keep_session_key:
        others = others.exclude(kind=SignIn.Kind.SESSION, session_key=keep_session_key)
    if keep_token_id is not None:
        others = others.exclude(token_id=keep_token_id)
    _sign_ins_end(others)
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if keep_token_id is not None:
        tokens = tokens.exclude(pk=keep_token_id)
    tokens.update(revoked_at=timezone.now())


@transaction.atomic
def account_erase(*, user) -> None:
    """Erases the account and everything hanging off it: records, tokens, devices, shares.

    A clinic's last admin is refused: the clinic would be left with nobody to
    manage its staff.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    if _last_admin_clinic_ids(user):
        raise NotAllowed(
            "last_clinic_admin",
            _("This account is its clinic's only admin. Make another staff member admin first."),
        )
    names = {user.get_username().strip().lower(), (user.email or "").strip().lower()} - {""}
    session_keys = {d.session_key for d in Device.objects.filter(user=user).exclude(session_key="")}
    session_keys |= set(
        SignIn.objects.filter(user=user, kind=SignIn.Kind.SESSION).values_list(
            "session_key", flat=True
        )
    )
    session_keys |= _session_keys_of(user_id=user.pk)
    for session_key in session_keys:
        _session_end(session_key)
    # Every tracker table (and any clinic share) points at the user with
    # on_delete=CASCADE, so this one delete removes them all.
    user.delete()
    # Sign-in records name the email address, in whatever case and spacing it
    # was typed (the staff and admin forms keep it as typed); they go too.
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.annotate(_name=Lower(Trim("username"))).filter(_name__in=names).delete()


def _session_keys_of(*, user_id: int) -> set[str]:
    """The keys of every stored session signed in as this user, expired ones included.

    Sessions name their user only inside their signed, encoded data, so this
    decodes each row once, in chunks (constant memory, one query per 2,000
    rows; a few seconds for a hundred thousand sessions, on PostgreSQL and
    SQLite alike). Erasure is rare and must miss nothing: a session that
    never pushed has no Device row pointing at it.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        # A cache- or cookie-only engine keeps no table to scan.
        return set()
    decoder = store_class()
    wanted = str(user_id)
    rows = store_class.get_model_class().objects.values_list("session_key", "session_data")
    return {
        key
        for key, data in rows.iterator(chunk_size=2000)
        if str(decoder.decode(data).get(SESSION_KEY, "")) == wanted
    }


# -- Passwords ---------------------------------------------------------------


def new_password_clean(value: Any, *, user, field: str = "new_password") -> str:
    """A new password Django's validators accept, or a 400 naming `field`."""
    if not safe_text(value) or not value:
        raise _field_error(field, _("Enter a new password."))
    if len(value) > 4096:
        raise _field_error(field, _("This password is too long."))
    try:
        validate_password(value, user=user)
    except ValidationError as exc:
        raise InvalidInput(
            "invalid", _("Some fields are not valid."), fields={field: list(exc.messages)}
        ) from None
    return value


@transaction.atomic
def password_change(*, user, new_password: Any) -> None:
    """Sets a new password; the caller then ends the sign-ins that must not outlive it."""
    user.set_password(new_password_clean(new_password, user=user))
    user.save(update_fields=["password"])


# Mails per address, and per client address, in an hour: enough for a lost
# mail or two, too few to fill someone's inbox.
RESET_MAILS_PER_EMAIL = 3
RESET_MAILS_PER_CLIENT = 20
_RESET_WINDOW_SECONDS = 60 * 60


def _within_reset_limit(kind: str, value: str, limit: int) -> bool:
    from django.core.cache import cache

    key = f"pwreset:{kind}:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"
    cache.add(key, 0, _RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _RESET_WINDOW_SECONDS)
        return True


def _send_quietly(message) -> None:
    try:
        message.send()
    except Exception:  # noqa: BLE001 - a lost mail must not be told apart by the caller
        # Never the address: it would say who has an account.
        logger.exception("A password-reset mail could not be sent.")


def _reset_form():
    from django.contrib.auth.forms import PasswordResetForm

    class ResetForm(PasswordResetForm):
        """Django's, but the mail is sent on a thread of its own.

        Talking to the SMTP server takes long enough to be timed: sent in the
        request, it would tell an address with an account from one without.
        """

        def send_mail(self, subject_template_name, email_template_name, context, from_email,
                      to_email, html_email_template_name=None):  # fmt: skip
            from django.core.mail import EmailMultiAlternatives
            from django.template import loader

            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            message = EmailMultiAlternatives(subject, body, from_email, [to_email])
            threading.Thread(target=_send_quietly, args=(message,), daemon=True).start()

    return ResetForm


def password_reset_request(*, email: Any, request, client: str) -> None:
    """Mails a one-hour, single-use link to each account of this address; nothing else.

    It neither says nor hints whether the address has an account: the caller
    answers the same whatever happens here, a throttled request included.
    """
    if not isinstance(email, str) or not safe_text(email) or len(email) > 254:
        raise _field_error("email", _("Enter a valid email address."))
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise _field_error("email", _("Enter a valid email address.")) from None
    if not _within_reset_limit("email", address, RESET_MAILS_PER_EMAIL):
        return
    if client and not _within_reset_limit("client", client, RESET_MAILS_PER_CLIENT):
        return
    form = _reset_form()({"email": address})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="accounts/password_reset_subject.txt",
            email_template_name="accounts/password_reset_email.txt",
        )


# -- The second factor ------------------------------------------------------


def totp_enabled(*, user) -> bool:
    """Whether the account signs in with an authenticator's code as well as its password."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_begin(*, user) -> dict[str, str]:
    """A new authenticator for the app to show: its otpauth URI, QR (SVG) and secret."""
    import segno

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = totp_setup_device(user=user)
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return {
        "otpauth_uri": device.config_url,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, title=_("QR code for your authenticator app")
        ),
        "secret": secret,
    }


@transaction.atomic
def totp_disable(*, user) -> None:
    """Turns the second factor off: every authenticator of the account is forgotten."""
    TOTPDevice.objects.filter(user=user).delete()


# -- The second factor (staff pages too) -------------------------------------


@transaction.atomic
def totp_setup_device(*, user) -> TOTPDevice:
    """The unconfirmed authenticator this user is setting up (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_SETUP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, user, token: str) -> TOTPDevice | None:
    """Confirms the authenticator being set up when the code matches; None otherwise."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None or not _token_ok(token) or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One authenticator per account: the new one replaces any older ones.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device


@transaction.atomic
def totp_verify(*, user, token: str) -> TOTPDevice | None:
    """The confirmed authenticator that produced this code, or None."""
    if not _token_ok(token):
        return None
    for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


def totp_wait_seconds(*, user, confirmed: bool = True) -> int:
    """Seconds until the authenticator accepts codes again after wrong ones; 0 when it does now.

    django-otp doubles the wait after each wrong code and, while it lasts,
    refuses even the right one; saying so spares staff from doubting a code
    that is right.
    """
    wait = 0.0
    for device in TOTPDevice.objects.filter(user=user, confirmed=confirmed):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            wait = max(wait, (details["locked_until"] - timezone.now()).total_seconds())
    return math.ceil(wait)


def _token_ok(token: str) -> bool:
    token = (token or "").strip()
    return token.isdigit() and len(token) in (6, 8)

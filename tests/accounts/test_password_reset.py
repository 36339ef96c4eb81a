"""Forgotten passwords: a one-hour, single-use link, mailed through a real SMTP server.

The mail goes through Django's SMTP backend to an aiosmtpd server that the
test starts, so that what is tested is what production sends.
"""

from __future__ import annotations

import datetime
import re
import threading
import time
import types
from urllib.parse import urlsplit

import django.core.cache.backends.base as cache_base
import django.core.cache.backends.locmem as cache_locmem
import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.support import PASSWORD, token_client

RESET = "/api/v1/auth/password-reset"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"
NEW = "plum-orchard-velvet-42"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _ask(address: str):
    return APIClient().post(RESET, {"email": address}, format="json")


def _link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    (url,) = re.findall(r"https?://\S+", body)
    return urlsplit(url).path


def _set_password(client, link: str, password: str = NEW):
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert b"Choose a new password" in page.content
    return client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def test_it_mails_a_link_that_sets_a_new_password(alice, smtp, client):
    response = _ask("Alice@Example.com")
    assert response.status_code == 202
    (message,) = smtp.wait(1)
    assert message["To"] == "alice@example.com"
    assert "new password" in message["Subject"]
    done = _set_password(client, _link(message))
    assert done.status_code == 302
    assert done["Location"] == "/account/reset/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_an_unknown_address_answers_the_same_bytes_and_sends_nothing(alice, smtp):
    known = _ask("alice@example.com")
    unknown = _ask("nobody@example.com")
    assert len(smtp.wait(1)) == 1
    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    assert dict(known.headers) == dict(unknown.headers)
    assert "Set-Cookie" not in known.headers


def test_an_address_with_an_account_answers_without_waiting_for_the_mail_server(alice, smtp):
    smtp.accepting.clear()  # the mail server holds the message until told

    answer = _ask("alice@example.com")

    # Answered while the mail is still on its way: sent in the request, the
    # answer would have waited for the server, and the message would be in.
    assert answer.status_code == 202 and smtp.messages == []
    smtp.accepting.set()
    assert len(smtp.wait(1, settle=0)) == 1


def test_the_link_works_once(alice, smtp, client):
    _ask("alice@example.com")
    link = _link(smtp.wait(1)[0])
    assert _set_password(client, link).status_code == 302
    again = APIClient().get(link, follow=True)
    assert b"does not work any more" in again.content
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_the_link_expires_after_an_hour(alice, smtp, client, monkeypatch):
    _ask("alice@example.com")
    link = _link(smtp.wait(1)[0])
    later = datetime.datetime.now() + datetime.timedelta(hours=1, seconds=5)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = client.get(link, follow=True)
    assert b"does not work any more" in page.content
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_link_still_works_just_before_the_hour(alice, smtp, client, monkeypatch):
    _ask("alice@example.com")
    link = _link(smtp.wait(1)[0])
    later = datetime.datetime.now() + datetime.timedelta(minutes=59)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    assert _set_password(client, link).status_code == 302


def test_a_new_password_ends_every_sign_in(alice, catalogue, smtp):
    browser = APIClient()
    browser.post(LOGIN, {"email": alice.email, "password": PASSWORD}, format="json")
    phone = token_client(alice)
    assert browser.get(ME).status_code == 200 and phone.get(ME).status_code == 200
    _ask("alice@example.com")
    assert _set_password(APIClient(), _link(smtp.wait(1)[0])).status_code == 302
    assert browser.get(ME).status_code in (401, 403)
    assert phone.get(ME).status_code == 401


def test_it_mails_an_address_at_most_three_times_an_hour_and_answers_alike(alice, smtp):
    answers = [_ask("alice@example.com") for _ in range(5)]
    assert len(smtp.wait(3)) == 3
    assert len({(a.status_code, a.content) for a in answers}) == 1


def test_a_malformed_address_is_a_field_error(db):
    response = _ask("not an address")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert list(response.json()["fields"]) == ["email"]


def test_staff_ask_on_their_own_page_and_it_answers_alike(carol, smtp, client):
    login = client.get("/clinic/login/")
    assert b'href="/account/password-reset/"' in login.content
    known = client.post("/account/password-reset/", {"email": carol.email})
    unknown = client.post("/account/password-reset/", {"email": "nobody@riverside.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/account/password-reset/sent/"
    (message,) = smtp.wait(1)
    assert message["To"] == carol.email
    assert _set_password(APIClient(), _link(message)).status_code == 302
    carol.refresh_from_db()
    assert carol.check_password(NEW)


def test_the_admin_login_offers_a_reset(db, client):
    page = client.get("/admin/login/")
    assert b"/admin/password-reset/" in page.content
    assert client.get("/admin/password-reset/")["Location"] == "/account/password-reset/"


def test_the_reset_pages_answer(db, client):
    for url in (
        "/account/password-reset/",
        "/account/password-reset/sent/",
        "/account/reset/done/",
    ):
        assert client.get(url).status_code == 200


def test_a_reset_asked_for_over_https_mails_an_https_link(alice, smtp):
    APIClient().post(RESET, {"email": "alice@example.com"}, format="json", secure=True)

    (message,) = smtp.wait(1, settle=0)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert re.findall(r"https?://", body) == ["https://"]


@pytest.mark.parametrize("email", [7, "alice@example.com\x00", "a" * 243 + "@example.com", "nope"])
def test_a_bad_address_answers_the_email_field_and_what_to_fix(db, email):
    response = APIClient().post(RESET, {"email": email}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid",
        "detail": "Some fields are not valid.",
        "fields": {"email": ["Enter a valid email address."]},
    }


def test_an_address_of_the_longest_length_is_taken(db):
    assert _ask("a" * 242 + "@example.com").status_code == 202


def test_an_address_may_ask_again_once_the_hour_is_over(alice, smtp, monkeypatch):
    for _ in range(4):
        _ask("alice@example.com")
    assert len(smtp.wait(3)) == 3
    # The throttle's clock (the cache's), an hour and a minute on.
    later = types.SimpleNamespace(time=lambda: time.time() + 61 * 60)
    monkeypatch.setattr(cache_base, "time", later)
    monkeypatch.setattr(cache_locmem, "time", later)

    _ask("alice@example.com")

    assert len(smtp.wait(4, settle=0)) == 4


def _later(monkeypatch, seconds: float) -> None:
    """Moves the throttle's clock (the cache's) this far on."""
    later = types.SimpleNamespace(time=lambda: time.time() + seconds)
    monkeypatch.setattr(cache_base, "time", later)
    monkeypatch.setattr(cache_locmem, "time", later)


def _expire_after_the_first_add(monkeypatch) -> None:
    """The first count the throttle makes expires at once, between its add and its incr."""
    real_add = cache.add
    pending = [True]

    def add(key, *args, **kwargs):
        added = real_add(key, *args, **kwargs)
        if pending.pop() if pending else False:
            cache.delete(key)
        return added

    monkeypatch.setattr(cache, "add", add)


def test_the_hour_is_an_hour_not_the_caches_five_minutes(alice, smtp, monkeypatch):
    for _ in range(3):
        _ask("alice@example.com")
    _later(monkeypatch, 5 * 60 + 1)

    _ask("alice@example.com")

    assert len(smtp.wait(3)) == 3


def test_a_count_that_expires_as_it_is_read_starts_again_at_one(alice, smtp, monkeypatch):
    _expire_after_the_first_add(monkeypatch)

    for _ in range(4):
        _ask("alice@example.com")

    assert len(smtp.wait(3)) == 3


def test_a_count_started_again_lasts_the_hour(alice, smtp, monkeypatch):
    _expire_after_the_first_add(monkeypatch)
    _ask("alice@example.com")
    assert len(smtp.wait(1)) == 1
    _later(monkeypatch, 5 * 60 + 1)

    for _ in range(3):
        _ask("alice@example.com")

    assert len(smtp.wait(3)) == 3


def test_a_count_started_again_ends_with_the_hour(alice, smtp, monkeypatch):
    _expire_after_the_first_add(monkeypatch)
    _ask("alice@example.com")
    assert len(smtp.wait(1)) == 1
    _later(monkeypatch, 61 * 60)

    for _ in range(3):
        _ask("alice@example.com")

    assert len(smtp.wait(4)) == 4


def test_a_mail_that_cannot_be_sent_is_logged_without_the_address(alice, caplog, monkeypatch):
    def refuse(message, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)

    with caplog.at_level("ERROR", logger="accounts.services"):
        _ask("alice@example.com")
        deadline = time.monotonic() + 10
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.02)

    assert [r.getMessage() for r in caplog.records] == ["A password-reset mail could not be sent."]
    assert "alice@example.com" not in caplog.text


def test_the_mail_is_sent_on_a_thread_that_does_not_hold_up_a_worker_stopping(
    alice, smtp, monkeypatch
):
    started = []
    real_start = threading.Thread.start

    def start(thread):
        started.append(thread)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", start)

    _ask("alice@example.com")

    assert len(smtp.wait(1)) == 1
    assert started and all(thread.daemon for thread in started)

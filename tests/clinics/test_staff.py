"""Clinic staff: invitations by email and removal (sign-in is in tests/accounts/)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from clinics.models import ClinicInvite, ClinicMembership
from tests.support import PASSWORD, password_only, signed_in, staff, token_client

NEW_PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Posts the invitation form; the email goes out on commit, as it would in production."""

    def post(client, email="newbie@riverside.example"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/clinic/staff/", {"email": email})

    return post


def _link_from_mail() -> str:
    [message] = mail.outbox
    return re.search(r"http://testserver(/clinic/invite/[^/\s]+/)", message.body).group(1)


# --- Invitations ---------------------------------------------------------------------------------


def test_it_emails_an_invitation_with_a_single_use_link(invite, carol, clinic_a):
    response = invite(signed_in(carol))

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["newbie@riverside.example"]
    assert "Riverside Lung Clinic" in message.subject
    link = _link_from_mail()
    token = link.split("/")[-2]
    invite = ClinicInvite.objects.get()
    # Only a hash of the token is stored.
    assert token not in invite.token_hash
    assert invite.expires_at - invite.created_at == datetime.timedelta(days=7)


def test_it_lets_the_invitee_choose_a_password_and_then_set_up_the_second_factor(
    invite, carol, clinic_a
):
    invite(signed_in(carol))
    link = _link_from_mail()
    newcomer = Client()

    assert "Join the staff of Riverside Lung Clinic" in newcomer.get(link).content.decode()
    response = newcomer.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/clinic/two-factor/setup/"
    user = get_user_model().objects.get(email="newbie@riverside.example")
    assert not user.is_staff
    membership = ClinicMembership.objects.get(user=user)
    assert membership.clinic == clinic_a and not membership.is_clinic_admin
    # Signed in, but the clinic's pages wait for the second factor.
    assert newcomer.get("/clinic/")["Location"].startswith("/clinic/two-factor/")


def test_it_refuses_a_used_invitation(invite, carol):
    invite(signed_in(carol))
    link = _link_from_mail()
    Client().post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = Client().post(
        link, {"password1": "another one 12345", "password2": "another one 12345"}
    )

    assert response.status_code == 410
    assert "This invitation has already been used." in response.content.decode()
    assert get_user_model().objects.filter(email="newbie@riverside.example").count() == 1


def test_it_refuses_an_expired_invitation_and_creates_nobody(invite, carol):
    invite(signed_in(carol))
    link = _link_from_mail()
    ClinicInvite.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = Client().post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    assert not get_user_model().objects.filter(email="newbie@riverside.example").exists()


@pytest.mark.parametrize("token", ["forged-token", "x" * 200, "%3Cscript%3E"])
def test_it_refuses_a_forged_invitation_link(invite, carol, token):
    invite(signed_in(carol))

    response = Client().post(
        f"/clinic/invite/{token}/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()
    assert not get_user_model().objects.filter(email="newbie@riverside.example").exists()


@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        (NEW_PASSWORD, NEW_PASSWORD + "x", "The two passwords differ."),
        ("12345678", "12345678", "This password is too common."),
    ],
)
def test_it_keeps_the_invitation_open_after_a_bad_password(
    invite, carol, password1, password2, message
):
    invite(signed_in(carol))
    link = _link_from_mail()

    response = Client().post(link, {"password1": password1, "password2": password2})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ClinicInvite.objects.get().accepted_at is None


def test_it_lets_only_a_clinics_admin_invite(invite, dave):
    response = invite(signed_in(dave))

    assert response.status_code == 403
    assert mail.outbox == []
    assert not ClinicInvite.objects.exists()


def test_it_answers_the_same_whether_or_not_the_invited_address_has_an_account(
    invite, carol, alice
):
    # A clinic must not learn from the staff page who uses the app.
    answers = [
        invite(signed_in(carol), email=email).status_code
        for email in ("ALICE@example.com", "nobody-yet@riverside.example")
    ]

    assert answers == [302, 302]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.com",
        "nobody-yet@riverside.example",
    ]


def test_it_tells_an_invitee_who_already_has_an_account_and_changes_nothing(invite, carol, alice):
    invite(signed_in(carol), email="ALICE@example.com")
    link = _link_from_mail()

    response = Client().post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert "An account with this email address already exists here" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not ClinicMembership.objects.filter(user=alice).exists()


# --- Withdrawn invitations -----------------------------------------------------------------------


def test_it_lets_an_admin_cancel_an_invitation_whose_link_then_stops_working(invite, carol):
    client = signed_in(carol)
    invite(client)
    link = _link_from_mail()
    pending = ClinicInvite.objects.get()
    assert (
        "Cancel the invitation to newbie@riverside.example"
        in client.get("/clinic/staff/").content.decode()
    )

    response = client.post(f"/clinic/staff/invitations/{pending.pk}/cancel/", follow=True)

    text = response.content.decode()
    assert "The invitation to newbie@riverside.example was cancelled" in text
    assert "Cancel the invitation to newbie@riverside.example" not in text
    refused = Client().post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert refused.status_code == 410
    assert "This invitation was withdrawn." in refused.content.decode()
    assert not get_user_model().objects.filter(email="newbie@riverside.example").exists()


def test_it_keeps_only_the_newest_link_when_an_invitation_is_sent_again(invite, carol):
    client = signed_in(carol)
    invite(client)
    first_link = _link_from_mail()
    mail.outbox.clear()

    invite(client)

    second_link = _link_from_mail()
    assert Client().get(first_link).status_code == 410
    assert Client().get(second_link).status_code == 200
    assert client.get("/clinic/staff/").content.decode().count("Cancel the invitation to") == 1


def test_it_lets_only_the_clinics_own_admins_cancel_its_invitations(invite, carol, dave, erin):
    invite(signed_in(carol))
    pending = ClinicInvite.objects.get()
    url = f"/clinic/staff/invitations/{pending.pk}/cancel/"

    answers = [signed_in(dave).post(url).status_code, signed_in(erin).post(url).status_code]
    answers.append(password_only(carol).post(url).status_code)
    answers.append(Client().post(url).status_code)

    assert answers == [403, 404, 302, 302]
    pending.refresh_from_db()
    assert pending.cancelled_at is None
    assert Client().get(_link_from_mail()).status_code == 200


def test_it_withdraws_the_invitations_of_an_admin_who_is_removed(invite, carol, clinic_a):
    # Carol invites a second address of her own, then another admin removes her.
    invite(signed_in(carol), email="carol.private@example.org")
    link = _link_from_mail()
    other_admin = staff("olga@riverside.example", "Olga", clinic_a, admin=True)

    signed_in(other_admin).post(f"/clinic/staff/{carol.clinic_membership.pk}/remove/")

    response = Client().post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.content.decode()
    assert not get_user_model().objects.filter(email="carol.private@example.org").exists()
    assert (
        "carol.private@example.org"
        not in signed_in(other_admin).get("/clinic/staff/").content.decode()
    )


def _admin_invitation(clinic, email="boss@riverside.example"):
    """A site administrator invites the clinic's admin; returns the superuser and the link."""
    from clinics.services import invite_create
    from tests.factories import UserFactory

    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    tokens = []
    invite_create(
        clinic=clinic,
        email=email,
        invited_by=root,
        as_clinic_admin=True,
        accept_url=lambda token: tokens.append(token) or token,
    )
    return root, f"/clinic/invite/{tokens[0]}/"


def test_it_refuses_an_admin_invitation_whose_sender_is_no_longer_a_site_administrator(
    clinic_a,
):
    root, link = _admin_invitation(clinic_a)
    assert Client().get(link).status_code == 200
    root.is_superuser = False
    root.save()

    response = Client().get(link)

    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.content.decode()


def test_it_refuses_an_invitation_whose_sender_account_was_closed(invite, carol):
    # Closed in the Django admin, not through the clinic's staff page.
    invite(signed_in(carol))
    link = _link_from_mail()
    carol.is_active = False
    carol.save()

    assert Client().get(link).status_code == 410


def test_it_does_not_list_an_invitation_whose_link_no_longer_works(invite, carol, clinic_a):
    olga = staff("olga@riverside.example", "Olga", clinic_a, admin=True)
    invite(signed_in(carol))
    ClinicMembership.objects.filter(user=carol).update(is_clinic_admin=False)

    page = signed_in(olga).get("/clinic/staff/").content.decode()

    assert "newbie@riverside.example" not in page


def test_it_leaves_a_site_administrators_admin_invitation_to_the_site_administrators(
    invite, carol, clinic_a
):
    _, link = _admin_invitation(clinic_a, email="boss@riverside.example")
    admin_invite = ClinicInvite.objects.get()
    client = signed_in(carol)

    page = client.get("/clinic/staff/").content.decode()
    cancel = client.post(f"/clinic/staff/invitations/{admin_invite.pk}/cancel/")
    invite(client, email="boss@riverside.example")  # as staff: a different invitation

    assert "boss@riverside.example · valid until" in page
    assert "Cancel the invitation to boss@riverside.example" not in page
    assert cancel.status_code == 404
    assert Client().get(link).status_code == 200


def test_it_refuses_an_invitation_whose_sender_is_no_longer_an_admin(invite, carol):
    # However the sender lost the role (here in the Django admin), the link dies with it.
    invite(signed_in(carol))
    link = _link_from_mail()
    ClinicMembership.objects.filter(user=carol).update(is_clinic_admin=False)

    response = Client().get(link)

    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.content.decode()


# --- Removing staff ------------------------------------------------------------------------------


def test_it_lets_an_admin_remove_a_staff_member_who_can_then_no_longer_sign_in(carol, dave):
    dave_session = signed_in(dave)
    membership = dave.clinic_membership

    response = signed_in(carol).post(f"/clinic/staff/{membership.pk}/remove/")

    assert response.status_code == 302
    assert not ClinicMembership.objects.filter(user=dave).exists()
    dave.refresh_from_db()
    assert not dave.is_active
    assert dave_session.get("/clinic/")["Location"].startswith("/clinic/login/")
    response = Client().post("/clinic/login/", {"username": dave.username, "password": PASSWORD})
    assert response.status_code == 400


def test_it_asks_before_removing_a_staff_member_and_changes_nothing_until_confirmed(carol, dave):
    client = signed_in(carol)
    staff_page = client.get("/clinic/staff/").content.decode()
    confirm_url = f"/clinic/staff/{dave.clinic_membership.pk}/remove/"
    assert f'href="{confirm_url}"' in staff_page

    page = client.get(confirm_url)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Remove dave@riverside.example?" in text
    assert "invite them at a different email address" in text
    dave.refresh_from_db()
    assert dave.is_active and ClinicMembership.objects.filter(user=dave).exists()


def test_it_shows_the_removal_question_only_to_the_clinics_own_admins(carol, dave, erin):
    url = f"/clinic/staff/{dave.clinic_membership.pk}/remove/"

    answers = [signed_in(erin).get(url).status_code, signed_in(dave).get(url).status_code]
    own = signed_in(carol).get(f"/clinic/staff/{carol.clinic_membership.pk}/remove/", follow=True)

    assert answers == [404, 403]
    assert "You cannot remove yourself." in own.content.decode()


def test_it_revokes_a_removed_staff_members_api_tokens(carol, dave):
    api = token_client(dave)
    # A staff member's token is refused by the patient API while he is staff...
    assert api.get("/api/v1/auth/me").json()["error"] == "staff_account"

    signed_in(carol).post(f"/clinic/staff/{dave.clinic_membership.pk}/remove/")

    # ...and does not start working when he stops being staff.
    assert api.get("/api/v1/auth/me").status_code == 401
    assert not dave.api_tokens.filter(revoked_at__isnull=True).exists()


def test_it_will_not_let_an_admin_remove_herself(carol):
    client = signed_in(carol)

    response = client.post(f"/clinic/staff/{carol.clinic_membership.pk}/remove/", follow=True)

    assert "You cannot remove yourself." in response.content.decode()
    assert ClinicMembership.objects.filter(user=carol).exists()


def test_it_answers_404_to_an_admin_removing_another_clinics_staff(carol, erin):
    response = signed_in(carol).post(f"/clinic/staff/{erin.clinic_membership.pk}/remove/")

    assert response.status_code == 404
    assert ClinicMembership.objects.filter(user=erin).exists()


def test_it_lets_only_admins_remove_staff(carol, dave):
    response = signed_in(dave).post(f"/clinic/staff/{carol.clinic_membership.pk}/remove/")

    assert response.status_code == 403
    assert ClinicMembership.objects.filter(user=carol).exists()


def test_it_keeps_the_invitation_when_the_mail_server_is_down(invite, carol, monkeypatch, caplog):
    import clinics.services

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(clinics.services, "send_mail", refuse)

    response = invite(signed_in(carol))

    assert response.status_code == 302
    assert ClinicInvite.objects.filter(email="newbie@riverside.example").exists()
    assert "Could not send staff invitation" in caplog.text
    assert "newbie@" not in caplog.text

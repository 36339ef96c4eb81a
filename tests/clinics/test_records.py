"""What is kept and what goes: the append-only access log, erasure, deleted clinics, the admin."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from clinics.models import AccessLog, Clinic, ClinicInvite, ClinicMembership, Consent
from clinics.services import access_log_record
from tests.factories import UserFactory
from tests.support import PASSWORD, signed_in, token_client, verified_login


@pytest.fixture
def looked(alice_share, bob_share, carol, erin):
    """Carol opened Alice's journal; Erin downloaded Bob's scans."""
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/")
    signed_in(erin).get(f"/clinic/patients/{bob_share.public_id}/journal.csv")


@pytest.fixture
def admin_client(db):
    superuser = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    return verified_login(Client(), superuser)


def test_it_refuses_to_change_or_delete_an_access_log_row(looked):
    row = AccessLog.objects.filter(action="view").get()

    row.action = "csv"
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.filter(pk=row.pk).update(action="csv")
    row.refresh_from_db()
    assert row.action == "view"


def test_it_erases_a_patients_shares_and_their_access_log_with_the_account(
    looked, alice, bob, alice_share, carol
):
    api = token_client(alice)

    response = api.delete("/api/v1/auth/me", {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not Consent.objects.filter(pk=alice_share.pk).exists()
    assert not AccessLog.objects.filter(patient_id=alice_share.patient_id).exists()
    assert "Alice A." not in signed_in(carol).get("/clinic/").content.decode()
    # Bob's share and the record of Erin's look are untouched.
    assert Consent.objects.filter(patient=bob).count() == 1
    assert AccessLog.objects.filter(patient=bob).count() == 1


def test_it_keeps_the_patients_list_of_who_looked_when_a_clinic_is_deleted(looked, alice, clinic_a):
    clinic_a.delete()

    row = AccessLog.objects.get(patient=alice)
    assert row.clinic is None and row.consent is None
    assert row.clinic_name == "Riverside Lung Clinic"
    html = signed_in(alice).get("/journal/sharing/").content.decode()
    assert "Carol Staff (carol@riverside.example)" in html
    assert not Consent.objects.filter(patient=alice).exists()


def test_it_keeps_who_looked_when_a_staff_account_is_gone(looked, alice, carol):
    carol.delete()

    row = AccessLog.objects.get(patient=alice)
    assert row.staff is None
    assert row.staff_name == "Carol Staff (carol@riverside.example)"


def test_it_lets_site_admins_create_a_clinic_with_fresh_codes(admin_client):
    response = admin_client.post(
        "/admin/clinics/clinic/add/",
        {
            "name": "Seaside Chest Unit",
            "phone": "",
            "email": "chest@seaside.example",
            "address": "",
            "website": "",
            "share_code": "sea-side-22",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    clinic = Clinic.objects.get(name="Seaside Chest Unit")
    assert clinic.share_code == "SEASIDE22"
    assert len(clinic.referral_code) >= 32


def test_it_shows_the_access_log_in_the_admin_read_only(looked, admin_client):
    row = AccessLog.objects.filter(action="view").get()

    assert admin_client.get("/admin/clinics/accesslog/").status_code == 200
    change = admin_client.get(f"/admin/clinics/accesslog/{row.pk}/change/").content.decode()
    assert 'name="_save"' not in change
    assert (
        admin_client.post(f"/admin/clinics/accesslog/{row.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert admin_client.post(
        "/admin/clinics/accesslog/",
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    ).status_code in (200, 302)
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_it_never_puts_journal_entries_in_the_admins_consent_pages(
    looked, admin_client, alice_share
):
    html = admin_client.get(f"/admin/clinics/consent/{alice_share.pk}/change/").content.decode()

    assert "ALICE-" not in html
    assert "The words shown." in html  # the wording agreed, for support questions


def test_it_names_the_staff_member_by_email_when_there_is_no_name(alice_share, clinic_a):
    nameless = UserFactory(email="nurse@riverside.example", first_name="", last_name="")
    ClinicMembership.objects.create(user=nameless, clinic=clinic_a)

    row = access_log_record(staff=nameless, consent=alice_share, action="view")

    assert row.staff_name == "nurse@riverside.example"


def _clinic_form(**changes):
    data = {
        "name": "Seaside Chest Unit",
        "phone": "",
        "email": "",
        "address": "",
        "website": "",
        "share_code": "SEAS2222",
        "invite_admin": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_it_lets_a_site_admin_invite_a_new_clinics_admin_who_can_then_invite_staff(
    admin_client, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/clinics/clinic/add/", _clinic_form(invite_admin="head@seaside.example")
        )
    assert response.status_code == 302
    [message] = mail.outbox
    link = re.search(r"http://testserver(/clinic/invite/[^/\s]+/)", message.body).group(1)

    newcomer = Client()
    newcomer.post(
        link, {"password1": "salt and sea spray 77", "password2": "salt and sea spray 77"}
    )

    membership = ClinicMembership.objects.get(user__email="head@seaside.example")
    assert membership.clinic.name == "Seaside Chest Unit"
    assert membership.is_clinic_admin
    assert signed_in(membership.user).get("/clinic/staff/").status_code == 200


def test_it_lets_only_site_admins_invite_a_clinics_admin(carol, clinic_a):
    from django.core.exceptions import PermissionDenied

    from clinics.services import invite_create

    with pytest.raises(PermissionDenied):
        invite_create(
            clinic=clinic_a,
            email="boss@riverside.example",
            invited_by=carol,
            accept_url=lambda token: token,
            as_clinic_admin=True,
        )
    assert not ClinicInvite.objects.exists()


def test_it_lets_a_site_admin_cancel_any_clinics_invitation_in_the_admin(
    admin_client, carol, clinic_a
):
    from clinics.services import invite_create

    tokens = []
    pending = invite_create(
        clinic=clinic_a,
        email="newbie@riverside.example",
        invited_by=carol,
        accept_url=lambda token: tokens.append(token) or token,
    )

    response = admin_client.post(
        "/admin/clinics/clinicinvite/",
        {"action": "cancel_invitations", "_selected_action": [pending.pk]},
        follow=True,
    )

    assert "1 invitation was cancelled." in response.content.decode()
    assert Client().get(f"/clinic/invite/{tokens[0]}/").status_code == 410


def test_it_lets_only_site_admins_cancel_invitations_from_the_admin_action(carol, clinic_a):
    from django.core.exceptions import PermissionDenied

    from clinics.services import invite_create, invites_cancel_as_site_admin

    invite_create(
        clinic=clinic_a, email="newbie@riverside.example", invited_by=carol, accept_url=str
    )

    with pytest.raises(PermissionDenied):
        invites_cancel_as_site_admin(by=carol, invites=ClinicInvite.objects.all())
    assert ClinicInvite.objects.get().cancelled_at is None

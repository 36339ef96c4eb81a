"""The clinic selectors' rules, each stated once: who is listed, in what order, under what name.

Most of these were gaps that mutation testing found (docs/mutation-testing.md):
a rule the pages keep but no test said out loud.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinics.models import Clinic, ClinicInvite, ClinicMembership
from clinics.selectors import (
    Names,
    access_log_for_patient,
    catalogue_names,
    clinic_by_referral_code,
    clinic_by_share_code,
    consent_for_patient,
    entry_date,
    invite_by_token,
    membership_for_user,
    pending_invites_for_clinic,
    shared_journal_for_staff,
    shared_patients_for_staff,
    shared_records_for_staff,
    staff_for_clinic,
)
from clinics.services import invite_create, invite_problem
from ros1site.errors import NotFound
from tests.factories import DrugFactory, SideEffectTermFactory, UserFactory, published
from tests.support import (
    a_look,
    course,
    delete,
    password_only,
    push_ok,
    scan,
    share,
    side_effect,
    signed_in,
    staff,
    token_client,
    upsert,
)
from tracker.models import Record


def _invite(clinic, email, by, *, as_clinic_admin=False) -> str:
    """Sends an invitation the way the pages do and returns the token its link carries."""
    links = []
    invite_create(
        clinic=clinic,
        email=email,
        invited_by=by,
        accept_url=lambda token: links.append(token) or f"/clinic/invite/{token}/",
        as_clinic_admin=as_clinic_admin,
    )
    return links[0]


# --- Who is on the staff page, and in what order ----------------------------------------------


def test_it_lists_a_clinics_admins_first_then_everyone_by_email(carol, dave, clinic_a):
    staff("zed@riverside.example", "Zed", clinic_a, admin=True)
    staff("aaron@riverside.example", "Aaron", clinic_a)

    emails = [m.user.email for m in staff_for_clinic(clinic=clinic_a)]

    assert emails == [
        "carol@riverside.example",
        "zed@riverside.example",
        "aaron@riverside.example",
        "dave@riverside.example",
    ]


def test_it_lists_only_the_clinics_own_invitations_that_can_still_be_accepted(
    carol, erin, clinic_a, clinic_b
):
    _invite(clinic_a, "open@example.com", carol)
    _invite(clinic_b, "elsewhere@example.com", erin)
    used = _invite(clinic_a, "used@example.com", carol)
    ClinicInvite.objects.filter(email="used@example.com").update(accepted_at=timezone.now())
    _invite(clinic_a, "late@example.com", carol)
    ClinicInvite.objects.filter(email="late@example.com").update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert [i.email for i in pending_invites_for_clinic(clinic=clinic_a)] == ["open@example.com"]
    assert invite_by_token(token=used).email == "used@example.com"


def test_the_staff_page_reads_in_the_same_number_of_queries_however_many_people_it_lists(
    carol, clinic_a
):
    def queries() -> int:
        client = signed_in(carol)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/clinic/staff/").status_code == 200
        return len(captured)

    staff("one@riverside.example", "One", clinic_a)
    _invite(clinic_a, "first@example.com", carol)
    few = queries()
    for n in range(3):
        staff(f"more{n}@riverside.example", "More", clinic_a)
        _invite(clinic_a, f"next{n}@example.com", carol)

    assert queries() == few


# --- Whose invitation still works --------------------------------------------------------------


def test_a_staff_invitation_stops_working_when_its_sender_is_no_longer_the_clinics_admin(
    clinic_a, carol
):
    # Even a site administrator: staff are invited by the clinic's own admins.
    sue = staff("sue@riverside.example", "Sue", clinic_a, admin=True)
    sue.is_superuser = True
    sue.save()
    token = _invite(clinic_a, "newbie@example.com", sue)
    ClinicMembership.objects.filter(user=sue).update(is_clinic_admin=False)

    assert "withdrawn" in invite_problem(invite_by_token(token=token))
    assert not pending_invites_for_clinic(clinic=clinic_a).exists()


def test_an_admin_invitation_stops_working_when_its_sender_is_no_longer_a_site_administrator(
    clinic_a,
):
    # Being the clinic's admin is not enough to make another admin.
    sue = staff("sue@riverside.example", "Sue", clinic_a, admin=True)
    sue.is_superuser = True
    sue.save()
    token = _invite(clinic_a, "boss@example.com", sue, as_clinic_admin=True)
    sue.is_superuser = False
    sue.save()

    assert "withdrawn" in invite_problem(invite_by_token(token=token))
    assert not pending_invites_for_clinic(clinic=clinic_a).exists()


def test_a_staff_invitation_stops_working_when_its_sender_moves_to_another_clinic(
    clinic_a, clinic_b, carol
):
    token = _invite(clinic_a, "newbie@example.com", carol)
    ClinicMembership.objects.filter(user=carol).update(clinic=clinic_b)

    assert "withdrawn" in invite_problem(invite_by_token(token=token))
    assert not pending_invites_for_clinic(clinic=clinic_a).exists()


# --- Finding a clinic by its codes -------------------------------------------------------------


def test_it_finds_a_clinic_by_a_share_code_of_the_longest_length(db):
    clinic = Clinic.objects.create(name="Long Code Clinic", share_code="ABCD" * 4)

    assert clinic_by_share_code(code="abcd-abcd-abcd-abcd") == clinic


@pytest.mark.parametrize("code", [None, 12345, ["code"]])
def test_it_finds_no_clinic_for_a_referral_code_that_is_not_text(clinic_a, code):
    assert clinic_by_referral_code(code=code) is None


# --- The patients list --------------------------------------------------------------------------


def test_it_lists_sharing_patients_by_the_name_they_chose_then_by_when_they_shared(clinic_a, carol):
    zoe, ann, ann_again = (UserFactory(first_name=n) for n in ("Zoe", "Ann", "Ann"))
    first = share(ann, clinic_a, name="Ann")
    share(zoe, clinic_a, name="Zoe")
    second = share(ann_again, clinic_a, name="Ann")
    # The later Ann shared later, whatever order the rows were written in.
    first.granted_at = second.granted_at + datetime.timedelta(minutes=1)
    first.save()

    listed = list(shared_patients_for_staff(staff=carol))

    assert [c.display_name for c in listed] == ["Ann", "Ann", "Zoe"]
    assert listed[0] == second and listed[1] == first


# --- Names the clinic's pages print ------------------------------------------------------------


def _entry(collection: str, data: dict) -> Record:
    return Record(collection=collection, data=data)


def test_it_names_drugs_and_side_effects_by_their_published_names(db):
    published(DrugFactory(slug="lorlatinib", generic_name="Lorlatinib"))
    published(SideEffectTermFactory(slug="nausea", patient_term="Feeling sick"))
    published(SideEffectTermFactory(slug="rash", patient_term="Skin rash"))
    entries = [
        _entry("courses", {"drug": "lorlatinib"}),
        _entry("side_effects", {"term": "nausea"}),
        # A term only a check-in names is named too.
        _entry("checkins", {"items": [{"term": "rash"}]}),
    ]

    names = catalogue_names(entries)

    assert names.drug({"drug": "lorlatinib"}) == "Lorlatinib"
    assert names.side_effect({"term": "nausea"}) == "Feeling sick"
    assert names.side_effect({"term": "rash"}) == "Skin rash"


def test_it_names_nothing_by_a_name_that_is_not_published(db):
    DrugFactory(slug="draftinib", generic_name="Draftinib (draft)")
    names = catalogue_names([_entry("courses", {"drug": "draftinib"})])

    assert names.drug({"drug": "draftinib"}) == "draftinib"


def test_it_names_an_other_drug_or_side_effect_by_what_the_patient_typed():
    names = Names(drugs={"other": "Catalogue other"}, side_effects={"other": "Catalogue other"})

    assert names.drug({"drug": "other", "drug_name": "Trial drug X"}) == "Trial drug X"
    assert names.side_effect({"term": "other", "term_other": "Hiccups"}) == "Hiccups"
    assert names.drug({"drug": "other"}) == ""
    assert names.side_effect({"term": "other"}) == ""


def test_it_names_an_unknown_slug_by_the_slug_and_a_missing_one_by_nothing():
    names = Names(drugs={}, side_effects={})

    assert names.drug({"drug": "newinib"}) == "newinib"
    assert names.side_effect({"term": "new-term"}) == "new-term"
    assert names.drug({}) == ""
    assert names.side_effect({}) == ""


@pytest.mark.parametrize("where", ["page", "api"])
def test_the_patients_sharing_reads_in_the_same_number_of_queries_however_many_shares(
    alice, clinic_a, carol, where
):
    def queries() -> int:
        if where == "page":
            client, url = password_only(alice), "/journal/sharing/"
        else:
            client, url = token_client(alice), "/api/v1/sharing"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    share(alice, clinic_a, name="Alice A.")
    signed_in(carol).get(f"/clinic/patients/{share(alice, clinic_a).public_id}/")
    few = queries()
    for n in range(3):
        clinic = Clinic.objects.create(name=f"Clinic {n}", share_code=f"CLINIC{n}")
        consent = share(alice, clinic, name=f"Alice {n}")
        looker = staff(f"staff{n}@clinic.example", "Staff", clinic)
        signed_in(looker).get(f"/clinic/patients/{consent.public_id}/")

    assert queries() == few


# --- Whose shares a clinic sees, and the entries in them ---------------------------------------


def test_a_closed_patient_account_shares_nothing_any_more(alice_share, carol, alice):
    alice.is_active = False
    alice.save()

    assert not shared_patients_for_staff(staff=carol).exists()


def test_a_closed_or_missing_staff_account_belongs_to_no_clinic(carol):
    assert membership_for_user(user=None) is None
    carol.is_active = False
    carol.save()

    assert membership_for_user(user=carol) is None


def test_it_never_hands_staff_a_deleted_entry(alice, clinic_a, carol, catalogue):
    api = token_client(alice)
    [kept, gone] = push_ok(api, [upsert("scans", scan()), upsert("scans", scan())])
    push_ok(api, [delete("scans", id=gone["id"], base_version=gone["version"])])
    consent = share(alice, clinic_a, scopes=["scans"])

    _, records = shared_records_for_staff(staff=carol, share_id=consent.public_id)

    assert [str(r.id) for r in records] == [kept["id"]]


def test_it_hands_staff_each_collections_entries_by_the_date_they_are_about(
    alice, clinic_a, carol, catalogue
):
    # Written newest first, so that the order of writing is not the order of dates.
    push_ok(
        token_client(alice),
        [
            upsert("courses", course(start_date="2026-03-01")),
            upsert("courses", course(start_date="2026-01-01")),
            upsert("scans", scan(date="2026-02-01")),
            upsert("scans", scan(date="2025-12-01")),
            upsert("side_effects", side_effect(onset_date="2026-02-10")),
            upsert("side_effects", side_effect(onset_date="2026-01-10")),
        ],
    )
    consent = share(alice, clinic_a, scopes=["courses", "scans", "side_effects"])

    _, records = shared_records_for_staff(staff=carol, share_id=consent.public_id)

    assert [(r.collection, entry_date(r)) for r in records] == [
        ("courses", "2026-01-01"),
        ("courses", "2026-03-01"),
        ("scans", "2025-12-01"),
        ("scans", "2026-02-01"),
        ("side_effects", "2026-01-10"),
        ("side_effects", "2026-02-10"),
    ]


def test_the_patient_sees_the_latest_look_first_whatever_order_the_rows_were_written(
    alice_share, alice, carol
):
    now = timezone.now()
    looks = [
        a_look(alice_share, carol, name=name, at=at)
        for name, at in [("late", now), ("early", now - datetime.timedelta(days=1)), ("tie", now)]
    ]
    for look in looks:
        look.save()

    names = [look.staff_name for look in access_log_for_patient(patient=alice)]

    # The same moment: the one written last comes first.
    assert names == ["tie", "late", "early"]


# --- The answer to a share that is not there --------------------------------------------------


def _refusal(call) -> tuple[str, str]:
    with pytest.raises(NotFound) as refused:
        call()
    return refused.value.code, refused.value.detail


NO_SHARE = ("not_found", "There is no such share.")


@pytest.mark.parametrize("person", ["alice", "erin"])
def test_it_refuses_a_share_to_anyone_but_its_clinics_staff_with_not_found(
    request, alice_share, person
):
    # Alice is no staff at all; Erin is staff of another clinic.
    someone = request.getfixturevalue(person)

    refusal = _refusal(
        lambda: shared_journal_for_staff(staff=someone, share_id=alice_share.public_id)
    )

    assert refusal == NO_SHARE


def test_it_refuses_a_patient_anothers_share_with_not_found(alice_share, bob):
    assert (
        _refusal(lambda: consent_for_patient(patient=bob, share_id=alice_share.public_id))
        == NO_SHARE
    )

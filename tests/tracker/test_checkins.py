"""The `checkins` collection of sync schema 2 (sync-protocol.md §7): its record, push and pull."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import SideEffectTermFactory, published
from tests.support import (
    PULL,
    checkin,
    delete,
    new_id,
    pull_all,
    push,
    push_ok,
    scan,
    upsert,
)
from tracker.selectors import cursor_make

pytestmark = pytest.mark.django_db


def push2(client, mutations):
    return push_ok(client, mutations, schema=2)


def _rejected(client, data):
    (result,) = push2(client, [upsert("checkins", data)])
    assert result["status"] == "rejected", result
    assert result["error"] == "invalid"
    return result["fields"]


def _item(**fields):
    return {"term": "fatigue", "severity": 1, **fields}


# -- The record ---------------------------------------------------------------------


def test_it_stores_a_checkin_whole_with_every_missing_field_as_null(alice_api):
    sent = {"date": "2026-03-02", "items": [{"term": "fatigue", "severity": 2}]}
    (result,) = push2(alice_api, [upsert("checkins", sent)])
    assert result["status"] == "applied"
    changes, _ = pull_all(alice_api, schema=2)
    (record,) = changes
    assert record["collection"] == "checkins"
    assert record["data"] == {
        "date": "2026-03-02",
        "items": [
            {
                "term": "fatigue",
                "term_other": None,
                "frequency": None,
                "severity": 2,
                "interference": None,
            }
        ],
        "wellbeing": None,
        "course": None,
        "notes": "",
    }


def test_it_takes_an_empty_checkin_with_only_a_date(alice_api):
    (result,) = push2(alice_api, [upsert("checkins", {"date": "2026-03-02"})])
    assert result["status"] == "applied"


def test_it_refuses_a_checkin_of_41_items_naming_the_list(alice_api):
    items = [_item(term="other", term_other=f"Symptom {n}") for n in range(41)]
    assert _rejected(alice_api, checkin(items=items)) == {
        "items": ["At most 40 items (this has 41)."]
    }


def test_it_takes_40_items(alice_api):
    items = [_item(term="other", term_other=f"Symptom {n}") for n in range(40)]
    (result,) = push2(alice_api, [upsert("checkins", checkin(items=items))])
    assert result["status"] == "applied"


def test_it_refuses_a_term_listed_twice_at_its_second_place(alice_api):
    items = [_item(), _item(term="other", term_other="Hiccups"), _item(severity=3)]
    assert _rejected(alice_api, checkin(items=items)) == {
        "items[2].term": ["fatigue is listed twice."]
    }


def test_it_refuses_the_same_other_symptom_twice_whatever_its_case_and_spaces(alice_api):
    items = [_item(term="other", term_other="Hiccups"), _item(term="other", term_other=" hiccups ")]
    assert _rejected(alice_api, checkin(items=items)) == {
        "items[1].term_other": ["hiccups is listed twice."]
    }


@pytest.mark.parametrize("rating", [5, -1])
def test_it_refuses_a_rating_outside_0_to_4(alice_api, rating):
    items = [_item(), _item(term="other", term_other="Hiccups", frequency=rating)]
    assert _rejected(alice_api, checkin(items=items)) == {
        "items[1].frequency": ["Must be between 0 and 4."]
    }


@pytest.mark.parametrize("rating", ["2", True, 2.5])
def test_it_refuses_a_rating_that_is_not_a_whole_number(alice_api, rating):
    assert _rejected(alice_api, checkin(items=[_item(severity=rating)])) == {
        "items[0].severity": ["Must be a whole number."]
    }


def test_it_refuses_an_attribute_the_term_does_not_take(alice_api):
    # The fixture's fatigue, as PRO-CTCAE's, is rated on how bad and how much it got in the way.
    assert _rejected(alice_api, checkin(items=[_item(frequency=2)])) == {
        "items[0].frequency": ["fatigue is not rated on how often in a check-in."]
    }


def test_a_term_with_no_attributes_cannot_be_rated_at_all(alice_api):
    published(SideEffectTermFactory(slug="raised-alt"))
    fields = _rejected(alice_api, checkin(items=[{"term": "raised-alt", "severity": 1}]))
    assert fields == {"items[0].severity": ["raised-alt is not rated on how bad in a check-in."]}


def test_other_takes_every_attribute(alice_api):
    item = {"term": "other", "term_other": "Hiccups", "frequency": 1, "severity": 2}
    (result,) = push2(alice_api, [upsert("checkins", checkin(items=[{**item, "interference": 3}]))])
    assert result["status"] == "applied"


def test_it_refuses_an_item_with_no_rating(alice_api):
    assert _rejected(alice_api, checkin(items=[{"term": "fatigue", "severity": None}])) == {
        "items[0]": ["Rate at least one of frequency, severity and interference."]
    }


def test_it_answers_a_rating_of_5_without_also_saying_nothing_was_rated(alice_api):
    assert _rejected(alice_api, checkin(items=[{"term": "fatigue", "severity": 5}])) == {
        "items[0].severity": ["Must be between 0 and 4."]
    }


def test_it_refuses_a_term_that_is_not_published(alice_api):
    SideEffectTermFactory(slug="draft-term")
    fields = _rejected(alice_api, checkin(items=[{"term": "draft-term", "severity": 1}]))
    assert fields == {
        "items[0].term": ["Not a term from the catalogue; use \u201cother\u201d and term_other."]
    }


@pytest.mark.parametrize("term_other", [None, "", "   "])
def test_it_refuses_other_without_its_name(alice_api, term_other):
    fields = _rejected(alice_api, checkin(items=[_item(term="other", term_other=term_other)]))
    assert fields == {"items[0].term_other": ["Required when term is \u201cother\u201d."]}


def test_it_refuses_a_name_on_a_catalogue_term(alice_api):
    fields = _rejected(alice_api, checkin(items=[_item(term_other="Worn out")]))
    assert fields == {
        "items[0].term_other": ["Only allowed when term is \u201cother\u201d; otherwise null."]
    }


def test_it_names_an_unknown_field_and_a_non_object_by_their_place(alice_api):
    fields = _rejected(alice_api, checkin(items=[_item(colour="blue"), "fatigue", None]))
    assert fields == {
        "items[0].colour": ["Unknown field."],
        "items[1]": ["Must be an object."],
        "items[2]": ["Must be an object."],
    }


def test_it_refuses_items_that_are_not_a_list(alice_api):
    assert _rejected(alice_api, checkin(items={"term": "fatigue"})) == {
        "items": ["Must be a list."]
    }


@pytest.mark.parametrize(
    ("wellbeing", "message"),
    [
        (11, "Must be between 0 and 10."),
        (-1, "Must be between 0 and 10."),
        ("7", "Must be a whole number."),
    ],
)
def test_it_refuses_a_wellbeing_outside_0_to_10(alice_api, wellbeing, message):
    assert _rejected(alice_api, checkin(wellbeing=wellbeing)) == {"wellbeing": [message]}


def test_it_refuses_a_date_after_tomorrow_and_a_missing_date(alice_api):
    later = (timezone.now().date() + datetime.timedelta(days=2)).isoformat()
    assert _rejected(alice_api, checkin(date=later)) == {"date": ["Must not be after today."]}
    data = checkin()
    del data["date"]
    assert _rejected(alice_api, data) == {"date": ["This field is required."]}


def test_it_keeps_a_course_reference_as_written_and_refuses_one_that_is_not_a_uuid(alice_api):
    course_id = new_id()
    (result,) = push2(alice_api, [upsert("checkins", checkin(course=course_id))])
    assert result["status"] == "applied"
    assert _rejected(alice_api, checkin(course="course-1")) == {
        "course": ["Must be the id (a UUID) of an entry, or null."]
    }


def test_every_fault_of_one_checkin_is_named_at_once(alice_api):
    items = [_item(frequency=1, severity=7), _item(term="other"), {"term": "moon", "severity": 1}]
    fields = _rejected(alice_api, checkin(items=items, wellbeing=12))
    assert fields == {
        "items[0].severity": ["Must be between 0 and 4."],
        "items[0].frequency": ["fatigue is not rated on how often in a check-in."],
        "items[1].term_other": ["Required when term is \u201cother\u201d."],
        "items[2].term": ["Not a term from the catalogue; use \u201cother\u201d and term_other."],
        "wellbeing": ["Must be between 0 and 10."],
    }


def test_a_bad_checkin_loses_nothing_else_in_its_batch(alice_api):
    too_many = [_item(term="other", term_other=f"S{n}") for n in range(41)]
    batch = [
        upsert("scans", scan()),
        upsert("checkins", checkin(items=too_many)),
        upsert("checkins", checkin(items=[_item(), _item()])),
        upsert("checkins", checkin(items=[_item(severity=5)])),
        upsert("checkins", checkin(items=[_item(frequency=1)])),
        upsert("checkins", checkin()),
    ]
    statuses = [r["status"] for r in push2(alice_api, batch)]
    assert statuses == ["applied", "rejected", "rejected", "rejected", "rejected", "applied"]
    changes, _ = pull_all(alice_api, schema=2)
    assert [c["id"] for c in changes] == [batch[0]["id"], batch[5]["id"]]


def test_a_checkin_changes_and_deletes_as_any_entry(alice_api):
    mutation = upsert("checkins", checkin())
    push2(alice_api, [mutation])
    (changed,) = push2(
        alice_api,
        [upsert("checkins", checkin(wellbeing=2), id=mutation["id"], base_version=1)],
    )
    assert changed == {**changed, "status": "applied", "version": 2}
    (deleted,) = push2(alice_api, [delete("checkins", id=mutation["id"], base_version=2)])
    assert deleted["status"] == "applied"
    changes, _ = pull_all(alice_api, schema=2)
    assert changes[-1]["deleted"] is True and changes[-1]["data"] == {}


# -- Push: the schema decides -------------------------------------------------------------


def test_a_schema_1_push_refuses_a_checkin_as_an_unknown_collection_and_applies_the_rest(
    alice_api,
):
    batch = [upsert("scans", scan()), upsert("checkins", checkin()), upsert("scans", scan())]
    results = push_ok(alice_api, batch, schema=1)
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["error"] == "unknown_collection"
    assert results[1]["id"] == batch[1]["id"]
    assert results[1]["fields"] == {"collection": ["Not part of sync schema 1."]}


def test_a_schema_1_push_cannot_delete_a_checkin_either(alice_api):
    mutation = upsert("checkins", checkin())
    push2(alice_api, [mutation])
    (result,) = push_ok(alice_api, [delete("checkins", id=mutation["id"], base_version=1)])
    assert result["error"] == "unknown_collection"
    changes, _ = pull_all(alice_api, schema=2)
    assert changes[0]["deleted"] is False


def test_a_schema_2_push_takes_every_collection(alice_api):
    results = push2(alice_api, [upsert("scans", scan()), upsert("checkins", checkin())])
    assert [r["status"] for r in results] == ["applied", "applied"]


def test_a_schema_3_push_is_refused_whole(alice_api):
    response = push(alice_api, [upsert("scans", scan())], schema=3)
    assert response.status_code == 409
    assert response.json()["error"] == "schema_unsupported"


# -- Pull: what each schema sees ------------------------------------------------------------


def _journal(client):
    """scan, checkin, scan, checkin, scan: their ids in that order."""
    batch = [
        upsert("scans", scan()),
        upsert("checkins", checkin(date="2026-03-02")),
        upsert("scans", scan()),
        upsert("checkins", checkin(date="2026-03-09")),
        upsert("scans", scan()),
    ]
    push2(client, batch)
    return [m["id"] for m in batch]


def test_a_pull_without_schema_leaves_checkins_out(alice_api):
    ids = _journal(alice_api)
    changes, _ = pull_all(alice_api)
    assert [c["id"] for c in changes] == [ids[0], ids[2], ids[4]]


def test_a_schema_2_pull_brings_checkins_in_the_order_accepted(alice_api):
    ids = _journal(alice_api)
    changes, _ = pull_all(alice_api, schema=2)
    assert [c["id"] for c in changes] == ids


def test_the_cursor_moves_past_the_checkins_a_schema_1_page_leaves_out(alice_api):
    ids = _journal(alice_api)
    pages = []
    cursor = None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = alice_api.get(PULL, params).json()
        pages.append([c["id"] for c in body["changes"]])
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    # One position per page: the check-ins' pages are empty, and none is seen twice.
    assert pages == [[ids[0]], [], [ids[2]], [], [ids[4]]]
    later = upsert("checkins", checkin(date="2026-03-16"))
    push2(alice_api, [later])
    body = alice_api.get(PULL, {"cursor": cursor}).json()
    assert body["changes"] == [] and body["has_more"] is False
    assert body["cursor"] != cursor  # past the new check-in too


def test_a_schema_1_cursor_sent_with_schema_2_answers_reset_required(alice_api):
    _journal(alice_api)
    _, cursor = pull_all(alice_api)
    response = alice_api.get(PULL, {"cursor": cursor, "schema": 2})
    assert response.status_code == 410
    assert response.json() == {
        "error": "reset_required",
        "detail": "This app now syncs more kinds of entry. Pull from the beginning.",
    }


def test_a_schema_1_pushs_cursor_sent_with_schema_2_answers_reset_required(alice_api):
    response = push(alice_api, [upsert("scans", scan())], schema=1)
    response = alice_api.get(PULL, {"cursor": response.json()["cursor"], "schema": 2})
    assert response.status_code == 410


def test_a_schema_2_pushs_cursor_pulls_on_with_schema_2(alice_api):
    response = push(alice_api, [upsert("checkins", checkin())], schema=2)
    later = upsert("checkins", checkin(date="2026-03-09"))
    push2(alice_api, [later])
    body = alice_api.get(PULL, {"cursor": response.json()["cursor"], "schema": 2}).json()
    assert [c["id"] for c in body["changes"]] == [later["id"]]


def test_a_schema_2_pulls_cursor_pulls_on_with_schema_2(alice_api):
    push2(alice_api, [upsert("checkins", checkin())])
    first = alice_api.get(PULL, {"schema": 2}).json()
    later = upsert("checkins", checkin(date="2026-03-09"))
    push2(alice_api, [later])

    response = alice_api.get(PULL, {"cursor": first["cursor"], "schema": 2})

    assert response.status_code == 200
    assert [c["id"] for c in response.json()["changes"]] == [later["id"]]


def test_a_schema_2_cursor_sent_with_schema_1_is_served_as_schema_1(alice_api):
    ids = _journal(alice_api)
    body = alice_api.get(PULL, {"schema": 2, "limit": 2}).json()
    assert [c["id"] for c in body["changes"]] == ids[:2]
    changes, cursor = pull_all(alice_api, body["cursor"])
    assert [c["id"] for c in changes] == [ids[2], ids[4]]
    # And the cursor it answers is a schema-1 one.
    assert alice_api.get(PULL, {"cursor": cursor, "schema": 2}).status_code == 410


def test_a_device_that_updates_from_schema_1_receives_the_checkins_it_skipped(alice_api, alice):
    from tests.support import token_client

    other_device = token_client(alice)
    push_ok(alice_api, [upsert("scans", scan())])
    _, old_cursor = pull_all(alice_api)
    made_elsewhere = upsert("checkins", checkin())
    push2(other_device, [made_elsewhere])
    _, old_cursor = pull_all(alice_api, old_cursor)  # still schema 1: nothing new to see
    assert alice_api.get(PULL, {"cursor": old_cursor, "schema": 2}).status_code == 410
    changes, _ = pull_all(alice_api, schema=2)  # from the beginning
    assert made_elsewhere["id"] in [c["id"] for c in changes]


@pytest.mark.parametrize("raw", ["two", "2.0", "-1", " 2", "\u0662", "99999"])
def test_a_schema_that_is_not_a_plain_number_is_refused(alice_api, raw):
    response = alice_api.get(PULL, {"schema": raw})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_schema"
    assert body["fields"] == {"schema": ["Must be a whole number, e.g. 2."]}


@pytest.mark.parametrize(("raw", "code"), [("0", "schema_outdated"), ("3", "schema_unsupported")])
def test_a_schema_the_server_does_not_speak_answers_409(alice_api, raw, code):
    response = alice_api.get(PULL, {"schema": raw})
    assert response.status_code == 409
    assert response.json()["error"] == code


def test_an_old_two_part_cursor_is_still_a_schema_1_cursor(alice, alice_api):
    ids = _journal(alice_api)
    cursor = cursor_make(user_id=alice.pk, seq=1)
    changes, _ = pull_all(alice_api, cursor)
    assert [c["id"] for c in changes] == [ids[2], ids[4]]
    assert alice_api.get(PULL, {"cursor": cursor, "schema": 2}).status_code == 410


def test_the_faults_are_named_unknown_fields_first_then_in_the_contracts_order(alice_api):
    items = [{"term": "other", "term_other": f"Symptom {n}", "severity": 1} for n in range(11)]
    items[2]["severity"] = 7
    items[10]["severity"] = 9
    data = {"mood": "fine", **checkin(items=items, wellbeing=12), "note[1]": "x"}
    # The date comes first in the contract: its fault before the items' ones.
    data["date"] = "2026-13-01"

    fields = _rejected(alice_api, data)

    assert list(fields) == [
        "mood",
        "note[1]",
        "date",
        "items[2].severity",
        "items[10].severity",
        "wellbeing",
    ]


def test_two_other_symptoms_that_differ_only_as_ss_and_sharp_s_are_two(alice_api):
    items = [_item(term="other", term_other="Fuß"), _item(term="other", term_other="FUSS")]

    (result,) = push2(alice_api, [upsert("checkins", checkin(items=items))])

    assert result["status"] == "applied", result

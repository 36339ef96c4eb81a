"""The shape of each collection's data (sync-protocol.md §2), checked through a real push."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from tests.support import (
    NOT_CANONICAL_UUID,
    PUSH,
    course,
    push_ok,
    question,
    scan,
    side_effect,
    upsert,
)
from tracker.models import Record
from tracker.validation import RecordInvalid, validate_record_data


def _fields_of_rejected(client, collection, data) -> dict:
    (result,) = push_ok(client, [upsert(collection, data)])
    assert result["status"] == "rejected", result
    assert result["error"] == "invalid"
    assert not Record.objects.filter(id=result["id"]).exists()
    return result["fields"]


def _applied_data(client, collection, data) -> dict:
    (result,) = push_ok(client, [upsert(collection, data)])
    assert result["status"] == "applied", result
    return Record.objects.get(id=result["id"]).data


def _days_from_today(days: int) -> str:
    return (timezone.now().date() + datetime.timedelta(days=days)).isoformat()


# -- Rules for every collection


def test_it_takes_a_missing_optional_field_as_null_or_empty(alice_api):
    data = _applied_data(alice_api, "courses", {"drug": "crizotinib", "start_date": "2026-01-05"})
    assert data == {
        "drug": "crizotinib",
        "drug_name": None,
        "start_date": "2026-01-05",
        "stop_date": None,
        "dose": None,
        "line": None,
        "stop_reason": None,
        "notes": "",
    }


def test_it_takes_missing_lists_and_flags_as_empty(alice_api):
    without_sites = {k: v for k, v in scan().items() if k != "sites"}
    assert _applied_data(alice_api, "scans", without_sites)["sites"] == []
    assert _applied_data(alice_api, "questions", question())["asked"] is False


@pytest.mark.parametrize(
    ("collection", "data", "field"),
    [
        ("courses", course(notes=None), "notes"),
        ("scans", scan(notes=None), "notes"),
        ("scans", scan(sites=None), "sites"),
        ("questions", question(answer=None), "answer"),
        ("questions", question(asked=None), "asked"),
    ],
)
def test_it_rejects_null_where_the_contract_does_not_say_or_null(
    alice_api, collection, data, field
):
    # A wrong type is refused, never coerced: "may be empty" means "", not null.
    assert field in _fields_of_rejected(alice_api, collection, data)


def test_it_accepts_null_where_the_contract_says_or_null(alice_api):
    data = _applied_data(alice_api, "courses", course(dose=None, stop_date=None, line=None))
    assert data["dose"] is None and data["stop_date"] is None and data["line"] is None


def test_it_rejects_a_missing_required_field(alice_api):
    fields = _fields_of_rejected(alice_api, "courses", {"drug": "crizotinib"})
    assert "start_date" in fields


def test_it_rejects_unknown_fields_instead_of_dropping_them(alice_api):
    fields = _fields_of_rejected(alice_api, "questions", question(colour="blue"))
    assert fields == {"colour": ["Unknown field."]}


def test_it_rejects_a_number_sent_as_a_string(alice_api):
    assert "severity" in _fields_of_rejected(alice_api, "side_effects", side_effect(severity="2"))
    assert "line" in _fields_of_rejected(alice_api, "courses", course(line="2"))


def test_it_rejects_a_boolean_where_a_number_belongs(alice_api):
    assert "severity" in _fields_of_rejected(alice_api, "side_effects", side_effect(severity=True))


def test_it_rejects_a_number_where_a_boolean_belongs(alice_api):
    assert "asked" in _fields_of_rejected(alice_api, "questions", question(asked=1))


def test_it_rejects_a_fractional_number_where_a_whole_one_belongs(alice_api):
    assert "line" in _fields_of_rejected(alice_api, "courses", course(line=1.5))


def test_it_rejects_values_outside_an_enumeration(alice_api):
    assert "modality" in _fields_of_rejected(alice_api, "scans", scan(modality="CT"))


def test_it_rejects_an_impossible_date(alice_api):
    fields = _fields_of_rejected(alice_api, "scans", scan(date="2026-02-30"))
    assert fields == {"date": ["Not a real date."]}


def test_it_rejects_dates_not_written_yyyy_mm_dd(alice_api):
    for written in ("01/03/2026", "2026-3-1", "2026-03-01T00:00:00", 20260301):
        assert "date" in _fields_of_rejected(alice_api, "scans", scan(date=written))


def test_it_accepts_tomorrow_so_that_no_time_zone_refuses_a_true_date(alice_api):
    assert _applied_data(alice_api, "scans", scan(date=_days_from_today(1)))["date"]


def test_it_rejects_a_date_after_tomorrow(alice_api):
    fields = _fields_of_rejected(alice_api, "scans", scan(date=_days_from_today(2)))
    assert fields == {"date": ["Must not be after today."]}


def test_it_rejects_free_text_over_5000_characters(alice_api):
    assert "notes" in _fields_of_rejected(alice_api, "scans", scan(notes="x" * 5001))
    assert _applied_data(alice_api, "scans", scan(notes="x" * 5000))["notes"] == "x" * 5000


def test_it_rejects_text_the_database_cannot_store(alice_api):
    assert "notes" in _fields_of_rejected(alice_api, "scans", scan(notes="a\x00b"))
    # A lone surrogate is valid JSON (\\ud800) but not UTF-8.
    body = {"schema": 1, "client_id": "a", "mutations": [upsert("scans", scan(notes="\ud800"))]}
    response = alice_api.post(PUSH, json.dumps(body), content_type="application/json")
    (result,) = response.json()["results"]
    assert result["status"] == "rejected" and "notes" in result["fields"]


def test_it_rejects_data_that_is_not_an_object(alice_api):
    assert _fields_of_rejected(alice_api, "scans", ["2026-03-01"]) == {
        "data": ["Must be an object."]
    }


# -- courses


def test_it_accepts_a_published_catalogue_drug(alice_api):
    assert _applied_data(alice_api, "courses", course(drug="crizotinib"))["drug"] == "crizotinib"


def test_it_rejects_a_drug_that_is_not_in_the_published_catalogue(alice_api):
    assert "drug" in _fields_of_rejected(alice_api, "courses", course(drug="draftinib"))
    assert "drug" in _fields_of_rejected(alice_api, "courses", course(drug="aspirin"))


def test_it_requires_drug_name_when_the_drug_is_other(alice_api):
    assert "drug_name" in _fields_of_rejected(alice_api, "courses", course(drug="other"))
    data = _applied_data(alice_api, "courses", course(drug="other", drug_name="Trial drug X"))
    assert data["drug_name"] == "Trial drug X"


def test_it_rejects_a_stop_date_before_the_start_date(alice_api):
    fields = _fields_of_rejected(
        alice_api, "courses", course(start_date="2026-02-01", stop_date="2026-01-31")
    )
    assert "stop_date" in fields


def test_it_accepts_a_stop_date_on_the_start_date(alice_api):
    data = _applied_data(
        alice_api, "courses", course(start_date="2026-02-01", stop_date="2026-02-01")
    )
    assert data["stop_date"] == "2026-02-01"


def test_it_rejects_a_stop_date_after_today(alice_api):
    assert "stop_date" in _fields_of_rejected(
        alice_api, "courses", course(stop_date=_days_from_today(3))
    )


def test_it_rejects_a_dose_over_100_characters(alice_api):
    assert "dose" in _fields_of_rejected(alice_api, "courses", course(dose="x" * 101))


def test_it_rejects_a_line_of_therapy_outside_1_to_20(alice_api):
    assert "line" in _fields_of_rejected(alice_api, "courses", course(line=0))
    assert "line" in _fields_of_rejected(alice_api, "courses", course(line=21))
    assert _applied_data(alice_api, "courses", course(line=20))["line"] == 20


def test_it_accepts_a_stop_reason_only_with_a_stop_date(alice_api):
    assert "stop_reason" in _fields_of_rejected(
        alice_api, "courses", course(stop_reason="progression")
    )
    data = _applied_data(
        alice_api, "courses", course(stop_date="2026-02-01", stop_reason="progression")
    )
    assert data["stop_reason"] == "progression"


def test_it_rejects_an_unknown_stop_reason(alice_api):
    assert "stop_reason" in _fields_of_rejected(
        alice_api, "courses", course(stop_date="2026-02-01", stop_reason="bored")
    )


# -- scans


def test_it_rejects_repeated_sites(alice_api):
    fields = _fields_of_rejected(alice_api, "scans", scan(sites=["chest", "chest"]))
    assert "sites" in fields


def test_it_rejects_unknown_sites(alice_api):
    assert "sites" in _fields_of_rejected(alice_api, "scans", scan(sites=["toe"]))


def test_it_accepts_a_brain_outcome_only_when_brain_is_among_the_sites(alice_api):
    assert "brain_outcome" in _fields_of_rejected(
        alice_api, "scans", scan(sites=["chest"], brain_outcome="stable")
    )
    data = _applied_data(
        alice_api, "scans", scan(sites=["chest", "brain"], brain_outcome="improved")
    )
    assert data["brain_outcome"] == "improved"


def test_it_accepts_each_recist_category_and_nothing_else(alice_api):
    for category in ("CR", "PR", "SD", "PD", "NE"):
        assert _applied_data(alice_api, "scans", scan(recist=category))["recist"] == category
    assert "recist" in _fields_of_rejected(alice_api, "scans", scan(recist="cr"))


def test_it_keeps_a_course_reference_as_written_even_before_the_course_exists(alice_api):
    reference = "8C0B2E5A-0A0B-4F5E-9D7F-1A2B3C4D5E6F"
    assert _applied_data(alice_api, "scans", scan(course=reference))["course"] == reference


def test_it_rejects_a_course_reference_that_is_not_a_uuid(alice_api):
    assert "course" in _fields_of_rejected(alice_api, "scans", scan(course="my course"))


@pytest.mark.parametrize("form", NOT_CANONICAL_UUID)
def test_it_rejects_a_course_reference_that_is_not_a_canonical_uuid(alice_api, form):
    fields = _fields_of_rejected(alice_api, "scans", scan(course=NOT_CANONICAL_UUID[form]))
    assert list(fields) == ["course"]


# -- side effects


def test_it_rejects_a_term_that_is_not_in_the_published_catalogue(alice_api):
    assert "term" in _fields_of_rejected(alice_api, "side_effects", side_effect(term="hiccups"))


def test_it_requires_term_other_when_the_term_is_other(alice_api):
    assert "term_other" in _fields_of_rejected(alice_api, "side_effects", side_effect(term="other"))
    data = _applied_data(alice_api, "side_effects", side_effect(term="other", term_other="Hiccups"))
    assert data["term_other"] == "Hiccups"


def test_it_rejects_a_severity_outside_1_to_4(alice_api):
    assert "severity" in _fields_of_rejected(alice_api, "side_effects", side_effect(severity=0))
    assert "severity" in _fields_of_rejected(alice_api, "side_effects", side_effect(severity=5))


def test_it_accepts_interference_from_0_to_4_or_null(alice_api):
    assert (
        _applied_data(alice_api, "side_effects", side_effect(interference=0))["interference"] == 0
    )
    assert "interference" in _fields_of_rejected(
        alice_api, "side_effects", side_effect(interference=5)
    )


def test_it_rejects_a_resolved_date_before_the_onset_date(alice_api):
    assert "resolved_date" in _fields_of_rejected(
        alice_api, "side_effects", side_effect(onset_date="2026-02-01", resolved_date="2026-01-01")
    )


def test_it_rejects_an_unknown_action(alice_api):
    assert "action" in _fields_of_rejected(alice_api, "side_effects", side_effect(action="prayed"))


# -- questions


def test_it_requires_question_text_of_1_to_1000_characters(alice_api):
    assert "text" in _fields_of_rejected(alice_api, "questions", question(text=""))
    assert "text" in _fields_of_rejected(alice_api, "questions", question(text="x" * 1001))
    assert _applied_data(alice_api, "questions", question(text="x" * 1000))["text"] == "x" * 1000


@pytest.mark.parametrize("source", ["", "Hello World! <b>", "what is a TKI", "-tki-"])
def test_it_rejects_a_question_source_that_is_not_an_education_slug(alice_api, source):
    fields = _fields_of_rejected(alice_api, "questions", question(source=source))

    assert fields == {
        "source": ["Must be the slug of a question from the education pages, or null."]
    }


def test_it_keeps_a_question_source_and_answer(alice_api):
    data = _applied_data(
        alice_api, "questions", question(source="question-1", asked=True, answer="Yes.")
    )
    assert (data["source"], data["asked"], data["answer"]) == ("question-1", True, "Yes.")


# -- the same rules for the admin and imports


def test_the_validator_names_every_bad_field_at_once(catalogue):
    with pytest.raises(RecordInvalid) as caught:
        validate_record_data(
            collection="side_effects", data={"term": 3, "severity": "bad", "onset_date": None}
        )
    assert set(caught.value.fields) == {"term", "severity", "onset_date"}


def test_unknown_fields_are_named_first_in_the_order_they_were_sent(catalogue):
    # Even one named like a list's item: the contract knows no list `x`.
    for sent in (["zz", "x[1]", "aa"], ["x[1]", "zz", "aa"]):
        data = {**scan(), "outcome": 5, **dict.fromkeys(sent, 1), "modality": 5}
        with pytest.raises(RecordInvalid) as caught:
            validate_record_data(collection="scans", data=data)
        assert list(caught.value.fields) == [*sent, "modality", "outcome"]


def test_the_validator_refuses_an_unknown_collection():
    with pytest.raises(RecordInvalid) as caught:
        validate_record_data(collection="moods", data={})
    assert "collection" in caught.value.fields


@pytest.mark.parametrize("key", ["\ud800x", "a\x00b"], ids=["lone surrogate", "NUL"])
def test_a_key_the_database_cannot_store_rejects_only_its_mutation_and_the_resend_agrees(
    alice_api, key
):
    good = upsert("scans", scan())
    bad = upsert("scans", {**scan(), key: 1})
    body = json.dumps({"schema": 1, "client_id": "a", "mutations": [good, bad]})

    answers = [alice_api.post(PUSH, body, content_type="application/json") for _ in range(2)]

    assert [a.status_code for a in answers] == [200, 200]
    first, again = (a.json()["results"] for a in answers)
    assert first == again
    assert first[0]["status"] == "applied"
    assert first[1]["status"] == "rejected" and first[1]["error"] == "invalid"
    assert list(first[1]["fields"].values()) == [
        ["Contains characters that cannot be stored (NUL or broken UTF-16)."]
    ]
    assert Record.objects.filter(id=good["id"]).exists()
    assert not Record.objects.filter(id=bad["id"]).exists()


# -- The names and sentences a refusal carries (exact)

UNSAFE = "Contains characters that cannot be stored (NUL or broken UTF-16)."


def _fields(collection: str, data) -> dict:
    with pytest.raises(RecordInvalid) as refused:
        validate_record_data(collection=collection, data=data)
    return refused.value.fields


def test_an_unknown_collection_is_named_with_its_sentence():
    assert _fields("diaries", {}) == {"collection": ["Unknown collection."]}


def test_a_text_that_cannot_be_stored_is_named_with_its_sentence():
    assert _fields("questions", question(text="with\x00nul")) == {"text": [UNSAFE]}


def test_an_unknown_field_is_named_by_its_first_100_characters():
    name = "n" * 150

    assert _fields("questions", {**question(), name: 1}) == {"n" * 100: ["Unknown field."]}


def test_an_unknown_field_that_cannot_be_stored_is_named_with_escapes_cut_to_100():
    assert _fields("questions", {**question(), "bad\x00name": 1}) == {"bad\\x00name": [UNSAFE]}
    long_name = "\x00" + "m" * 150
    assert _fields("questions", {**question(), long_name: 1}) == {
        ("\\x00" + "m" * 150)[:100]: [UNSAFE]
    }

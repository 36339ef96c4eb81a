"""GET /api/v1/catalog (sync-protocol.md §5): public, versioned, with an ETag."""

from __future__ import annotations

import pytest

from education.models import Drug
from education.selectors import ENUMERATIONS
from education.services import content_publish, content_record_edit
from tests.factories import DrugFactory, SideEffectTermFactory, published

pytestmark = pytest.mark.django_db

URL = "/api/v1/catalog"


@pytest.fixture
def alectinib():
    return published(
        DrugFactory(
            slug="alectinib",
            generic_name="alectinib",
            brand_names="Alecensa",
            drug_class=Drug.DrugClass.ALK_TKI,
            rating=Drug.Rating.DO_NOT_USE,
            treats_brain=Drug.Brain.NO,
            warning="Does not work for ROS1+ cancer.",
        )
    )


@pytest.fixture
def entrectinib():
    return published(
        DrugFactory(
            slug="entrectinib",
            generic_name="entrectinib",
            brand_names="Rozlytrek, Other brand",
            treats_brain=Drug.Brain.YES,
        )
    )


def test_it_serves_the_catalogue_without_signing_in(client, alectinib):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_it_lists_drugs_terms_and_enumerations_in_the_agreed_shape(client, alectinib, entrectinib):
    published(
        SideEffectTermFactory(
            slug="nausea",
            patient_term="Feeling sick",
            ctcae_term="Nausea",
            checkin=True,
            takes_frequency=True,
            takes_severity=True,
        )
    )
    body = client.get(URL).json()
    assert isinstance(body["version"], int)
    drugs = {d["slug"]: d for d in body["drugs"]}
    assert drugs["entrectinib"]["generic_name"] == "entrectinib"
    assert drugs["entrectinib"]["brand_names"] == ["Rozlytrek", "Other brand"]
    assert drugs["entrectinib"]["rating"] == "preferred_first_line"
    assert drugs["entrectinib"]["treats_brain"] == "yes"
    assert drugs["entrectinib"]["warning"] is None
    assert drugs["alectinib"]["warning"] == "Does not work for ROS1+ cancer."
    assert drugs["alectinib"]["rating"] == "do_not_use"
    assert body["side_effect_terms"] == [
        {
            "slug": "nausea",
            "patient_term": "Feeling sick",
            "ctcae_term": "Nausea",
            "description": "",
            "checkin": True,
            "checkin_attributes": ["frequency", "severity"],
        }
    ]
    assert body["enumerations"] == ENUMERATIONS
    assert {"stop_reason", "severity", "outcome"} <= set(body["enumerations"])


def test_it_leaves_out_unpublished_items(client, alectinib):
    DrugFactory(slug="draft-drug")
    SideEffectTermFactory(slug="draft-term")
    body = client.get(URL).json()
    assert [d["slug"] for d in body["drugs"]] == ["alectinib"]
    assert body["side_effect_terms"] == []


def test_it_shows_the_published_copy_not_a_draft_edit(client, alectinib, rita):
    alectinib.warning = "Draft warning"
    alectinib.save()
    content_record_edit(item=alectinib, editor=rita)
    body = client.get(URL).json()
    assert body["drugs"][0]["warning"] == "Does not work for ROS1+ cancer."


def test_it_answers_304_to_a_matching_etag(client, alectinib):
    first = client.get(URL)
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_it_accepts_a_weak_or_listed_etag(client, alectinib):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304


def test_it_answers_200_to_a_stale_etag(client, alectinib):
    response = client.get(URL, HTTP_IF_NONE_MATCH='"stale"')
    assert response.status_code == 200
    assert response.json()["drugs"]


def test_it_changes_version_and_etag_when_a_reviewer_publishes(client, alectinib, rita, sam):
    before = client.get(URL)
    alectinib.brand_names = "Alecensa, Newname"
    alectinib.save()
    content_record_edit(item=alectinib, editor=rita)
    unpublished_edit = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert unpublished_edit.status_code == 304
    content_publish(item=alectinib, publisher=sam)
    after = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["version"] > before.json()["version"]
    assert after["ETag"] != before["ETag"]
    assert after.json()["drugs"][0]["brand_names"] == ["Alecensa", "Newname"]


def test_it_lets_caches_keep_it_but_revalidate(client, alectinib):
    cache_control = client.get(URL)["Cache-Control"]
    assert "no-cache" in cache_control
    assert "public" in cache_control


def test_it_ignores_a_bad_token_because_it_is_public(client, alectinib):
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer not-a-real-token")
    assert response.status_code == 200

"""Reviewers choose the check-in's terms and their attributes in the admin; devices see them
once published, with a new catalogue version (issue 14)."""

from __future__ import annotations

import pytest

from education import services
from education.models import SideEffectTerm
from education.selectors import catalog_payload, catalog_version
from tests.education.admin_support import admin_url, client_for, roles  # noqa: F401
from tests.factories import SideEffectTermFactory, published

pytestmark = pytest.mark.usefixtures("roles")


def _term_form(term, **changes):
    form = {
        "patient_term": term.patient_term,
        "ctcae_term": term.ctcae_term,
        "description": term.description,
        "slug": term.slug,
        "order": term.order,
    }
    for name in ("checkin", "takes_frequency", "takes_severity", "takes_interference"):
        if changes.pop(name, getattr(term, name)):
            form[name] = "on"
    form.update(changes)
    return form


def _entry(slug):
    return next(t for t in catalog_payload()["side_effect_terms"] if t["slug"] == slug)


def test_a_reviewer_marks_a_term_for_the_checkin_and_the_catalogue_moves_on_publish(rita, sam):
    term = published(SideEffectTermFactory(slug="hiccups", patient_term="Hiccups"))
    assert _entry("hiccups")["checkin"] is False
    response = client_for(rita).post(
        admin_url(term), _term_form(term, checkin=True, takes_frequency=True, takes_severity=True)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term.refresh_from_db()
    assert term.checkin and term.takes_frequency and term.takes_severity
    # Not yet for patients: the published copy is unchanged until a second reviewer approves.
    assert _entry("hiccups")["checkin"] is False
    before = catalog_version()

    services.content_publish(item=term, publisher=sam)

    assert catalog_version() == before + 1
    assert _entry("hiccups") == {
        **_entry("hiccups"),
        "checkin": True,
        "checkin_attributes": ["frequency", "severity"],
    }


def test_the_admin_refuses_a_checkin_term_with_nothing_to_rate(rita):
    term = published(SideEffectTermFactory(slug="hiccups"))
    response = client_for(rita).post(admin_url(term), _term_form(term, checkin=True))
    assert response.status_code == 200
    assert "needs at least one attribute to be rated on" in response.content.decode()
    assert not SideEffectTerm.objects.get(slug="hiccups").checkin


def test_the_server_checks_checkins_against_the_published_attributes_only(rita, sam, alice):
    from tests.support import checkin, push_ok, token_client, upsert

    term = published(SideEffectTermFactory(slug="hiccups", takes_severity=True))
    client_for(rita).post(admin_url(term), _term_form(term, takes_frequency=True))
    api = token_client(alice)
    item = {"term": "hiccups", "frequency": 2}
    (result,) = push_ok(api, [upsert("checkins", checkin(items=[item]))], schema=2)
    assert result["fields"] == {
        "items[0].frequency": ["hiccups is not rated on how often in a check-in."]
    }
    services.content_publish(item=SideEffectTerm.objects.get(slug="hiccups"), publisher=sam)
    (result,) = push_ok(api, [upsert("checkins", checkin(items=[item]))], schema=2)
    assert result["status"] == "applied"

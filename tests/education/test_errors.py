"""Friendly error pages: a way home and a search box, never a stack trace."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from education import views


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/learn/no-such-topic/", "/medicines/no-such-drug/", "/learn/%00/"]
)
def test_it_answers_unknown_addresses_with_the_friendly_404(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert 'href="/"' in html
    assert 'action="/search/"' in html
    assert 'name="q"' in html


def test_it_renders_the_500_page_without_a_database_or_request_context():
    # No `db` fixture: any query here would raise.
    response = views.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert 'href="/"' in html
    assert 'action="/search/"' in html
    assert "This is not medical advice" in html


def test_it_serves_the_500_page_when_a_view_crashes(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("education.selectors.published_topics", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "boom" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/nope", "/api/v1/devices", "/api/v2/sync/push"])
def test_it_answers_unknown_api_addresses_with_the_json_error_body(client, url):
    response = client.get(url, headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_found"
    assert response.json()["detail"]

"""sitemap.xml lists the public pages and only published content."""

from __future__ import annotations

import pytest

from tests.factories import DrugFactory, TopicFactory, published

pytestmark = pytest.mark.django_db


def test_it_lists_the_public_pages_and_published_topics_and_medicines(client):
    published(TopicFactory(slug="side-effects"))
    published(DrugFactory(slug="crizotinib"))
    TopicFactory(slug="draft-topic")
    DrugFactory(slug="draft-drug")
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    for path in ("/", "/learn/", "/medicines/", "/questions/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert "<loc>http://testserver/learn/side-effects/</loc>" in xml
    assert "<loc>http://testserver/medicines/crizotinib/</loc>" in xml
    assert "draft-topic" not in xml
    assert "draft-drug" not in xml
    assert "<lastmod>" in xml

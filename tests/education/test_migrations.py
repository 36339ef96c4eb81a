"""A database seeded before the sources change migrates with its rows intact, and
the next seed load brings the 2026 content to what no reviewer touched."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from education.models import Drug, Section
from education.seeding import seed_content_load

BEFORE = [("education", "0002_draft_editor_ids")]

OLD_SOURCE = {"title": "Treating Stage 4 ROS1+ Cancer (For Patients)", "url": "", "doi": "",
              "pmid": "", "accessed_on": None}  # fmt: skip


def _old_section(apps, topic, slug, body, *, seeded=True):
    Section = apps.get_model("education", "Section")
    Source = apps.get_model("education", "Source")
    section = Section.objects.create(
        topic=topic, slug=slug, title=slug, body=body, order=1, seeded=seeded,
        status="published",
        published={"title": slug, "body": body, "order": 1, "drugs": [],
                   "sources": [OLD_SOURCE]},
    )  # fmt: skip
    Source.objects.create(section=section, title=OLD_SOURCE["title"])
    if not seeded:
        # A reviewer rewrote it (and has not published yet).
        Section.objects.filter(pk=section.pk).update(body="Rita's careful rewording.")
    return section


@pytest.mark.django_db(transaction=True)
def test_a_database_seeded_before_the_update_migrates_and_takes_the_new_content():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Topic = apps.get_model("education", "Topic")
    Drug0002 = apps.get_model("education", "Drug")
    RegulatoryFact = apps.get_model("education", "RegulatoryFact")
    topic = Topic.objects.create(
        slug="faq", title="Frequently asked questions", summary="", order=1, seeded=True,
        status="published", published={"title": "Frequently asked questions", "summary": "",
                                       "order": 1},
    )  # fmt: skip
    _old_section(apps, topic, "how-well-do-tkis-work", "7 or 8 out of every 10.")
    _old_section(apps, topic, "can-a-tki-cure", "Old words.", seeded=False)
    old_fields = {
        "generic_name": "taletrectinib", "brand_names": "", "other_names": "",
        "drug_class": "ros1_tki", "rating": "in_trials", "treats_brain": "unknown",
        "warning": "", "summary": "Being tested in clinical trials.", "order": 6,
    }  # fmt: skip
    drug = Drug0002.objects.create(
        slug="taletrectinib", seeded=True, status="published",
        published={**old_fields, "regulatory_facts": []}, **old_fields,
    )  # fmt: skip
    crizotinib_fields = {
        **old_fields,
        "generic_name": "crizotinib",
        "rating": "preferred_first_line",
    }
    crizotinib = Drug0002.objects.create(
        slug="crizotinib", seeded=True, status="published", **crizotinib_fields,
        published={**crizotinib_fields, "regulatory_facts": [
            {"agency": "FDA", "description": "Approved.", "date": "2016-03-01",
             "date_precision": "month"}]},
    )  # fmt: skip
    RegulatoryFact.objects.create(drug=crizotinib, agency="FDA", description="Approved.",
                                  date="2016-03-01", date_precision="month")  # fmt: skip

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    seed_content_load()

    # Rows kept: the same items, by id.
    assert Drug.objects.get(pk=drug.pk).slug == "taletrectinib"
    taletrectinib = Drug.objects.get(slug="taletrectinib")
    assert taletrectinib.published["brand_names"] == "Ibtrozi"
    assert taletrectinib.published["sources"] and taletrectinib.reviewed_by is None
    assert Drug.objects.get(slug="crizotinib").published["sources"]
    untouched = Section.objects.get(topic__slug="faq", slug="how-well-do-tkis-work")
    assert "7 or 8 out of every 10" not in untouched.published["body"]
    assert all(s["checked_on"] for s in untouched.published["sources"])
    edited = Section.objects.get(topic__slug="faq", slug="can-a-tki-cure")
    assert edited.body == "Rita's careful rewording."
    assert edited.published["body"] == "Old words."
    assert edited.published["sources"][0]["title"] == OLD_SOURCE["title"]

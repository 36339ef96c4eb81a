"""Loads the seeded patient content (education/content/seed_data.py) into the database.

Run by `manage.py seed_content` on every start. The rules that make that safe:

- Items are matched by slug (sections by topic and slug), so loading again
  never makes a second copy.
- Only untouched items follow the seed: still marked `seeded`, never edited,
  never medically reviewed, still published exactly as loaded. Anything a
  reviewer has edited, reviewed, withdrawn or deleted stays as they left it.
- New items are published at once, so patients can read them, but carry no
  review stamp: the pages say "Awaiting medical review" until someone reviews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from education.content import seed_data
from education.models import (
    ContentItem,
    Drug,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Topic,
)
from education.services import content_publish, content_snapshot


@dataclass
class SeedReport:
    """What one load did, item by item."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Left exactly as a reviewer left them (edited, reviewed, withdrawn or deleted).
    kept: int = 0
    # How many items of each kind the seed holds.
    totals: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.totals.items())
        return _(
            "Seed content (%(kinds)s): %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(kept)d left as reviewers changed them."
        ) % {
            "kinds": kinds,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "kept": self.kept,
        }


def _is_untouched(item: ContentItem) -> bool:
    """True while no reviewer has done anything to a seeded item."""
    return (
        item.seeded
        and item.last_edited_by_id is None
        and item.reviewed_by_id is None
        and item.published is not None
        and item.published == content_snapshot(item=item)
    )


def _was_deleted(model: type[ContentItem], **lookup: Any) -> bool:
    """True if someone deleted this item before: the seed must not bring it back."""
    return model.history.filter(history_type="-", **lookup).exists()


class _Loader:
    def __init__(self) -> None:
        self.report = SeedReport()

    def sync(
        self,
        *,
        existing: ContentItem | None,
        make: Callable[[], ContentItem],
        deleted: Callable[[], bool],
        fields: dict[str, Any],
        children: Callable[[ContentItem], list] | None = None,
        current_children: Callable[[ContentItem], list] | None = None,
        write_children: Callable[[ContentItem], None] | None = None,
    ) -> ContentItem | None:
        """Creates, updates or leaves one item, following the module's rules."""
        if existing is None:
            if deleted():
                self.report.kept += 1
                return None
            item = make()
            for name, value in fields.items():
                setattr(item, name, value)
            item.seeded = True
            item.next_review_due = None
            item.save()
            if write_children:
                write_children(item)
            content_publish(item=item, publisher=None, seeding=True)
            self.report.created += 1
            return item

        item = existing
        if not _is_untouched(item):
            self.report.kept += 1
            return item
        same_fields = all(getattr(item, name) == value for name, value in fields.items())
        same_children = children is None or current_children(item) == children(item)
        if same_fields and same_children:
            self.report.unchanged += 1
            return item
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        if write_children and not same_children:
            write_children(item)
        content_publish(item=item, publisher=None, seeding=True)
        self.report.updated += 1
        return item


def _fact_rows(facts: Iterable[dict[str, Any]]) -> list[tuple]:
    return sorted((f["agency"], f["description"], f["date"], f["date_precision"]) for f in facts)


def _load_drugs(loader: _Loader) -> dict[str, Drug]:
    existing = {d.slug: d for d in Drug.objects.prefetch_related("regulatory_facts")}
    drugs: dict[str, Drug] = {}
    for order, data in enumerate(seed_data.DRUGS, start=1):
        facts = data["regulatory_facts"]
        fields = {k: v for k, v in data.items() if k not in {"slug", "regulatory_facts"}}
        fields.setdefault("other_names", "")
        fields["order"] = order

        def write_facts(drug: Drug, facts: list[dict[str, Any]] = facts) -> None:
            drug.regulatory_facts.all().delete()
            RegulatoryFact.objects.bulk_create(RegulatoryFact(drug=drug, **f) for f in facts)

        drug = loader.sync(
            existing=existing.get(data["slug"]),
            make=lambda slug=data["slug"]: Drug(slug=slug),
            deleted=lambda slug=data["slug"]: _was_deleted(Drug, slug=slug),
            fields=fields,
            children=lambda _drug, facts=facts: _fact_rows(facts),
            current_children=lambda drug: _fact_rows(
                {
                    "agency": f.agency,
                    "description": f.description,
                    "date": f.date,
                    "date_precision": f.date_precision,
                }
                for f in drug.regulatory_facts.all()
            ),
            write_children=write_facts,
        )
        if drug is not None:
            drugs[drug.slug] = drug
    # A drug a reviewer deleted is not seeded, but one they kept still counts.
    drugs.update({slug: d for slug, d in existing.items() if slug not in drugs})
    return drugs


def _load_topics(loader: _Loader, *, drugs: dict[str, Drug]) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    sections = {
        (s.topic_id, s.slug): s for s in Section.objects.prefetch_related("drugs", "sources")
    }
    for topic_order, data in enumerate(seed_data.TOPICS, start=1):
        topic = loader.sync(
            existing=topics.get(data["slug"]),
            make=lambda slug=data["slug"]: Topic(slug=slug),
            deleted=lambda slug=data["slug"]: _was_deleted(Topic, slug=slug),
            fields={"title": data["title"], "summary": data["summary"], "order": topic_order},
        )
        if topic is None:
            # A reviewer deleted the whole topic: its sections stay deleted too.
            loader.report.kept += len(data["sections"])
            continue
        for order, sdata in enumerate(data["sections"], start=1):
            sources = [
                {"title": s["title"], "url": s["url"]}
                for s in [seed_data.SEED_SOURCE, *sdata.get("sources", [])]
            ]
            drug_ids = sorted({drugs[slug].pk for slug in sdata["drugs"] if slug in drugs})

            def wanted(_section: Section, sources=sources, drug_ids=drug_ids) -> list:
                return [drug_ids, [(s["title"], s["url"]) for s in sources]]

            def current(section: Section) -> list:
                return [
                    sorted(d.pk for d in section.drugs.all()),
                    [(s.title, s.url) for s in sorted(section.sources.all(), key=lambda s: s.pk)],
                ]

            def write(section: Section, sources=sources, drug_ids=drug_ids) -> None:
                section.drugs.set(drug_ids)
                section.sources.all().delete()
                Source.objects.bulk_create(Source(section=section, **s) for s in sources)

            loader.sync(
                existing=sections.get((topic.pk, sdata["slug"])),
                make=lambda topic=topic, slug=sdata["slug"]: Section(topic=topic, slug=slug),
                deleted=lambda topic=topic, slug=sdata["slug"]: _was_deleted(
                    Section, topic_id=topic.pk, slug=slug
                ),
                fields={"title": sdata["title"], "body": sdata["body"], "order": order},
                children=wanted,
                current_children=current,
                write_children=write,
            )


def _load_flat(
    loader: _Loader, *, model: type[ContentItem], rows: list[dict[str, Any]], ordered_by: str = ""
) -> None:
    existing = {item.slug: item for item in model.objects.all()}
    counters: dict[str, int] = {}
    for data in rows:
        group = data.get(ordered_by, "") if ordered_by else ""
        counters[group] = counters.get(group, 0) + 1
        fields = {k: v for k, v in data.items() if k != "slug"}
        fields["order"] = counters[group]
        loader.sync(
            existing=existing.get(data["slug"]),
            make=lambda slug=data["slug"]: model(slug=slug),
            deleted=lambda slug=data["slug"]: _was_deleted(model, slug=slug),
            fields=fields,
        )


@transaction.atomic
def seed_content_load() -> SeedReport:
    """Loads the seed content: creates what is missing and updates only untouched seeded
    items, so that a reload never duplicates anything nor overwrites a reviewer's work."""
    loader = _Loader()
    drugs = _load_drugs(loader)
    _load_topics(loader, drugs=drugs)
    _load_flat(loader, model=SideEffectTerm, rows=seed_data.SIDE_EFFECT_TERMS)
    _load_flat(loader, model=Question, rows=seed_data.QUESTIONS, ordered_by="group")
    loader.report.totals = {
        _("topics"): len(seed_data.TOPICS),
        _("sections"): sum(len(t["sections"]) for t in seed_data.TOPICS),
        _("drugs"): len(seed_data.DRUGS),
        _("side-effect terms"): len(seed_data.SIDE_EFFECT_TERMS),
        _("questions"): len(seed_data.QUESTIONS),
    }
    return loader.report

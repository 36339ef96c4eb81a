"""Loads the seeded patient content (education/content/seed_data.py) into the database.

Run by `manage.py seed_content` on every start. The rules that make that safe:

- Items are matched by slug (sections by topic and slug), so loading again
  never makes a second copy.
- Only untouched items follow the seed: still marked `seeded`, never edited,
  never medically reviewed, still published exactly as loaded. Anything a
  reviewer has edited, reviewed, withdrawn or deleted stays as they left it.
  A drug's regulatory facts and sources, and a section's sources and drugs,
  are replaced only together with their untouched parent, with history, so
  that restoring an old version brings them back as they were.
- New items are published at once, so patients can read them, but carry no
  review stamp: the pages say "Awaiting medical review" until someone reviews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

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
from education.services import content_children, content_publish, content_snapshot


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


@dataclass
class _Children:
    """A parent's dependent rows: what the seed wants, what is there, how to write them."""

    wanted: Any
    current: Callable[[ContentItem], Any]
    write: Callable[[ContentItem], None]


def _is_untouched(item: ContentItem) -> bool:
    """True while no reviewer has done anything to a seeded item."""
    return (
        item.seeded
        and item.last_edited_by_id is None
        and item.reviewed_by_id is None
        and item.published is not None
        and item.published == content_snapshot(item=item)
    )


def _deleted_keys(model: type[ContentItem], *fields: str) -> set[tuple]:
    """Keys of items someone deleted: the seed must not bring them back."""
    return set(model.history.filter(history_type="-").values_list(*fields))


def _save(item: ContentItem) -> None:
    item._change_reason = _("Loaded from the seed content")
    item.save()


class _Loader:
    def __init__(self) -> None:
        self.report = SeedReport()

    def sync(
        self,
        *,
        existing: ContentItem | None,
        new: ContentItem,
        deleted: bool,
        fields: dict[str, Any],
        children: _Children | None = None,
    ) -> ContentItem | None:
        """Creates, updates or leaves one item, following the module's rules."""
        if existing is None:
            if deleted:
                self.report.kept += 1
                return None
            item = new
            for name, value in fields.items():
                setattr(item, name, value)
            item.seeded = True
            item.next_review_due = None
            if children:
                # Children first, so that the first version already records them.
                item.skip_history_when_saving = True
                item.save()
                _write_children(item, children)
            _save(item)
            content_publish(item=item, publisher=None, seeding=True)
            self.report.created += 1
            return item

        item = existing
        if not _is_untouched(item):
            self.report.kept += 1
            return item
        same_fields = all(getattr(item, name) == value for name, value in fields.items())
        same_children = children is None or children.current(item) == children.wanted
        if same_fields and same_children:
            self.report.unchanged += 1
            return item
        for name, value in fields.items():
            setattr(item, name, value)
        if children and not same_children:
            _write_children(item, children)
        _save(item)
        content_publish(item=item, publisher=None, seeding=True)
        self.report.updated += 1
        return item


def _source_rows(sources: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Seed sources in the shape the database keeps them."""
    return [
        {
            "title": src["title"],
            "publisher": src.get("publisher", ""),
            "url": src.get("url", ""),
            "doi": src.get("doi", ""),
            "pmid": src.get("pmid", ""),
            "published_on": src.get("published_on"),
            "supports": src.get("supports", ""),
            "checked_on": src.get("checked_on"),
        }
        for src in sources
    ]


def _write_children(item: ContentItem, children: _Children) -> None:
    """Writes an item's children without a version of the item in between (a
    section's drugs.set() would record one, before its sources exist)."""
    item.skip_history_when_saving = True
    try:
        children.write(item)
    finally:
        del item.skip_history_when_saving
    # The rows prefetched for the comparison are gone now.
    getattr(item, "_prefetched_objects_cache", {}).clear()


def _fact_rows(facts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for fact in facts:
        source = fact.get("source") or {}
        rows.append(
            {
                "agency": fact["agency"],
                "description": fact["description"],
                "date": fact["date"],
                "date_precision": fact["date_precision"],
                "as_of": fact.get("as_of"),
                "source_title": source.get("title", ""),
                "source_url": source.get("url", ""),
            }
        )
    return sorted(rows, key=lambda f: (f["date"] or date.min, f["description"]))


def _as_json(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in rows
    ]


def _load_drugs(loader: _Loader) -> dict[str, Drug]:
    existing = {d.slug: d for d in Drug.objects.prefetch_related("regulatory_facts", "sources")}
    deleted = _deleted_keys(Drug, "slug")
    drugs = dict(existing)
    for order, data in enumerate(seed_data.DRUGS, start=1):
        facts = _fact_rows(data["regulatory_facts"])
        sources = _source_rows(data.get("sources", []))
        fields = {k: v for k, v in data.items() if k not in {"slug", "regulatory_facts", "sources"}}
        fields.setdefault("other_names", "")
        fields["order"] = order

        def write_children(drug: Drug, facts=facts, sources=sources) -> None:
            drug.regulatory_facts.all().delete()
            drug.sources.all().delete()
            bulk_create_with_history([RegulatoryFact(drug=drug, **f) for f in facts],
                                     RegulatoryFact)  # fmt: skip
            bulk_create_with_history([Source(drug=drug, **s) for s in sources], Source)

        drug = loader.sync(
            existing=existing.get(data["slug"]),
            new=Drug(slug=data["slug"]),
            deleted=(data["slug"],) in deleted,
            fields=fields,
            children=_Children(
                {"sources": _as_json(sources), "regulatory_facts": _as_json(facts)},
                _current_children,
                write_children,
            ),
        )
        if drug is not None:
            drugs[drug.slug] = drug
    return drugs


def _current_children(item: ContentItem) -> dict[str, Any]:
    children = content_children(item=item)
    if "regulatory_facts" in children:
        children["regulatory_facts"].sort(key=lambda f: (f["date"] or "", f["description"]))
    if isinstance(item, Section):
        children["drugs"] = sorted(d.pk for d in item.drugs.all())
    return children


def _load_topics(loader: _Loader, *, drugs: dict[str, Drug]) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    sections = {
        (s.topic_id, s.slug): s for s in Section.objects.prefetch_related("drugs", "sources")
    }
    deleted_topics = _deleted_keys(Topic, "slug")
    deleted_sections = _deleted_keys(Section, "topic_id", "slug")
    for topic_order, data in enumerate(seed_data.TOPICS, start=1):
        topic = loader.sync(
            existing=topics.get(data["slug"]),
            new=Topic(slug=data["slug"]),
            deleted=(data["slug"],) in deleted_topics,
            fields={"title": data["title"], "summary": data["summary"], "order": topic_order},
        )
        if topic is None:
            # A reviewer deleted the whole topic: its sections stay deleted too.
            loader.report.kept += len(data["sections"])
            continue
        for order, sdata in enumerate(data["sections"], start=1):
            sources = _source_rows(sdata.get("sources", []))
            drug_ids = sorted({drugs[slug].pk for slug in sdata["drugs"] if slug in drugs})

            def write_links(section: Section, sources=sources, drug_ids=drug_ids) -> None:
                section.drugs.set(drug_ids)
                section.sources.all().delete()
                bulk_create_with_history([Source(section=section, **s) for s in sources], Source)

            loader.sync(
                existing=sections.get((topic.pk, sdata["slug"])),
                new=Section(topic=topic, slug=sdata["slug"]),
                deleted=(topic.pk, sdata["slug"]) in deleted_sections,
                fields={"title": sdata["title"], "body": sdata["body"], "order": order},
                children=_Children(
                    {"sources": _as_json(sources), "drugs": drug_ids},
                    _current_children,
                    write_links,
                ),
            )


def _load_flat(
    loader: _Loader, *, model: type[ContentItem], rows: list[dict[str, Any]], group_by: str = ""
) -> None:
    existing = {item.slug: item for item in model.objects.all()}
    deleted = _deleted_keys(model, "slug")
    counters: dict[str, int] = {}
    for data in rows:
        group = data[group_by] if group_by else ""
        counters[group] = counters.get(group, 0) + 1
        fields = {k: v for k, v in data.items() if k != "slug"}
        fields["order"] = counters[group]
        if model is SideEffectTerm:
            fields.update(seed_data.side_effect_checkin_fields(data["slug"]))
        loader.sync(
            existing=existing.get(data["slug"]),
            new=model(slug=data["slug"]),
            deleted=(data["slug"],) in deleted,
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
    _load_flat(loader, model=Question, rows=seed_data.QUESTIONS, group_by="group")
    loader.report.totals = {
        _("topics"): len(seed_data.TOPICS),
        _("sections"): sum(len(t["sections"]) for t in seed_data.TOPICS),
        _("drugs"): len(seed_data.DRUGS),
        _("side-effect terms"): len(seed_data.SIDE_EFFECT_TERMS),
        _("questions"): len(seed_data.QUESTIONS),
    }
    return loader.report

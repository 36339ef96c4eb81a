"""Writes to medical content: editing, publishing, reviewing, reverting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import (
    CatalogState,
    ContentItem,
    Drug,
    MedicalReview,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Status,
    Topic,
)
from education.rendering import normalize_for_search

REVIEWERS_GROUP = "Medical reviewers"
DEFAULT_REVIEW_INTERVAL = timedelta(days=365)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def source_as_json(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "doi": source.doi,
        "pmid": source.pmid,
        "published_on": _iso(source.published_on),
        "supports": source.supports,
        "checked_on": _iso(source.checked_on),
    }


def regulatory_fact_as_json(fact: RegulatoryFact) -> dict[str, Any]:
    return {
        "agency": fact.agency,
        "description": fact.description,
        "date": _iso(fact.date),
        "date_precision": fact.date_precision,
        "as_of": _iso(fact.as_of),
        "source_title": fact.source_title,
        "source_url": fact.source_url,
    }


def content_children(*, item: ContentItem) -> dict[str, Any]:
    """An item's child rows as JSON: a section's sources; a drug's sources and facts.

    Empty for other kinds. Published snapshots and every history record carry
    them, so that neither publishing nor restoring can lose them.
    """
    if not item.pk or not isinstance(item, (Section, Drug)):
        return {}
    # .all() and Python sorting, so that prefetched rows are used as they are.
    children: dict[str, Any] = {
        "sources": [source_as_json(s) for s in sorted(item.sources.all(), key=lambda s: s.pk)]
    }
    if isinstance(item, Drug):
        facts = sorted(item.regulatory_facts.all(), key=lambda f: (f.date or date.min, f.pk))
        children["regulatory_facts"] = [regulatory_fact_as_json(f) for f in facts]
    return children


def content_snapshot(*, item: ContentItem) -> dict[str, Any]:
    """The patient-facing fields of an item's working copy, as JSON."""
    snapshot: dict[str, Any] = {name: getattr(item, name) for name in item.snapshot_fields}
    if isinstance(item, Section) and item.pk:
        snapshot["drugs"] = sorted(d.slug for d in item.drugs.all())
    snapshot.update(content_children(item=item))
    return snapshot


def record_children_in_history(*, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    """simple-history signal: each version of a section or drug keeps its children."""
    if hasattr(history_instance, "children"):
        history_instance.children = content_children(item=instance)


def _search_text(*, item: ContentItem, snapshot: dict[str, Any]) -> str:
    if isinstance(item, Drug):
        parts = [snapshot["generic_name"], snapshot["brand_names"], snapshot["other_names"],
                 snapshot["warning"], snapshot["summary"]]  # fmt: skip
    elif isinstance(item, Section):
        parts = [snapshot["title"], snapshot["body"]]
    elif isinstance(item, Topic):
        parts = [snapshot["title"], snapshot["summary"]]
    elif isinstance(item, SideEffectTerm):
        parts = [snapshot["patient_term"], snapshot["ctcae_term"], snapshot["description"]]
    elif isinstance(item, Question):
        parts = [snapshot["text"]]
    else:  # pragma: no cover - every content model is listed above
        parts = []
    return normalize_for_search(" ".join(p for p in parts if p))


def _save(item: Any, *, reason: str, **kwargs: Any) -> None:
    """Saves with a plain-words reason that the admin's history shows."""
    item._change_reason = reason
    try:
        item.save(**kwargs)
    finally:
        del item._change_reason


def is_medical_reviewer(user: AbstractBaseUser | None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()


def catalog_version_bump() -> int:
    """Moves the content version on, so that offline copies know to refresh."""
    state, _created = CatalogState.objects.get_or_create(pk=1)
    CatalogState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    state.refresh_from_db()
    return state.version


@transaction.atomic
def content_record_edit(
    *, item: ContentItem, editor: AbstractBaseUser | None, reason: str | None = None
) -> None:
    """Records who edited an item; an edit makes it a draft again until published."""
    item.last_edited_by = editor
    item.last_edited_at = timezone.now()
    if editor is not None and editor.pk not in item.draft_editor_ids:
        item.draft_editor_ids = [*item.draft_editor_ids, editor.pk]
    item.seeded = False
    item.status = Status.PUBLISHED if not item.has_unpublished_changes else Status.DRAFT
    _save(
        item,
        reason=reason or _("Edited"),
        update_fields=["last_edited_by", "last_edited_at", "draft_editor_ids", "seeded", "status"],
    )


def content_may_publish(*, item: ContentItem, user: AbstractBaseUser | None) -> bool:
    """The two-person rule: nobody who edited the working copy since it was
    last published may approve it, however many others edited it after them."""
    if user is None:
        return False
    return user.pk not in item.draft_editor_ids and user.pk != item.last_edited_by_id


def two_person_rule_message() -> str:
    return _(
        "You edited this draft, so another reviewer who has not edited it must approve and "
        "publish it."
    )


@transaction.atomic
def content_submit_for_review(*, item: ContentItem, user: AbstractBaseUser) -> None:
    """Marks a draft as ready for a second reviewer's approval."""
    if not is_medical_reviewer(user):
        raise PermissionDenied(_("Only medical reviewers can submit content for review."))
    if not item.has_unpublished_changes:
        raise ValidationError(_("There are no unpublished changes to submit."))
    item.status = Status.IN_REVIEW
    _save(item, reason=_("Submitted for review"), update_fields=["status"])


@transaction.atomic
def content_publish(
    *, item: ContentItem, publisher: AbstractBaseUser | None, seeding: bool = False
) -> None:
    """Publishes an item's working copy. Two-person rule: the publisher is a
    medical reviewer who has not edited it since it was last published.
    Changed content loses its review stamp until it is reviewed again."""
    if not seeding:
        if not is_medical_reviewer(publisher):
            raise PermissionDenied(_("Only medical reviewers can publish content."))
        if not content_may_publish(item=item, user=publisher):
            raise PermissionDenied(two_person_rule_message())
    snapshot = content_snapshot(item=item)
    if snapshot == item.published:
        if item.status != Status.PUBLISHED or item.draft_editor_ids:
            item.status = Status.PUBLISHED
            item.draft_editor_ids = []
            _save(
                item,
                reason=_("Approved and published"),
                update_fields=["status", "draft_editor_ids"],
            )
        return
    item.draft_editor_ids = []
    if item.published is not None:
        item.reviewed_by = None
        item.reviewed_at = None
    item.published = snapshot
    item.published_at = timezone.now()
    item.published_by = publisher
    item.search_text = _search_text(item=item, snapshot=snapshot)
    item.status = Status.PUBLISHED
    _save(item, reason=_("Approved and published"))
    catalog_version_bump()


@transaction.atomic
def content_unpublish(*, item: ContentItem, user: AbstractBaseUser) -> None:
    """Withdraws an item from patients' view; the working copy is kept."""
    if not is_medical_reviewer(user):
        raise PermissionDenied(_("Only medical reviewers can withdraw content."))
    item.published = None
    item.published_at = None
    item.search_text = ""
    item.status = Status.DRAFT
    _save(
        item,
        reason=_("Withdrawn from patients"),
        update_fields=["published", "published_at", "search_text", "status"],
    )
    catalog_version_bump()


@transaction.atomic
def content_mark_reviewed(
    *,
    item: ContentItem,
    reviewer: AbstractBaseUser,
    next_review_due: date | None = None,
    note: str = "",
) -> MedicalReview:
    """Stamps the published copy as medically reviewed now, by this reviewer."""
    if not is_medical_reviewer(reviewer):
        raise PermissionDenied(_("Only medical reviewers can mark content as reviewed."))
    if item.published is None:
        raise ValidationError(_("Publish this item before marking it as medically reviewed."))
    if item.has_unpublished_changes:
        raise ValidationError(
            _(
                "This item has unpublished changes. Publish or revert them first, so that the "
                "review applies to what patients see."
            )  # fmt: skip
        )
    now = timezone.now()
    due = next_review_due or timezone.localdate() + DEFAULT_REVIEW_INTERVAL
    if due <= timezone.localdate():
        raise ValidationError(_("The next review must be due after today."))
    item.reviewed_by = reviewer
    item.reviewed_at = now
    item.next_review_due = due
    _save(
        item,
        reason=_("Marked as medically reviewed"),
        update_fields=["reviewed_by", "reviewed_at", "next_review_due"],
    )
    return MedicalReview.objects.create(
        item=item, reviewer=reviewer, reviewed_at=now, next_review_due=due, note=note
    )


# Never copied back by a revert: publication and review belong to what
# patients saw, not to the working copy.
_NOT_REVERTED = {"id", "published", "published_at", "published_by", "search_text",
                 "reviewed_by", "reviewed_at", "next_review_due", "status", "seeded",
                 "last_edited_by", "last_edited_at", "draft_editor_ids"}  # fmt: skip
# Part of a published item's address, which patients' bookmarks and journals use.
_ADDRESS_FIELDS = {"slug", "topic"}


@transaction.atomic
def content_revert(*, item: ContentItem, history_id: int, editor: AbstractBaseUser) -> None:
    """Restores the working copy to an earlier version, as a new draft edit.

    Like any edit it reaches patients only when another reviewer publishes it.
    A section's drugs and sources, and a drug's regulatory facts, come back as
    they were at that version. A published item keeps its address.
    """
    record = item.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError(_("That version does not exist for this item."))
    old = record.instance
    skipped = _NOT_REVERTED | (_ADDRESS_FIELDS if item.published is not None else set())
    for field in item._meta.concrete_fields:
        if field.name not in skipped:
            setattr(item, field.attname, getattr(old, field.attname))
    # One history entry for the whole revert: the one content_record_edit writes.
    item.skip_history_when_saving = True
    try:
        item.save()
        if isinstance(item, Section):
            item.drugs.set([m.drug_id for m in record.drugs.all()])
        if isinstance(item, (Section, Drug)):
            children = recorded_children(record=record)
            if children is not None:
                _replace_children(item=item, children=children)
            else:
                _restore_children_as_of(item=item, as_of=record.history_date)
    finally:
        del item.skip_history_when_saving
    # The restored words are their writers' as much as the restorer's: none of
    # them may approve them (the two-person rule), even if the version was
    # never published and someone else clicks "restore".
    writers = [*(getattr(old, "draft_editor_ids", None) or []), old.last_edited_by_id]
    item.draft_editor_ids = list(
        dict.fromkeys([*item.draft_editor_ids, *(w for w in writers if w is not None)])
    )
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
    content_record_edit(
        item=item, editor=editor, reason=_("Restored the version of %(when)s") % {"when": when}
    )


def recorded_children(*, record: Any) -> dict[str, Any] | None:
    """The children a version recorded; for a version recorded before versions
    kept them, those of its published copy when that copy was this version.
    None when nothing says what they were."""
    if record.children is not None:
        return record.children
    published = record.published
    if not published or any(
        published.get(name) != getattr(record, name) for name in record.instance.snapshot_fields
    ):
        return None
    children = {"sources": [_source_in_new_shape(s) for s in published.get("sources", [])]}
    if "regulatory_facts" in published:
        children["regulatory_facts"] = [
            {"as_of": None, "source_title": "", "source_url": "", **f}
            for f in published["regulatory_facts"]
        ]
    return children


def _source_in_new_shape(old: dict[str, Any]) -> dict[str, Any]:
    new = {"title": "", "publisher": "", "url": "", "doi": "", "pmid": "",
           "published_on": None, "supports": "", "checked_on": old.get("accessed_on")}  # fmt: skip
    new.update({k: v for k, v in old.items() if k in new})
    return new


def _replace_children(*, item: Section | Drug, children: dict[str, Any]) -> None:
    """Makes an item's sources (and a drug's facts) exactly those a version recorded."""
    parent = {"section": item} if isinstance(item, Section) else {"drug": item}
    if [source_as_json(s) for s in item.sources.order_by("id")] != children.get("sources", []):
        item.sources.all().delete()
        for data in children.get("sources", []):
            Source.objects.create(**parent, **_dates_from_json(data, "published_on", "checked_on"))
    if isinstance(item, Drug):
        current = [regulatory_fact_as_json(f) for f in item.regulatory_facts.order_by("date", "id")]
        if current != children.get("regulatory_facts", []):
            item.regulatory_facts.all().delete()
            for data in children.get("regulatory_facts", []):
                RegulatoryFact.objects.create(drug=item, **_dates_from_json(data, "date", "as_of"))


def _dates_from_json(data: dict[str, Any], *names: str) -> dict[str, Any]:
    values = dict(data)
    for name in names:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    return values


def _restore_children_as_of(*, item: Section | Drug, as_of: Any) -> None:
    """For versions recorded before history kept children: rebuild them from the
    children's own history. Rows without any history (bulk-loaded) are left alone."""
    parent_field = "section" if isinstance(item, Section) else "drug"
    models: list[Any] = [Source] if isinstance(item, Section) else [Source, RegulatoryFact]
    for model in models:
        _restore_children(model=model, parent_field=parent_field, parent=item, as_of=as_of)


def child_rows_as_of(*, model: Any, parent_field: str, parent: Any, when: Any) -> list[Any]:
    """A parent's child rows as they were at `when`, rebuilt from their own history.

    A row bulk-loaded without history, or whose history begins with a change
    rather than its creation, existed before its first record: it counts, in
    its earliest known form.
    """
    rows = {
        obj.pk: obj for obj in model.history.as_of(when).filter(**{f"{parent_field}_id": parent.pk})
    }
    for current in model.objects.filter(**{parent_field: parent}):
        if current.pk in rows:
            continue
        first = current.history.order_by("history_date", "history_id").first()
        if first is None:
            rows[current.pk] = current
        elif first.history_type == "~" and first.history_date > when:
            rows[current.pk] = first.instance
    return [rows[pk] for pk in sorted(rows)]


def _restore_children(*, model: Any, parent_field: str, parent: Any, as_of: Any) -> None:
    """Puts a parent's child rows back as they were at `as_of`."""
    wanted = {
        obj.pk: obj
        for obj in child_rows_as_of(model=model, parent_field=parent_field, parent=parent,
                                    when=as_of)
    }  # fmt: skip
    editable = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
    for current in model.objects.filter(**{parent_field: parent}):
        old = wanted.pop(current.pk, None)
        if old is None:
            current.delete()
            continue
        if any(getattr(current, a) != getattr(old, a) for a in editable):
            for a in editable:
                setattr(current, a, getattr(old, a))
            current.save()
    for old in wanted.values():
        # Deleted since that version: recreated, with a new id, since the old
        # one may have been given to another row since.
        old.pk = None
        setattr(old, f"{parent_field}_id", parent.pk)
        old.save(force_insert=True)

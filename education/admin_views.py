"""Reads behind the reviewers' admin: readable diffs, history and the review queue."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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
from education.services import (
    child_rows_as_of,
    content_children,
    content_snapshot,
    recorded_children,
    regulatory_fact_as_json,
    source_as_json,
)

CONTENT_MODELS: tuple[type[ContentItem], ...] = (Topic, Section, Drug, SideEffectTerm, Question)

EXTRA_LABELS = {
    "drugs": _("Drugs discussed"),
    "sources": _("Sources"),
    "regulatory_facts": _("Regulatory facts"),
}
# Unchanged words kept either side of a change in a long text.
CONTEXT_WORDS = 12


@dataclass
class FieldChange:
    label: str
    old: SafeString
    new: SafeString
    diff: SafeString | None = None  # word-level diff, for text


def text_diff_html(old: str, new: str) -> SafeString:
    """Word-level diff of two texts as escaped HTML with <del> and <ins>."""
    a = re.split(r"(\s+)", old or "")
    b = re.split(r"(\s+)", new or "")
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(_elide("".join(a[i1:i2]), first=i1 == 0, last=i2 == len(a)))
            continue
        if i2 > i1:
            out.append(_mark("del", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(_mark("ins", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def _mark(tag: str, text: str) -> str:
    """<del> or <ins>, with a word for screen readers, which do not announce them."""
    word = _("removed:") if tag == "del" else _("added:")
    return f'<{tag}><span class="visually-hidden">{escape(word)} </span>{escape(text)}</{tag}>'


def list_diff_html(old: list[Any], new: list[Any]) -> SafeString:
    """Entries removed from and added to a list (drugs, sources), one per line."""
    removed = [_display_entry(e) for e in old if e not in new]
    added = [_display_entry(e) for e in new if e not in old]
    lines = [f"<del>{escape(e)}</del>" for e in removed] + [
        f"<ins>{escape(e)}</ins>" for e in added
    ]
    return mark_safe("<br>".join(lines))  # noqa: S308 - every entry is escaped above


def _elide(text: str, *, first: bool, last: bool) -> str:
    words = re.split(r"(\s+)", text)
    keep = CONTEXT_WORDS * 2  # words and the spaces between them
    if len(words) <= keep * 2 + 1:
        return escape(text)
    head = "" if first else "".join(words[:keep])
    tail = "" if last else "".join(words[-keep:])
    return f"{escape(head)} … {escape(tail)}"


def _display(model: type[ContentItem], name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "; ".join(_display_entry(v) for v in value) or "—"
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field, e.g. "drugs" as slugs
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is get_user_model():
        user = get_user_model().objects.filter(pk=value).first()
        return user.get_full_name() or user.get_username() if user else "—"
    if field.is_relation:
        obj = field.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else "—"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _display_entry(entry: Any) -> str:
    if isinstance(entry, dict):
        return ", ".join(str(v) for v in entry.values() if v)
    return str(entry)


def _label(model: type[ContentItem], name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    return capfirst(str(model._meta.get_field(name).verbose_name))


def field_changes(
    *, model: type[ContentItem], old: dict[str, Any], new: dict[str, Any]
) -> list[FieldChange]:
    """What differs between two versions of an item, field by field, in plain words."""
    changes = []
    for name in [*new.keys(), *(k for k in old if k not in new)]:
        before, after = old.get(name), new.get(name)
        if before == after or (not before and not after):
            continue
        change = FieldChange(
            label=_label(model, name),
            old=escape(_display(model, name, before)),
            new=escape(_display(model, name, after)),
        )
        # Words, for prose that was edited; whole values for codes and new text.
        if (
            isinstance(before, str)
            and isinstance(after, str)
            and before
            and after
            and " " in before + after
            and not _has_choices(model, name)
        ):
            change.diff = text_diff_html(before or "", after or "")
        elif isinstance(before or [], list) and isinstance(after or [], list):
            change.diff = list_diff_html(before or [], after or [])
        changes.append(change)
    return changes


def _has_choices(model: type[ContentItem], name: str) -> bool:
    try:
        return bool(model._meta.get_field(name).choices)
    except Exception:  # noqa: BLE001
        return False


def _history_fields(model: type[ContentItem]) -> tuple[str, ...]:
    extra = ("topic", "slug") if model is Section else ("slug",)
    return (*model.snapshot_fields, *extra, *_WORKFLOW_KEYS)


def version_of(*, item: ContentItem, record: Any) -> dict[str, Any]:
    """One history entry of an item in the same shape as a published snapshot."""
    model = type(item)
    version: dict[str, Any] = {}
    for name in _history_fields(model):
        field = model._meta.get_field(name)
        version[name] = getattr(record, field.attname)
    if isinstance(item, Section):
        drug_ids = [m.drug_id for m in record.drugs.all()]
        version["drugs"] = sorted(
            Drug.objects.filter(pk__in=drug_ids).values_list("slug", flat=True)
        )
    if isinstance(item, (Section, Drug)):
        children = recorded_children(record=record)
        if children is None:
            # Recorded before versions kept their children: rebuilt from theirs.
            children = _children_from_their_history(item=item, when=record.history_date)
        version.update(children)
    return version


def _children_from_their_history(*, item: Section | Drug, when: Any) -> dict[str, Any]:
    parent_field = "section" if isinstance(item, Section) else "drug"
    sources = child_rows_as_of(model=Source, parent_field=parent_field, parent=item, when=when)
    children: dict[str, Any] = {
        "sources": [source_as_json(s) for s in sorted(sources, key=lambda s: s.pk)]
    }
    if isinstance(item, Drug):
        facts = child_rows_as_of(model=RegulatoryFact, parent_field="drug", parent=item, when=when)
        children["regulatory_facts"] = [
            regulatory_fact_as_json(f)
            for f in sorted(facts, key=lambda f: (f.date or date.min, f.pk))
        ]
    return children


# Workflow fields a history entry shows, which are not part of the content.
_WORKFLOW_KEYS = ("status", "reviewed_by", "next_review_due")


def content_version(version: dict[str, Any]) -> dict[str, Any]:
    """A version without its workflow fields: what a restore brings back."""
    return {k: v for k, v in version.items() if k not in _WORKFLOW_KEYS}


def current_version(*, item: ContentItem) -> dict[str, Any]:
    """The working copy in the shape `version_of` uses."""
    version = content_snapshot(item=item)
    model = type(item)
    for name in _history_fields(model):
        if name not in version:
            version[name] = getattr(item, model._meta.get_field(name).attname)
    return version


@dataclass
class HistoryEntry:
    record: Any
    who: str
    what: str
    changes: list[FieldChange]
    is_current: bool


def history_entries(*, item: ContentItem) -> list[HistoryEntry]:
    """An item's versions, newest first, each with what changed since the one before.

    Entries that changed nothing a reviewer can see are left out.
    """
    model = type(item)
    records = list(
        item.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    previous: dict[str, Any] | None = None
    for record in records:
        version = version_of(item=item, record=record)
        if previous is None:
            changes: list[FieldChange] = []
            what = record.history_change_reason or str(_("Created"))
        else:
            changes = field_changes(model=model, old=previous, new=version)
            what = record.history_change_reason or str(_("Changed"))
            if not changes:
                previous = version
                continue
        previous = version
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user else str(_("the system"))
        entries.append(HistoryEntry(record=record, who=who, what=what, changes=changes,
                                    is_current=False))  # fmt: skip
    if entries:
        entries[-1].is_current = True
    entries.reverse()
    return entries


@dataclass
class DueItem:
    item: ContentItem
    kind: str
    reason: str
    overdue_since: date | None


def items_due_for_review(*, today: date | None = None) -> list[DueItem]:
    """Published items never medically reviewed, or whose next review date has passed."""
    today = today or timezone.localdate()
    due: list[DueItem] = []
    for model in CONTENT_MODELS:
        queryset = model.objects.filter(published__isnull=False).filter(
            Q(reviewed_at__isnull=True) | Q(next_review_due__lt=today)
        )
        if model is Section:
            queryset = queryset.select_related("topic")
        for item in queryset.select_related("reviewed_by"):
            if item.reviewed_at is None:
                reason = str(_("Never reviewed since it was last published"))
                since = None
            else:
                reason = str(_("Overdue since %(date)s")) % {"date": item.next_review_due}
                since = item.next_review_due
            due.append(DueItem(item=item, kind=capfirst(str(model._meta.verbose_name)),
                               reason=reason, overdue_since=since))  # fmt: skip
    # Overdue first, oldest first; never-reviewed after them.
    due.sort(key=lambda d: (d.overdue_since is None, d.overdue_since or date.max, d.kind))
    return due


def count_due_for_review(*, today: date | None = None) -> int:
    """How many published items need a medical review now."""
    today = today or timezone.localdate()
    return sum(
        model.objects.filter(published__isnull=False)
        .filter(Q(reviewed_at__isnull=True) | Q(next_review_due__lt=today))
        .count()
        for model in CONTENT_MODELS
    )


@dataclass
class CheckItem:
    item: ContentItem
    kind: str
    reasons: list[str]
    # The newest date anything supports it by: a source's publication or check,
    # a regulatory fact's check, or a medical review. None when there is none.
    freshest: date | None


def _newest(dates: list[date | None]) -> date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _dates_of(children: dict[str, Any]) -> list[date | None]:
    found: list[date | None] = []
    for src in children.get("sources", []):
        found += [_parse_iso(src.get("published_on")), _parse_iso(src.get("checked_on"))]
    for fact in children.get("regulatory_facts", []):
        found.append(_parse_iso(fact.get("as_of")))
    return found


def _parse_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def items_needing_checks(
    *, today: date | None = None, months: int | None = None
) -> list[CheckItem]:
    """Sections and drugs whose newest source or check is older than the setting
    (CONTENT_CHECK_MONTHS), drugs listed as in trials, and sections never reviewed;
    oldest first."""
    from django.conf import settings

    today = today or timezone.localdate()
    months = settings.CONTENT_CHECK_MONTHS if months is None else months
    cutoff = _months_before(today, months)
    found: list[CheckItem] = []
    for model in (Section, Drug):
        queryset = model.objects.prefetch_related("sources")
        if model is Drug:
            queryset = queryset.prefetch_related("regulatory_facts")
        else:
            queryset = queryset.select_related("topic")
        for item in queryset:
            children = content_children(item=item)
            reviewed = timezone.localtime(item.reviewed_at).date() if item.reviewed_at else None
            freshest = _newest([*_dates_of(children), reviewed])
            reasons = []
            if not children.get("sources"):
                reasons.append(str(_("Cites no source")))
            if freshest is None:
                reasons.append(str(_("No source or check has a date")))
            elif freshest < cutoff:
                reasons.append(
                    str(_("Newest source or check is from %(date)s, over %(months)d months ago"))
                    % {"date": freshest.isoformat(), "months": months}
                )
            if isinstance(item, Drug) and item.rating == Drug.Rating.IN_TRIALS:
                reasons.append(str(_("Listed as available only in clinical trials: check for "
                                     "approvals")))  # fmt: skip
            if isinstance(item, Section) and item.reviewed_at is None:
                reasons.append(str(_("Never medically reviewed")))
            if reasons:
                found.append(CheckItem(item=item, kind=capfirst(str(model._meta.verbose_name)),
                                       reasons=reasons, freshest=freshest))  # fmt: skip
    found.sort(key=lambda c: (c.freshest or date.min, c.kind, str(c.item)))
    return found


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    # The same day of the month, or the month's last day when it has fewer.
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover

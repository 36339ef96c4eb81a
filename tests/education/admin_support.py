"""Helpers for tests of the reviewers' admin: roles, signing in, posting change forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse


@pytest.fixture
def roles(db):
    """The reviewers' group with its real permissions, as setup_roles grants them."""
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115


def client_for(user) -> Client:
    """Signed in with both factors, as staff must be to open the admin."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def admin_url(item, view: str = "change", *args: Any) -> str:
    meta = item._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[item.pk, *args])


def topic_form(topic, **changes) -> dict[str, Any]:
    data = {
        "title": topic.title,
        "slug": topic.slug,
        "summary": topic.summary,
        "order": topic.order,
    }
    data.update(changes)
    return data


def section_form(section, *, sources: list[dict[str, Any]] | None = None, **changes):
    """A Section change form with its current sources, plus any new ones."""
    data: dict[str, Any] = {
        "topic": section.topic_id,
        "title": section.title,
        "slug": section.slug,
        "body": section.body,
        "order": section.order,
        "drugs": [d.pk for d in section.drugs.all()] if section.pk else [],
    }
    data.update(sources_formset(section, "section", sources or []))
    data.update(changes)
    return data


def _iso(value) -> str:
    return value.isoformat() if value else ""


def sources_formset(parent, parent_field: str, new: list[dict[str, Any]]) -> dict[str, Any]:
    """The posted "sources" inline: the parent's current sources as they are, plus new ones."""
    existing = list(parent.sources.all()) if parent.pk else []
    data: dict[str, Any] = {
        "sources-TOTAL_FORMS": len(existing) + len(new),
        "sources-INITIAL_FORMS": len(existing),
        "sources-MIN_NUM_FORMS": 0,
        "sources-MAX_NUM_FORMS": 1000,
    }
    for i, s in enumerate(existing):
        data.update(
            {
                f"sources-{i}-id": s.pk,
                f"sources-{i}-{parent_field}": parent.pk,
                f"sources-{i}-title": s.title,
                f"sources-{i}-publisher": s.publisher,
                f"sources-{i}-url": s.url,
                f"sources-{i}-doi": s.doi,
                f"sources-{i}-pmid": s.pmid,
                f"sources-{i}-published_on": _iso(s.published_on),
                f"sources-{i}-supports": s.supports,
                f"sources-{i}-checked_on": _iso(s.checked_on),
            }
        )
    for j, s in enumerate(new, start=len(existing)):
        for key, value in s.items():
            data[f"sources-{j}-{key}"] = value
    return data


def drug_form(drug, *, sources: list[dict[str, Any]] | None = None, **changes) -> dict[str, Any]:
    """A Drug change form with its current regulatory facts and sources, plus new sources."""
    data: dict[str, Any] = {
        name: getattr(drug, name)
        for name in ("generic_name", "slug", "brand_names", "other_names", "drug_class",
                     "rating", "treats_brain", "warning", "summary", "order")
    }  # fmt: skip
    facts = list(drug.regulatory_facts.all()) if drug.pk else []
    data.update(
        {
            "regulatory_facts-TOTAL_FORMS": len(facts),
            "regulatory_facts-INITIAL_FORMS": len(facts),
            "regulatory_facts-MIN_NUM_FORMS": 0,
            "regulatory_facts-MAX_NUM_FORMS": 1000,
        }
    )
    for i, f in enumerate(facts):
        data.update(
            {
                f"regulatory_facts-{i}-id": f.pk,
                f"regulatory_facts-{i}-drug": drug.pk,
                f"regulatory_facts-{i}-agency": f.agency,
                f"regulatory_facts-{i}-description": f.description,
                f"regulatory_facts-{i}-date": _iso(f.date),
                f"regulatory_facts-{i}-date_precision": f.date_precision,
                f"regulatory_facts-{i}-as_of": _iso(f.as_of),
                f"regulatory_facts-{i}-source_title": f.source_title,
                f"regulatory_facts-{i}-source_url": f.source_url,
            }
        )
    data.update(sources_formset(drug, "drug", sources or []))
    data.update(changes)
    return data


def marked(page: str, tag: str) -> list[str]:
    """The words a diff shows as added (`ins`) or removed (`del`), as a reader sees them."""
    import re

    found = re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.DOTALL)
    return [re.sub(r'<span class="visually-hidden">.*?</span>', "", f).strip() for f in found]

"""Reads of published medical content. Patients only ever see published snapshots."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from education.models import CatalogState, Drug, SideEffectTerm

# The journal's enumerations, listed in the catalogue so that forms and the
# server agree (sync-protocol.md §2). Labels are patient wording.
ENUMERATIONS: dict[str, list[dict[str, Any]]] = {
    "stop_reason": [
        {"value": "progression", "label": "The cancer grew (progression)"},
        {"value": "side_effects", "label": "Side effects"},
        {"value": "planned", "label": "Planned end of treatment"},
        {"value": "access", "label": "Cost or availability"},
        {"value": "patient_choice", "label": "My own choice"},
        {"value": "other", "label": "Other reason"},
    ],
    "modality": [
        {"value": "ct", "label": "CT scan"},
        {"value": "mri", "label": "MRI"},
        {"value": "pet_ct", "label": "PET-CT"},
        {"value": "pet", "label": "PET scan"},
        {"value": "xray", "label": "X-ray"},
        {"value": "ultrasound", "label": "Ultrasound"},
        {"value": "bone_scan", "label": "Bone scan"},
        {"value": "other", "label": "Other"},
    ],
    "site": [
        {"value": "chest", "label": "Chest and lungs"},
        {"value": "brain", "label": "Brain"},
        {"value": "liver", "label": "Liver"},
        {"value": "bone", "label": "Bones"},
        {"value": "adrenal", "label": "Adrenal glands"},
        {"value": "lymph_nodes", "label": "Lymph nodes"},
        {"value": "abdomen", "label": "Abdomen"},
        {"value": "other", "label": "Other"},
    ],
    "outcome": [
        {"value": "baseline", "label": "Baseline (first scan of a treatment)"},
        {"value": "no_evidence_of_disease", "label": "No evidence of disease (NED)"},
        {"value": "improved", "label": "Improved (shrinking)"},
        {"value": "stable", "label": "Stable"},
        {"value": "progressed", "label": "Progressed (growing)"},
        {"value": "mixed", "label": "Mixed"},
        {"value": "unknown", "label": "Not known yet"},
    ],
    "recist": [
        {"value": "CR", "label": "CR: complete response"},
        {"value": "PR", "label": "PR: partial response"},
        {"value": "SD", "label": "SD: stable disease"},
        {"value": "PD", "label": "PD: progressive disease"},
        {"value": "NE", "label": "NE: not evaluable"},
    ],
    "severity": [
        {"value": 1, "label": "Mild"},
        {"value": 2, "label": "Moderate"},
        {"value": 3, "label": "Severe"},
        {"value": 4, "label": "Very severe"},
    ],
    "interference": [
        {"value": 0, "label": "Not at all"},
        {"value": 1, "label": "A little bit"},
        {"value": 2, "label": "Somewhat"},
        {"value": 3, "label": "Quite a bit"},
        {"value": 4, "label": "Very much"},
    ],
    "action": [
        {"value": "none", "label": "Nothing changed"},
        {"value": "dose_reduced", "label": "Dose reduced"},
        {"value": "paused", "label": "Treatment paused"},
        {"value": "stopped", "label": "Treatment stopped"},
        {"value": "medication_added", "label": "Medicine added for it"},
    ],
}


def published_drug_slugs() -> set[str]:
    """Slugs a journal course may name (besides `other`)."""
    return set(Drug.objects.filter(published__isnull=False).values_list("slug", flat=True))


def published_side_effect_slugs() -> set[str]:
    """Slugs a journal side effect may name (besides `other`)."""
    return set(
        SideEffectTerm.objects.filter(published__isnull=False).values_list("slug", flat=True)
    )


def catalog_version() -> int:
    state = CatalogState.objects.filter(pk=1).first()
    return state.version if state else 1


def catalog_payload() -> dict[str, Any]:
    """The public catalogue (sync-protocol.md §5), built from published snapshots only."""
    drugs = []
    for drug in Drug.objects.filter(published__isnull=False).only("slug", "published"):
        p = drug.published
        drugs.append(
            {
                "slug": drug.slug,
                "generic_name": p["generic_name"],
                "brand_names": [b.strip() for b in p["brand_names"].split(",") if b.strip()],
                "drug_class": p["drug_class"],
                "rating": p["rating"],
                "rating_label": str(Drug.Rating(p["rating"]).label),
                "treats_brain": p["treats_brain"],
                "warning": p["warning"] or None,
                "order": p["order"],
            }
        )
    drugs.sort(key=lambda d: (d["order"], d["generic_name"]))
    terms = []
    for term in SideEffectTerm.objects.filter(published__isnull=False).only("slug", "published"):
        p = term.published
        terms.append(
            {
                "slug": term.slug,
                "patient_term": p["patient_term"],
                "ctcae_term": p["ctcae_term"],
                "description": p["description"],
                "order": p["order"],
            }
        )
    terms.sort(key=lambda t: (t["order"], t["patient_term"]))
    for entry in drugs + terms:
        entry.pop("order")
    return {
        "version": catalog_version(),
        "drugs": drugs,
        "side_effect_terms": terms,
        "enumerations": ENUMERATIONS,
    }


def catalog_etag(payload: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]
    return f'"{digest}"'

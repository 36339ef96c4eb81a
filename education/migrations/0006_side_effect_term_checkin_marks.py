"""The check-in marks and PRO-CTCAE attributes of the seeded side-effect terms.

Frozen here as they were seeded on 3 December 2026 (education/content/seed_data.py:
CHECKIN_ATTRIBUTES_BY_TERM, CHECKIN_DEFAULT_TERMS). Each term's published copy
gets the same values, so that no term shows an unpublished change for it, and
the catalogue's version moves on so that devices fetch the marks.
"""

from django.db import migrations
from django.db.models import F

ATTRIBUTES = {
    "blurred-vision": ("severity", "interference"),
    "nausea": ("frequency", "severity"),
    "vomiting": ("frequency", "severity"),
    "diarrhoea": ("frequency",),
    "constipation": ("severity",),
    "abdominal-pain": ("frequency", "severity", "interference"),
    "loss-of-appetite": ("severity", "interference"),
    "taste-change": ("severity",),
    "swelling": ("frequency", "severity", "interference"),
    "tiredness": ("severity", "interference"),
    "dizziness": ("severity", "interference"),
    "headache": ("frequency", "severity", "interference"),
    "tingling-or-numbness": ("severity", "interference"),
    "memory-or-thinking-changes": ("severity", "interference"),
    "low-mood": ("frequency", "severity", "interference"),
    "anxiety": ("frequency", "severity", "interference"),
    "trouble-sleeping": ("severity", "interference"),
    "muscle-pain": ("frequency", "severity", "interference"),
    "joint-pain": ("frequency", "severity", "interference"),
    "shortness-of-breath": ("severity", "interference"),
    "cough": ("severity", "interference"),
}
DEFAULT_TERMS = {
    "dizziness",
    "taste-change",
    "swelling",
    "constipation",
    "diarrhoea",
    "nausea",
    "tingling-or-numbness",
    "tiredness",
    "blurred-vision",
    "memory-or-thinking-changes",
    "shortness-of-breath",
}


def _fields(slug):
    takes = ATTRIBUTES.get(slug, ())
    return {
        "checkin": slug in DEFAULT_TERMS,
        "takes_frequency": "frequency" in takes,
        "takes_severity": "severity" in takes,
        "takes_interference": "interference" in takes,
    }


def mark_terms(apps, schema_editor):
    term_model = apps.get_model("education", "SideEffectTerm")
    changed = False
    for term in term_model.objects.all():
        fields = _fields(term.slug)
        for name, value in fields.items():
            setattr(term, name, value)
        if term.published is not None:
            term.published = {**term.published, **fields}
        term.save(update_fields=[*fields, "published"])
        changed = True
    if changed:
        state_model = apps.get_model("education", "CatalogState")
        state_model.objects.get_or_create(pk=1)
        state_model.objects.filter(pk=1).update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [("education", "0005_side_effect_term_checkin")]

    operations = [migrations.RunPython(mark_terms, migrations.RunPython.noop)]

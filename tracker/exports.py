"""The journal written out for the patient or their clinic (sync-protocol.md §6).

Both exports take the records to write (a queryset or any iterable), so that
a caller can apply its own scope first: the patient's own export passes all
their live records, a clinic share passes only what the patient shared.
Tombstones are always left out, whatever the caller passes.

The FHIR export is an R4 `Bundle` of type `collection`. Codes are given only
where the code system is certain (HL7's own code systems and the resources'
required value sets); everything the patient wrote in their own words goes
in as text, and every resource carries a generated narrative with all of
the entry's fields, so that nothing the patient wrote is lost on the way.
"""

from __future__ import annotations

import datetime
import html
import uuid
from collections.abc import Iterable
from typing import Any

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from education.models import Drug, SideEffectTerm
from tracker.contract import ENUMERATIONS
from tracker.models import Collection, Record
from tracker.selectors import iso_utc, record_envelope

# The sync schema its records follow: 2, since it carries check-ins (§7).
EXPORT_SCHEMA = 2
# The media type of the FHIR export, naming the FHIR release (R4 is 4.0).
FHIR_CONTENT_TYPE = "application/fhir+json; fhirVersion=4.0"

_V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
_OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
_AE_OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
_PROVENANCE_PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
_XHTML = "http://www.w3.org/1999/xhtml"
# Derives stable ids for the resources that are not records themselves: a
# scan's RECIST Observation (from the scan's id) and the Provenance.
_DERIVED_NAMESPACE = uuid.UUID("8f9b3c1e-4a52-4d0e-9a57-2f6f1f0e7c3a")


def _live(records: Iterable[Record]) -> list[Record]:
    return [r for r in records if not r.deleted]


# -- JSON ----------------------------------------------------------------------


def export_json(*, records: Iterable[Record], exported_at: datetime.datetime) -> dict[str, Any]:
    """The JSON export: each live record's envelope, in the order given; tombstones left out."""
    return {
        "schema": EXPORT_SCHEMA,
        "exported_at": iso_utc(exported_at),
        "records": [record_envelope(r) for r in _live(records)],
    }


# -- FHIR R4 -------------------------------------------------------------------


def fhir_patient_id(*, user_id: int) -> str:
    """An opaque, stable id for the user's Patient resource; it reveals nothing about them.

    Keyed with the server's secret, so that the same patient keeps the same id
    in every export, while nobody without the secret can tell whose it is.
    """
    digest = salted_hmac("tracker.exports.fhir_patient", str(user_id)).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def fhir_resource_id(record_id, *, private_to: str | None = None, kind: str = "") -> str:
    """The id of a record's resource (or of a `kind` of resource derived from it).

    In the patient's own export it is the record's id. A bundle made for
    someone else passes `private_to` (that bundle's Patient id), and every id is
    derived from it too, so that two recipients share no id they could match.
    """
    if private_to is not None:
        return str(uuid.uuid5(_DERIVED_NAMESPACE, f"{private_to}:{kind}:{record_id}"))
    return str(uuid.uuid5(_DERIVED_NAMESPACE, str(record_id))) if kind else str(record_id)


def _labels(name: str) -> dict[Any, str]:
    return {item["value"]: item["label"] for item in ENUMERATIONS[name]}


def _names() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Published drug names and side-effect wordings by slug (patients only see snapshots)."""
    drugs = {
        slug: p.get("generic_name") or slug
        for slug, p in Drug.objects.filter(published__isnull=False).values_list("slug", "published")
    }
    terms = {
        slug: (p.get("patient_term") or slug, p.get("ctcae_term") or "")
        for slug, p in SideEffectTerm.objects.filter(published__isnull=False).values_list(
            "slug", "published"
        )
    }
    return drugs, terms


def _narrative(title: str, rows: list[tuple[str, Any]]) -> dict[str, str]:
    """A generated XHTML narrative listing every field that has a value."""
    items = "".join(
        f"<li>{html.escape(label)}: {html.escape(str(value))}</li>"
        for label, value in rows
        if value not in (None, "", [])
    )
    body = f"<p>{html.escape(title)}</p>" + (f"<ul>{items}</ul>" if items else "")
    return {"status": "generated", "div": f'<div xmlns="{_XHTML}">{body}</div>'}


def _text(value: str) -> dict[str, str]:
    return {"text": value}


class _Builder:
    """Turns records into bundle entries; one per export."""

    def __init__(self, *, patient_id: str, records: list[Record], private_ids: bool = False):
        self.patient_ref = {"reference": f"urn:uuid:{patient_id}"}
        self.patient_id = patient_id
        self.private_ids = private_ids
        self.drugs, self.terms = _names()
        self.course_ids = {str(r.id) for r in records if r.collection == Collection.COURSES}
        self.stop_reasons = _labels("stop_reason")
        self.modalities = _labels("modality")
        self.sites = _labels("site")
        self.outcomes = _labels("outcome")
        self.recist = _labels("recist")
        self.severities = _labels("severity")
        self.interferences = _labels("interference")
        self.actions = _labels("action")
        self.checkin_scales = {
            "frequency": _labels("frequency"),
            "severity": _labels("checkin_severity"),
            "interference": _labels("interference"),
        }

    def resource_id(self, record_id, kind: str = "") -> str:
        return fhir_resource_id(
            record_id, private_to=self.patient_id if self.private_ids else None, kind=kind
        )

    def course(self, record: Record) -> list[dict[str, Any]]:
        d = record.data
        drug = d.get("drug_name") if d.get("drug") == "other" else self.drugs.get(d.get("drug"))
        drug = drug or d.get("drug") or _("Unknown treatment")
        stopped = d.get("stop_date") is not None
        status = "active"
        if stopped:
            status = "completed" if d.get("stop_reason") == "planned" else "stopped"
        resource: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "id": self.resource_id(record.id),
            "text": _narrative(
                _("Treatment: %(drug)s") % {"drug": drug},
                [
                    (_("Started"), d.get("start_date")),
                    (_("Stopped"), d.get("stop_date")),
                    (_("Dose"), d.get("dose")),
                    (_("Line of therapy"), d.get("line")),
                    (_("Why it stopped"), self.stop_reasons.get(d.get("stop_reason"))),
                    (_("Notes"), d.get("notes")),
                ],
            ),
            "status": status,
            "medicationCodeableConcept": _text(drug),
            "subject": self.patient_ref,
            "effectivePeriod": {"start": d["start_date"]},
            "dateAsserted": iso_utc(record.updated_at),
            "informationSource": self.patient_ref,
        }
        if stopped:
            resource["effectivePeriod"]["end"] = d["stop_date"]
        if d.get("stop_reason"):
            resource["statusReason"] = [_text(self.stop_reasons[d["stop_reason"]])]
        if d.get("dose"):
            resource["dosage"] = [{"text": d["dose"]}]
        notes = []
        if d.get("line") is not None:
            notes.append({"text": _("Line of therapy: %(line)d") % {"line": d["line"]}})
        if d.get("notes"):
            notes.append({"text": d["notes"]})
        if notes:
            resource["note"] = notes
        return [resource]

    def scan(self, record: Record) -> list[dict[str, Any]]:
        d = record.data
        modality = self.modalities.get(d.get("modality"), d.get("modality"))
        sites = [self.sites.get(s, s) for s in d.get("sites") or []]
        name = modality + (": " + ", ".join(sites) if sites else "")
        outcome = self.outcomes.get(d.get("outcome"), "")
        conclusion = _("What the doctor said: %(outcome)s.") % {"outcome": outcome}
        if d.get("brain_outcome"):
            conclusion += " " + _("Brain: %(outcome)s.") % {
                "outcome": self.outcomes[d["brain_outcome"]]
            }
        report: dict[str, Any] = {
            "resourceType": "DiagnosticReport",
            "id": self.resource_id(record.id),
            "text": _narrative(
                _("Scan: %(name)s") % {"name": name},
                [
                    (_("Date"), d.get("date")),
                    (_("Outcome"), outcome),
                    (_("Brain"), self.outcomes.get(d.get("brain_outcome"))),
                    (_("RECIST 1.1"), self.recist.get(d.get("recist"))),
                    (_("Notes"), d.get("notes")),
                ],
            ),
            # "unknown" means the patient has not heard the result yet.
            "status": "registered" if d.get("outcome") == "unknown" else "final",
            "category": [{"coding": [{"system": _V2_0074, "code": "RAD", "display": "Radiology"}]}],
            "code": _text(name),
            "subject": self.patient_ref,
            "effectiveDateTime": d["date"],
            "issued": iso_utc(record.updated_at),
            "conclusion": conclusion,
        }
        entries = [report]
        if d.get("recist"):
            observation_id = self.resource_id(record.id, "recist")
            report["result"] = [{"reference": f"urn:uuid:{observation_id}"}]
            entries.append(
                {
                    "resourceType": "Observation",
                    "id": observation_id,
                    "text": _narrative(
                        _("RECIST 1.1 response: %(value)s") % {"value": self.recist[d["recist"]]},
                        [(_("Date"), d.get("date"))],
                    ),
                    "status": "final",
                    "category": [
                        {
                            "coding": [
                                {
                                    "system": _OBSERVATION_CATEGORY,
                                    "code": "imaging",
                                    "display": "Imaging",
                                }
                            ]
                        }
                    ],
                    "code": _text(_("RECIST 1.1 response category")),
                    "subject": self.patient_ref,
                    "effectiveDateTime": d["date"],
                    "valueCodeableConcept": _text(self.recist[d["recist"]]),
                }
            )
        return entries

    def side_effect(self, record: Record) -> list[dict[str, Any]]:
        d = record.data
        if d.get("term") == "other":
            wording, ctcae = d.get("term_other") or _("Other"), ""
        else:
            wording, ctcae = self.terms.get(d.get("term"), (d.get("term"), ""))
        severity = d.get("severity")
        resource: dict[str, Any] = {
            "resourceType": "AdverseEvent",
            "id": self.resource_id(record.id),
            "text": _narrative(
                _("Side effect: %(term)s") % {"term": wording},
                [
                    (_("CTCAE term"), ctcae),
                    (_("Severity"), self.severities.get(severity)),
                    (
                        _("Got in the way of daily life"),
                        self.interferences.get(d["interference"])
                        if d.get("interference") is not None
                        else None,
                    ),
                    (_("Started"), d.get("onset_date")),
                    (_("Resolved"), d.get("resolved_date")),
                    (_("What was done"), self.actions.get(d.get("action"))),
                    (_("Notes"), d.get("notes")),
                ],
            ),
            "actuality": "actual",
            "event": _text(f"{wording} ({ctcae})" if ctcae and ctcae != wording else wording),
            "subject": self.patient_ref,
            "date": d["onset_date"],
            "recordedDate": iso_utc(record.updated_at),
            "recorder": self.patient_ref,
            "outcome": {
                "coding": [
                    {"system": _AE_OUTCOME, "code": "resolved", "display": "Resolved"}
                    if d.get("resolved_date")
                    else {"system": _AE_OUTCOME, "code": "ongoing", "display": "Ongoing"}
                ]
            },
        }
        if severity is not None:
            # The value set has three grades; "very severe" (4) is still "severe".
            code = {1: "mild", 2: "moderate"}.get(severity, "severe")
            resource["severity"] = {
                "coding": [{"system": _AE_SEVERITY, "code": code, "display": code.title()}],
                "text": self.severities.get(severity, str(severity)),
            }
        # Kept as written (either case); the courses' ids are lowercase.
        course = (d.get("course") or "").lower()
        if course in self.course_ids:
            reference = f"urn:uuid:{self.resource_id(course)}"
            resource["suspectEntity"] = [{"instance": {"reference": reference}}]
        return [resource]

    def checkin(self, record: Record) -> list[dict[str, Any]]:
        """A check-in as a QuestionnaireResponse: one group item per symptom, ratings 0 to 4.

        There is no published Questionnaire for the journal's check-in, so
        `questionnaire` is left out and every item carries its own text; a
        rating is a valueInteger on the PRO-CTCAE 0 to 4 scale, its wording
        in the item's text and the narrative.
        """
        d = record.data
        questions = {
            "frequency": _("How often (0 never to 4 almost constantly)"),
            "severity": _("How bad at its worst (0 none to 4 very severe)"),
            "interference": _("How much it got in the way (0 not at all to 4 very much)"),
        }
        items: list[dict[str, Any]] = []
        rows: list[tuple[str, Any]] = []
        for index, entry in enumerate(d.get("items") or [], start=1):
            if entry.get("term") == "other":
                wording = entry.get("term_other") or _("Other")
                link = f"symptom-{index}"
            else:
                wording = self.terms.get(entry.get("term"), (entry.get("term"), ""))[0]
                link = f"symptom-{index}-{entry.get('term')}"
            ratings = []
            said = []
            for attribute, question in questions.items():
                value = entry.get(attribute)
                if value is None:
                    continue
                ratings.append(
                    {
                        "linkId": f"{link}.{attribute}",
                        "text": question,
                        "answer": [{"valueInteger": value}],
                    }
                )
                said.append(f"{self.checkin_scales[attribute].get(value, value)} ({value})")
            items.append({"linkId": link, "text": wording, "item": ratings})
            rows.append((wording, ", ".join(said)))
        if d.get("wellbeing") is not None:
            items.append(
                {
                    "linkId": "wellbeing",
                    "text": _("Overall wellbeing (0 worst to 10 best)"),
                    "answer": [{"valueInteger": d["wellbeing"]}],
                }
            )
            rows.append((_("Overall wellbeing (0 to 10)"), d["wellbeing"]))
        course = (d.get("course") or "").lower()
        if course in self.course_ids:
            items.append(
                {
                    "linkId": "course",
                    "text": _("During treatment"),
                    "answer": [
                        {"valueReference": {"reference": f"urn:uuid:{self.resource_id(course)}"}}
                    ],
                }
            )
        if d.get("notes"):
            items.append(
                {"linkId": "notes", "text": _("Notes"), "answer": [{"valueString": d["notes"]}]}
            )
            rows.append((_("Notes"), d["notes"]))
        resource: dict[str, Any] = {
            "resourceType": "QuestionnaireResponse",
            "id": self.resource_id(record.id),
            "text": _narrative(
                _("Weekly check-in of %(date)s") % {"date": d.get("date")},
                rows,
            ),
            "status": "completed",
            "subject": self.patient_ref,
            "authored": d["date"],
            "author": self.patient_ref,
            "source": self.patient_ref,
        }
        if items:
            resource["item"] = items
        return [resource]


def fhir_bundle(
    *,
    records: Iterable[Record],
    patient_id: str,
    exported_at: datetime.datetime,
    private_ids: bool = False,
) -> dict[str, Any]:
    """The records as an HL7 FHIR R4 Bundle (type collection); questions and tombstones left out.

    Courses become MedicationStatements, scans DiagnosticReports (with a RECIST
    Observation in `result` when one is set), side effects AdverseEvents,
    weekly check-ins QuestionnaireResponses. The
    Patient carries nothing but `patient_id`; a Provenance names the patient
    as the author of every entry, since a DiagnosticReport has no field that
    can point at a patient as its source.
    """
    live = [r for r in _live(records) if r.collection != Collection.QUESTIONS]
    builder = _Builder(patient_id=patient_id, records=live, private_ids=private_ids)
    make = {
        Collection.COURSES: builder.course,
        Collection.SCANS: builder.scan,
        Collection.SIDE_EFFECTS: builder.side_effect,
        Collection.CHECKINS: builder.checkin,
    }
    resources: list[dict[str, Any]] = [{"resourceType": "Patient", "id": patient_id}]
    for record in live:
        resources.extend(make[record.collection](record))
    targets = [{"reference": f"urn:uuid:{r['id']}"} for r in resources[1:]]
    if targets:
        resources.append(
            {
                "resourceType": "Provenance",
                "id": str(uuid.uuid5(_DERIVED_NAMESPACE, f"provenance:{patient_id}")),
                "target": targets,
                "recorded": iso_utc(max(r.updated_at for r in live)),
                "agent": [
                    {
                        "type": {
                            "coding": [
                                {
                                    "system": _PROVENANCE_PARTICIPANT,
                                    "code": "author",
                                    "display": "Author",
                                }
                            ],
                            "text": _("Written by the patient in their own journal"),
                        },
                        "who": builder.patient_ref,
                    }
                ],
            }
        )
    return {
        "resourceType": "Bundle",
        "meta": {"lastUpdated": iso_utc(exported_at)},
        "type": "collection",
        "timestamp": iso_utc(exported_at),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }

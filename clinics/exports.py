"""What clinic staff see and download of a shared journal: rows, the timeline picture, CSV, FHIR R4.

Every function here takes records already cut to a consent's scopes by
`clinics.selectors.shared_records_for_staff`; none of them reads the
database for entries itself. The FHIR bundle is the journal's own exporter
(tracker.exports.fhir_bundle) fed with the scoped records.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinics.models import Consent
from clinics.selectors import Names, consent_scopes, entry_date
from education.selectors import ENUMERATIONS
from tracker.contract import CHECKIN_ITEM
from tracker.exports import fhir_bundle, fhir_resource_id
from tracker.models import Record
from tracker.validation import COLLECTION_FIELDS

_LABELS = {
    name: {item["value"]: item["label"] for item in items} for name, items in ENUMERATIONS.items()
}
_FIELD_ENUM = {
    "stop_reason": "stop_reason",
    "modality": "modality",
    "outcome": "outcome",
    "brain_outcome": "outcome",
    "recist": "recist",
    "action": "action",
}


def _label(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field == "sites":
        return ", ".join(_LABELS.get("site", {}).get(v, v) for v in value)
    if field in _FIELD_ENUM:
        return _LABELS.get(_FIELD_ENUM[field], {}).get(value, str(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _title(record: Record, names: Names) -> str:
    data = record.data
    if record.collection == "courses":
        return names.drug(data)
    if record.collection == "scans":
        return _label("modality", data.get("modality"))
    if record.collection == "side_effects":
        return names.side_effect(data)
    return data.get("text") or ""


@dataclass
class Entry:
    """One entry as staff read it: a title and its non-empty fields, labelled."""

    collection: str
    title: str
    date: str
    fields: list[tuple[str, str]]


_FIELD_NAMES = {
    "drug": gettext_lazy("Medicine"),
    "drug_name": gettext_lazy("Medicine (as written)"),
    "start_date": gettext_lazy("Started"),
    "stop_date": gettext_lazy("Stopped"),
    "dose": gettext_lazy("Dose"),
    "line": gettext_lazy("Line of treatment"),
    "stop_reason": gettext_lazy("Why it stopped"),
    "notes": gettext_lazy("Notes"),
    "date": gettext_lazy("Date"),
    "modality": gettext_lazy("Kind of scan"),
    "sites": gettext_lazy("Body areas"),
    "outcome": gettext_lazy("Result"),
    "brain_outcome": gettext_lazy("Result in the brain"),
    "recist": gettext_lazy("RECIST"),
    "course": gettext_lazy("During treatment"),
    "term": gettext_lazy("Side effect"),
    "term_other": gettext_lazy("Side effect (as written)"),
    "severity": gettext_lazy("Severity (1-4)"),
    "interference": gettext_lazy("Interference with daily life (0-4)"),
    "onset_date": gettext_lazy("Began"),
    "resolved_date": gettext_lazy("Resolved"),
    "action": gettext_lazy("What was done"),
    "text": gettext_lazy("Question"),
    "source": gettext_lazy("From page"),
    "asked": gettext_lazy("Asked"),
    "answer": gettext_lazy("Answer"),
}


def entries(records: list[Record], names: Names) -> list[Entry]:
    """The entries in reading form; links between entries become the course's medicine."""
    courses = {str(r.id): names.drug(r.data) for r in records if r.collection == "courses"}
    out = []
    for record in records:
        fields = []
        for field in COLLECTION_FIELDS[record.collection]:
            value = record.data.get(field)
            if field == "drug":
                value = names.drug(record.data)
            elif field == "term":
                value = names.side_effect(record.data)
            elif field in ("drug_name", "term_other", "source"):
                continue
            elif field == "course":
                # Only a course that is itself shared is named; never its id.
                value = courses.get((value or "").lower())
            text = _label(field, value)
            if text:
                fields.append((str(_FIELD_NAMES.get(field, field)), text))
        out.append(
            Entry(
                collection=record.collection,
                title=_title(record, names),
                date=entry_date(record) or "",
                fields=fields,
            )
        )
    return out


# The clinic's view shows this many weeks of check-ins (issue 14); the
# downloads carry every shared one.
CHECKIN_WEEKS = 12


@dataclass
class CheckinRow:
    """One weekly check-in as staff read it: each symptom's ratings in words and numbers."""

    date: str
    wellbeing: str
    symptoms: list[tuple[str, str]]  # (symptom, its ratings)
    notes: str


_RATING_WORDS = {
    "frequency": (gettext_lazy("how often"), "frequency"),
    "severity": (gettext_lazy("how bad"), "checkin_severity"),
    "interference": (gettext_lazy("in the way"), "interference"),
}


def recent_checkins(
    *, records: Iterable[Record], names: Names, today: datetime.date
) -> list[CheckinRow]:
    """The check-ins among `records` dated in the last 12 weeks, newest first."""
    since = (today - datetime.timedelta(weeks=CHECKIN_WEEKS)).isoformat()
    rows = []
    for record in records:
        data = record.data
        if record.collection != "checkins" or (data.get("date") or "") < since:
            continue
        symptoms = []
        for item in data.get("items") or []:
            said = []
            for attribute, (words, scale) in _RATING_WORDS.items():
                value = item.get(attribute)
                if value is not None:
                    label = _LABELS.get(scale, {}).get(value, "")
                    said.append(f"{words} {value}/4 ({label})")
            symptoms.append((names.side_effect(item), ", ".join(said)))
        wellbeing = data.get("wellbeing")
        rows.append(
            CheckinRow(
                date=data.get("date") or "",
                wellbeing="" if wellbeing is None else f"{wellbeing}/10",
                symptoms=symptoms,
                notes=data.get("notes") or "",
            )
        )
    rows.sort(key=lambda row: row.date, reverse=True)
    return rows


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: str) -> str:
    """The cell as text a spreadsheet will not run.

    Spreadsheets run cells that start like a formula, and some skip what looks
    blank first (spaces, NBSP, a BOM, zero-width characters, newlines) or read
    a full-width `＝` as `=`; patients' text must stay text.
    """
    head = value.lstrip("".join(_INVISIBLE)) if value else ""
    if value and (value[0] in _FORMULA_STARTS or _looks_like_formula(head)):
        return "'" + value
    return value


def _looks_like_formula(text: str) -> bool:
    return bool(text) and unicodedata.normalize("NFKC", text[0]) in _FORMULA_STARTS[:4]


# Whitespace and invisible format characters a spreadsheet may pass over.
_INVISIBLE = frozenset(
    chr(c) for c in range(0x3000 + 1) if chr(c).isspace() or unicodedata.category(chr(c)) == "Cf"
) | {"\ufeff", "\u2060"}


def journal_csv(*, consent: Consent, records: list[Record], names: Names) -> str:
    """One row per shared entry; the columns are the fields of the shared collections only."""
    return records_csv(collections=consent_scopes(consent), records=records, names=names)


def records_csv(*, collections: Iterable[str], records: Iterable[Record], names: Names) -> str:
    """One row per entry, and per item of a check-in; formulas neutralised.

    The columns are the fields of `collections`; a check-in's `items` become
    the columns `item_term` … `item_interference`, one row per item (the
    check-in's own fields repeated on each), or one row with them empty when
    it has none. The clinic's download of a share and the patient's own
    export (tracker/export_apis.py) are both this one file, so they cannot drift.
    """
    columns: list[str] = []
    for scope in collections:
        for field in COLLECTION_FIELDS[scope]:
            names_here = [f"item_{n}" for n in CHECKIN_ITEM.names] if field == "items" else [field]
            for name in names_here:
                if name not in columns and name != "course":
                    columns.append(name)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["collection", "updated_at", *columns])
    for record in records:
        items = (record.data.get("items") or [{}]) if record.collection == "checkins" else [{}]
        for item in items:
            data = {**record.data, **{f"item_{k}": v for k, v in item.items()}}
            row = [record.collection, record.updated_at.astimezone(datetime.UTC).isoformat()]
            for field in columns:
                row.append(_safe_cell(_csv_value(field, data, names)))
            writer.writerow(row)
    return buffer.getvalue()


def _csv_value(field: str, data: dict[str, Any], names: Names) -> str:
    value = data.get(field)
    if field == "drug" and value and value != "other":
        value = names.drug(data)
    elif field in ("term", "item_term") and value and value != "other":
        value = names.side_effect({"term": value})
    if field == "sites":
        value = "; ".join(value or [])
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, list):
        value = ""  # a check-in's items have their own columns
    return "" if value is None else str(value)


# --- FHIR R4 -------------------------------------------------------------------------------------


def _fhir_question(record: Record, patient_id: str) -> dict:
    data = record.data
    patient_ref = {"reference": f"urn:uuid:{patient_id}"}
    resource: dict[str, Any] = {
        "resourceType": "Communication",
        "id": fhir_resource_id(record.id, private_to=patient_id),
        "status": "completed" if data.get("asked") else "preparation",
        "subject": patient_ref,
        "sender": patient_ref,
        "payload": [{"contentString": data.get("text") or ""}],
    }
    if data.get("answer"):
        resource["note"] = [
            {"text": _("Answer noted by the patient: %(a)s") % {"a": data["answer"]}}
        ]
    return resource


def journal_fhir(*, consent: Consent, records: list[Record]) -> dict[str, Any]:
    """The shared entries as a FHIR R4 collection Bundle, built by tracker.exports.fhir_bundle.

    The Patient's id is the consent's own id, and every other id is derived
    from it, so that two clinics (or two consents) cannot match their files on
    any id. The Patient's only other field is the name the patient chose.
    Questions, which the shared builder leaves out, are added as Communications.
    """
    patient_id = str(consent.public_id)
    bundle = fhir_bundle(
        records=records, patient_id=patient_id, exported_at=timezone.now(), private_ids=True
    )
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "Patient":
            entry["resource"]["name"] = [{"text": consent.display_name}]
    questions = [
        _fhir_question(r, patient_id)
        for r in records
        if r.collection == "questions" and not r.deleted
    ]
    bundle["entry"] += [{"fullUrl": f"urn:uuid:{q['id']}", "resource": q} for q in questions]
    return bundle


# --- The timeline picture ------------------------------------------------------------------------

_WIDTH = 760
_LEFT = 170
_RIGHT = 20
_ROW = 26


def _parse(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def timeline_svg(*, records: list[Record], names: Names, today: datetime.date) -> str:
    """A server-drawn SVG of courses and side effects as bars and scans as marks; escaped text."""
    rows: list[tuple[str, str, datetime.date, datetime.date | None]] = []
    for record in records:
        data = record.data
        if record.collection == "courses":
            start, end = _parse(data.get("start_date")), _parse(data.get("stop_date"))
            if start:
                rows.append(("course", names.drug(data), start, end or today))
        elif record.collection == "side_effects":
            start, end = _parse(data.get("onset_date")), _parse(data.get("resolved_date"))
            if start:
                rows.append(("side-effect", names.side_effect(data), start, end or today))
        elif record.collection == "scans":
            day = _parse(data.get("date"))
            if day:
                label = f"{_label('modality', data.get('modality'))}: " + _label(
                    "outcome", data.get("outcome")
                )
                rows.append(("scan", label, day, None))
    if not rows:
        return ""
    first = min(r[2] for r in rows)
    last = max(max(r[2], r[3] or r[2]) for r in rows)
    span = max((last - first).days, 1)
    inner = _WIDTH - _LEFT - _RIGHT

    def x(day: datetime.date) -> float:
        return round(_LEFT + inner * (day - first).days / span, 1)

    height = _ROW * (len(rows) + 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" '
        f'aria-labelledby="timeline-title">',
        f'<title id="timeline-title">{escape(_("Timeline of the shared entries"))}</title>',
    ]
    for i, (kind, label, start, end) in enumerate(rows):
        y = _ROW * (i + 1)
        parts.append(
            f'<text x="4" y="{y + 14}" font-size="12" fill="#222">{escape(label[:28])}</text>'
        )
        if end is None:
            cx = x(start)
            parts.append(
                f'<path d="M{cx} {y + 3}l8 8-8 8-8-8z" fill="#1d4e89" class="{kind}">'
                f"<title>{escape(label)}, {start.isoformat()}</title></path>"
            )
        else:
            width = max(x(end) - x(start), 3)
            fill = "#2e7d32" if kind == "course" else "#b26a00"
            parts.append(
                f'<rect x="{x(start)}" y="{y + 4}" width="{width}" height="16" rx="3" '
                f'fill="{fill}" class="{kind}"><title>{escape(label)}, {start.isoformat()} '
                f"– {end.isoformat()}</title></rect>"
            )
    axis_y = _ROW * (len(rows) + 1) + 8
    parts.append(
        f'<line x1="{_LEFT}" y1="{axis_y}" x2="{_WIDTH - _RIGHT}" y2="{axis_y}" stroke="#555"/>'
    )
    parts.append(
        f'<text x="{_LEFT}" y="{axis_y + 14}" font-size="11" fill="#222">{first.isoformat()}</text>'
    )
    parts.append(
        f'<text x="{_WIDTH - _RIGHT}" y="{axis_y + 14}" font-size="11" text-anchor="end" '
        f'fill="#222">{last.isoformat()}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)

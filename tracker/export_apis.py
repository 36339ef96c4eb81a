"""The journal's exports (sync-protocol.md §6): the caller's own records, as a file to keep."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.exports import records_csv
from clinics.selectors import catalogue_names
from tracker import schema
from tracker.exports import FHIR_CONTENT_TYPE, export_json, fhir_bundle, fhir_patient_id
from tracker.models import Collection
from tracker.selectors import records_for_user

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class FhirJSONRenderer(JSONRenderer):
    """Lets a FHIR client ask for `application/fhir+json` without being refused."""

    media_type = "application/fhir+json"
    format = "fhir"


class _AnyAccept(BaseContentNegotiation):
    """Answers whatever the client accepts: the CSV as CSV, an error as the JSON error body."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _attachment(response, *, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Health data: never kept by a shared cache or the browser's cache.
    response["Cache-Control"] = "no-store"
    return response


def _filename(now: datetime.datetime, suffix: str) -> str:
    return f"ros1-journal-{now.date().isoformat()}{suffix}"


class ExportJsonApi(APIView):
    """Every live record of the caller, in the sync envelope."""

    @schema.export_json_schema
    def get(self, request):
        now = timezone.now()
        records = records_for_user(user_id=request.user.pk)
        body = export_json(records=records, exported_at=now)
        return _attachment(Response(body), filename=_filename(now, ".json"))


class ExportFhirApi(APIView):
    """The caller's courses, scans and side effects as an HL7 FHIR R4 Bundle."""

    renderer_classes = [JSONRenderer, FhirJSONRenderer]

    @schema.export_fhir_schema
    def get(self, request):
        now = timezone.now()
        records = records_for_user(user_id=request.user.pk)
        body = fhir_bundle(
            records=records, patient_id=fhir_patient_id(user_id=request.user.pk), exported_at=now
        )
        response = Response(body, content_type=FHIR_CONTENT_TYPE)
        return _attachment(response, filename=_filename(now, ".fhir.json"))


class ExportCsvApi(APIView):
    """Every live entry of the caller as a spreadsheet: the clinic's CSV, of the whole journal."""

    # A spreadsheet asks for text/csv, a browser for HTML: the file is the
    # same for all, so no Accept header is refused (and errors stay JSON).
    content_negotiation_class = _AnyAccept

    @schema.export_csv_schema
    def get(self, request):
        now = timezone.now()
        records = list(records_for_user(user_id=request.user.pk))
        body = records_csv(
            collections=Collection.values, records=records, names=catalogue_names(records)
        )
        response = HttpResponse(body, content_type=CSV_CONTENT_TYPE)
        return _attachment(response, filename=_filename(now, ".csv"))

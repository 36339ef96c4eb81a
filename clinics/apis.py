"""The patient's sharing, for the app: who the journal is shared with, who looked, and stopping.

Read and stop only: starting a share needs the consent screen
(/journal/sharing/new/), so that the patient always sees the words they agree to.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics import selectors, services
from clinics.models import AccessAction, ShareScope
from ros1site.errors import InvalidInput, NotFound
from tracker.parsers import StrictJSONParser
from tracker.schema import NOT_ACCEPTABLE, Error


class ShareClinicSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    website = serializers.CharField()


class ShareSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    clinic = ShareClinicSerializer()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ShareScope.choices))
    display_name = serializers.CharField()
    granted_at = serializers.DateTimeField()
    expires_on = serializers.DateField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    active = serializers.SerializerMethodField()

    def get_active(self, consent) -> bool:
        return consent.is_active()


class LookSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    clinic = serializers.CharField(source="clinic_name")
    staff = serializers.CharField(source="staff_name")
    action = serializers.ChoiceField(choices=AccessAction.choices)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ShareScope.choices))
    share_id = serializers.UUIDField(source="consent.public_id", allow_null=True, default=None)


class SharingSerializer(serializers.Serializer):
    shares = ShareSerializer(many=True)
    access_log = LookSerializer(many=True, help_text="One page of looks, newest first.")
    access_log_count = serializers.IntegerField(help_text="How many looks there are in all.")
    access_log_next_page = serializers.IntegerField(
        allow_null=True, help_text="The `looks_page` of older looks; null on the last page."
    )


LOOKS_PER_API_PAGE = 200


_UNAUTHENTICATED = {
    401: OpenApiResponse(Error, "not_authenticated: no session and no valid token."),
    403: OpenApiResponse(Error, "A session's unsafe call without its CSRF token (X-CSRFToken)."),
}


class SharingApi(APIView):
    """The caller's shares with clinics, newest first, and who has looked at the journal."""

    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="sharing_list",
        summary="My shares with clinics and who has looked at my journal",
        parameters=[
            OpenApiParameter(
                "looks_page",
                int,
                description=f"Which page of the access log, from 1 (the newest "
                f"{LOOKS_PER_API_PAGE} looks); a page past the end is empty.",
            )
        ],
        responses={
            200: SharingSerializer,
            400: OpenApiResponse(Error, "invalid_request: looks_page is not a whole number >= 1."),
            **_UNAUTHENTICATED,
            **NOT_ACCEPTABLE,
        },
    )
    def get(self, request):
        patient = request.user
        number = _looks_page(request.query_params.get("looks_page"))
        pages = selectors.access_log_pages_for_patient(patient=patient, per_page=LOOKS_PER_API_PAGE)
        page = pages.page(number) if number <= pages.num_pages else None
        body = {
            "shares": selectors.consents_for_patient(patient=patient),
            "access_log": page.object_list if page else [],
            "access_log_count": pages.count,
            "access_log_next_page": page.next_page_number() if page and page.has_next() else None,
        }
        return Response(SharingSerializer(body).data)


def _looks_page(value: str | None) -> int:
    if value is None:
        return 1
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit()) or not digits:
        raise InvalidInput(
            "invalid_request",
            _("looks_page must be a whole number from 1 upwards."),
            fields={"looks_page": [_("A whole number from 1 upwards.")]},
        )
    # Any page beyond a billion is past the end; no need to parse all the digits.
    return int(digits) if len(digits) <= 10 else 10**10


class SharingStopApi(APIView):
    """Stops one of the caller's shares at once; the clinic sees nothing from the next request."""

    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="sharing_stop",
        summary="Stop sharing with a clinic",
        request=None,
        responses={
            204: OpenApiResponse(description="Stopped (or already stopped)"),
            404: OpenApiResponse(Error, "not_found: no share of yours has this id."),
            **_UNAUTHENTICATED,
            **NOT_ACCEPTABLE,
        },
    )
    def post(self, request, share_id):
        try:
            consent = selectors.consent_for_patient(patient=request.user, share_id=share_id)
        except NotFound:
            raise NotFound("not_found", _("You have no share with this id.")) from None
        services.consent_revoke(patient=request.user, consent=consent)
        return Response(status=status.HTTP_204_NO_CONTENT)

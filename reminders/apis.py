"""The check-in reminders' API (docs/checkins.md): parse, call one service or selector, answer."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken, SignIn
from reminders import push, services
from reminders.calendar import checkin_calendar
from reminders.schedule import next_due, zone
from reminders.selectors import schedule_for_user
from ros1site.errors import InvalidInput, NotFound
from tracker.parsers import StrictJSONParser

# Described in docs/checkins.md; left out of the sync OpenAPI schema for now.
_UNDOCUMENTED = extend_schema(exclude=True)


def _body(request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        raise InvalidInput("invalid_request", _("The body must be a JSON object."))
    return data


def _schedule_body(schedule) -> dict:
    if schedule is None:
        return {"weekday": None, "hour": None, "timezone": None, "next_due": None}
    due = next_due(
        weekday=schedule.weekday, hour=schedule.hour, tz=zone(schedule.timezone), now=timezone.now()
    )
    return {
        "weekday": schedule.weekday,
        "hour": schedule.hour,
        "timezone": schedule.timezone,
        "next_due": due.isoformat(),
    }


class ScheduleApi(APIView):
    """The patient's check-in day: GET it, PUT {"weekday", "hour", "timezone"}, DELETE it."""

    parser_classes = [StrictJSONParser]

    @_UNDOCUMENTED
    def get(self, request):
        return Response(_schedule_body(schedule_for_user(user=request.user)))

    @_UNDOCUMENTED
    def put(self, request):
        body = _body(request)
        schedule = services.schedule_set(
            user=request.user,
            weekday=body.get("weekday"),
            hour=body.get("hour", 18),
            tz=body.get("timezone", "UTC"),
        )
        return Response(_schedule_body(schedule))

    @_UNDOCUMENTED
    def delete(self, request):
        services.schedule_clear(user=request.user)
        return Response(status=204)


class CalendarApi(APIView):
    """The weekly check-in as an .ics file (RFC 5545), from the patient's chosen day."""

    @_UNDOCUMENTED
    def get(self, request):
        schedule = schedule_for_user(user=request.user)
        if schedule is None:
            raise NotFound(
                "schedule_not_set", _("Choose your check-in day first (PUT .../schedule).")
            )
        journal = request.build_absolute_uri(reverse("tracker:journal"))
        body = checkin_calendar(schedule=schedule, journal_url=journal, now=timezone.now())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ros1-weekly-check-in.ics"'
        response["Cache-Control"] = "no-store, private"
        return response


class PushKeyApi(APIView):
    """The VAPID public key a browser subscribes with (its applicationServerKey)."""

    @_UNDOCUMENTED
    def get(self, request):
        key = push.vapid_public_key()
        if key is None:
            raise NotFound("push_not_configured", _("This server sends no push reminders."))
        return Response({"public_key": key})


def _sign_in_of(request) -> SignIn:
    """The sign-in this call is made under; its end removes the subscription."""
    if isinstance(request.auth, ApiToken):
        sign_in = SignIn.objects.filter(token=request.auth).first()
    else:
        key = request._request.session.session_key or ""
        sign_in = SignIn.objects.filter(
            user=request.user, kind=SignIn.Kind.SESSION, session_key=key
        ).first()
    if sign_in is None:
        raise InvalidInput("sign_in_unknown", _("Sign in again, then turn reminders on."))
    return sign_in


class PushSubscriptionApi(APIView):
    """POST a browser's PushSubscription JSON to get reminders; DELETE {"endpoint"} to stop."""

    parser_classes = [StrictJSONParser]

    @_UNDOCUMENTED
    def post(self, request):
        if push.vapid_key() is None:
            raise NotFound("push_not_configured", _("This server sends no push reminders."))
        row = services.push_subscribe(
            user=request.user, sign_in=_sign_in_of(request), subscription=_body(request)
        )
        return Response({"id": row.pk}, status=201)

    @_UNDOCUMENTED
    def delete(self, request):
        services.push_unsubscribe(user=request.user, endpoint=_body(request).get("endpoint"))
        return Response(status=204)

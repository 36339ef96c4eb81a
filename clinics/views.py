"""Pages for clinics and sharing: the patient's consent and revoke, the clinic's read-only view.

Staff pages (/clinic/) need a clinic membership and a session verified with
the second factor; the selectors decide what a staff member may see of a
patient, and every look is written to the access log before the page is
answered. There is no page or endpoint through which staff can change an
entry.
"""

from __future__ import annotations

import io
import json
import re
from functools import wraps
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.views import forbidden as _forbidden
from clinics import exports, selectors, services
from clinics.forms import (
    AcceptInviteForm,
    ConsentForm,
    InviteForm,
    ShareCodeForm,
)
from clinics.models import AccessAction, ShareScope
from clinics.referral import REFERRAL_COOKIE

_REFERRAL_SALT = "tracker.referral.v1"
_REFERRAL_MAX_AGE = 60 * 60 * 24 * 365
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def staff_required(view=None, *, admin: bool = False):
    """Allows clinic staff with a verified second factor; `admin=True` only the clinic's admins."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:staff-login"))
            membership = selectors.membership_for_user(user=user)
            if membership is None:
                return _forbidden(request, _("These pages are for the staff of a clinic."))
            if not user.is_verified():
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:two-factor')}?{query}")
            if admin and not membership.is_clinic_admin:
                return _forbidden(request, _("Only your clinic's admins can manage staff."))
            request.membership = membership
            return func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


# --- The clinic's pages ---


@never_cache
@require_safe
@staff_required
def clinic_home(request):
    """The patients who share with this clinic right now."""
    shares = selectors.shared_patients_for_staff(staff=request.user)
    return render(
        request,
        "clinics/home.html",
        {"clinic": request.membership.clinic, "membership": request.membership, "shares": shares},
    )


def _scoped(request, share_id, action: str):
    consent, records = selectors.shared_records_for_staff(staff=request.user, share_id=share_id)
    # Logged before answering: a look that was shown is a look that is recorded.
    services.access_log_record(staff=request.user, consent=consent, action=action)
    names = selectors.catalogue_names(records)
    return consent, records, names


def _patient_context(request, consent, records, names) -> dict:
    scopes = selectors.consent_scopes(consent)
    entries = exports.entries(records, names)
    groups = [
        (scope, ShareScope(scope).label, [e for e in entries if e.collection == scope])
        for scope in scopes
    ]
    return {
        "clinic": request.membership.clinic,
        "consent": consent,
        "scope_labels": [ShareScope(s).label for s in scopes],
        "groups": groups,
        "timeline": exports.timeline_svg(records=records, names=names, today=timezone.localdate()),
        # Only when check-ins are shared: `records` holds the consent's scopes alone.
        "checkins": exports.recent_checkins(
            records=records, names=names, today=timezone.localdate()
        ),
        "checkin_weeks": exports.CHECKIN_WEEKS,
    }


@never_cache
@require_safe
@staff_required
def patient_detail(request, share_id):
    """A shared journal, read-only, within the consent's scopes."""
    consent, records, names = _scoped(request, share_id, AccessAction.VIEW)
    context = _patient_context(request, consent, records, names)
    return render(request, "clinics/patient.html", context)


@never_cache
@require_safe
@staff_required
def patient_print(request, share_id):
    consent, records, names = _scoped(request, share_id, AccessAction.PRINT)
    context = _patient_context(request, consent, records, names)
    context["printed_at"] = timezone.now()
    return render(request, "clinics/patient_print.html", context)


def _filename(consent, ext: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "-", consent.display_name).strip("-")[:40] or "patient"
    return f"journal-{name}-{timezone.localdate().isoformat()}.{ext}"


@never_cache
@require_safe
@staff_required
def patient_csv(request, share_id):
    consent, records, names = _scoped(request, share_id, AccessAction.CSV)
    body = exports.journal_csv(consent=consent, records=records, names=names)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(consent, "csv")}"'
    return response


@never_cache
@require_safe
@staff_required
def patient_fhir(request, share_id):
    consent, records, names = _scoped(request, share_id, AccessAction.FHIR)
    bundle = exports.journal_fhir(consent=consent, records=records)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=1), content_type="application/fhir+json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(consent, "json")}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(admin=True)
def staff_list(request):
    """The clinic's staff and open invitations; admins invite by email here."""
    clinic = request.membership.clinic
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invite_create(
                    clinic=clinic,
                    email=form.cleaned_data["email"],
                    invited_by=request.user,
                    accept_url=lambda token: request.build_absolute_uri(
                        reverse("clinic:invite-accept", args=[token])
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("clinic:staff")
        status = 400
    return render(
        request,
        "clinics/staff.html",
        {
            "clinic": clinic,
            "form": form,
            "staff": selectors.staff_for_clinic(clinic=clinic),
            "invites": selectors.pending_invites_for_clinic(clinic=clinic),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(admin=True)
def staff_remove(request, membership_id: int):
    """Asks first, then removes: a removed account is closed for good."""
    if request.method == "GET":
        member = (
            selectors.staff_for_clinic(clinic=request.membership.clinic)
            .filter(pk=membership_id)
            .first()
        )
        if member is None:
            raise Http404
        if member.user_id == request.user.pk:
            messages.error(
                request, _("You cannot remove yourself. Ask another admin of your clinic.")
            )
            return redirect("clinic:staff")
        return render(
            request,
            "clinics/staff_remove.html",
            {"member": member, "clinic": request.membership.clinic},
        )
    try:
        removed = services.membership_remove(by=request.user, membership_id=membership_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(email)s can no longer sign in.") % {"email": removed.user.email}
        )
    return redirect("clinic:staff")


@require_POST
@staff_required(admin=True)
def invite_cancel(request, invite_id: int):
    invite = services.invite_cancel(by=request.user, invite_id=invite_id)
    messages.success(
        request,
        _("The invitation to %(email)s was cancelled; its link no longer works.")
        % {"email": invite.email},
    )
    return redirect("clinic:staff")


@never_cache
@require_http_methods(["GET", "POST"])
def invite_accept(request, token: str):
    """Lets an invited person choose a password; the second factor is set up next."""
    invite = selectors.invite_by_token(token=token)
    problem = services.invite_problem(invite)
    if problem:
        status = 404 if invite is None else 410
        return render(request, "clinics/invite_invalid.html", {"message": problem}, status=status)
    form = AcceptInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            if request.user.is_authenticated:
                auth_logout(request)
            auth_login(request, user, backend=_MODEL_BACKEND)
            return redirect("accounts:two-factor-setup")
    return render(
        request,
        "clinics/invite_accept.html",
        {"invite": invite, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Referral ---


def _referral_url(request, clinic) -> str:
    return request.build_absolute_uri(
        reverse("clinic:referral-landing", args=[clinic.referral_code])
    )


@never_cache
@require_safe
@staff_required
def referral_page(request):
    """The clinic's referral link and QR code, ready to print or show."""
    clinic = request.membership.clinic
    url = _referral_url(request, clinic)
    return render(
        request,
        "clinics/referral.html",
        {
            "clinic": clinic,
            "url": url,
            "qr_svg": segno.make(url, error="m").svg_inline(
                scale=6, title=_("QR code of the referral link")
            ),
        },
    )


@require_safe
@staff_required
def referral_qr(request, fmt: str):
    url = _referral_url(request, request.membership.clinic)
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    if fmt == "svg":
        qr.save(buffer, kind="svg", scale=8, border=4)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=10, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="referral-qr.{fmt}"'
    return response


@require_safe
def referral_landing(request, code: str):
    """A clinic's referral link: the app, recommended by the clinic; nothing is shared."""
    clinic = selectors.clinic_by_referral_code(code=code)
    if clinic is None:
        return render(request, "clinics/referral_not_found.html", status=404)
    response = render(
        request,
        "clinics/referral_landing.html",
        {"clinic": clinic, "referral": _referral_payload(clinic)},
    )
    response.set_signed_cookie(
        REFERRAL_COOKIE,
        clinic.referral_code,
        salt=_REFERRAL_SALT,
        max_age=_REFERRAL_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )
    return response


def _referral_payload(clinic) -> dict:
    """What the device remembers of the referring clinic: its public contact details only."""
    return {
        "name": clinic.name,
        "phone": clinic.phone,
        "email": clinic.email,
        "address": clinic.address,
        "website": clinic.website,
        "link": reverse("clinic:referral-landing", args=[clinic.referral_code]),
        # The code the clinic hands out anyway, so the device can offer to share later.
        "share_code": clinic.share_code,
    }


def _referred_clinic(request):
    code = request.get_signed_cookie(
        REFERRAL_COOKIE, default=None, salt=_REFERRAL_SALT, max_age=_REFERRAL_MAX_AGE
    )
    return selectors.clinic_by_referral_code(code=code) if code else None


# --- The patient's side ---


def patient_required(view):
    """Allows signed-in accounts; others are asked to sign in from their journal first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return render(request, "clinics/sign_in_first.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


LOOKS_PER_PAGE = 50


@never_cache
@require_safe
@patient_required
def sharing_home(request):
    """The patient's shares, a way to start one, and who has looked at the journal."""
    return render(request, "clinics/sharing.html", _sharing_context(request))


def _sharing_context(request, *, code_form=None) -> dict:
    patient = request.user
    today = timezone.localdate()
    consents = list(selectors.consents_for_patient(patient=patient))
    return {
        "active": [c for c in consents if c.is_active(today=today)],
        "past": [c for c in consents if not c.is_active(today=today)],
        "referred": _referred_clinic(request),
        "code_form": code_form or ShareCodeForm(),
        "log": selectors.access_log_pages_for_patient(
            patient=patient, per_page=LOOKS_PER_PAGE
        ).get_page(request.GET.get("looks")),
    }


def _consent_wording(clinic) -> tuple[str, str]:
    """The consent text as shown (HTML) and as recorded (the same words, as plain text)."""
    html = render_to_string("clinics/_consent_text.html", {"clinic": clinic})
    text = re.sub(r"[ \t]+", " ", strip_tags(html))
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return html, text


def _choices_text(*, clinic, scopes, expires_on, display_name) -> str:
    labels = ", ".join(str(ShareScope(s).label) for s in ShareScope.values if s in scopes)
    until = (
        _("until %(date)s (or until I stop sharing, if earlier)") % {"date": expires_on.isoformat()}
        if expires_on
        else _("until I stop sharing")
    )
    return _(
        "I agreed to share with %(clinic)s: %(parts)s; %(until)s; shown to the clinic as "
        "\u201c%(name)s\u201d."
    ) % {"clinic": clinic.name, "parts": labels, "until": until, "name": display_name.strip()}


@never_cache
@require_http_methods(["GET", "POST"])
@patient_required
def sharing_new(request):
    """The consent screen for one clinic, found by its code; nothing is ticked at first."""
    raw_code = request.POST.get("code") if request.method == "POST" else request.GET.get("code")
    clinic = selectors.clinic_by_share_code(code=raw_code or "")
    if clinic is None:
        code_form = ShareCodeForm(data={"code": raw_code or ""})
        code_form.is_valid()
        code_form.add_error(
            "code" if raw_code else None,
            _("No clinic has this code. Check it with your clinic; nothing was shared."),
        )
        return render(
            request,
            "clinics/sharing.html",
            _sharing_context(request, code_form=code_form),
            status=404,
        )
    html, text = _consent_wording(clinic)
    form = ConsentForm(request.POST or None, initial={"code": clinic.share_code})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_grant(
                patient=request.user,
                clinic=clinic,
                scopes=data["scopes"],
                expires_on=data["expires_on"],
                display_name=data["display_name"],
                wording=text
                + "\n"
                + _choices_text(
                    clinic=clinic,
                    scopes=data["scopes"],
                    expires_on=data["expires_on"],
                    display_name=data["display_name"],
                ),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request, _("You now share your journal with %(clinic)s.") % {"clinic": clinic.name}
            )
            return redirect("clinic:sharing")
    return render(
        request,
        "clinics/consent.html",
        {"clinic": clinic, "form": form, "consent_text": html},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@patient_required
def sharing_revoke(request, share_id):
    """One tap stops a share; from the next request on the clinic sees nothing."""
    consent = selectors.consent_for_patient(patient=request.user, share_id=share_id)
    try:
        services.consent_revoke(patient=request.user, consent=consent)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request, _("You stopped sharing with %(clinic)s.") % {"clinic": consent.clinic.name}
    )
    return redirect("clinic:sharing")

"""Staff sign-in pages: password, then the second factor (an authenticator app).

Clinic staff sign in at /clinic/login/; admin staff and medical reviewers at
/admin/login/, and both pass through the second factor before any staff page
(accounts.middleware.SecondFactorMiddleware).
"""

from __future__ import annotations

from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import EmailAuthenticationForm, TokenForm
from accounts.selectors import is_staff_member
from clinics.selectors import is_clinic_staff


def forbidden(request, message: str):
    return render(request, "clinics/forbidden.html", {"message": message}, status=403)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@never_cache
@require_http_methods(["GET", "POST"])
def staff_login(request):
    form = EmailAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not is_staff_member(form.get_user()):
            form.add_error(
                None,
                _("This sign-in is for clinic staff. Patients sign in from their journal."),
            )
            return render(request, "accounts/login.html", {"form": form}, status=400)
        auth_login(request, form.get_user())
        query = urlencode({"next": safe_next(request, reverse("clinic:home"))})
        return redirect(f"{reverse('accounts:two-factor')}?{query}")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": safe_next(request, "")},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def staff_logout(request):
    auth_logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:staff-login")


def _two_factor_user(request):
    user = request.user
    if not user.is_authenticated:
        return None, redirect_to_login(request.get_full_path(), reverse("accounts:staff-login"))
    if not is_staff_member(user):
        return None, forbidden(request, _("A second factor is only needed for staff accounts."))
    return user, None


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Asks for the code of the account's authenticator; sends to setup when there is none."""
    user, refusal = _two_factor_user(request)
    if refusal:
        return refusal
    next_url = safe_next(request, _default_home(user))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(f"{reverse('accounts:two-factor-setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _checked_code(
            form,
            user=user,
            check=services.totp_verify,
            confirmed=True,
            wrong=_("That code is not right, or it has expired. Try the next one."),
        )
        if device is not None:
            _second_factor_passed(request, device)
            return redirect(next_url)
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form, "next": next_url},
        status=400 if request.method == "POST" else 200,
    )


def _second_factor_passed(request, device) -> None:
    """Marks the session verified under a new key.

    The key a password-only session had (which may have been seen or set by
    someone else, e.g. on a shared computer) never carries the second factor.
    """
    request.session.cycle_key()
    django_otp.login(request, device)


def _checked_code(form, *, user, check, confirmed: bool, wrong: str):
    """The device the form's code opens, or None with the reason added to the form.

    While django-otp's wait after wrong codes lasts it refuses even the right
    code, so the page then says how long to wait instead of calling it wrong.
    """
    wait = services.totp_wait_seconds(user=user, confirmed=confirmed)
    device = None if wait else check(user=user, token=form.cleaned_data["token"])
    if device is None:
        form.add_error("token", _wait_message(wait) if wait else wrong)
    return device


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Too many wrong codes in a row. To keep the account safe, wait %(seconds)d second, "
        "then type the code your app shows.",
        "Too many wrong codes in a row. To keep the account safe, wait %(seconds)d seconds, "
        "then type the code your app shows.",
        seconds,
    ) % {"seconds": seconds}


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Shows a new authenticator's QR code and secret, and confirms it with a code."""
    user, refusal = _two_factor_user(request)
    if refusal:
        return refusal
    next_url = safe_next(request, _default_home(user))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not user.is_verified():
        # Replacing an authenticator needs the current one first.
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': next_url})}")
    device = services.totp_setup_device(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = _checked_code(
            form,
            user=user,
            check=services.totp_confirm,
            confirmed=False,
            wrong=_("That code is not right. Check the app's clock and try again."),
        )
        if confirmed is not None:
            _second_factor_passed(request, confirmed)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(next_url)
    secret = _base32(device)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, title=_("QR code for your authenticator app")
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def _default_home(user) -> str:
    if is_clinic_staff(user):
        return reverse("clinic:home")
    return reverse("admin:index")


# -- Forgotten passwords ----------------------------------------------------------------


class PasswordReset(auth_views.PasswordResetView):
    """Staff and reviewers ask for a reset link here; it answers alike for every address."""

    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form):
        # The same service as the app's endpoint, so the same throttle and mail.
        from accounts.authentication import client_ip_address

        services.password_reset_request(
            email=form.cleaned_data["email"],
            request=self.request,
            client=client_ip_address(self.request) or "",
        )
        return redirect(self.success_url)


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """The emailed link's page: sets a new password and ends every sign-in of the account."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-done")
    post_reset_login = False

    def form_valid(self, form):
        user = form.user
        if self.request.user.is_authenticated and self.request.user.pk == user.pk:
            # This browser's own session ends with the others.
            auth_logout(self.request)
        response = super().form_valid(form)
        services.sign_ins_end_all(user=user)
        return response


class PasswordResetDone(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"

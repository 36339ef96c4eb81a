"""The referral memory a browser keeps: the signed cookie naming the referring clinic.

Set by the referral link (clinics/views.py: referral_landing); forgotten when
the journal leaves the device (a sign-out, or a device told that its sign-in
is over), so that it never tells the next person which clinic referred the
last one. The device forgets its own copy in localStorage (static/js/device-reset.js).
"""

from __future__ import annotations

from django.http import HttpResponseBase

REFERRAL_COOKIE = "ros1_referral"


def referral_forget(response: HttpResponseBase) -> None:
    """Tells the browser to drop the referral cookie."""
    response.delete_cookie(REFERRAL_COOKIE, samesite="Lax")

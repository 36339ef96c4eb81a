"""Addresses that moved when accounts and clinics became apps of their own."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect

# The admin's model pages under /admin/tracker/ that now live in another app.
_MOVED_ADMIN_MODELS = {
    "journalaccount": "accounts",
    "apitoken": "accounts",
    "device": "accounts",
    "clinic": "clinics",
    "clinicmembership": "clinics",
    "clinicinvite": "clinics",
    "consent": "clinics",
    "accesslog": "clinics",
}


def old_admin_address(request, rest: str):
    """Sends a bookmarked /admin/tracker/<model>/… page to the app the model now lives in."""
    model, _, tail = rest.partition("/")
    app = _MOVED_ADMIN_MODELS.get(model) if model else "accounts"
    if app is None:
        raise Http404
    query = request.META.get("QUERY_STRING", "")
    target = f"/admin/{app}/{model}/{tail}" if model else f"/admin/{app}/"
    if query:
        target += f"?{query}"
    return HttpResponsePermanentRedirect(target)

"""The journal's pages: shells that hold no patient data.

Everything a patient wrote is rendered in the browser from IndexedDB
(static/js/journal.js), so that the journal opens with no connection. The
shells carry no CSRF token either: the scripts read the `csrftoken` cookie at
send time, and `journal_csrf` sets it when it is missing.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe


@require_safe
@ensure_csrf_cookie
def journal(request):
    return render(request, "tracker/journal.html")


@require_safe
@ensure_csrf_cookie
def journal_summary(request):
    return render(request, "tracker/journal_summary.html")


@require_safe
@never_cache
@ensure_csrf_cookie
def journal_csrf(request):
    """Sets Django's CSRF cookie and answers nothing else."""
    return HttpResponse(status=204)

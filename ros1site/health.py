"""The load balancer's health check: is this app server's process answering at all."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 from any live worker, without touching the database.

    HAProxy takes an app server out of rotation when this fails. A database
    outage must not take every app server out with it: they would answer
    nothing at all instead of the 503 with Retry-After that clients retry.
    """
    return HttpResponse("ok\n", content_type="text/plain")

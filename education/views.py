"""Public education pages. Patients see published snapshots only; a medical
reviewer may add ?preview=1 to see the working copy as it would be published."""

from __future__ import annotations

import hashlib
import sys
from functools import wraps

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext

from education import selectors
from education.services import is_medical_reviewer
from ros1site.api_errors import database_unavailable, error_body, service_unavailable_response


def _wants_preview(request: HttpRequest) -> bool:
    # Anyone else's ?preview=1 is ignored rather than refused: the link still works.
    # A reviewer without the second factor is sent to it first by
    # accounts.middleware; the check here holds even without it.
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)  # set by django-otp's middleware
    return request.GET.get("preview") == "1" and is_medical_reviewer(user) and verified()


def public_page(view):
    """Lets browsers and the offline app's service worker keep a copy of a
    public page but check it with us every time (ETag, 304 when unchanged)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if getattr(response, "is_preview", False):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.status_code != 200 or response.streaming:
            return response
        patch_cache_control(response, no_cache=True, max_age=0)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        return get_conditional_response(request, etag=etag, response=response)

    return wrapper


def _render(request, template_name, context, *, preview: bool = False):
    response = render(request, template_name, {**context, "preview": preview})
    if preview:
        response.is_preview = True
        patch_vary_headers(response, ["Cookie"])
    return response


@public_page
def home(request):
    return _render(request, "education/home.html", {"topics": selectors.published_topics()})


@public_page
def topic_list(request):
    preview = _wants_preview(request)
    topics = selectors.published_topics(preview=preview)
    stamp = selectors.combine_stamps([t.stamp for t in topics])
    return _render(
        request, "education/topic_list.html", {"topics": topics, "stamp": stamp}, preview=preview
    )


@public_page
def topic_detail(request, slug):
    preview = _wants_preview(request)
    page = selectors.topic_page(slug=slug, preview=preview)
    if page is None:
        raise Http404
    return _render(request, "education/topic_detail.html", {"page": page}, preview=preview)


@public_page
def drug_list(request):
    groups, stamp = selectors.drugs_by_rating()
    return _render(request, "education/drug_list.html", {"groups": groups, "stamp": stamp})


@public_page
def drug_detail(request, slug):
    preview = _wants_preview(request)
    page = selectors.drug_page(slug=slug, preview=preview)
    if page is None:
        raise Http404
    return _render(request, "education/drug_detail.html", {"page": page}, preview=preview)


@public_page
def question_list(request):
    return _render(request, "education/question_list.html", {"page": selectors.questions_page()})


@public_page
def search(request):
    results = selectors.search_content(query=request.GET.get("q", ""))
    return _render(request, "education/search.html", {"results": results})


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _is_api(request):
        # API clients get the contract's error body, not a page.
        body = error_body("not_found", gettext("There is no such address in this API."))
        return JsonResponse(body, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this inside its `except` for the error, so sys.exc_info()
    # is that error. A database that could not answer in a middleware (the
    # session, the sign-in row, axes) never reaches DRF's handler: it gets
    # its 503 here.
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable_response(request)
    if _is_api(request):
        body = error_body("server_error", gettext("Something went wrong on our side."))
        return JsonResponse(body, status=500)
    # No request context and no database: whatever broke may be either of them.
    return HttpResponseServerError(loader.get_template("500.html").render({}))

"""Placeholder views; the public pages are built in issue 2 section 4."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render


def home(request):
    return render(request, "education/home.html")


def topic_list(request):
    return HttpResponse("")


def topic_detail(request, slug):
    return HttpResponse("")


def drug_list(request):
    return HttpResponse("")


def drug_detail(request, slug):
    return HttpResponse("")


def question_list(request):
    return HttpResponse("")


def search(request):
    return HttpResponse("")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

"""The installable offline app: its web app manifest and its service worker.

The manifest is ours rather than django-pwa's because django-pwa 2.0.1 sends the
full name as `short_name` and cannot point icons at their hashed, precached URLs.

The service worker is generated for each request at /serviceworker.js.

django-pwa serves a fixed file; ours must change whenever the library does, so
the worker is assembled here: a small configuration (what to precache, at which
revision, and the translated strings the worker shows), then the Workbox bundle,
the pages' modules the worker shares (WORKER_MODULES), and static/js/sw-src.js.
A reviewer's publish changes a page's revision, which
changes the worker's bytes, which makes every browser install the new worker
in the background and offer "Update".

Static files come from whitenoise's hashed manifest (STATIC_ROOT/staticfiles.json)
with no revision, because their names change with their content. Without a
manifest (DEBUG, or tests that skip collectstatic) the same files are listed by
their plain names with a hash of their bytes as the revision, so the worker
still works, only less efficiently.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from education.models import CatalogState, Drug, Question, Section, SideEffectTerm, Topic

# Static folders the app needs offline; admin/ and rest_framework/ are for staff.
PRECACHE_STATIC_PREFIXES = ("css/", "js/", "img/", "fonts/", "vendor/")
# The worker's own code: its source is inlined into it, and the browser keeps the
# Workbox bundle it imports with the worker itself. No page fetches either.
PRECACHE_STATIC_EXCLUDED_PREFIXES = ("js/sw-", "vendor/workbox-sw")
PRECACHE_STATIC_EXCLUDED_SUFFIXES = (".map", ".gz", ".br", ".txt", ".mjs.LICENSE")

WORKER_SOURCE = "js/sw-src.js"
WORKBOX_BUNDLE = "vendor/workbox-sw.js"
# Modules of the pages that the worker needs too, each copied into it as one
# object (a classic worker cannot import modules, and it must stay classic to
# importScripts Workbox): the names and numbers the pages and the worker share,
# the outbox's rules, and the journal database's layout with its plain reads,
# so that none is written twice.
WORKER_MODULES = {
    "shared": "js/config.js",
    "outbox": "js/outbox.js",
    "storeCore": "js/store-core.js",
}
# The journal's shells (no patient data in them: the journal renders from
# IndexedDB); precached like pages when they exist.
JOURNAL_SHELLS = ("/journal/", "/journal/summary/")


@dataclass(frozen=True)
class PrecacheEntry:
    url: str
    revision: str | None

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "revision": self.revision}


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _hashed_manifest() -> dict[str, str] | None:
    """Whitenoise's original → hashed names, or None when static files are not hashed."""
    hashed = getattr(staticfiles_storage, "hashed_files", None)
    return dict(hashed) if hashed else None


@cache
def _own_static_names() -> frozenset[str]:
    # Only our files: installed apps (django-pwa, DRF) bring css/, js/ and fonts/ of their own.
    finder = finders.FileSystemFinder()
    return frozenset(name.replace("\\", "/") for name, _storage in finder.list(["CVS", ".*", "*~"]))


def _wanted_static(name: str) -> bool:
    own = _own_static_names()
    return (
        (not own or name in own)
        and name.startswith(PRECACHE_STATIC_PREFIXES)
        and not name.startswith(PRECACHE_STATIC_EXCLUDED_PREFIXES)
        and not name.endswith(PRECACHE_STATIC_EXCLUDED_SUFFIXES)
    )


def _unhashed_static_files() -> Iterable[tuple[str, bytes]]:
    for name, storage in finders.FileSystemFinder().list(["CVS", ".*", "*~"]):
        name = name.replace("\\", "/")
        if _wanted_static(name):
            with storage.open(name) as handle:
                yield name, handle.read()


def static_precache_entries() -> list[PrecacheEntry]:
    """Every static file the app needs offline: hashed URLs, or plain URLs with a content hash."""
    manifest = _hashed_manifest()
    if manifest is not None:
        return [
            PrecacheEntry(url=settings.STATIC_URL + hashed, revision=None)
            for name, hashed in sorted(manifest.items())
            if _wanted_static(name)
        ]
    return [
        PrecacheEntry(
            url=settings.STATIC_URL + name, revision=hashlib.sha256(data).hexdigest()[:16]
        )
        for name, data in sorted(_unhashed_static_files())
    ]


def _static_url(name: str) -> str:
    try:
        return staticfiles_storage.url(name)
    except ValueError:
        # A manifest without this file (collectstatic not rerun): the plain name still serves.
        return settings.STATIC_URL + name


@cache
def _template_fingerprint() -> str:
    # Pages change when their templates do, even when no content was published.
    # Read once per process: templates only change with a deploy, which restarts it.
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "ros1site" / "templates"]
    roots += [Path(settings.BASE_DIR) / app / "templates" for app in ("education", "tracker")]
    for root in roots:
        for path in sorted(root.rglob("*.html")) if root.exists() else []:
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _stamp(item: dict[str, Any]) -> tuple:
    return (
        item["published"],
        item["published_at"],
        item["reviewed_at"],
        item["reviewed_by_id"],
        item["next_review_due"],
    )


_STAMP_FIELDS = ("published", "published_at", "reviewed_at", "reviewed_by_id", "next_review_due")


def _published(model, *extra: str) -> list[dict[str, Any]]:
    return list(
        model.objects.filter(published__isnull=False)
        .order_by("pk")
        .values("pk", *extra, *_STAMP_FIELDS)
    )


def page_precache_entries(*, build: str) -> list[PrecacheEntry]:
    """Every published education page, each with a revision that changes exactly
    when what the page shows changes: its published snapshots and review stamps."""
    topics = _published(Topic, "slug")
    sections = _published(Section, "topic_id")
    drugs = _published(Drug, "slug")
    questions = _published(Question)
    terms = _published(SideEffectTerm)
    catalog_version = CatalogState.objects.filter(pk=1).values_list("version", flat=True).first()

    drug_stamps = {d["slug"]: _stamp(d) for d in drugs}
    sections_by_topic: dict[int, list[dict[str, Any]]] = {}
    for section in sections:
        sections_by_topic.setdefault(section["topic_id"], []).append(section)
    topic_by_pk = {t["pk"]: t for t in topics}

    def drug_slugs(section: dict[str, Any]) -> list[str]:
        return list((section["published"] or {}).get("drugs", []))

    everything = [
        [_stamp(t) for t in topics],
        [_stamp(s) for s in sections],
        list(drug_stamps.items()),
        [_stamp(q) for q in questions],
    ]
    entries = [
        PrecacheEntry(url=reverse("education:home"), revision=_digest(build, everything)),
        PrecacheEntry(
            url=reverse("education:topics"),
            revision=_digest(build, [_stamp(t) for t in topics], [_stamp(s) for s in sections]),
        ),
        PrecacheEntry(
            url=reverse("education:drugs"), revision=_digest(build, list(drug_stamps.items()))
        ),
        PrecacheEntry(
            url=reverse("education:questions"),
            revision=_digest(build, [_stamp(q) for q in questions]),
        ),
    ]
    for topic in topics:
        own = sections_by_topic.get(topic["pk"], [])
        mentioned = sorted({slug for s in own for slug in drug_slugs(s)})
        entries.append(
            PrecacheEntry(
                url=reverse("education:topic", kwargs={"slug": topic["slug"]}),
                revision=_digest(
                    build,
                    _stamp(topic),
                    [_stamp(s) for s in own],
                    [drug_stamps.get(slug) for slug in mentioned],
                ),
            )
        )
    for drug in drugs:
        citing = [s for s in sections if drug["slug"] in drug_slugs(s)]
        citing_topics = [topic_by_pk[s["topic_id"]] for s in citing if s["topic_id"] in topic_by_pk]
        entries.append(
            PrecacheEntry(
                url=reverse("education:drug", kwargs={"slug": drug["slug"]}),
                revision=_digest(
                    build,
                    _stamp(drug),
                    [_stamp(s) for s in citing],
                    [_stamp(t) for t in citing_topics],
                ),
            )
        )
    entries.append(PrecacheEntry(url=reverse("offline"), revision=_digest(build)))
    for shell in JOURNAL_SHELLS:
        if not _path_exists(shell):
            continue
        # A shell may show the catalogue (drug warnings, side-effect wording).
        entries.append(
            PrecacheEntry(
                url=shell,
                revision=_digest(
                    build, catalog_version, list(drug_stamps.items()), [_stamp(t) for t in terms]
                ),  # fmt: skip
            )
        )
    return entries


def _path_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def worker_config() -> dict[str, Any]:
    """What the worker needs to know: precache list, which URLs are pages, its strings."""
    static_entries = static_precache_entries()
    build = _digest(_template_fingerprint(), [e.as_json() for e in static_entries])
    pages = page_precache_entries(build=build)
    offline_url = reverse("offline")
    shells = {offline_url, *JOURNAL_SHELLS}
    return {
        "version": _digest(build, [e.as_json() for e in pages]),
        "precache": [e.as_json() for e in static_entries + pages],
        # Pages read offline with a "saved copy" note; the shell and the
        # offline page are the app itself, so they go without one.
        "pages": [e.url for e in pages if e.url not in shells],
        "shells": [e.url for e in pages if e.url in shells],
        "offlineUrl": offline_url,
        "staticUrl": settings.STATIC_URL,
        "networkTimeoutSeconds": 3,
        "lang": get_language() or settings.LANGUAGE_CODE,
        "strings": {
            "savedCopy": _("Saved copy from %(date)s."),
            "savedCopyDetail": _(
                "You are offline or the connection is slow, so this is the copy saved on "
                "this device. It may be out of date."
            ),
            # The weekly reminder (Web Push): fixed words, so that no health
            # data can reach the lock screen whatever a message carries.
            "reminderTitle": _("ROS1 Companion"),
            "reminderBody": _("It is time for your weekly check-in."),
        },
    }


def _read_static_source(name: str) -> str:
    path = finders.find(name)
    if path is None:
        # Production without the source tree: the collected copy.
        path = staticfiles_storage.path(name)
    return Path(path).read_text(encoding="utf-8")


_IMPORT = re.compile(r"^\s*import\b", re.MULTILINE)
_EXPORT = re.compile(r"^export\b ?", re.MULTILINE)
_EXPORTED = re.compile(
    r"^export (?:async )?(?:function\*?|const|let|class) +([A-Za-z_$][\w$]*)", re.MULTILINE
)


def module_as_object(name: str, source: str) -> str:
    """An ES module that imports nothing, as a classic script's `const <name> = {its exports}`."""
    exported = _EXPORTED.findall(source)
    if _IMPORT.search(source) or len(_EXPORT.findall(source)) != len(exported):
        raise ValueError(
            f"{name}: a module copied into the service worker may not import, and exports "
            "only with `export function|const|let|class NAME`."
        )
    body = _EXPORT.sub("", source).rstrip()
    names = ", ".join(exported)
    return f'const {name} = (() => {{\n"use strict";\n{body}\nreturn {{ {names} }};\n}})();\n'


def worker_script() -> str:
    """The whole worker: configuration, Workbox, the modules shared with the pages, our routes."""
    config = json.dumps(worker_config(), separators=(",", ":"), sort_keys=True)
    shared = "".join(
        module_as_object(name, _read_static_source(path)) for name, path in WORKER_MODULES.items()
    )
    return (
        "/* ROS1 Companion service worker, generated by ros1site/serviceworker.py. */\n"
        f"self.ROS1_SW = {config};\n"
        f"importScripts({json.dumps(_static_url(WORKBOX_BUNDLE))});\n"
        + shared
        + _read_static_source(WORKER_SOURCE)
    )


def _icon(icon: dict[str, str]) -> dict[str, str]:
    src = icon["src"]
    if src.startswith(settings.STATIC_URL):
        src = _static_url(src.removeprefix(settings.STATIC_URL))
    return {**icon, "src": src}


def web_app_manifest() -> dict[str, Any]:
    """The manifest, from the PWA_* settings: what makes the site installable."""
    return {
        "id": settings.PWA_APP_START_URL,
        "name": _(settings.PWA_APP_NAME),
        "short_name": _(settings.PWA_APP_SHORT_NAME),
        "description": _(settings.PWA_APP_DESCRIPTION),
        "lang": get_language() or settings.LANGUAGE_CODE,
        "dir": settings.PWA_APP_DIR,
        "start_url": settings.PWA_APP_START_URL,
        "scope": settings.PWA_APP_SCOPE,
        "display": settings.PWA_APP_DISPLAY,
        "orientation": settings.PWA_APP_ORIENTATION,
        "background_color": settings.PWA_APP_BACKGROUND_COLOR,
        "theme_color": settings.PWA_APP_THEME_COLOR,
        "icons": [_icon(icon) for icon in settings.PWA_APP_ICONS],
    }


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(web_app_manifest(), content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    body = worker_script()
    etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'
    # Browsers check the worker on every navigation; no-cache makes them ask us,
    # and the ETag keeps that check to a 304 while nothing changed.
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response

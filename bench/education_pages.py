"""Education pages benchmark (issue 2, Figures).

Builds a throwaway database (SQLite unless DATABASE_URL is given), fills it
with 200 published sections across 10 topics and 30 published drugs, collects
the static files with the production (hashed, compressed) storage, then prints:

- a topic page's median server time over many requests through the test Client;
- SQL queries per topic page;
- for every public page type, the gzip-compressed bytes of its HTML plus the
  CSS and JS files it links to.

Targets: median <= 15 ms, <= 10 queries, <= 40 KB per page.

Run: .venv/bin/python bench/education_pages.py [--requests 200]
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = 10
SECTIONS = 200
DRUGS = 30

BODY = (
    "ROS1-positive lung cancer is a rare kind of non-small cell lung cancer. A **tyrosine "
    "kinase inhibitor** (TKI) is a pill that blocks the faulty ROS1 signal. Many people "
    "take one for years. Ask your oncologist:\n\n"
    "- how you will know it works;\n- which side effects to watch for;\n"
    "- what happens if the cancer grows again.\n\n"
    "Scans every few months show whether the treatment still works. "
    "See [the guidelines](https://example.org/guidelines) for details."
)


def _setup(database_url: str | None, static_root: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ros1site.settings")
    # Production-like: DEBUG off, so no query log or debug template overhead.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + os.urandom(16).hex())
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_SECURE_COOKIES"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django
    from django.conf import settings

    django.setup()
    settings.STATIC_ROOT = static_root


def _fill() -> dict[str, str]:
    from education.models import Drug, Question, RegulatoryFact, Section, Source, Topic
    from education.services import content_publish

    def publish(item):
        content_publish(item=item, publisher=None, seeding=True)

    ratings = [r for r, _label in Drug.Rating.choices]
    drugs = []
    for n in range(DRUGS):
        drug = Drug.objects.create(
            slug=f"drug-{n}",
            generic_name=f"benchinib{n}",
            brand_names=f"Brand{n}, Other{n}",
            drug_class=Drug.DrugClass.ROS1_TKI,
            rating=ratings[n % len(ratings)],
            treats_brain=Drug.Brain.YES,
            warning="Does not work for ROS1+ cancer." if n % 10 == 9 else "",
            summary="A pill taken once or twice a day. " * 3,
            order=n,
        )
        RegulatoryFact.objects.create(
            drug=drug, agency="FDA", description="Approved for ROS1+ NSCLC",
            date=date(2016, 3, 11), date_precision=RegulatoryFact.Precision.MONTH,
        )  # fmt: skip
        drugs.append(drug)
    for drug in drugs:
        publish(drug)
    topics = []
    for t in range(TOPICS):
        topic = Topic.objects.create(
            slug=f"topic-{t}", title=f"Topic {t}", summary="What this topic covers.", order=t
        )
        publish(topic)
        topics.append(topic)
    for n in range(SECTIONS):
        topic = topics[n % TOPICS]
        section = Section.objects.create(
            topic=topic, slug=f"section-{n}", title=f"Section {n}: what to know", body=BODY,
            order=n,
        )  # fmt: skip
        section.drugs.set(drugs[n % DRUGS : n % DRUGS + 2])
        Source.objects.create(
            section=section, title=f"A trial report {n}", url="https://example.org/report",
            pmid=str(30000000 + n), checked_on=date(2024, 5, 2),
        )  # fmt: skip
        publish(section)
    for n in range(20):
        q = Question.objects.create(
            slug=f"question-{n}", text=f"What should I ask about thing {n}?",
            group=Question.Group.NEWLY_DIAGNOSED if n % 2 else Question.Group.AFTER_PROGRESSION,
            order=n,
        )  # fmt: skip
        publish(q)
    return {
        "home": "/",
        "topic list": "/learn/",
        "topic": f"/learn/{topics[0].slug}/",
        "medicine list": "/medicines/",
        "medicine": f"/medicines/{drugs[0].slug}/",
        "questions": "/questions/",
        "search": "/search/?q=brand1",
        "404": "/no-such-page/",
    }


_ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
# Static ES module imports: the browser fetches these before the page's script runs.
_JS_IMPORT = re.compile(
    r"""(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,]+from\s*)?["']([^"']+\.m?js)["']"""
)


def _asset_closure(static_root: Path, paths: list[str]) -> list[Path]:
    """The linked CSS/JS files plus every JS module they import statically."""
    seen: dict[Path, None] = {}
    todo = [static_root / p.removeprefix("/static/") for p in paths]
    while todo:
        path = todo.pop().resolve()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        if path.suffix in {".js", ".mjs"}:
            for spec in _JS_IMPORT.findall(path.read_text(errors="replace")):
                if spec.startswith("/static/"):
                    todo.append(static_root / spec.removeprefix("/static/"))
                elif spec.startswith("."):
                    todo.append(path.parent / spec)
    return list(seen)


def _page_weight(client, url: str, static_root: str) -> tuple[int, int, int]:
    """(compressed HTML bytes, compressed CSS+JS bytes, number of files) of one page."""
    html = client.get(url).content
    assets = _asset_closure(Path(static_root), sorted(set(_ASSET.findall(html.decode()))))
    asset_bytes = sum(len(gzip.compress(p.read_bytes(), compresslevel=9)) for p in assets)
    return len(gzip.compress(html, compresslevel=9)), asset_bytes, len(assets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ros1-bench-") as tmp:
        given_url = os.environ.get("DATABASE_URL")
        # A given server database is not filled directly: Django's test database
        # beside it is created and dropped (BENCH_USE_GIVEN_DB=1 to use it as is).
        throwaway_test_db = bool(given_url) and not os.environ.get("BENCH_USE_GIVEN_DB")
        database_url = given_url or f"sqlite:///{tmp}/bench.sqlite3"
        static_root = f"{tmp}/static"
        _setup(database_url, static_root)
        # The 404 page is measured on purpose; don't log each one.
        logging.getLogger("django.request").setLevel(logging.ERROR)

        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        # No setup_test_environment(): its instrumented template rendering
        # costs more than the page itself and no real server pays it.
        if throwaway_test_db:
            connection.creation.create_test_db(verbosity=0, keepdb=False)
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        pages = _fill()

        client = Client()
        topic_url = pages["topic"]
        for _ in range(20):  # warm up: template loading, markdown cache
            assert client.get(topic_url).status_code == 200
        timings, cpu_timings = [], []
        for _ in range(args.requests):
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(topic_url)
            cpu_timings.append((time.process_time() - cpu_start) * 1000)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(topic_url)

        where = connection.vendor
        if where == "sqlite":
            where += f" file {connection.settings_dict['NAME']}"
        print(f"Education pages benchmark ({where}; {SECTIONS} published sections in {TOPICS} "
              f"topics, {DRUGS} published drugs)")  # fmt: skip
        print(f"topic page: median {statistics.median(timings):.1f} ms, "
              f"p90 {statistics.quantiles(timings, n=10)[-1]:.1f} ms over {args.requests} "
              f"requests (target <= 15 ms)")  # fmt: skip
        print(f"topic page: median CPU time {statistics.median(cpu_timings):.1f} ms "
              f"(less sensitive to other load on the machine; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")  # fmt: skip
        print(f"topic page: {len(queries)} SQL queries (target <= 10)")
        print(
            "page weight, gzip -9 (HTML + linked CSS/JS and their static JS imports;"
            " target <= 40 KB each):"
        )
        worst = 0
        for name, url in pages.items():
            html_bytes, asset_bytes, files = _page_weight(client, url, static_root)
            total = html_bytes + asset_bytes
            worst = max(worst, total)
            print(
                f"  {name:<14} {url:<22} html {html_bytes / 1024:5.1f} KB + css/js "
                f"{asset_bytes / 1024:4.1f} KB = {total / 1024:5.1f} KB ({files} files)"
            )
        print(f"largest page: {worst / 1024:.1f} KB")
        if throwaway_test_db:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()

"""Education pages benchmark (issue 2, Figures).

Builds a throwaway database (SQLite unless DATABASE_URL is given), fills it
with 200 published sections across 10 topics and 30 published drugs, collects
the static files with the production (hashed, compressed) storage, then prints:

- a topic page's median server time over many requests through the test Client;
- SQL queries per topic page;
- for every public page type, the gzip-compressed bytes of its HTML plus the
  CSS and JS files it links to.

Then loads the seeded content and prints its reading grade (Flesch-Kincaid,
textstat) page by page.

Targets: median <= 15 ms, <= 10 queries, <= 40 KB per page; reading grade
mean <= 8 over the content pages, none above 10.

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
# Every section and drug shows its sources; three is more than most cite.
SOURCES_PER_ITEM = 3

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


def _source(n: int) -> dict:
    return {
        "title": f"A trial report {n}", "publisher": "A journal",
        "url": "https://example.org/report", "pmid": str(30000000 + n),
        "published_on": date(2025, 6, 1), "supports": "the response rates",
        "checked_on": date(2026, 12, 1),
    }  # fmt: skip


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
            as_of=date(2026, 12, 1), source_title="FDA notice",
            source_url="https://example.org/fda",
        )  # fmt: skip
        for k in range(SOURCES_PER_ITEM):
            Source.objects.create(drug=drug, **_source(n * 10 + k))
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
        for k in range(SOURCES_PER_ITEM):
            Source.objects.create(section=section, **_source(n * 10 + k))
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


def _print_reading_grades() -> None:
    """Flesch-Kincaid grade of the seeded content, page by page (issue 9's figures)."""
    from education.models import Drug, Topic
    from education.readability import TARGET_GRADE, reading_grade
    from education.seeding import seed_content_load

    seed_content_load()
    grades: dict[str, float] = {}
    for topic in Topic.objects.filter(slug__in=_seeded_topic_slugs()):
        parts = [topic.published["summary"]]
        for section in topic.sections.filter(published__isnull=False).order_by("order"):
            parts += [section.published["title"], section.published["body"]]
        grades[f"/learn/{topic.slug}/"] = reading_grade("\n\n".join(parts))
    for drug in Drug.objects.filter(slug__in=_seeded_drug_slugs()):
        text = "\n\n".join(p for p in (drug.published["summary"], drug.published["warning"]) if p)
        grades[f"/medicines/{drug.slug}/"] = reading_grade(text)
    mean = statistics.mean(grades.values())
    worst = max(grades, key=grades.get)
    print(f"reading grade (Flesch-Kincaid, textstat) over {len(grades)} seeded content pages: "
          f"mean {mean:.1f} (target <= {TARGET_GRADE:.0f}), highest {grades[worst]:.1f} "
          f"on {worst} (target: none above 10)")  # fmt: skip
    for url, grade in sorted(grades.items(), key=lambda kv: -kv[1]):
        print(f"  {grade:4.1f}  {url}")
    seed_page = ROOT.parent / "shared" / "seed" / "ros1-treatment-options.txt"
    if seed_page.exists():
        import textstat

        grade = textstat.flesch_kincaid_grade(seed_page.read_text())
        print(f"for comparison, the 2022 seed page as a whole: grade {grade:.1f}")


def _seeded_topic_slugs() -> list[str]:
    from education.content import seed_data

    return [t["slug"] for t in seed_data.TOPICS]


def _seeded_drug_slugs() -> list[str]:
    from education.content import seed_data

    return [d["slug"] for d in seed_data.DRUGS]


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
        _print_reading_grades()
        if throwaway_test_db:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()

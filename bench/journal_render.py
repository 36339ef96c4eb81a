"""Journal with 1,000 entries and 104 check-ins in IndexedDB: first render and check-in form.

Starts the site on a free port (a throwaway SQLite database with the seed
content, so that the catalogue is real), opens /journal/ once so that the
device's database exists, writes 1,000 entries straight into IndexedDB, then
reloads the journal several times and reads the marks that static/js/journal.js
sets: `journal-first-render` runs from the start of journal.js to the moment
the lists, timeline and attention panel are in the DOM (IndexedDB read
included); the second figure counts from the start of navigation.

The same journal also holds 104 weekly check-ins (two years), and the
check-in form is opened from IndexedDB in two ways: from the journal's
"Start this week's check-in" button (`checkin-form-open`: the draft read,
the form built and in the DOM), and straight from a reload of
/journal/?checkin=1, as the reminder's notification opens it
(`checkin-first-open`: from the start of journal.js, every read included).

Targets: first render <= 150 ms; the check-in form opens in <= 150 ms.
Usage: .venv/bin/python bench/journal_render.py [--runs 7] [--entries 1000] [--checkins 104]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeded_site import seeded_site  # noqa: E402 - bench/seeded_site.py, beside this file

CHROMIUM = "/usr/bin/chromium"
TARGET_MS = 150

SEED = """async ({ entries, checkins }) => {
  const { journalDb, storeCatalog } = await import("/static/js/store.js");
  const db = await journalDb();
  const catalog = await (await fetch("/api/v1/catalog")).json();
  await storeCatalog(catalog, null);
  const drugs = catalog.drugs.map((d) => d.slug);
  const terms = catalog.side_effect_terms.map((t) => t.slug);
  const outcomes = catalog.enumerations.outcome.map((o) => o.value);
  const day = (n) => new Date(Date.UTC(2021, 0, 1) + n * 86400000).toISOString().slice(0, 10);
  const rows = [];
  const courses = Math.round(entries * 0.05);
  const scans = Math.round(entries * 0.3);
  const effects = Math.round(entries * 0.45);
  const questions = entries - courses - scans - effects;
  const add = (collection, data, i) => rows.push({
    collection, id: crypto.randomUUID(), data, version: 1, base: data, deleted: false,
    flag: null, conflict: false, updated_at: null,
  });
  for (let i = 0; i < courses; i++) add("courses", {
    drug: drugs[i % drugs.length], drug_name: null, start_date: day(i * 36),
    stop_date: i === courses - 1 ? null : day(i * 36 + 30), dose: "600 mg once a day",
    line: (i % 20) + 1,
    stop_reason: i === courses - 1 ? null : "progression", notes: "",
  });
  for (let i = 0; i < scans; i++) add("scans", {
    date: day(i * 6), modality: "ct", sites: ["chest", "brain"],
    outcome: outcomes[i % outcomes.length],
    brain_outcome: "stable", recist: null, course: null, notes: "Scan notes " + i,
  });
  for (let i = 0; i < effects; i++) add("side_effects", {
    term: terms[i % terms.length], term_other: null, severity: (i % 4) + 1, interference: i % 5,
    onset_date: day(i * 4), resolved_date: day(i * 4 + 10), action: "none", course: null, notes: "",
  });
  for (let i = 0; i < questions; i++) add("questions", {
    text: "Question number " + i + " for my oncologist?", source: null, asked: i % 3 === 0,
    answer: "",
  });
  // Two years of weekly check-ins, each rating the check-in's symptoms.
  const marked = catalog.side_effect_terms.filter((t) => t.checkin).map((t) => t.slug);
  const asked = (marked.length ? marked : terms).slice(0, 11);
  for (let w = 0; w < checkins; w++) add("checkins", {
    date: day(w * 7), wellbeing: w % 11, course: null, notes: w % 4 ? "" : "A harder week " + w,
    items: asked.map((term, k) => ({
      term, term_other: null, frequency: (w + k) % 5, severity: (w + 2 * k) % 5, interference: null,
    })),
  });
  await db.records.clear();
  await db.records.bulkPut(rows);
  return db.records.count();
}"""

READ_MARKS = """() => {
  const measure = performance.getEntriesByName("journal-first-render")[0];
  const mark = performance.getEntriesByName("journal-rendered")[0];
  const loaded = performance.getEntriesByName("journal-loaded")[0];
  const start = performance.getEntriesByName("journal-start")[0];
  return { render: measure.duration, sinceNavigation: mark.startTime,
           read: loaded ? loaded.startTime - start.startTime : null,
           entries: document.querySelectorAll(".entry").length };
}"""

READ_CHECKIN = """() => {
  const open = performance.getEntriesByName("checkin-form-open").at(-1);
  const first = performance.getEntriesByName("checkin-first-open")[0];
  return { open: open.duration, first: first ? first.duration : null,
           symptoms: document.querySelectorAll(".checkin-symptom").length };
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=104)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with seeded_site() as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(base_url=base, service_workers="block")
            page = context.new_page()
            page.goto("/journal/")
            page.wait_for_selector("html[data-journal-ready]", state="attached")
            stored = page.evaluate(SEED, {"entries": args.entries, "checkins": args.checkins})
            results = []
            for _ in range(args.runs):
                page.reload()
                page.wait_for_selector("html[data-journal-ready]", state="attached")
                results.append(page.evaluate(READ_MARKS))
            clicked = []
            from_reminder = []
            for _ in range(args.runs):
                page.goto("/journal/")
                page.wait_for_selector("html[data-journal-ready]", state="attached")
                page.get_by_role("button", name="Start this week's check-in").click()
                page.wait_for_selector("#checkin-form")
                clicked.append(page.evaluate(READ_CHECKIN))
                page.get_by_role("button", name="Throw the draft away").click()
                page.goto("/journal/?checkin=1")
                page.wait_for_selector("html[data-checkin-ready]", state="attached")
                from_reminder.append(page.evaluate(READ_CHECKIN))
                page.get_by_role("button", name="Throw the draft away").click()
            browser.close()

    renders = [r["render"] for r in results]
    navs = [r["sinceNavigation"] for r in results]
    shown = results[-1]["entries"]
    median = statistics.median(renders)
    print(
        f"Journal first render, {stored} entries in IndexedDB ({shown} listed), headless Chromium"
    )  # noqa: E501
    print(f"  runs: {len(renders)} (page reloads, after one warm-up visit)")
    print(f"  journal.js start -> journal rendered: median {median:.1f} ms, "
          f"min {min(renders):.1f} ms, max {max(renders):.1f} ms")  # fmt: skip
    print(f"  navigation start -> journal rendered: median {statistics.median(navs):.1f} ms, "
          f"max {max(navs):.1f} ms")  # fmt: skip
    reads = [r["read"] for r in results if r["read"] is not None]
    if reads:
        print(f"  of which reading IndexedDB: median {statistics.median(reads):.1f} ms")
    verdict = "meets" if median <= TARGET_MS else "MISSES"
    print(f"  target <= {TARGET_MS} ms (median of journal.js start -> rendered): {verdict}")
    opens = [r["open"] for r in clicked]
    firsts = [r["first"] for r in from_reminder]
    print(
        f"Check-in form, {args.checkins} weekly check-ins stored "
        f"({clicked[-1]['symptoms']} symptoms asked)"
    )
    print(f"  button -> form in the DOM: median {statistics.median(opens):.1f} ms, "
          f"min {min(opens):.1f} ms, max {max(opens):.1f} ms")  # fmt: skip
    print(f"  reload of /journal/?checkin=1, journal.js start -> form: "
          f"median {statistics.median(firsts):.1f} ms, max {max(firsts):.1f} ms")  # fmt: skip
    worst = max(statistics.median(opens), statistics.median(firsts))
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(f"  target <= {TARGET_MS} ms (the slower median): {verdict}")


if __name__ == "__main__":
    main()

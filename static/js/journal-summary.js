// The one-page summary for an appointment or a second opinion, made from the
// journal in IndexedDB so that it works offline: treatments, scans, side
// effects still going on, the last 12 weeks of check-ins, and questions not yet asked.
import { visibleRecords, cachedCatalog } from "./store.js";
import { gettext, interpolate } from "./journal-i18n.js";
import { esc, label, stackRow } from "./journal-dom.js";
import { title, formatDate, drugName, termName } from "./journal-text.js";
import { localToday } from "./validation.js";
import { summaryRows } from "./checkin-trends.js";
import { SUMMARY_WEEKS } from "./checkin.js";

function table(caption, headings, rows, empty) {
  if (!rows.length) return `<section class="summary-section"><h2>${esc(caption)}</h2><p class="empty">${esc(empty)}</p></section>`;
  return (
    `<section class="summary-section"><h2>${esc(caption)}</h2><table class="summary-table stack-table"><thead><tr>` +
    headings.map((hd) => `<th scope="col">${esc(hd)}</th>`).join("") +
    `</tr></thead><tbody>${rows.map((r) => stackRow(r, headings)).join("")}</tbody></table></section>`
  );
}

async function main() {
  const [records, catalog] = await Promise.all([visibleRecords(), cachedCatalog()]);
  const today = localToday();
  const of = (c) => records.filter((r) => r.collection === c).map((r) => r.data);
  const courses = of("courses").sort((a, b) => (a.start_date || "").localeCompare(b.start_date || ""));
  const scans = of("scans").sort((a, b) => (a.date || "").localeCompare(b.date || ""));
  const effects = of("side_effects")
    .filter((d) => !d.resolved_date || d.resolved_date >= today)
    .sort((a, b) => (b.severity || 0) - (a.severity || 0));
  const questions = of("questions").filter((d) => !d.asked);

  document.getElementById("summary-meta").textContent = interpolate(gettext("Made on %(date)s."), { date: formatDate(today) });
  document.getElementById("summary-body").innerHTML = [
    table(
      gettext("Treatments"),
      [gettext("Medicine"), gettext("Dates"), gettext("Dose"), gettext("Why it stopped")],
      courses.map((d) => [
        drugName(catalog, d),
        d.stop_date ? `${formatDate(d.start_date)} – ${formatDate(d.stop_date)}` : interpolate(gettext("since %(date)s"), { date: formatDate(d.start_date) }),
        d.dose || "",
        d.stop_reason ? label(catalog, "stop_reason", d.stop_reason) : "",
      ]),
      gettext("No treatments in the journal."),
    ),
    table(
      gettext("Scans"),
      [gettext("Date"), gettext("Kind"), gettext("Result"), gettext("Brain"), gettext("RECIST")],
      scans.map((d) => [
        formatDate(d.date),
        label(catalog, "modality", d.modality),
        label(catalog, "outcome", d.outcome),
        d.brain_outcome ? label(catalog, "outcome", d.brain_outcome) : "",
        d.recist || "",
      ]),
      gettext("No scans in the journal."),
    ),
    table(
      gettext("Side effects now"),
      [gettext("Side effect"), gettext("How bad"), gettext("Since"), gettext("What was done")],
      effects.map((d) => [termName(catalog, d), label(catalog, "severity", d.severity), formatDate(d.onset_date), d.action ? label(catalog, "action", d.action) : ""]),
      gettext("No current side effects in the journal."),
    ),
    table(
      interpolate(gettext("Weekly check-ins, last %(n)s weeks"), { n: SUMMARY_WEEKS }),
      [gettext("Date"), gettext("Wellbeing"), gettext("Symptoms (0 none to 4 very much)"), gettext("Notes")],
      summaryRows(records, catalog, today),
      interpolate(gettext("No check-ins in the last %(n)s weeks."), { n: SUMMARY_WEEKS }),
    ),
    `<section class="summary-section"><h2>${esc(gettext("My questions"))}</h2>` +
      (questions.length
        ? `<ol class="summary-questions">${questions.map((d) => `<li>${esc(title("questions", d, catalog))}</li>`).join("")}</ol>`
        : `<p class="empty">${esc(gettext("No open questions."))}</p>`) +
      `</section>`,
  ].join("");
}

document.getElementById("summary-print").addEventListener("click", () => window.print());
main();

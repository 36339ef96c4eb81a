// The journal as a picture (SVG) and as a table that says the same thing.
// Scans are marks with a letter and a colour for the outcome, and their label
// is written out, so that colour is never the only carrier of meaning.
import { gettext, interpolate, ngettext } from "./journal-i18n.js";
import { esc, label } from "./journal-dom.js";
import { title, detail, formatDate, sortDate } from "./journal-text.js";

export const OUTCOME_MARKS = {
  baseline: "B", no_evidence_of_disease: "N", improved: "I", stable: "S", progressed: "P", mixed: "M", unknown: "?",
};

const WIDTH = 720;
const LEFT = 96;
const RIGHT = 20;
const ROW = 26;
const DAY = 86400000;
// Below this width (in the picture's units) a name or a word would not fit.
const LABEL_ROOM = 60;

const toTime = (d) => Date.parse(`${d}T00:00:00Z`);

// Puts intervals in as few rows as possible (each row: no overlaps).
function pack(items) {
  const rows = [];
  for (const item of items.slice().sort((a, b) => a.start - b.start)) {
    let row = rows.findIndex((end) => end < item.start);
    if (row === -1) {
      row = rows.length;
      rows.push(0);
    }
    rows[row] = item.end;
    item.row = row;
  }
  return rows.length;
}

export function timelineSvg(records, catalog, today) {
  const courses = [];
  const effects = [];
  const scans = [];
  const todayTime = toTime(today);
  for (const r of records) {
    const d = r.data;
    if (r.collection === "courses" && d.start_date) {
      courses.push({ r, start: toTime(d.start_date), end: d.stop_date ? toTime(d.stop_date) : todayTime, open: !d.stop_date });
    } else if (r.collection === "side_effects" && d.onset_date) {
      effects.push({ r, start: toTime(d.onset_date), end: d.resolved_date ? toTime(d.resolved_date) : todayTime, open: !d.resolved_date });
    } else if (r.collection === "scans" && d.date) {
      scans.push({ r, at: toTime(d.date) });
    }
  }
  if (!courses.length && !effects.length && !scans.length) return "";
  const times = [...courses.map((c) => c.start), ...effects.map((e) => e.start), ...scans.map((s) => s.at), todayTime];
  const ends = [...courses.map((c) => c.end), ...effects.map((e) => e.end), ...scans.map((s) => s.at), todayTime];
  const min = Math.min(...times) - 7 * DAY;
  const max = Math.max(...ends) + 7 * DAY;
  const x = (t) => LEFT + ((t - min) / (max - min)) * (WIDTH - LEFT - RIGHT);
  const courseRows = pack(courses);
  const effectRows = pack(effects);
  let y = 34;
  const parts = [];

  // Axis: one tick per year, or per month when the span is short.
  const axis = [];
  const first = new Date(min);
  const spanDays = (max - min) / DAY;
  const monthly = spanDays < 800;
  const tick = new Date(Date.UTC(first.getUTCFullYear(), monthly ? first.getUTCMonth() + 1 : 0, 1));
  if (!monthly) tick.setUTCFullYear(tick.getUTCFullYear() + 1);
  let step = 1;
  if (monthly && spanDays > 370) step = 3;
  while (tick.getTime() < max) {
    const tx = x(tick.getTime());
    const text = monthly
      ? tick.toLocaleDateString(undefined, { month: "short", year: "2-digit", timeZone: "UTC" })
      : String(tick.getUTCFullYear());
    axis.push(`<line class="tl-tick" x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="20" y2="100%"/><text class="tl-axis" x="${tx.toFixed(1)}" y="14" text-anchor="middle">${esc(text)}</text>`);
    if (monthly) tick.setUTCMonth(tick.getUTCMonth() + step);
    else tick.setUTCFullYear(tick.getUTCFullYear() + 1);
  }

  const lane = (name, rows) => {
    parts.push(`<text class="tl-lane" x="4" y="${y + 16}">${esc(name)}</text>`);
    const top = y;
    y += Math.max(1, rows) * ROW + 10;
    return top;
  };

  if (courses.length) {
    const top = lane(gettext("Treatments"), courseRows);
    for (const c of courses) {
      const x1 = x(c.start);
      const w = Math.max(3, x(c.end) - x1);
      const name = title("courses", c.r.data, catalog);
      const yy = top + c.row * ROW;
      parts.push(
        `<g class="tl-course${c.open ? " tl-open" : ""}"><title>${esc(`${name}: ${detail("courses", c.r.data, catalog)}`)}</title>` +
          `<rect x="${x1.toFixed(1)}" y="${yy + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="3"/>` +
          (w >= LABEL_ROOM ? `<text x="${(x1 + 4).toFixed(1)}" y="${yy + 17}">${esc(name)}</text>` : "") +
          `</g>`,
      );
    }
  }
  if (scans.length) {
    const top = lane(gettext("Scans"), 2);
    scans.sort((a, b) => a.at - b.at);
    const xs = scans.map((s) => x(s.at));
    scans.forEach((s, i) => {
      const d = s.r.data;
      const cx = xs[i];
      const outcome = label(catalog, "outcome", d.outcome);
      // The word goes under the mark only where it has room; the letter in
      // the mark (and the legend, and the table) always says the outcome.
      const room = Math.min(i ? cx - xs[i - 1] : Infinity, i < xs.length - 1 ? xs[i + 1] - cx : Infinity);
      const word = room >= LABEL_ROOM
        ? `<text class="tl-scan-label" x="${cx.toFixed(1)}" y="${top + 36}" text-anchor="middle">${esc(outcome.split(" (")[0])}</text>`
        : "";
      parts.push(
        `<g class="tl-scan tl-outcome-${esc(d.outcome)}"><title>${esc(`${title("scans", d, catalog)}: ${outcome}`)}</title>` +
          `<circle cx="${cx.toFixed(1)}" cy="${top + 12}" r="9"/>` +
          `<text class="tl-mark" x="${cx.toFixed(1)}" y="${top + 16}" text-anchor="middle">${esc(OUTCOME_MARKS[d.outcome] || "?")}</text>${word}</g>`,
      );
    });
  }
  if (effects.length) {
    const top = lane(gettext("Side effects"), effectRows);
    for (const e of effects) {
      const x1 = x(e.start);
      const w = Math.max(4, x(e.end) - x1);
      const yy = top + e.row * ROW;
      const sev = e.r.data.severity;
      const name = title("side_effects", e.r.data, catalog);
      parts.push(
        `<g class="tl-effect tl-severity-${esc(sev)}"><title>${esc(`${name}: ${label(catalog, "severity", sev)}`)}</title>` +
          `<rect x="${x1.toFixed(1)}" y="${yy + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="2"/>` +
          // The severity's number fits in any bar; the name only in a wide one.
          `<text x="${(x1 + 3).toFixed(1)}" y="${yy + 17}">${esc(w >= LABEL_ROOM ? `${sev} ${name}` : String(sev))}</text></g>`,
      );
    }
  }
  const todayX = x(todayTime);
  parts.push(`<line class="tl-today" x1="${todayX.toFixed(1)}" x2="${todayX.toFixed(1)}" y1="20" y2="${y}"/>`);
  parts.push(`<text class="tl-axis" x="${(todayX - 3).toFixed(1)}" y="${y + 12}" text-anchor="end">${esc(gettext("Today"))}</text>`);
  const height = y + 20;
  const summary = interpolate(gettext("%(c)s, %(s)s and %(e)s from %(from)s to %(to)s. The table below lists the same entries."), {
    c: interpolate(ngettext("%(n)s treatment", "%(n)s treatments", courses.length), { n: courses.length }),
    s: interpolate(ngettext("%(n)s scan", "%(n)s scans", scans.length), { n: scans.length }),
    e: interpolate(ngettext("%(n)s side effect", "%(n)s side effects", effects.length), { n: effects.length }),
    from: formatDate(new Date(min + 7 * DAY).toISOString().slice(0, 10)),
    to: formatDate(today),
  });
  return (
    `<svg class="timeline-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="tl-title tl-desc" preserveAspectRatio="xMinYMin meet">` +
    `<title id="tl-title">${esc(gettext("Timeline of my journal"))}</title><desc id="tl-desc">${esc(summary)}</desc>` +
    `${axis.join("")}${parts.join("")}</svg>`
  );
}

export function timelineLegend(catalog) {
  const outcomes = (catalog && catalog.enumerations && catalog.enumerations.outcome) || [];
  const severities = (catalog && catalog.enumerations && catalog.enumerations.severity) || [];
  return (
    `<div class="tl-legend"><p><strong>${esc(gettext("Scan results:"))}</strong></p><ul class="tl-legend-list">` +
    outcomes
      .map((o) => `<li><span class="tl-key tl-outcome-${esc(o.value)}" aria-hidden="true">${esc(OUTCOME_MARKS[o.value] || "?")}</span> ${esc(o.label)}</li>`)
      .join("") +
    `</ul><p><strong>${esc(gettext("Side effects, by how bad they were:"))}</strong></p><ul class="tl-legend-list">` +
    severities
      .map((s) => `<li><span class="tl-key tl-severity-${esc(s.value)}" aria-hidden="true">${esc(s.value)}</span> ${esc(s.label)}</li>`)
      .join("") +
    `</ul></div>`
  );
}

// The same journal as rows of text, oldest first.
export function timelineTable(records, catalog) {
  const rows = records
    .filter((r) => r.collection !== "questions")
    .map((r) => ({ r, date: sortDate(r.collection, r.data) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const kinds = { courses: gettext("Treatment"), scans: gettext("Scan"), side_effects: gettext("Side effect") };
  return (
    `<table class="timeline-table"><caption>${esc(gettext("Everything in the timeline, oldest first"))}</caption>` +
    `<thead><tr><th scope="col">${esc(gettext("Date"))}</th><th scope="col">${esc(gettext("Kind"))}</th><th scope="col">${esc(gettext("What"))}</th><th scope="col">${esc(gettext("Details"))}</th></tr></thead><tbody>` +
    rows
      .map(
        ({ r, date }) =>
          `<tr><td>${esc(formatDate(date))}</td><td>${esc(kinds[r.collection])}</td><td>${esc(title(r.collection, r.data, catalog))}</td><td>${esc(detail(r.collection, r.data, catalog))}</td></tr>`,
      )
      .join("") +
    `</tbody></table>`
  );
}

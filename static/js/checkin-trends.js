// Symptom trends: one small chart per symptom over the last weeks of
// check-ins, with the treatment courses drawn behind it as bands, and a table
// under each chart that says the same thing (its accessible equal). Each
// attribute has its own line style and marker shape and is named in a key,
// so that colour never carries meaning alone. Written as HTML strings.
import { gettext, interpolate } from "./journal-i18n.js";
import { esc, stackRow } from "./journal-dom.js";
import { formatDate, termName, drugName } from "./journal-text.js";
import { ATTRIBUTES, RATING_HIGH, SUMMARY_WEEKS, addDays, itemKey, lastWeeks, symptomSeries } from "./checkin.js";
import { SHORT, answerWord } from "./checkin-text.js";

const DAY = 86400000;
const toTime = (d) => Date.parse(`${d}T00:00:00Z`);
const HEIGHT = 150;
const TOP = 22; // room for the course names
const BOTTOM = 24; // room for the dates
const LEFT = 18;
const RIGHT = 10;
const MARKS = { frequency: "circle", severity: "square", interference: "triangle" };

function marker(kind, x, y) {
  const cx = x.toFixed(1);
  const cy = y.toFixed(1);
  if (kind === "square") return `<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8"/>`;
  if (kind === "triangle") return `<path d="M${cx} ${(y - 5).toFixed(1)} L${(x + 5).toFixed(1)} ${(y + 4).toFixed(1)} L${(x - 5).toFixed(1)} ${(y + 4).toFixed(1)} Z"/>`;
  return `<circle cx="${cx}" cy="${cy}" r="4"/>`;
}

// One symptom's chart. `range`: {from, to} dates; `courses`: course records.
export function trendSvg(series, courses, catalog, range, width) {
  const t0 = toTime(range.from);
  const t1 = Math.max(toTime(range.to), t0 + 7 * DAY);
  const plotW = Math.max(120, width - LEFT - RIGHT);
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (d) => LEFT + ((toTime(d) - t0) / (t1 - t0)) * plotW;
  const y = (v) => TOP + plotH - (v / RATING_HIGH) * plotH;
  const parts = [];
  // Treatment courses behind the lines, each named where it starts.
  for (const c of courses) {
    const start = c.data.start_date;
    const stop = c.data.stop_date || range.to;
    if (!start || stop < range.from || start > range.to) continue;
    const x1 = x(start < range.from ? range.from : start);
    const x2 = x(stop > range.to ? range.to : stop);
    const name = drugName(catalog, c.data);
    parts.push(
      `<g class="tr-course"><title>${esc(name)}</title><rect x="${x1.toFixed(1)}" y="${TOP}" width="${Math.max(2, x2 - x1).toFixed(1)}" height="${plotH}"/>` +
        `<text x="${(x1 + 3).toFixed(1)}" y="${TOP - 7}">${esc(name)}</text></g>`,
    );
  }
  for (let v = 0; v <= RATING_HIGH; v += 1) {
    parts.push(`<line class="tr-grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="tr-axis" x="2" y="${(y(v) + 4).toFixed(1)}">${v}</text>`);
  }
  parts.push(`<text class="tr-axis" x="${LEFT}" y="${HEIGHT - 6}">${esc(formatDate(range.from))}</text>`);
  parts.push(`<text class="tr-axis" x="${LEFT + plotW}" y="${HEIGHT - 6}" text-anchor="end">${esc(formatDate(range.to))}</text>`);
  for (const a of ATTRIBUTES) {
    const points = series.points[a].filter((p) => p.date >= range.from && p.date <= range.to);
    if (!points.length) continue;
    const path = points.map((p, i) => `${i ? "L" : "M"}${x(p.date).toFixed(1)} ${y(p.value).toFixed(1)}`).join(" ");
    parts.push(`<g class="tr-line tr-${a}"><path d="${path}"/>${points.map((p) => marker(MARKS[a], x(p.date), y(p.value))).join("")}</g>`);
  }
  const name = termName(catalog, series.item);
  return (
    `<svg class="trend-svg" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" role="img" aria-label="${esc(interpolate(gettext("%(name)s over the weeks: the table below gives every value"), { name }))}">` +
    `${parts.join("")}</svg>`
  );
}

function keyHtml(series) {
  const shown = ATTRIBUTES.filter((a) => series.points[a].length);
  return `<ul class="trend-key">${shown.map((a) => `<li><svg width="34" height="14" aria-hidden="true" class="tr-line tr-${a}"><path d="M2 7 L32 7"/>${marker(MARKS[a], 17, 7)}</svg> ${esc(SHORT[a]())}</li>`).join("")}</ul>`;
}

function tableHtml(series, checkins, catalog) {
  const shown = ATTRIBUTES.filter((a) => series.points[a].length);
  const headings = [gettext("Week of"), ...shown.map((a) => SHORT[a]())];
  const name = termName(catalog, series.item);
  const rows = [];
  for (const c of checkins) {
    const item = (c.items || []).find((i) => itemKey(i) === series.key);
    const cells = shown.map((a) => (item && Number.isInteger(item[a]) ? `${item[a]} ${answerWord(a, item[a])}` : gettext("not rated")));
    rows.push(stackRow(cells, headings.slice(1), formatDate(c.date)));
  }
  return (
    `<table class="trend-table stack-table"><caption>${esc(interpolate(gettext("%(name)s, week by week"), { name }))}</caption>` +
    `<thead><tr>${headings.map((hd) => `<th scope="col">${esc(hd)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

// The trends section's content: a chart, its key and its table per symptom
// rated in the last `weeks` weeks; `width` is the room there is.
export function trendsHtml(records, catalog, today, width, weeks = SUMMARY_WEEKS) {
  const checkins = lastWeeks(records.filter((r) => r.collection === "checkins" && !r.deleted).map((r) => r.data), today, weeks);
  if (!checkins.length) return `<p class="empty">${esc(gettext("Your symptoms over the weeks show here after your first check-in."))}</p>`;
  const courses = records.filter((r) => r.collection === "courses" && !r.deleted);
  const range = { from: addDays(today, -7 * weeks + 1), to: today };
  const out = [
    `<p class="field-hint">${esc(interpolate(gettext("The last %(n)s weeks. 0 is none or never, 4 is very much. Shaded bands are your treatments."), { n: weeks }))}</p>`,
  ];
  for (const s of symptomSeries(checkins)) {
    const name = termName(catalog, s.item);
    out.push(
      `<section class="trend" data-symptom="${esc(s.key)}" aria-labelledby="trend-${esc(s.key)}-h"><h3 id="trend-${esc(s.key)}-h">${esc(name)}</h3>` +
        `<div class="trend-figure">${trendSvg(s, courses, catalog, range, width)}</div>${keyHtml(s)}` +
        `<details class="trend-text"><summary>${esc(interpolate(gettext("Show %(name)s as a table"), { name }))}</summary>${tableHtml(s, checkins, catalog)}</details></section>`,
    );
  }
  return out.join("");
}

// Wellbeing, the check-ins' dates and their symptoms, for the printable summary.
export function summaryRows(records, catalog, today, weeks = SUMMARY_WEEKS) {
  const checkins = lastWeeks(records.filter((r) => r.collection === "checkins" && !r.deleted).map((r) => r.data), today, weeks);
  return checkins.reverse().map((c) => [
    formatDate(c.date),
    c.wellbeing === null || c.wellbeing === undefined ? "" : `${c.wellbeing}/10`,
    (c.items || [])
      .map((i) => `${termName(catalog, i)}: ${ATTRIBUTES.filter((a) => Number.isInteger(i[a])).map((a) => `${SHORT[a]()} ${i[a]}`).join(", ")}`)
      .join("; "),
    c.notes || "",
  ]);
}

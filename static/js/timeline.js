// The journal as a picture (SVG) and as a table that says the same thing.
// Scans are marks with a letter and a colour for the outcome, and their label
// is written out, so that colour is never the only carrier of meaning. Every
// bar's name and every scan's result is drawn in full, at a readable size.
// timelineScreen puts both on the journal screen.
import { gettext, interpolate, ngettext } from "./journal-i18n.js";
import { esc, label, stackRow } from "./journal-dom.js";
import { title, detail, formatDate, sortDate } from "./journal-text.js";
import { localToday } from "./validation.js";

export const OUTCOME_MARKS = {
  baseline: "B", no_evidence_of_disease: "N", improved: "I", stable: "S", progressed: "P", mixed: "M", unknown: "?",
};

// Drawn in CSS pixels (the viewBox is the real size), so that text is always
// 13 px, on a phone too: the picture grows wider than the screen rather than
// shrinking its words, and scrolls sideways with visible buttons.
const FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
const ROW = 26;
const DAY = 86400000;
// At least this many pixels a month, so that marks and month names have room.
const MIN_PX_PER_MONTH = 16;
const PAD = 8;
const GAP = 6;
const LANE_GAP = 10;
// Width of the separate, non-scrolling column of lane names.
export const LANE_LABEL_WIDTH = 92;

const toTime = (d) => Date.parse(`${d}T00:00:00Z`);

let measurer = null;
// Text width in pixels, measured as the browser will draw it.
function textWidth(text) {
  if (!measurer && typeof document !== "undefined") measurer = document.createElement("canvas").getContext("2d");
  if (!measurer) return text.length * 7.5;
  measurer.font = FONT;
  return measurer.measureText(text).width;
}

// Puts items (with a start and an end in pixels) in as few rows as possible.
function pack(items) {
  const rows = [];
  for (const item of items.slice().sort((a, b) => a.x1 - b.x1)) {
    let row = rows.findIndex((end) => end + GAP <= item.x1);
    if (row === -1) {
      row = rows.length;
      rows.push(0);
    }
    rows[row] = item.x2;
    item.row = row;
  }
  return rows.length;
}

// A bar's name goes inside the bar when it fits, otherwise just after it; the
// row packing leaves room for it either way, so every name can be read.
function placeBar(item, name, x, minWidth) {
  item.bx1 = x(item.start);
  item.bw = Math.max(minWidth, x(item.end) - item.bx1);
  item.name = name;
  const w = textWidth(name) + 8;
  item.inside = w <= item.bw;
  item.x1 = item.bx1;
  item.x2 = item.inside ? item.bx1 + item.bw : item.bx1 + item.bw + 4 + w;
}

function axisTicks(min, max, x) {
  const pxPerMonth = x(min + 30.44 * DAY) - x(min);
  const ticks = [];
  // Every 1, 3, 6 or 12 months, whichever leaves room for "Sep 2025".
  const room = textWidth("Sep 2025") + 12;
  const step = [1, 3, 6, 12].find((m) => m * pxPerMonth >= room) || 24;
  const first = new Date(min);
  const tick = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
  while (step >= 12 ? tick.getUTCMonth() !== 0 : tick.getUTCMonth() % step !== 0) tick.setUTCMonth(tick.getUTCMonth() + 1);
  while (tick.getTime() < max) {
    const text = step >= 12
      ? String(tick.getUTCFullYear())
      : tick.toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
    ticks.push({ x: x(tick.getTime()), text });
    tick.setUTCMonth(tick.getUTCMonth() + step);
  }
  return ticks;
}

// The timeline as two SVGs: `lanes`, the lane names, which stay in view, and
// `picture`, which may be wider than the screen. `width` is the room there is.
export function timelineSvg(records, catalog, today, width = 640) {
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
  if (!courses.length && !effects.length && !scans.length) return null;
  const times = [...courses.map((c) => c.start), ...effects.map((e) => e.start), ...scans.map((s) => s.at), todayTime];
  const ends = [...courses.map((c) => c.end), ...effects.map((e) => e.end), ...scans.map((s) => s.at), todayTime];
  const min = Math.min(...times) - 7 * DAY;
  const max = Math.max(...ends) + 7 * DAY;
  const months = (max - min) / (30.44 * DAY);
  const room = Math.max(200, width - LANE_LABEL_WIDTH);
  const span = Math.max(room - 2 * PAD, months * MIN_PX_PER_MONTH);
  const x = (t) => PAD + ((t - min) / (max - min)) * span;

  for (const c of courses) placeBar(c, title("courses", c.r.data, catalog), x, 3);
  for (const e of effects) {
    const sev = e.r.data.severity;
    placeBar(e, `${sev} ${title("side_effects", e.r.data, catalog)}`, x, 4);
  }
  const courseRows = pack(courses);
  const effectRows = pack(effects);
  // Scan words in as many rows as they need, so that none is left out.
  scans.sort((a, b) => a.at - b.at);
  const scanRows = [];
  for (const s of scans) {
    s.cx = x(s.at);
    s.word = label(catalog, "outcome", s.r.data.outcome).split(" (")[0];
    const half = Math.max(textWidth(s.word), 18) / 2;
    s.x1 = s.cx - half;
    s.x2 = s.cx + half;
    let row = scanRows.findIndex((end) => end + GAP <= s.x1);
    if (row === -1) {
      row = scanRows.length;
      scanRows.push(0);
    }
    scanRows[row] = s.x2;
    s.row = row;
  }
  let pictureWidth = PAD * 2 + span;
  for (const item of [...courses, ...effects, ...scans]) pictureWidth = Math.max(pictureWidth, item.x2 + PAD);

  let y = 34;
  const lanes = [];
  const parts = [];
  const lane = (name, rows) => {
    lanes.push(`<text class="tl-lane" x="4" y="${y + 16}">${esc(name)}</text>`);
    const top = y;
    y += Math.max(1, rows) * ROW + LANE_GAP;
    return top;
  };
  // A name inside a long bar follows the scroll (data-min/max: how far it may
  // slide), so that it stays readable when the bar's start is off screen.
  const barText = (item, yy, cls) => {
    const at = item.inside ? item.bx1 + 4 : item.bx1 + item.bw + 4;
    const slide = item.inside
      ? ` data-min="${at.toFixed(1)}" data-max="${(item.bx1 + item.bw - textWidth(item.name) - 4).toFixed(1)}"`
      : "";
    return `<text${cls ? ` class="${cls}"` : ""} x="${at.toFixed(1)}" y="${yy + 17}"${slide}>${esc(item.name)}</text>`;
  };

  if (courses.length) {
    const top = lane(gettext("Treatments"), courseRows);
    for (const c of courses) {
      const yy = top + c.row * ROW;
      parts.push(
        `<g class="tl-course${c.open ? " tl-open" : ""}"><title>${esc(`${c.name}: ${detail("courses", c.r.data, catalog)}`)}</title>` +
          `<rect x="${c.bx1.toFixed(1)}" y="${yy + 3}" width="${c.bw.toFixed(1)}" height="${ROW - 8}" rx="3"/>` +
          `${barText(c, yy, c.inside ? "" : "tl-outside")}</g>`,
      );
    }
  }
  if (scans.length) {
    // The mark, then the word under it, in the word's own row.
    const top = lane(gettext("Scans"), 1 + scanRows.length);
    for (const s of scans) {
      const d = s.r.data;
      const outcome = label(catalog, "outcome", d.outcome);
      parts.push(
        `<g class="tl-scan tl-outcome-${esc(d.outcome)}"><title>${esc(`${title("scans", d, catalog)}: ${outcome}`)}</title>` +
          `<circle cx="${s.cx.toFixed(1)}" cy="${top + 12}" r="9"/>` +
          `<text class="tl-mark" x="${s.cx.toFixed(1)}" y="${top + 16}" text-anchor="middle">${esc(OUTCOME_MARKS[d.outcome] || "?")}</text>` +
          `<text class="tl-scan-label" x="${s.cx.toFixed(1)}" y="${top + 40 + s.row * ROW}" text-anchor="middle">${esc(s.word)}</text></g>`,
      );
    }
  }
  if (effects.length) {
    const top = lane(gettext("Side effects"), effectRows);
    for (const e of effects) {
      const yy = top + e.row * ROW;
      const sev = e.r.data.severity;
      parts.push(
        `<g class="tl-effect tl-severity-${esc(sev)}"><title>${esc(`${e.name.slice(String(sev).length + 1)}: ${label(catalog, "severity", sev)}`)}</title>` +
          `<rect x="${e.bx1.toFixed(1)}" y="${yy + 3}" width="${e.bw.toFixed(1)}" height="${ROW - 8}" rx="2"/>` +
          `${barText(e, yy, e.inside ? "" : "tl-outside")}</g>`,
      );
    }
  }
  const axis = axisTicks(min, max, x).map(
    (t) => `<line class="tl-tick" x1="${t.x.toFixed(1)}" x2="${t.x.toFixed(1)}" y1="20" y2="${y}"/><text class="tl-axis" x="${t.x.toFixed(1)}" y="14" text-anchor="middle">${esc(t.text)}</text>`,
  );
  const todayX = x(todayTime);
  parts.push(`<line class="tl-today" x1="${todayX.toFixed(1)}" x2="${todayX.toFixed(1)}" y1="20" y2="${y}"/>`);
  parts.push(`<text class="tl-axis tl-today-label" x="${(todayX - 3).toFixed(1)}" y="${y + 12}" text-anchor="end">${esc(gettext("Today"))}</text>`);
  const height = y + 20;
  const summary = interpolate(gettext("%(c)s, %(s)s and %(e)s from %(from)s to %(to)s. The table below lists the same entries."), {
    c: interpolate(ngettext("%(n)s treatment", "%(n)s treatments", courses.length), { n: courses.length }),
    s: interpolate(ngettext("%(n)s scan", "%(n)s scans", scans.length), { n: scans.length }),
    e: interpolate(ngettext("%(n)s side effect", "%(n)s side effects", effects.length), { n: effects.length }),
    from: formatDate(new Date(min + 7 * DAY).toISOString().slice(0, 10)),
    to: formatDate(today),
  });
  const w = Math.ceil(pictureWidth);
  return {
    lanes:
      `<svg class="timeline-lanes" width="${LANE_LABEL_WIDTH}" height="${height}" viewBox="0 0 ${LANE_LABEL_WIDTH} ${height}" aria-hidden="true">${lanes.join("")}</svg>`,
    picture:
      `<svg class="timeline-svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" role="img" aria-labelledby="tl-title tl-desc">` +
      `<title id="tl-title">${esc(gettext("Timeline of my journal"))}</title><desc id="tl-desc">${esc(summary)}</desc>` +
      `${axis.join("")}${parts.join("")}</svg>`,
  };
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
  const headings = [gettext("Date"), gettext("Kind"), gettext("What"), gettext("Details")];
  return (
    `<table class="timeline-table stack-table"><caption>${esc(gettext("Everything in the timeline, oldest first"))}</caption>` +
    `<thead><tr>${headings.map((hd) => `<th scope="col">${esc(hd)}</th>`).join("")}</tr></thead><tbody>` +
    rows
      .map(({ r, date }) => stackRow([formatDate(date), kinds[r.collection], title(r.collection, r.data, catalog), detail(r.collection, r.data, catalog)], headings))
      .join("") +
    `</tbody></table>`
  );
}

// The timeline on the journal screen. `els`: {figure, lanes, scroll, legend,
// text}; `view` is the journal's state ({records, catalog}), read at each
// render. Returns render() and listen(), which follows the reader's scrolling,
// the table's opening and the window's width.
export function timelineScreen(els, view) {
  function updateScroll() {
    const fig = els.figure;
    for (const text of fig.querySelectorAll("text[data-min]")) {
      const at = Math.min(Number(text.dataset.max), Math.max(Number(text.dataset.min), fig.scrollLeft + 4));
      text.setAttribute("x", at.toFixed(1));
    }
    const overflows = fig.scrollWidth > fig.clientWidth + 1;
    els.scroll.hidden = !overflows;
    if (!overflows) return;
    els.scroll.querySelector('[data-scroll="-1"]').disabled = fig.scrollLeft <= 0;
    els.scroll.querySelector('[data-scroll="1"]').disabled = fig.scrollLeft + fig.clientWidth >= fig.scrollWidth - 1;
  }

  function scrollBy(direction) {
    const fig = els.figure;
    fig.scrollLeft += direction * Math.max(120, fig.clientWidth * 0.8);
    updateScroll();
  }

  function render() {
    const today = localToday();
    const frame = els.figure.parentElement;
    const drawn = timelineSvg(view.records, view.catalog, today, frame.clientWidth || 640);
    // The legend sits outside the sideways-scrolling picture so it stays in view.
    els.legend.innerHTML = drawn ? timelineLegend(view.catalog) : "";
    els.lanes.innerHTML = drawn ? drawn.lanes : "";
    els.figure.innerHTML = drawn
      ? drawn.picture
      : `<p class="empty">${esc(gettext("Your timeline appears here when you add a treatment, a scan or a side effect."))}</p>`;
    // Wider than the screen: open on the latest months, with visible buttons
    // (not only a swipe nobody sees) to reach the earlier ones.
    els.figure.scrollLeft = els.figure.scrollWidth;
    updateScroll();
    const svg = Boolean(drawn);
    const details = els.text.closest("details");
    details.hidden = !svg;
    // The table is written when it is opened: a thousand rows nobody asked for
    // would only slow the journal's first render.
    els.text.innerHTML = svg && details.open ? timelineTable(view.records, view.catalog) : "";
  }

  function listen() {
    els.text.closest("details").addEventListener("toggle", render);
    els.figure.addEventListener("scroll", updateScroll, { passive: true });
    for (const button of els.scroll.querySelectorAll("[data-scroll]")) {
      button.addEventListener("click", () => scrollBy(Number(button.dataset.scroll)));
    }
    let resizing = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizing);
      resizing = setTimeout(render, 200);
    });
  }

  return { render, listen };
}

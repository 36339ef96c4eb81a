// The weekly check-in's rules that need no screen and no storage (sync-protocol.md §7):
// which symptoms the check-in asks about and on which attributes, when the next
// one is due, what counts as a bad week, and the weekly series the trends chart
// draws. Pure: it imports nothing, so node's test runner checks it (tests/js/).

// PRO-CTCAE's three attributes, in the order PRO-CTCAE asks them.
export const ATTRIBUTES = ["frequency", "severity", "interference"];
// Every rating is 0..4; wellbeing is 0..10.
export const RATING_HIGH = 4;
export const WELLBEING_HIGH = 10;
export const OTHER = "other";
// A check-in a week: the next is due this many days after the last one.
export const DUE_AFTER_DAYS = 7;
// The printable summary and the trends show this many weeks.
export const SUMMARY_WEEKS = 12;

const DAY = 86400000;
const toTime = (d) => Date.parse(`${d}T00:00:00Z`);
const toDate = (t) => new Date(t).toISOString().slice(0, 10);

export function addDays(date, days) {
  return toDate(toTime(date) + days * DAY);
}

export function daysBetween(from, to) {
  return Math.round((toTime(to) - toTime(from)) / DAY);
}

// The attributes a side-effect term is rated on. The catalogue says so per
// term (`checkin_attributes`: PRO-CTCAE gives each symptom one to three of
// them, none for a term a check-in does not rate); "other", and a term from a
// catalogue cached before it said so, are asked all three.
export function attributesFor(term) {
  const listed = term && term.checkin_attributes;
  if (Array.isArray(listed)) return ATTRIBUTES.filter((a) => listed.includes(a));
  return [...ATTRIBUTES];
}

// The side-effect terms the check-in asks about by default, in catalogue order.
export function checkinTerms(catalog) {
  return ((catalog && catalog.side_effect_terms) || []).filter((t) => t.checkin === true && attributesFor(t).length);
}

// One key per symptom: a catalogue term, or an "other" by its words.
export function itemKey(item) {
  if (item.term === OTHER) return `${OTHER}:${String(item.term_other || "").trim().toLowerCase()}`;
  return item.term;
}

// Check-ins (their `data`) newest first; ties keep a stable order by notes-free fields.
export function newestFirst(checkins) {
  return checkins.slice().sort((a, b) => (b.date || "").localeCompare(a.date || ""));
}

// When the next check-in is due. With no check-in day chosen: 7 days after
// the latest one, or today when there has been none. With a day chosen
// (`weekday` 0 Monday .. 6 Sunday, as the server counts), the server's rule
// (reminders/selectors.py): each chosen day is done when a check-in is dated
// within the 7 days that end on it. `checkins` are the records' `data`;
// `today` YYYY-MM-DD.
//   {due, last, overdueDays, daysLeft, state: "none" | "due" | "overdue" | "done"}
export function nextDue(checkins, today, weekday = null) {
  const dated = checkins.filter((c) => c && c.date);
  if (!dated.length) return { due: today, last: null, daysLeft: 0, overdueDays: 0, state: "none" };
  const last = newestFirst(dated)[0].date;
  if (Number.isInteger(weekday) && weekday >= 0 && weekday <= 6) return dueOnWeekday(dated, last, today, weekday);
  const due = addDays(last, DUE_AFTER_DAYS);
  const left = daysBetween(today, due);
  let state = "done";
  if (left < 0) state = "overdue";
  else if (left === 0) state = "due";
  return { due, last, daysLeft: Math.max(0, left), overdueDays: Math.max(0, -left), state };
}

// 0 Monday .. 6 Sunday, of a YYYY-MM-DD date.
export function weekdayOf(date) {
  return (new Date(toTime(date)).getUTCDay() + 6) % 7;
}

function dueOnWeekday(dated, last, today, weekday) {
  const coming = addDays(today, (weekday - weekdayOf(today) + 7) % 7); // today or later
  const doneBy = (day) => dated.some((c) => c.date <= day && c.date >= addDays(day, -6));
  if (doneBy(coming)) {
    const due = addDays(coming, 7);
    return { due, last, daysLeft: daysBetween(today, due), overdueDays: 0, state: "done" };
  }
  const before = addDays(coming, -7);
  if (coming !== today && !doneBy(before)) {
    return { due: before, last, daysLeft: 0, overdueDays: daysBetween(before, today), state: "overdue" };
  }
  const left = daysBetween(today, coming);
  return { due: coming, last, daysLeft: left, overdueDays: 0, state: left === 0 ? "due" : "done" };
}

// The check-in just before `checkin` (by date) among `all`, or null.
export function previousOf(checkin, all, id = null) {
  const earlier = all.filter((c) => c !== checkin && (id === null || c.id !== id) && c.data && c.data.date && c.data.date < checkin.date);
  if (!earlier.length) return null;
  return earlier.sort((a, b) => b.data.date.localeCompare(a.data.date))[0].data;
}

// A bad week (issue 14): a symptom rated 3 or 4 for severity or interference,
// or any of its ratings two steps or more worse than in the week before.
// Returns one finding per symptom, in the check-in's order:
//   {key, item, reasons: [{kind: "high", attribute, value} | {kind: "worse", attribute, value, before}]}
export function badWeek(current, previous) {
  const before = new Map(((previous && previous.items) || []).map((i) => [itemKey(i), i]));
  const findings = [];
  for (const item of (current && current.items) || []) {
    const reasons = [];
    for (const attribute of ["severity", "interference"]) {
      const value = item[attribute];
      if (Number.isInteger(value) && value >= 3) reasons.push({ kind: "high", attribute, value });
    }
    const last = before.get(itemKey(item));
    if (last) {
      for (const attribute of ATTRIBUTES) {
        const value = item[attribute];
        const was = last[attribute];
        if (Number.isInteger(value) && Number.isInteger(was) && value - was >= 2) {
          reasons.push({ kind: "worse", attribute, value, before: was });
        }
      }
    }
    if (reasons.length) findings.push({ key: itemKey(item), item, reasons });
  }
  return findings;
}

// The check-ins of the last `weeks` weeks up to `today`, oldest first.
export function lastWeeks(checkins, today, weeks = SUMMARY_WEEKS) {
  const from = addDays(today, -7 * weeks + 1);
  return checkins
    .filter((c) => c && c.date && c.date >= from && c.date <= addDays(today, 1))
    .sort((a, b) => a.date.localeCompare(b.date));
}

// Every symptom rated in `checkins` (oldest first), each with its points per
// attribute: {key, item (the latest), points: {frequency: [{date, value}], ...}}.
// Symptoms keep the order they were first seen in.
export function symptomSeries(checkins) {
  const series = new Map();
  for (const c of checkins) {
    for (const item of c.items || []) {
      const key = itemKey(item);
      let s = series.get(key);
      if (!s) {
        s = { key, item, points: Object.fromEntries(ATTRIBUTES.map((a) => [a, []])) };
        series.set(key, s);
      }
      s.item = item;
      for (const a of ATTRIBUTES) {
        if (Number.isInteger(item[a])) s.points[a].push({ date: c.date, value: item[a] });
      }
    }
  }
  return [...series.values()];
}

// A check-in's `data` from what the form holds: only symptoms with at least one
// rating become items (the contract refuses an item with none), and an "other"
// symptom only when it has words or a rating (so that its refusal can say why).
//   ratings: [{term, term_other, frequency, severity, interference}] (nulls for unanswered)
export function checkinData({ date, ratings, wellbeing, course = null, notes = "" }) {
  const items = [];
  for (const r of ratings) {
    const rated = ATTRIBUTES.some((a) => r[a] !== null && r[a] !== undefined);
    const words = r.term === OTHER && String(r.term_other || "").trim();
    if (!rated && !words) continue;
    items.push({
      term: r.term,
      term_other: r.term === OTHER ? (r.term_other ?? "") : null,
      frequency: r.frequency ?? null,
      severity: r.severity ?? null,
      interference: r.interference ?? null,
    });
  }
  return { date, items, wellbeing: wellbeing ?? null, course, notes };
}

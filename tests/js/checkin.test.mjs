// The weekly check-in's pure rules (static/js/checkin.js): which symptoms and
// attributes it asks, when the next one is due, what counts as a bad week.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  attributesFor, checkinTerms, nextDue, weekdayOf, badWeek, previousOf, lastWeeks, symptomSeries, checkinData, itemKey, addDays,
} from "../../static/js/checkin.js";

const item = (term, ratings = {}, termOther = null) => ({
  term, term_other: termOther, frequency: null, severity: null, interference: null, ...ratings,
});

test("the check-in asks about the terms the catalogue marks, in catalogue order", () => {
  const catalog = {
    side_effect_terms: [
      { slug: "fatigue", checkin: true, checkin_attributes: ["severity"] }, { slug: "rash", checkin: false },
      { slug: "dizziness", checkin: true }, { slug: "cough" }, { slug: "odd", checkin: true, checkin_attributes: [] },
    ],
  };
  assert.deepEqual(checkinTerms(catalog).map((t) => t.slug), ["fatigue", "dizziness"]);
  assert.deepEqual(checkinTerms(null), []);
});

test("each term is rated only on the attributes the catalogue gives it, in PRO-CTCAE's order", () => {
  assert.deepEqual(attributesFor({ slug: "constipation", checkin_attributes: ["interference", "severity"] }), ["severity", "interference"]);
  assert.deepEqual(attributesFor({ slug: "x", checkin_attributes: ["frequency"] }), ["frequency"]);
  // A term the check-in does not rate; a catalogue from before the marks.
  assert.deepEqual(attributesFor({ slug: "x", checkin_attributes: [] }), []);
  assert.deepEqual(attributesFor({ slug: "x" }), ["frequency", "severity", "interference"]);
  assert.deepEqual(attributesFor(undefined), ["frequency", "severity", "interference"]);
});

test("the next check-in is due 7 days after the latest one", () => {
  const list = [{ date: "2026-11-20" }, { date: "2026-11-27" }, { date: "2026-11-13" }];
  assert.deepEqual(nextDue(list, "2026-11-30"), { due: "2026-12-04", last: "2026-11-27", daysLeft: 4, overdueDays: 0, state: "done" });
  assert.equal(nextDue(list, "2026-12-04").state, "due");
  const late = nextDue(list, "2026-12-07");
  assert.equal(late.state, "overdue");
  assert.equal(late.overdueDays, 3);
});

test("with no check-in yet, the first one is due today", () => {
  assert.deepEqual(nextDue([], "2026-12-03"), { due: "2026-12-03", last: null, daysLeft: 0, overdueDays: 0, state: "none" });
});

test("with a check-in day chosen, each such day is due unless a check-in falls in the 7 days ending on it", () => {
  // 2026-12-02 is a Wednesday (2); the patient chose Friday (4).
  assert.equal(weekdayOf("2026-12-02"), 2);
  assert.equal(weekdayOf("2026-12-06"), 6);
  const friday = 4;
  // Last check-in on Saturday 28 Nov: it counts for Friday 4 Dec (28 Nov .. 4 Dec).
  const list = [{ date: "2026-11-28" }];
  assert.deepEqual(nextDue(list, "2026-12-02", friday), { due: "2026-12-11", last: "2026-11-28", daysLeft: 9, overdueDays: 0, state: "done" });
  // Last one on Thursday 26 Nov: Friday 27 Nov was done, Friday 4 Dec is coming.
  assert.deepEqual(nextDue([{ date: "2026-11-26" }], "2026-12-02", friday), { due: "2026-12-04", last: "2026-11-26", daysLeft: 2, overdueDays: 0, state: "done" });
  // On the day itself, not done yet: due today.
  assert.equal(nextDue([{ date: "2026-11-26" }], "2026-12-04", friday).state, "due");
  // Friday 27 Nov missed (last one 19 Nov): overdue since then.
  assert.deepEqual(nextDue([{ date: "2026-11-19" }], "2026-12-02", friday), { due: "2026-11-27", last: "2026-11-19", daysLeft: 0, overdueDays: 5, state: "overdue" });
  // A chosen day changes nothing before the first check-in.
  assert.equal(nextDue([], "2026-12-02", friday).state, "none");
  // No day chosen: 7 days after the last one, as before.
  assert.equal(nextDue([{ date: "2026-11-26" }], "2026-12-02", null).due, "2026-12-03");
});

test("the due date crosses months, years and leap days", () => {
  assert.equal(addDays("2026-12-28", 7), "2027-01-04");
  assert.equal(addDays("2028-02-25", 7), "2028-03-03");
});

test("a severity or interference of 3 or 4 is a bad week", () => {
  const findings = badWeek({ items: [item("fatigue", { severity: 3 }), item("nausea", { interference: 4 }), item("dizziness", { severity: 2, interference: 2 })] }, null);
  assert.deepEqual(findings.map((f) => [f.key, f.reasons.map((r) => `${r.kind}:${r.attribute}:${r.value}`)]), [
    ["fatigue", ["high:severity:3"]],
    ["nausea", ["high:interference:4"]],
  ]);
});

test("a frequency of 4 alone is not a bad week, but two steps worse in any attribute is", () => {
  assert.deepEqual(badWeek({ items: [item("diarrhea", { frequency: 4 })] }, null), []);
  const previous = { items: [item("diarrhea", { frequency: 1, severity: 0 })] };
  const findings = badWeek({ items: [item("diarrhea", { frequency: 3, severity: 1 })] }, previous);
  assert.deepEqual(findings[0].reasons, [{ kind: "worse", attribute: "frequency", value: 3, before: 1 }]);
});

test("one step worse, better, or a symptom not rated the week before is not a bad week", () => {
  const previous = { items: [item("edema", { severity: 1, interference: 2 })] };
  assert.deepEqual(badWeek({ items: [item("edema", { severity: 2, interference: 0 }), item("fatigue", { severity: 2 })] }, previous), []);
  // An attribute not rated last week has nothing to compare with.
  assert.deepEqual(badWeek({ items: [item("edema", { frequency: 2 })] }, previous), []);
});

test("another symptom is compared with last week's by its words, whatever their case", () => {
  const previous = { items: [item("other", { severity: 0 }, "Hiccups")] };
  const findings = badWeek({ items: [item("other", { severity: 2 }, " hiccups ")] }, previous);
  assert.equal(findings.length, 1);
  assert.equal(itemKey(findings[0].item), "other:hiccups");
});

test("the week before is the latest check-in dated before this one, never the one being changed", () => {
  const all = [
    { id: "a", data: { date: "2026-11-13" } }, { id: "b", data: { date: "2026-11-20" } }, { id: "c", data: { date: "2026-11-27" } },
  ];
  assert.equal(previousOf({ date: "2026-11-27" }, all, "c").date, "2026-11-20");
  assert.equal(previousOf({ date: "2026-11-13" }, all, "a"), null);
});

test("the form's answers become items: unrated symptoms are left out, another symptom keeps its words", () => {
  const data = checkinData({
    date: "2026-12-03",
    ratings: [
      { term: "fatigue", term_other: null, frequency: null, severity: 2, interference: null },
      { term: "nausea", term_other: null, frequency: null, severity: null, interference: null },
      { term: "other", term_other: "", frequency: null, severity: null, interference: null },
      { term: "other", term_other: "Hiccups", frequency: null, severity: null, interference: null },
    ],
    wellbeing: 7,
  });
  assert.deepEqual(data, {
    date: "2026-12-03",
    items: [item("fatigue", { severity: 2 }), item("other", {}, "Hiccups")],
    wellbeing: 7,
    course: null,
    notes: "",
  });
});

test("trends keep the last 12 weeks and one series per symptom and attribute", () => {
  const weeks = [];
  for (let w = 0; w < 20; w += 1) weeks.push({ date: addDays("2026-07-23", 7 * w), items: [item("fatigue", { severity: w % 5 }), item("other", { frequency: 1 }, "Hiccups")] });
  const recent = lastWeeks(weeks, "2026-12-03");
  assert.equal(recent.length, 12);
  assert.equal(recent[0].date, "2026-09-17");
  const series = symptomSeries(recent);
  assert.deepEqual(series.map((s) => s.key), ["fatigue", "other:hiccups"]);
  assert.equal(series[0].points.severity.length, 12);
  assert.equal(series[0].points.frequency.length, 0);
});

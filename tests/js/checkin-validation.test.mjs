// Check-ins checked on the device (static/js/validation.js with the
// catalogue's contract, tests/js/fixtures/checkin-catalog.json, kept equal to
// the server's by tests/tracker/test_device_checkin_fixture.py): every rule of
// sync-protocol.md §7 names its field, and what the form makes passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { validate } from "../../static/js/validation.js";
import { checkinData, checkinTerms, attributesFor } from "../../static/js/checkin.js";

const catalog = JSON.parse(readFileSync(new URL("./fixtures/checkin-catalog.json", import.meta.url)));
const item = (term, ratings = {}, termOther = null) => ({
  term, term_other: termOther, frequency: null, severity: null, interference: null, ...ratings,
});
const checkin = (items, extra = {}) => ({ date: "2026-11-30", items, wellbeing: 6, course: null, notes: "", ...extra });
const check = (data) => validate("checkins", data, catalog);

test("a check-in made by the form's rules passes", () => {
  const data = checkinData({
    date: "2026-11-30",
    ratings: [
      { term: "fatigue", term_other: null, frequency: null, severity: 3, interference: 2 },
      { term: "nausea", term_other: null, frequency: null, severity: null, interference: null },
      { term: "other", term_other: "Hiccups", frequency: 1, severity: 1, interference: 0 },
    ],
    wellbeing: 4,
  });
  assert.deepEqual(check(data), {});
});

test("the form asks each check-in term exactly what the contract lets it rate", () => {
  const terms = checkinTerms(catalog);
  assert.deepEqual(terms.map((t) => t.slug), ["fatigue", "nausea"]);
  for (const t of terms) {
    const ratings = Object.fromEntries(attributesFor(t).map((a) => [a, 2]));
    assert.deepEqual(check(checkin([item(t.slug, ratings)])), {}, t.slug);
  }
});

test("41 items are refused on the list, and nothing about the items themselves", () => {
  const items = Array.from({ length: 41 }, (_, i) => item("other", { severity: 1 }, `Symptom ${i}`));
  const errors = check(checkin(items));
  assert.deepEqual(Object.keys(errors), ["items"]);
  assert.match(errors.items[0], /40/);
  assert.deepEqual(check(checkin(items.slice(0, 40))), {});
});

test("a term listed twice, or the same other symptom twice, is refused at its second place", () => {
  const twice = check(checkin([item("fatigue", { severity: 1 }), item("fatigue", { severity: 2 })]));
  assert.deepEqual(Object.keys(twice), ["items[1].term"]);
  const others = check(checkin([item("other", { severity: 1 }, "Hiccups"), item("other", { severity: 1 }, " hiccups ")]));
  assert.deepEqual(Object.keys(others), ["items[1].term_other"]);
});

test("a rating of 5 is refused on that rating alone", () => {
  const errors = check(checkin([item("fatigue", { severity: 5 })]));
  assert.deepEqual(Object.keys(errors), ["items[0].severity"]);
  assert.match(errors["items[0].severity"][0], /0 and 4/);
});

test("an attribute the term does not take is refused, naming the attribute", () => {
  const errors = check(checkin([item("fatigue", { frequency: 2, severity: 1 })]));
  assert.deepEqual(Object.keys(errors), ["items[0].frequency"]);
  assert.deepEqual(Object.keys(check(checkin([item("raised-alt", { severity: 1 })]))), ["items[0].severity"]);
});

test("another symptom needs its words, and a catalogue term may not have any", () => {
  assert.deepEqual(Object.keys(check(checkin([item("other", { severity: 1 }, "  ")]))), ["items[0].term_other"]);
  assert.deepEqual(Object.keys(check(checkin([item("fatigue", { severity: 1 }, "Tired")]))), ["items[0].term_other"]);
});

test("an item with no rating, a wellbeing of 11 and a date in the future are each named", () => {
  const errors = check(checkin([item("fatigue")], { wellbeing: 11, date: "2999-01-01" }));
  assert.deepEqual(Object.keys(errors).sort(), ["date", "items[0]", "wellbeing"]);
});

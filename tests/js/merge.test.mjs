// How two versions of an entry meet (static/js/merge.js): merging, conflict
// detection, what a pulled change does, keep-both joins and settling.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  sameValue, differingFields, mergeData, conflictOutcome, pulledAction, joinedVersion, settlement,
} from "../../static/js/merge.js";

const LABELS = { mine: "From this device:", theirs: "From your account:" };

test("null, undefined and a missing field are the same value; arrays compare by content", () => {
  assert.equal(sameValue(null, undefined), true);
  assert.equal(sameValue(["chest"], ["chest"]), true);
  assert.equal(sameValue(["chest"], ["brain"]), false);
  assert.equal(sameValue(0, null), false);
  assert.deepEqual(differingFields({ a: 1, b: null }, { a: 1, c: 2 }), ["c"]);
});

test("changes to different fields merge into the server's version", () => {
  const base = { dose: "600 mg", notes: "", line: 1 };
  const mine = { dose: "600 mg", notes: "tired", line: 1 };
  const theirs = { dose: "400 mg", notes: "", line: 1 };

  assert.deepEqual(mergeData(base, mine, theirs), {
    merged: { dose: "400 mg", notes: "tired", line: 1 },
    clash: [],
  });
});

test("the same change made on both sides is no clash", () => {
  const { merged, clash } = mergeData({ notes: "" }, { notes: "same" }, { notes: "same" });

  assert.deepEqual(clash, []);
  assert.deepEqual(merged, { notes: "same" });
});

test("one field changed differently on both sides is a clash", () => {
  const { clash } = mergeData({ notes: "", dose: "1" }, { notes: "mine", dose: "2" }, { notes: "theirs", dose: "1" });

  assert.deepEqual(clash, ["notes"]);
});

test("with no base, every field that differs clashes", () => {
  assert.deepEqual(mergeData(null, { notes: "a", dose: "1" }, { notes: "b", dose: "1" }).clash, ["notes"]);
});

test("a field removed on the device counts as changed", () => {
  const { merged, clash } = mergeData({ stop_date: "2026-01-01" }, {}, { stop_date: "2026-01-01" });

  assert.deepEqual(clash, []);
  assert.equal(merged.stop_date, undefined);
});

const record = (data, extra = {}) => ({
  collection: "scans", id: "s1", data, base: { notes: "", modality: "ct" }, version: 1, deleted: false, ...extra,
});
const current = (data, extra = {}) => ({ version: 2, data, deleted: false, updated_at: "t2", ...extra });

test("a conflict answer that merges is pushed again when the server lacks part of it", () => {
  const outcome = conflictOutcome(record({ notes: "mine", modality: "ct" }), current({ notes: "", modality: "mri" }));

  assert.deepEqual(outcome, { outcome: "merged", data: { notes: "mine", modality: "mri" }, pushAgain: true });
});

test("a conflict answer the device already agrees with needs no push", () => {
  const outcome = conflictOutcome(record({ notes: "", modality: "ct" }), current({ notes: "", modality: "mri" }));

  assert.deepEqual(outcome, { outcome: "merged", data: { notes: "", modality: "mri" }, pushAgain: false });
});

test("a clash is kept for the patient, with the fields that clash", () => {
  const outcome = conflictOutcome(record({ notes: "mine", modality: "ct" }), current({ notes: "theirs", modality: "ct" }));

  assert.deepEqual(outcome, { outcome: "conflict", fields: ["notes"], mineDeleted: false });
});

test("a deletion meeting an edit is the patient's to decide, either way round", () => {
  const edited = current({ notes: "theirs", modality: "ct" });
  const deletedHere = record({ notes: "", modality: "ct" }, { deleted: true });
  const deletedThere = current(null, { deleted: true });

  assert.deepEqual(conflictOutcome(deletedHere, edited), { outcome: "conflict", fields: [], mineDeleted: true });
  assert.deepEqual(conflictOutcome(record({ notes: "mine", modality: "ct" }), deletedThere), {
    outcome: "conflict", fields: [], mineDeleted: false,
  });
  assert.deepEqual(conflictOutcome(deletedHere, deletedThere), { outcome: "gone" });
});

test("a pulled change waits while a local change is queued, flagged or in conflict", () => {
  const newer = { collection: "scans", id: "s1", version: 5, data: {}, deleted: false };

  assert.equal(pulledAction(record({}), 1, newer), "keep");
  assert.equal(pulledAction(record({}, { flag: { error: "invalid" } }), 0, newer), "keep");
  assert.equal(pulledAction(record({}, { conflict: true }), 0, newer), "keep");
});

test("a pulled change older than the device's copy, or the same, is ignored", () => {
  assert.equal(pulledAction(record({}, { version: 5 }), 0, { version: 5, deleted: false }), "older");
  assert.equal(pulledAction(record({}, { version: 6 }), 0, { version: 5, deleted: true }), "older");
});

test("a newer pulled change is taken, or deletes the entry", () => {
  assert.equal(pulledAction(record({}, { version: 1 }), 0, { version: 2, deleted: false }), "put");
  assert.equal(pulledAction(record({}, { version: 1 }), 0, { version: 2, deleted: true }), "delete");
  assert.equal(pulledAction(undefined, 0, { version: 1, deleted: false }), "put");
  // Never confirmed by the account (version null): the server's copy wins.
  assert.equal(pulledAction(record({}, { version: null }), 0, { version: 1, deleted: false }), "put");
});

test("keep-both joins two notes, each marked by where it came from", () => {
  const joined = joinedVersion({ modality: "ct", notes: "Mine." }, { modality: "ct", notes: "Theirs." }, LABELS, 5000);

  assert.deepEqual(joined, { modality: "ct", notes: "From this device: Mine.\n\nFrom your account: Theirs." });
});

test("keep-both leaves out an empty side", () => {
  assert.equal(joinedVersion({ answer: "" }, { answer: "Yes" }, LABELS, 5000).answer, "From your account: Yes");
});

test("keep-both is not offered when another field differs, nothing differs, or the text is too long", () => {
  assert.equal(joinedVersion({ notes: "a", dose: "1" }, { notes: "b", dose: "2" }, LABELS, 5000), null);
  assert.equal(joinedVersion({ notes: "a" }, { notes: "a" }, LABELS, 5000), null);
  assert.equal(joinedVersion({ notes: "a".repeat(30) }, { notes: "b" }, LABELS, 40), null);
});

const conflict = (extra = {}) => ({
  collection: "scans", id: "s1", mine: { notes: "mine" }, mineDeleted: false,
  theirs: { version: 4, data: { notes: "theirs" }, deleted: false, updated_at: "t4" }, ...extra,
});
const onTheirs = (data, id = "s1") => ({
  collection: "scans", id, data, version: 4, base: { notes: "theirs" }, deleted: false, flag: null, conflict: false,
  updated_at: "t4",
});

test("keeping this device's version pushes it on top of the server's", () => {
  assert.deepEqual(settlement(conflict(), "mine", null, "new"), {
    remove: false, update: null, put: onTheirs({ notes: "mine" }), queue: { id: "s1", op: "upsert", data: { notes: "mine" } },
  });
});

test("keeping the account's version takes it and queues nothing", () => {
  assert.deepEqual(settlement(conflict(), "theirs", null, "new"), {
    remove: false, update: null, put: onTheirs({ notes: "theirs" }), queue: null,
  });
  const deletedThere = conflict({ theirs: { version: 4, data: null, deleted: true, updated_at: "t4" } });
  assert.deepEqual(settlement(deletedThere, "theirs", null, "new"), { remove: true, update: null, put: null, queue: null });
});

test("keeping both texts pushes the joined version, but only when both sides still exist", () => {
  const joined = { notes: "both" };

  assert.deepEqual(settlement(conflict(), "both", joined, "new").queue, { id: "s1", op: "upsert", data: joined });
  assert.deepEqual(settlement(conflict(), "both", joined, "new").put, onTheirs(joined));
  // Without a joined version "both" keeps this device's, as "mine" does.
  assert.deepEqual(settlement(conflict(), "both", null, "new"), settlement(conflict(), "mine", null, "new"));
});

test("keeping a deletion made here deletes on top of the server's version", () => {
  assert.deepEqual(settlement(conflict({ mineDeleted: true }), "mine", null, "new"), {
    remove: false,
    update: { version: 4, base: { notes: "theirs" }, deleted: true, conflict: false },
    put: null,
    queue: { id: "s1", op: "delete", data: null },
  });
});

test("keeping an edit of what the other device deleted makes a new entry under a new id", () => {
  const deletedThere = conflict({ theirs: { version: 4, data: null, deleted: true, updated_at: "t4" } });

  assert.deepEqual(settlement(deletedThere, "mine", null, "new-id"), {
    remove: true,
    update: null,
    put: {
      collection: "scans", id: "new-id", data: { notes: "mine" }, version: null, base: null, deleted: false,
      flag: null, conflict: false, updated_at: null,
    },
    queue: { id: "new-id", op: "upsert", data: { notes: "mine" } },
  });
});

// Found by mutation testing (bench/mutation.py, target "device").

test("a field that only this device has filled in is kept by the merge", () => {
  const base = { dose: "600 mg" };
  const mine = { dose: "600 mg", notes: "tired" };
  const theirs = { dose: "400 mg" };

  assert.deepEqual(mergeData(base, mine, theirs), { merged: { dose: "400 mg", notes: "tired" }, clash: [] });
});

test("keep-both leaves out an empty side from the account too", () => {
  assert.equal(joinedVersion({ notes: "Mine." }, { notes: "" }, LABELS, 5000).notes, "From this device: Mine.");
  assert.equal(joinedVersion({ notes: "Mine." }, { notes: null }, LABELS, 5000).notes, "From this device: Mine.");
});

test("keep-both is offered when the joined text is exactly as long as the field may be", () => {
  const joined = "From this device: a\n\nFrom your account: b";

  assert.equal(joinedVersion({ notes: "a" }, { notes: "b" }, LABELS, joined.length).notes, joined);
  assert.equal(joinedVersion({ notes: "a" }, { notes: "b" }, LABELS, joined.length - 1), null);
});

test("a joined version is used only when the patient chose to keep both", () => {
  const joined = { notes: "both" };

  assert.deepEqual(settlement(conflict(), "mine", joined, "new"), settlement(conflict(), "mine", null, "new"));
  assert.deepEqual(settlement(conflict(), "theirs", joined, "new"), settlement(conflict(), "theirs", null, "new"));
});

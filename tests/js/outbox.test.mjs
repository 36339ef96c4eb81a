// The outbox's rules (static/js/outbox.js): which changes leave the device,
// and how, and which queued change a new edit may still replace.
import { test } from "node:test";
import assert from "node:assert/strict";

import { pickBatch, frozen, mutationOf, replaceable, neverSent, newChange } from "../../static/js/outbox.js";

const change = (seq, id, extra = {}) => ({
  seq, mutation_id: `m${seq}`, collection: "scans", id, op: "upsert", data: { notes: `v${seq}` },
  base_version: null, attempted: false, queued_at: "2026-01-01T00:00:00Z", ...extra,
});

test("a batch takes the oldest queued change of each entry, in queue order", () => {
  const outbox = [change(1, "a"), change(2, "b"), change(3, "a"), change(4, "c"), change(5, "b")];

  assert.deepEqual(pickBatch(outbox).map((e) => e.seq), [1, 2, 4]);
});

test("a batch holds at most `limit` entries, and later changes of an entry do not count", () => {
  const outbox = [change(1, "a"), change(2, "a"), change(3, "a"), change(4, "b"), change(5, "c")];

  assert.deepEqual(pickBatch(outbox, 2).map((e) => e.seq), [1, 4]);
  assert.deepEqual(pickBatch([], 2), []);
});

test("the same id in another collection is another entry", () => {
  const outbox = [change(1, "a"), change(2, "a", { collection: "courses" })];

  assert.deepEqual(pickBatch(outbox).map((e) => e.seq), [1, 2]);
});

test("a change leaving for the first time is frozen on the version the device holds", () => {
  const entry = change(1, "a");

  const sent = frozen(entry, { collection: "scans", id: "a", version: 3 });

  assert.equal(sent.base_version, 3);
  assert.equal(sent.attempted, true);
  assert.equal(sent.mutation_id, "m1");
  assert.deepEqual(sent.data, { notes: "v1" });
  // The queued copy is not changed behind the caller's back.
  assert.equal(entry.attempted, false);
  assert.equal(entry.base_version, null);
});

test("an entry the server has never confirmed is sent with no base version", () => {
  assert.equal(frozen(change(1, "a"), undefined).base_version, null);
  assert.equal(frozen(change(1, "a"), { version: null }).base_version, null);
  assert.equal(frozen(change(1, "a"), {}).base_version, null);
});

test("a change sent once is never changed again, even when the entry moved on", () => {
  const sent = change(1, "a", { attempted: true, base_version: 2 });

  assert.equal(frozen(sent, { version: 7 }), sent);
  assert.equal(sent.base_version, 2);
});

test("a new edit replaces the entry's last queued change only while it was never sent", () => {
  const waiting = change(2, "a");
  const sent = change(1, "a", { attempted: true });

  assert.equal(replaceable([sent, waiting]), waiting);
  assert.equal(replaceable([waiting, change(3, "a", { attempted: true })]), null);
  assert.equal(replaceable([sent]), null);
  assert.equal(replaceable([]), null);
});

test("an entry is never sent while it has no server version and no attempted change", () => {
  assert.equal(neverSent({ version: null }, [change(1, "a")]), true);
  assert.equal(neverSent({ version: null }, []), true);
  assert.equal(neverSent({ version: null }, [change(1, "a", { attempted: true })]), false);
  assert.equal(neverSent({ version: 1 }, [change(1, "a")]), false);
});

test("an upsert's mutation carries its data; a deletion's carries none", () => {
  const upsert = change(1, "a", { attempted: true, base_version: 4 });
  const deletion = change(2, "b", { op: "delete", data: null, attempted: true });

  assert.deepEqual(mutationOf(upsert), {
    mutation_id: "m1", collection: "scans", id: "a", op: "upsert", base_version: 4, data: { notes: "v1" },
  });
  assert.deepEqual(mutationOf(deletion), {
    mutation_id: "m2", collection: "scans", id: "b", op: "delete", base_version: null,
  });
});

test("a new change is queued unsent, with no base version yet", () => {
  assert.deepEqual(
    newChange({ mutationId: "m9", collection: "questions", id: "q", op: "delete", data: null, queuedAt: "t" }),
    {
      mutation_id: "m9", collection: "questions", id: "q", op: "delete", data: null, base_version: null,
      attempted: false, queued_at: "t",
    },
  );
});

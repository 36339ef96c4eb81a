// The journal database's plain reads (static/js/store-core.js), as the service
// worker makes them with no page open, on a database laid out by the pages'
// Dexie (fake-indexeddb stands in for the browser's IndexedDB).
import { test } from "node:test";
import assert from "node:assert/strict";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";

import Dexie from "../../static/vendor/dexie.mjs";
import { VERSIONS, openExisting, metaValue, questionRecords, freezeNextBatch } from "../../static/js/store-core.js";
import * as outbox from "../../static/js/outbox.js";

const NAME = "ros1-journal";

// A device whose journal the pages made, holding `rows` per table.
async function journal(rows = {}) {
  const indexedDB = new IDBFactory();
  const db = new Dexie(NAME, { indexedDB, IDBKeyRange });
  VERSIONS.forEach((stores, at) => db.version(at + 1).stores(stores));
  await db.open();
  for (const [table, values] of Object.entries(rows)) await db.table(table).bulkAdd(values);
  db.close();
  return indexedDB;
}

const change = (id, data, extra = {}) => ({
  mutation_id: `m-${id}-${data}`, collection: "scans", id, op: "upsert", data: { notes: data },
  base_version: null, attempted: false, queued_at: "2026-01-01T00:00:00Z", ...extra,
});

test("a device with no journal gets none, and none is created", async () => {
  const indexedDB = new IDBFactory();

  assert.equal(await openExisting(indexedDB, NAME), null);
  assert.deepEqual(await indexedDB.databases(), []);
});

test("a database without the journal's tables is not taken for the journal", async () => {
  const indexedDB = new IDBFactory();
  const other = new Dexie(NAME, { indexedDB, IDBKeyRange });
  other.version(1).stores({ something: "key" });
  await other.open();
  other.close();

  assert.equal(await openExisting(indexedDB, NAME), null);
});

test("meta values are read by key, and a missing one is null", async () => {
  const idb = await openExisting(await journal({ meta: [{ key: "csrf_token", value: "abc" }] }), NAME);

  assert.equal(await metaValue(idb, "csrf_token"), "abc");
  assert.equal(await metaValue(idb, "client_id"), null);
  idb.close();
});

test("the worker freezes the oldest change of each entry with the entry's version, once", async () => {
  const indexedDB = await journal({
    records: [
      { collection: "scans", id: "a", data: { notes: "a2" }, version: 7 },
      { collection: "scans", id: "b", data: { notes: "b1" }, version: null },
    ],
    outbox: [change("a", "a1"), change("b", "b1"), change("a", "a2")],
  });
  const idb = await openExisting(indexedDB, NAME);

  const first = await freezeNextBatch(idb, outbox);
  const again = await freezeNextBatch(idb, outbox);

  assert.deepEqual(first.map((e) => [e.id, e.data.notes, e.base_version, e.attempted]),
    [["a", "a1", 7, true], ["b", "b1", null, true]]);
  // Stored as sent: a resend carries the same mutation with the same base.
  assert.deepEqual(again, first);
  const queued = await new Promise((resolve) => {
    idb.transaction("outbox").objectStore("outbox").getAll().onsuccess = (e) => resolve(e.target.result);
  });
  assert.deepEqual(queued.map((e) => e.attempted), [true, true, false]);
  idb.close();
});

test("an entry already sent is not frozen again, even when its record moved on", async () => {
  const indexedDB = await journal({
    records: [{ collection: "scans", id: "a", data: { notes: "later" }, version: 9 }],
    outbox: [change("a", "sent", { attempted: true, base_version: 3 })],
  });
  const idb = await openExisting(indexedDB, NAME);

  const [entry] = await freezeNextBatch(idb, outbox);

  assert.equal(entry.base_version, 3);
  idb.close();
});

test("the question checklist reads the journal's questions, deleted ones included", async () => {
  const indexedDB = await journal({
    records: [
      { collection: "questions", id: "q1", data: { source: "cns" } },
      { collection: "questions", id: "q2", data: {}, deleted: true },
      { collection: "scans", id: "s1", data: {} },
    ],
  });
  const idb = await openExisting(indexedDB, NAME);

  assert.deepEqual((await questionRecords(idb)).map((q) => q.id).sort(), ["q1", "q2"]);
  idb.close();
});

test("a batch that cannot be frozen fails instead of leaving the push waiting", async () => {
  const indexedDB = await journal({ outbox: [change("a", "a1")] });
  const idb = await openExisting(indexedDB, NAME);
  const broken = { ...outbox, pickBatch: () => { throw new Error("broken rules"); } };

  await assert.rejects(freezeNextBatch(idb, broken));
  // Nothing was marked as sent.
  const queued = await new Promise((resolve) => {
    idb.transaction("outbox").objectStore("outbox").getAll().onsuccess = (e) => resolve(e.target.result);
  });
  assert.deepEqual(queued.map((e) => e.attempted), [false]);
  idb.close();
});

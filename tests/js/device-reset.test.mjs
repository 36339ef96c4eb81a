// What leaves the device when the journal does (static/js/device-reset.js):
// the unsent changes offered as a file, and the removal itself, on a journal
// database laid out by the pages' Dexie (fake-indexeddb stands in for the
// browser's IndexedDB, a Map for localStorage, a stub for fetch).
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import "fake-indexeddb/auto";

// events.js would keep node alive with a BroadcastChannel; one tab is enough here.
delete globalThis.BroadcastChannel;

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}
globalThis.localStorage = new MemoryStorage();
globalThis.document = { cookie: "csrftoken=abc" };
const calls = [];
globalThis.fetch = async (url, options = {}) => {
  calls.push({ url, method: options.method || "GET" });
  return new Response(null, { status: 204 });
};

const { journalDb, setAccountMeta, clientId } = await import("../../static/js/store.js");
const reset = await import("../../static/js/device-reset.js");

const queued = (seq, id, extra = {}) => ({
  seq, mutation_id: `m-${seq}`, collection: "questions", id, op: "upsert", data: { text: `q ${id}` },
  base_version: null, attempted: false, queued_at: `2026-01-0${seq}T00:00:00Z`, ...extra,
});

async function fill({ account = { id: 1, email: "alice@example.com" } } = {}) {
  const db = await journalDb();
  await db.records.bulkPut([
    { collection: "questions", id: "a", data: { text: "q a" }, version: null, base: null, deleted: false, flagged: 0 },
    { collection: "scans", id: "s", data: { notes: "refused" }, version: 1, base: {}, deleted: false, flagged: 1, updated_at: "2026-01-04T00:00:00Z" },
  ]);
  await db.outbox.bulkPut([queued(2, "b"), queued(1, "a"), queued(3, "c", { op: "delete", data: null })]);
  await db.conflicts.put({ collection: "courses", id: "k", mine: { dose: "mine" }, mineDeleted: false, theirs: {}, found_at: "2026-01-05T00:00:00Z" });
  if (account) await db.meta.put({ key: "account", value: account });
  await db.meta.bulkPut([{ key: "cursor", value: "42" }, { key: "csrf_token", value: "abc" }, { key: "client_id", value: "x" }]);
  globalThis.localStorage.setItem(reset.REFERRAL_KEY, JSON.stringify({ name: "Riverside Lung Clinic" }));
  globalThis.localStorage.setItem("ros1.other", "kept");
  return db;
}

beforeEach(async () => {
  const db = await journalDb();
  await Promise.all(db.tables.map((t) => t.clear()));
  calls.length = 0;
});

test("the unsent changes are the outbox in order, then conflicts and refused entries", () => {
  const changes = reset.unsentChanges({
    outbox: [queued(2, "b"), queued(1, "a"), queued(3, "c", { op: "delete", data: { text: "old" } })],
    conflicts: [{ collection: "courses", id: "k", mine: { dose: "mine" }, mineDeleted: false, found_at: "t" },
      { collection: "scans", id: "d", mine: { notes: "x" }, mineDeleted: true, found_at: "t" }],
    records: [{ collection: "scans", id: "s", data: { notes: "n" }, flagged: 1 }, { collection: "scans", id: "ok", data: {}, flagged: 0 }],
  });
  assert.deepEqual(changes.map((c) => [c.why, c.collection, c.id, c.op]), [
    ["waiting", "questions", "a", "upsert"],
    ["waiting", "questions", "b", "upsert"],
    ["waiting", "questions", "c", "delete"],
    ["conflict", "courses", "k", "upsert"],
    ["conflict", "scans", "d", "delete"],
    ["refused", "scans", "s", "upsert"],
  ]);
  assert.deepEqual(changes[0].data, { text: "q a" });
  assert.equal(changes[2].data, null); // a deletion carries no text of the entry
  assert.equal(changes[4].data, null);
});

test("an unfinished check-in is handed back too, after the queued changes", () => {
  const draft = { id: "ci-1", isNew: true, data: { date: "2026-12-01", items: [], wellbeing: 6, course: null, notes: "tired" }, saved_at: "2026-12-01T09:00:00Z" };
  const changes = reset.unsentChanges({ outbox: [queued(1, "a")], checkinDraft: draft });
  assert.deepEqual(changes.map((c) => [c.why, c.collection, c.id, c.op]), [["waiting", "questions", "a", "upsert"], ["draft", "checkins", "ci-1", "upsert"]]);
  assert.deepEqual(changes[1].data, draft.data);
  assert.equal(changes[1].queued_at, "2026-12-01T09:00:00Z");
  assert.equal(reset.unsentChanges({ checkinDraft: null }).length, 0);
});

test("the file is dated JSON naming the account and holding every change", () => {
  const file = reset.unsentFile([{ why: "waiting", collection: "questions", id: "a", op: "upsert", data: { text: "Is it <safe>?" } }],
    { email: "alice@example.com", now: new Date("2026-12-02T18:00:00Z") });
  assert.equal(file.name, "ros1-unsent-changes-2026-12-02.json");
  assert.equal(file.type, "application/json");
  const body = JSON.parse(file.text);
  assert.equal(body.kind, "ros1-unsent-changes");
  assert.equal(body.account, "alice@example.com");
  assert.equal(body.saved_at, "2026-12-02T18:00:00.000Z");
  assert.deepEqual(body.changes[0].data, { text: "Is it <safe>?" });
});

test("removing the journal empties every table and forgets the referral", async () => {
  const db = await fill();
  await db.meta.put({ key: "checkin_draft", value: { id: "ci-1", isNew: true, data: { date: "2026-12-01", items: [], notes: "half done" }, saved_at: "t" } });
  const held = await reset.removeJournal();
  assert.equal(held.email, "alice@example.com");
  assert.deepEqual(held.unsent.map((c) => c.id), ["a", "b", "c", "k", "s", "ci-1"]);
  assert.equal(held.unsent[5].data.notes, "half done");
  for (const table of ["records", "outbox", "conflicts", "meta"]) {
    assert.equal(await db.table(table).count(), 0, table);
  }
  assert.equal(globalThis.localStorage.getItem(reset.REFERRAL_KEY), null);
  assert.equal(globalThis.localStorage.getItem("ros1.other"), "kept");
});

test("an ended sign-in removes the journal once, asks the server to drop the cookie, and tells the page", async () => {
  const db = await fill();
  const heard = [];
  const stop = reset.onSignInEnded((held) => heard.push(held));
  // A sync and the account check hear the 401 at the same time.
  const [first, second] = await Promise.all([reset.signInEnded(), reset.signInEnded()]);
  assert.equal(first, second);
  assert.equal(heard.length, 1);
  assert.equal(heard[0].unsent.length, 5);
  assert.equal(await db.records.count(), 0);
  assert.equal(await db.meta.count(), 0);
  assert.deepEqual(calls.filter((c) => c.url === reset.LOGOUT_URL).map((c) => c.method), ["POST"]);
  // Later, with nothing left to remove, nothing happens.
  assert.equal(await reset.signInEnded(), null);
  assert.equal(heard.length, 1);
  stop();
});

test("a journal kept on this device only is never removed by an ended sign-in", async () => {
  const db = await fill({ account: null });
  assert.equal(await reset.signInEnded(), null);
  assert.equal(await db.records.count(), 2);
  assert.equal(await db.outbox.count(), 3);
  assert.equal(calls.length, 0);
});

test("a request still under way when the journal was removed writes nothing back", async () => {
  const db = await fill();
  await reset.removeJournal();

  await setAccountMeta("csrf_token", "late");
  await setAccountMeta("signed_in", true);
  assert.equal(await clientId(), null);

  assert.equal(await db.meta.count(), 0);
});

test("while an account is on the device its sign-in values are kept", async () => {
  const db = await fill();

  await setAccountMeta("csrf_token", "fresh");

  assert.equal((await db.meta.get("csrf_token")).value, "fresh");
});

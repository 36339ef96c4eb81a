// Pull (sync-protocol.md §4): fetches the account's changes since the
// device's cursor, a page at a time, and writes each page together with the
// cursor it moves to; and the catalogue (§5), the other download.
import { SCHEMA } from "./config.js";
import { journalDb, getMeta, setMeta, setAccountMeta, storeCatalog, catalogEtag } from "./store.js";
import { api, classify } from "./api.js";
import { emit } from "./events.js";
import { pulledAction } from "./merge.js";

const PULL_URL = "/api/v1/sync/pull";
const PULL_LIMIT = 500;

async function applyChange(db, change) {
  const key = [change.collection, change.id];
  const record = await db.records.get(key);
  const queued = await db.outbox.where("[collection+id]").equals(key).count();
  const action = pulledAction(record, queued, change);
  // A pull from the beginning after a reset confirms the entries it names.
  if (record && record.unconfirmed && (action === "keep" || action === "older")) {
    await db.records.update(key, { unconfirmed: false });
  }
  if (action === "delete") {
    await db.records.delete(key);
    await db.conflicts.delete(key);
  } else if (action === "put") {
    await db.records.put({
      collection: change.collection, id: change.id, data: change.data, version: change.version,
      base: change.data, deleted: false, flag: null, conflict: false, updated_at: change.updated_at,
    });
  }
}

// The server no longer knows the device's cursor (410 reset_required, e.g. its
// history was pruned past it): pull from the beginning. Every entry the device
// holds is marked unconfirmed first, so that the end of that full pull can
// remove what it did not name: an entry deleted on another device whose
// tombstone the server has since forgotten. Queued changes stay queued.
async function startReset(db) {
  await db.transaction("rw", db.records, db.meta, async () => {
    if ((await db.meta.get("account")) === undefined) return;
    await db.records.toCollection().modify({ unconfirmed: true });
    await setMeta("cursor", null);
  });
}

// At the end of a pull: the entries a full pull did not name, unless a change
// of theirs is waiting (it is the patient's, and its push decides). Returns how
// many were removed.
async function sweepUnconfirmed(db) {
  const stale = await db.records.filter((r) => Boolean(r.unconfirmed)).toArray();
  let removed = 0;
  for (const record of stale) {
    const key = [record.collection, record.id];
    const queued = await db.outbox.where("[collection+id]").equals(key).count();
    if (queued || record.flag || record.conflict) {
      await db.records.update(key, { unconfirmed: false });
    } else {
      await db.records.delete(key);
      await db.conflicts.delete(key);
      removed += 1;
    }
  }
  return removed;
}

// The schema the stored cursor was issued for (sync-protocol.md §7). A cursor
// from before the device remembered it was made by a schema-1 app.
export const CURSOR_SCHEMA_KEY = "cursor_schema";

// The cursor to pull from: none when it was made for an older schema, so that
// an updated app pulls from the beginning and receives what the old one was
// not sent (the check-ins). A cursor whose schema is not written down is sent
// as it is: the server answers 410 reset_required when it is a schema-1
// cursor, which ends the same way. Queued changes stay queued either way.
async function cursorToSend() {
  const cursor = await getMeta("cursor");
  const made = await getMeta(CURSOR_SCHEMA_KEY);
  if (cursor && made !== null && made < SCHEMA) {
    await setAccountMeta("cursor", null);
    return null;
  }
  return cursor;
}

// Pulls until the server has nothing more; throws StopSync when it cannot.
export async function pullAll() {
  const db = await journalDb();
  for (let page = 0; page < 100000; page += 1) {
    const cursor = await cursorToSend();
    const query = new URLSearchParams({ limit: String(PULL_LIMIT), schema: String(SCHEMA) });
    if (cursor) query.set("cursor", cursor);
    let answer;
    try {
      answer = await api("GET", `${PULL_URL}?${query}`);
    } catch (error) {
      const stop = classify(error);
      if (stop.reason === "reset") {
        // Pull everything again; queued changes stay queued.
        await startReset(db);
        continue;
      }
      throw stop;
    }
    // The cursor moves only together with the page it belongs to.
    let removed = false;
    let swept = 0;
    await db.transaction("rw", db.records, db.outbox, db.conflicts, db.meta, async () => {
      // The journal was removed while this page was on its way (device-reset.js).
      if ((await db.meta.get("account")) === undefined) {
        removed = true;
        return;
      }
      for (const change of answer.changes || []) await applyChange(db, change);
      await setMeta("cursor", answer.cursor);
      await setMeta(CURSOR_SCHEMA_KEY, SCHEMA);
      if (!answer.has_more) swept = await sweepUnconfirmed(db);
    });
    if (removed) return;
    if ((answer.changes || []).length || swept) emit("data");
    if (!answer.has_more) return;
  }
}

// Fetches the catalogue into IndexedDB when it changed; the cached copy serves offline.
export async function refreshCatalog() {
  const etag = await catalogEtag();
  const headers = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  try {
    const response = await fetch("/api/v1/catalog", { headers, credentials: "same-origin", cache: "no-store" });
    if (response.status === 200) {
      await storeCatalog(await response.json(), response.headers.get("ETag"));
      emit("catalog");
      return true;
    }
  } catch {
    // Offline: the cached copy stays.
  }
  return false;
}

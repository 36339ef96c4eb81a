// The one module that owns the journal's IndexedDB database (through Dexie).
//
// records    one row per journal entry: {collection, id, data, version, base,
//            deleted, flag, flagged, conflict, updated_at}. `version` and `base` are the
//            server's version and data as last known (null for an entry never
//            saved to the account); `base` is what conflicts are merged against.
// outbox     the queue of changes not yet confirmed by the server, in order
//            (sync.js owns it): {seq, mutation_id, collection, id, op, data,
//            base_version, attempted}.
// meta       small values: client_id, cursor, account, catalogue etag, flags.
// conflicts  changes the patient must settle: both versions, kept until chosen.
// catalog    the public catalogue, cached here and never in Cache Storage.
import Dexie from "../vendor/dexie.mjs";
import { DB_NAME } from "./db-name.js";

export { DB_NAME };
export const COLLECTIONS = ["courses", "scans", "side_effects", "questions"];

export const db = new Dexie(DB_NAME);
db.version(1).stores({
  records: "[collection+id], collection",
  outbox: "++seq, &mutation_id, [collection+id]",
  meta: "key",
  conflicts: "[collection+id]",
  catalog: "key",
});
// `flagged` (1 for an entry the server refused) is indexed so that the sync
// state counts such entries without reading the whole journal.
db.version(2).stores({
  records: "[collection+id], collection, flagged",
});

export function uuid() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function getMeta(key, fallback = null) {
  const row = await db.meta.get(key);
  return row === undefined ? fallback : row.value;
}

export function setMeta(key, value) {
  return db.meta.put({ key, value });
}

// This install's identity for the server's list of devices; made once.
export async function clientId() {
  return db.transaction("rw", db.meta, async () => {
    let id = await getMeta("client_id");
    if (!id) {
      id = uuid();
      await setMeta("client_id", id);
    }
    return id;
  });
}

// Every entry the patient can see (deleted ones wait in the outbox unseen).
export async function visibleRecords() {
  const all = await db.records.toArray();
  return all.filter((r) => !r.deleted);
}

export async function getRecord(collection, id) {
  return db.records.get([collection, id]);
}

export async function cachedCatalog() {
  const row = await db.catalog.get("catalog");
  return row ? row.payload : null;
}

export async function storeCatalog(payload, etag) {
  await db.catalog.put({ key: "catalog", payload, etag });
}

export async function catalogEtag() {
  const row = await db.catalog.get("catalog");
  return row ? row.etag : null;
}

// Removes the journal from this device: every table, the install's id included.
export async function clearDevice() {
  await db.transaction("rw", db.records, db.outbox, db.meta, db.conflicts, async () => {
    await Promise.all([db.records.clear(), db.outbox.clear(), db.meta.clear(), db.conflicts.clear()]);
  });
}

export function isQuotaError(error) {
  if (!error) return false;
  if (error.name === "QuotaExceededError") return true;
  return Boolean(error.inner && error.inner.name === "QuotaExceededError");
}

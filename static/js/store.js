// The one module that opens the journal's IndexedDB database.
//
// records    one row per journal entry: {collection, id, data, version, base,
//            deleted, flag, flagged, conflict, updated_at}. `version` and `base` are the
//            server's version and data as last known (null for an entry never
//            saved to the account); `base` is what conflicts are merged against.
// outbox     the queue of changes not yet confirmed by the server, in order
//            (changes.js fills it, push.js empties it; its rules are outbox.js):
//            {seq, mutation_id, collection, id, op, data, base_version, attempted}.
// meta       small values: client_id, cursor, account, catalogue etag, flags.
// conflicts  changes the patient must settle: both versions, kept until chosen.
// catalog    the public catalogue, cached here and never in Cache Storage.
//
// The tables' layout is store-core.js's. The journal's pages use the database
// through Dexie, which is loaded on first use (journalDb): the question
// checklist only peeks at the journal (questionSources) and must stay light.
// The service worker cannot load modules or Dexie: it reads the same database
// through store-core.js, copied into it.
import { DB_NAME, CLIENT_ID_KEY } from "./config.js";
import { VERSIONS, openExisting, questionRecords } from "./store-core.js";

export const COLLECTIONS = ["courses", "scans", "side_effects", "questions", "checkins"];

let database = null;
let opening = null;

// The journal's Dexie database, made (or upgraded) on first use.
export function journalDb() {
  opening ||= import("../vendor/dexie.mjs").then(({ default: Dexie }) => {
    const db = new Dexie(DB_NAME);
    VERSIONS.forEach((stores, at) => db.version(at + 1).stores(stores));
    database = db;
    return db;
  });
  return opening;
}

// The open database. Once it is open this waits on nothing else, so that the
// helpers below also work inside a transaction (Dexie's rule: a transaction's
// work waits only on the database, or the transaction may end early).
async function opened() {
  return database || journalDb();
}

export function uuid() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function getMeta(key, fallback = null) {
  const row = await (await opened()).meta.get(key);
  return row === undefined ? fallback : row.value;
}

export async function setMeta(key, value) {
  return (await opened()).meta.put({ key, value });
}

// A value about the account's sign-in (CSRF token, signed in or not), written
// only while the device still holds an account: a request that was under way
// when the journal was removed (device-reset.js) must not leave a row behind.
// Not for use inside another transaction.
export async function setAccountMeta(key, value) {
  const db = await opened();
  return db.transaction("rw", db.meta, async () => {
    if ((await db.meta.get("account")) === undefined) return;
    await db.meta.put({ key, value });
  });
}

// This install's identity for the server's list of devices; made once, and
// only while an account is on the device (null otherwise): a sync that was
// starting when the journal was removed (device-reset.js) must not leave one.
export async function clientId() {
  const db = await opened();
  return db.transaction("rw", db.meta, async () => {
    let id = await getMeta(CLIENT_ID_KEY);
    if (!id) {
      if ((await db.meta.get("account")) === undefined) return null;
      id = uuid();
      await setMeta(CLIENT_ID_KEY, id);
    }
    return id;
  });
}

// Every entry the patient can see (deleted ones wait in the outbox unseen).
export async function visibleRecords() {
  const all = await (await opened()).records.toArray();
  return all.filter((r) => !r.deleted);
}

export async function getRecord(collection, id) {
  return (await opened()).records.get([collection, id]);
}

// Every change still queued, oldest first.
export async function queuedChanges() {
  return (await opened()).outbox.orderBy("seq").toArray();
}

export async function storedConflicts() {
  return (await opened()).conflicts.toArray();
}

export async function cachedCatalog() {
  const row = await (await opened()).catalog.get("catalog");
  return row ? row.payload : null;
}

export async function storeCatalog(payload, etag) {
  await (await opened()).catalog.put({ key: "catalog", payload, etag });
}

export async function catalogEtag() {
  const row = await (await opened()).catalog.get("catalog");
  return row ? row.etag : null;
}

// Removes the journal from this device: every table, the install's id included.
export async function clearDevice() {
  const db = await opened();
  await db.transaction("rw", db.records, db.outbox, db.meta, db.conflicts, async () => {
    await Promise.all([db.records.clear(), db.outbox.clear(), db.meta.clear(), db.conflicts.clear()]);
  });
}

export function isQuotaError(error) {
  if (!error) return false;
  if (error.name === "QuotaExceededError") return true;
  return Boolean(error.inner && error.inner.name === "QuotaExceededError");
}

// Slugs of the checklist questions already in the patient's list on this
// device, read with plain IndexedDB (no Dexie) and never creating a database.
export async function questionSources() {
  const idb = await openExisting(globalThis.indexedDB, DB_NAME);
  if (!idb) return new Set();
  try {
    const questions = await questionRecords(idb);
    return new Set(questions.filter((q) => !q.deleted && q.data && q.data.source).map((q) => q.data.source));
  } catch {
    return new Set();
  } finally {
    idb.close();
  }
}

// Pull (sync-protocol.md §4): fetches the account's changes since the
// device's cursor, a page at a time, and writes each page together with the
// cursor it moves to; and the catalogue (§5), the other download.
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

// Pulls until the server has nothing more; throws StopSync when it cannot.
export async function pullAll() {
  const db = await journalDb();
  for (let page = 0; page < 100000; page += 1) {
    const cursor = await getMeta("cursor");
    const query = new URLSearchParams({ limit: String(PULL_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    let answer;
    try {
      answer = await api("GET", `${PULL_URL}?${query}`);
    } catch (error) {
      const stop = classify(error);
      if (stop.reason === "reset") {
        // Pull everything again; queued changes stay queued.
        await setAccountMeta("cursor", null);
        continue;
      }
      throw stop;
    }
    // The cursor moves only together with the page it belongs to.
    let removed = false;
    await db.transaction("rw", db.records, db.outbox, db.conflicts, db.meta, async () => {
      // The journal was removed while this page was on its way (device-reset.js).
      if ((await db.meta.get("account")) === undefined) {
        removed = true;
        return;
      }
      for (const change of answer.changes || []) await applyChange(db, change);
      await setMeta("cursor", answer.cursor);
    });
    if (removed) return;
    if ((answer.changes || []).length) emit("data");
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

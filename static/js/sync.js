// The one module that owns the sync queue (sync-protocol.md §3–§4).
//
// Every change is written to the record and to the outbox in one IndexedDB
// transaction, then pushed. An outbox entry that has been sent once is never
// changed again: if its answer was lost, the server may already hold it, and
// resending the same mutation_id must mean the same change. Later edits of
// that entry queue behind it and are sent after its answer arrives.
import { db, uuid, getMeta, setMeta, clientId, clearDevice, isQuotaError, storeCatalog, catalogEtag } from "./db.js";

export const SCHEMA = 1;
const BATCH = 200;
const PULL_LIMIT = 500;
const TIMER_MS = 60000;
const BACKOFF_MAX_MS = 5 * 60000;
const LOCK = "ros1-journal-sync";

// ---------------------------------------------------------------- events

const listeners = new Set();
const channel = "BroadcastChannel" in globalThis ? new BroadcastChannel("ros1-journal") : null;

// cb(kind) runs after data ("data") or the sync state ("status") changed,
// in this tab or in another tab of the same journal.
export function subscribe(cb) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

function emit(kind, fromOtherTab = false) {
  for (const cb of listeners) cb(kind);
  if (!fromOtherTab && channel) channel.postMessage({ kind });
}

if (channel) channel.onmessage = (event) => emit(event.data.kind, true);

// ---------------------------------------------------------------- HTTP

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.detail) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

function cookie(name) {
  const match = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
}

// Django rotates the token at sign-in, so it is read from the cookie at send time.
let handedToWorker = null;

// The service worker cannot read cookies; it needs the token to deliver the
// outbox through Background Sync when no page is open (sw-src.js). It is
// handed over whenever it may have changed: at every request, after signing
// in (the rotated token may see no request before the page closes), and with
// every queued change.
async function handTokenToWorker(token = cookie("csrftoken")) {
  if (!token || token === handedToWorker) return;
  try {
    await setMeta("csrf_token", token);
    handedToWorker = token;
  } catch {
    // Storage refused: the open page still syncs; the worker tries the older token.
  }
}

async function csrfToken(refresh = false) {
  let token = refresh ? null : cookie("csrftoken");
  if (!token) {
    await fetch("/journal/csrf/", { credentials: "same-origin", cache: "no-store" });
    token = cookie("csrftoken");
  }
  await handTokenToWorker(token);
  return token;
}

function isCsrfFailure(error) {
  return error.status === 403 && /csrf/i.test(error.body.detail || "");
}

export async function api(method, path, body, { retried = false } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = (await csrfToken()) || "";
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
    if (isCsrfFailure(error) && !retried) {
      await csrfToken(true);
      return api(method, path, body, { retried: true });
    }
    throw error;
  }
  return data;
}

// ---------------------------------------------------------------- account

export async function account() {
  return getMeta("account");
}

async function adopt(user) {
  const previous = await getMeta("account");
  if (previous && previous.id !== user.id) {
    // Another person's journal was left here (e.g. their session expired);
    // what was confirmed by their account is theirs, so it goes.
    await db.transaction("rw", db.records, db.meta, async () => {
      await db.records.filter((r) => r.version !== null && r.version !== undefined).delete();
      await setMeta("cursor", null);
    });
  }
  await setMeta("account", { id: user.id, email: user.email });
  await setMeta("signed_in", true);
  await handTokenToWorker();
  emit("status");
  emit("data");
}

export async function signIn(email, password) {
  const user = await api("POST", "/api/v1/auth/login", { email, password });
  await adopt(user);
  syncSoon("sign-in");
  return user;
}

export async function register(email, password) {
  const user = await api("POST", "/api/v1/auth/register", { email, password });
  await adopt(user);
  syncSoon("register");
  return user;
}

// Asks the server who is signed in; null when nobody, undefined when offline.
export async function refreshAccount() {
  try {
    const user = await api("GET", "/api/v1/auth/me");
    await adopt(user);
    return user;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      await setMeta("signed_in", false);
      emit("status");
      return null;
    }
    return undefined;
  }
}

export async function pendingCount() {
  return db.outbox.count();
}

// Ends the session on the server, then removes the whole journal from this device.
export async function signOut() {
  await api("POST", "/api/v1/auth/logout");
  await clearDevice();
  emit("data");
  emit("status");
}

// ---------------------------------------------------------------- local changes

function entriesFor(collection, id) {
  return db.outbox.where("[collection+id]").equals([collection, id]).sortBy("seq");
}

async function enqueue(collection, id, op, data) {
  const entries = await entriesFor(collection, id);
  const last = entries[entries.length - 1];
  if (last && !last.attempted) {
    // Never sent: the queued change can still become this one.
    await db.outbox.update(last.seq, { op, data });
  } else {
    await db.outbox.add({
      mutation_id: uuid(), collection, id, op, data, base_version: null, attempted: false,
      queued_at: new Date().toISOString(),
    });
  }
}

export class StorageFullError extends Error {
  name = "StorageFullError";
}

async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error.message);
    throw error;
  }
}

// Writes an entry (new or changed) to the device and queues it for the account.
export async function saveEntry(collection, id, data) {
  await guarded(() =>
    db.transaction("rw", db.records, db.outbox, async () => {
      const existing = await db.records.get([collection, id]);
      const record = existing || { collection, id, version: null, base: null, updated_at: null };
      record.data = data;
      record.deleted = false;
      record.flag = null;
      record.flagged = 0;
      await db.records.put(record);
      await enqueue(collection, id, "upsert", data);
    }),
  );
  await handTokenToWorker();
  await afterFirstEntry();
  emit("data");
  syncSoon("change");
}

export async function deleteEntry(collection, id) {
  await guarded(() =>
    db.transaction("rw", db.records, db.outbox, db.conflicts, async () => {
      const record = await db.records.get([collection, id]);
      if (!record) return;
      const entries = await entriesFor(collection, id);
      const neverSent = record.version === null && entries.every((e) => !e.attempted);
      await db.conflicts.delete([collection, id]);
      if (neverSent) {
        // The server has never seen it: forgetting it is the whole deletion.
        await db.outbox.bulkDelete(entries.map((e) => e.seq));
        await db.records.delete([collection, id]);
        return;
      }
      await db.records.update([collection, id], { deleted: true, flag: null, flagged: 0, conflict: false });
      await enqueue(collection, id, "delete", null);
    }),
  );
  await handTokenToWorker();
  emit("data");
  syncSoon("change");
}

async function afterFirstEntry() {
  if (await getMeta("persist_asked")) return;
  await setMeta("persist_asked", true);
  if (navigator.storage && navigator.storage.persist) {
    try {
      const granted = await navigator.storage.persist();
      await setMeta("persisted", granted);
    } catch {
      // A refusal is an answer too; the journal works either way.
    }
  }
}

// Free-text fields whose two versions can both be kept, joined.
export const JOINABLE_FIELDS = ["notes", "answer"];

// The two versions of the free-text fields that differ, joined and marked by
// where each came from; null when anything else differs too, or when the
// joined text would be longer than a field may be.
export function joinedVersion(mine, theirs, labels, maxLength) {
  const names = Object.keys({ ...mine, ...theirs }).filter(
    (n) => JSON.stringify(mine[n] ?? null) !== JSON.stringify(theirs[n] ?? null),
  );
  if (!names.length || !names.every((n) => JOINABLE_FIELDS.includes(n))) return null;
  const joined = { ...mine };
  for (const n of names) {
    const parts = [];
    if (mine[n]) parts.push(`${labels.mine} ${mine[n]}`);
    if (theirs[n]) parts.push(`${labels.theirs} ${theirs[n]}`);
    joined[n] = parts.join("\n\n");
    if (joined[n].length > maxLength) return null;
  }
  return joined;
}

// The patient settled a conflict: "mine" pushes the device's version on top
// of the server's, "theirs" takes the server's version, and "both" pushes the
// version with both texts joined (`joinedData`, from joinedVersion).
export async function resolveConflict(collection, id, choice, joinedData = null) {
  await db.transaction("rw", db.records, db.outbox, db.conflicts, async () => {
    const conflict = await db.conflicts.get([collection, id]);
    if (!conflict) return;
    const theirs = conflict.theirs;
    await db.conflicts.delete([collection, id]);
    if (choice === "both" && joinedData && !conflict.mineDeleted && !theirs.deleted) {
      await db.records.put({
        collection, id, data: joinedData, version: theirs.version, base: theirs.data,
        deleted: false, flag: null, conflict: false, updated_at: theirs.updated_at,
      });
      await enqueue(collection, id, "upsert", joinedData);
      return;
    }
    if (choice === "theirs") {
      if (theirs.deleted) {
        await db.records.delete([collection, id]);
      } else {
        await db.records.put({
          collection, id, data: theirs.data, version: theirs.version, base: theirs.data,
          deleted: false, flag: null, conflict: false, updated_at: theirs.updated_at,
        });
      }
      return;
    }
    if (conflict.mineDeleted) {
      await db.records.update([collection, id], {
        version: theirs.version, base: theirs.data, deleted: true, conflict: false,
      });
      await enqueue(collection, id, "delete", null);
    } else if (theirs.deleted) {
      // A deleted id cannot come back (sync-protocol.md §3): the kept version
      // becomes a new entry.
      const newId = uuid();
      await db.records.delete([collection, id]);
      await db.records.put({
        collection, id: newId, data: conflict.mine, version: null, base: null,
        deleted: false, flag: null, conflict: false, updated_at: null,
      });
      await enqueue(collection, newId, "upsert", conflict.mine);
    } else {
      await db.records.put({
        collection, id, data: conflict.mine, version: theirs.version, base: theirs.data,
        deleted: false, flag: null, conflict: false, updated_at: theirs.updated_at,
      });
      await enqueue(collection, id, "upsert", conflict.mine);
    }
  });
  emit("data");
  syncSoon("conflict-resolved");
}

// ---------------------------------------------------------------- status

const state = { running: false, phase: "idle", error: null, offline: false };

// What the status line shows: see journal.js for the sentences.
export async function status() {
  const [outbox, conflicts, flagged, acct, signedIn, outdated] = await Promise.all([
    db.outbox.count(),
    db.conflicts.count(),
    db.records.where("flagged").equals(1).count(),
    getMeta("account"),
    getMeta("signed_in"),
    getMeta("schema_outdated"),
  ]);
  return {
    waiting: outbox,
    attention: conflicts + flagged,
    account: acct,
    signedIn: Boolean(acct && signedIn),
    outdated: outdated === SCHEMA,
    syncing: state.running,
    offline: state.offline || !navigator.onLine,
    error: state.error,
  };
}

function setState(patch) {
  Object.assign(state, patch);
  emit("status");
}

// ---------------------------------------------------------------- push

const equal = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Two versions changed from one base: merge when they changed different
// fields; otherwise return the fields both changed differently.
export function mergeData(base, mine, theirs) {
  const names = new Set([...Object.keys(mine || {}), ...Object.keys(theirs || {}), ...Object.keys(base || {})]);
  const merged = { ...theirs };
  const clash = [];
  for (const name of names) {
    const b = base ? base[name] : undefined;
    const mineChanged = !equal(mine[name], b);
    const theirsChanged = !equal(theirs[name], b);
    if (mineChanged && theirsChanged && !equal(mine[name], theirs[name])) clash.push(name);
    else if (mineChanged) merged[name] = mine[name];
  }
  return { merged, clash };
}

// Picks the next mutations: the oldest queued change of each entry, frozen
// (base_version fixed, marked attempted) before it leaves the device.
async function nextBatch() {
  return db.transaction("rw", db.outbox, db.records, async () => {
    const entries = await db.outbox.orderBy("seq").toArray();
    const seen = new Set();
    const batch = [];
    for (const entry of entries) {
      const key = `${entry.collection}/${entry.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!entry.attempted) {
        const record = await db.records.get([entry.collection, entry.id]);
        entry.base_version = record ? (record.version ?? null) : null;
        entry.attempted = true;
        await db.outbox.put(entry);
      }
      batch.push(entry);
      if (batch.length >= BATCH) break;
    }
    return batch;
  });
}

function mutationOf(entry) {
  const m = {
    mutation_id: entry.mutation_id, collection: entry.collection, id: entry.id, op: entry.op,
    base_version: entry.base_version,
  };
  if (entry.op === "upsert") m.data = entry.data;
  return m;
}

async function applied(entry, result) {
  await db.outbox.delete(entry.seq);
  const record = await db.records.get([entry.collection, entry.id]);
  if (!record) return;
  const later = await db.outbox.where("[collection+id]").equals([entry.collection, entry.id]).count();
  if (entry.op === "delete") {
    if (!later) await db.records.delete([entry.collection, entry.id]);
    return;
  }
  await db.records.update([entry.collection, entry.id], {
    version: result.version, base: entry.data, updated_at: new Date().toISOString(),
  });
}

async function rejected(entry, result) {
  await db.outbox.delete(entry.seq);
  const record = await db.records.get([entry.collection, entry.id]);
  if (!record) return;
  // Kept on the device with the server's words until the patient fixes it.
  await db.records.update([entry.collection, entry.id], {
    deleted: false,
    flagged: 1,
    flag: { error: result.error || "invalid", fields: result.fields || {}, detail: result.detail || null },
  });
}

async function conflicted(entry, result) {
  const current = result.current;
  const key = [entry.collection, entry.id];
  const record = await db.records.get(key);
  const entries = await db.outbox.where("[collection+id]").equals(key).toArray();
  // Everything queued for this entry failed along with it: one answer settles all.
  await db.outbox.bulkDelete(entries.map((e) => e.seq));
  if (!record) return;
  const mineDeleted = Boolean(record.deleted);
  if (mineDeleted && current.deleted) {
    await db.records.delete(key);
    return;
  }
  if (!mineDeleted && !current.deleted) {
    const { merged, clash } = mergeData(record.base, record.data, current.data);
    if (!clash.length) {
      await db.records.update(key, {
        data: merged, version: current.version, base: current.data, updated_at: current.updated_at,
      });
      if (!equal(merged, current.data)) {
        await db.outbox.add({
          mutation_id: uuid(), collection: entry.collection, id: entry.id, op: "upsert", data: merged,
          base_version: null, attempted: false, queued_at: new Date().toISOString(),
        });
      }
      return;
    }
    await storeConflict(record, current, clash, false);
    return;
  }
  // One side deleted what the other edited: the patient decides.
  await storeConflict(record, current, [], mineDeleted);
}

async function storeConflict(record, current, fields, mineDeleted) {
  await db.conflicts.put({
    collection: record.collection, id: record.id, mine: record.data, mineDeleted, theirs: current,
    base: record.base, fields, found_at: new Date().toISOString(),
  });
  await db.records.update([record.collection, record.id], { conflict: true, deleted: false });
}

class StopSync extends Error {
  constructor(reason, error) {
    super(reason);
    this.reason = reason;
    this.cause = error;
  }
}

async function pushAll() {
  const client = await clientId();
  for (let round = 0; round < 1000; round += 1) {
    const batch = await nextBatch();
    if (!batch.length) return;
    let answer;
    try {
      answer = await api("POST", "/api/v1/sync/push", {
        schema: SCHEMA, client_id: client, mutations: batch.map(mutationOf),
      });
    } catch (error) {
      throw classify(error);
    }
    await db.transaction("rw", db.outbox, db.records, db.conflicts, async () => {
      const byId = new Map(batch.map((e) => [e.mutation_id, e]));
      for (const result of answer.results || []) {
        const entry = byId.get(result.mutation_id);
        if (!entry) continue;
        if (result.status === "applied") await applied(entry, result);
        else if (result.status === "conflict") await conflicted(entry, result);
        else if (result.status === "rejected") await rejected(entry, result);
      }
    });
    emit("data");
  }
}

function classify(error) {
  if (!(error instanceof ApiError)) return new StopSync("network", error);
  if (error.status === 409 && error.body.error === "schema_outdated") return new StopSync("outdated", error);
  if (error.status === 401 || error.status === 403) return new StopSync("signin", error);
  if (error.status === 410 && error.body.error === "reset_required") return new StopSync("reset", error);
  if (error.status === 400 && error.body.error === "invalid_cursor") return new StopSync("reset", error);
  if (error.status >= 500 || error.status === 429) return new StopSync("network", error);
  return new StopSync("refused", error);
}

// ---------------------------------------------------------------- pull

async function applyChange(change) {
  const key = [change.collection, change.id];
  const record = await db.records.get(key);
  const queued = await db.outbox.where("[collection+id]").equals(key).count();
  if (record && (queued || record.flag || record.conflict)) {
    // A local change is waiting: its push will meet this version as a conflict and merge.
    return;
  }
  if (record && record.version !== null && record.version >= change.version) return;
  if (change.deleted) {
    await db.records.delete(key);
    await db.conflicts.delete(key);
    return;
  }
  await db.records.put({
    collection: change.collection, id: change.id, data: change.data, version: change.version,
    base: change.data, deleted: false, flag: null, conflict: false, updated_at: change.updated_at,
  });
}

async function pullAll() {
  for (let page = 0; page < 100000; page += 1) {
    const cursor = await getMeta("cursor");
    const query = new URLSearchParams({ limit: String(PULL_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    let answer;
    try {
      answer = await api("GET", `/api/v1/sync/pull?${query}`);
    } catch (error) {
      const stop = classify(error);
      if (stop.reason === "reset") {
        // Pull everything again; queued changes stay queued.
        await setMeta("cursor", null);
        continue;
      }
      throw stop;
    }
    // The cursor moves only together with the page it belongs to.
    await db.transaction("rw", db.records, db.outbox, db.conflicts, db.meta, async () => {
      for (const change of answer.changes || []) await applyChange(change);
      await setMeta("cursor", answer.cursor);
    });
    if ((answer.changes || []).length) emit("data");
    if (!answer.has_more) return;
  }
}

// ---------------------------------------------------------------- catalogue

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

// ---------------------------------------------------------------- the run

let failures = 0;
let retryTimer = null;
let again = false;
let inTabRun = null;

async function withLock(work) {
  if (navigator.locks && navigator.locks.request) {
    return navigator.locks.request(LOCK, work);
  }
  // Fallback without Web Locks: a lease in localStorage that expires, so a
  // closed tab cannot hold it for ever. Not atomic, but the server answers
  // a resent mutation_id from its stored result, so an overlap costs a
  // request, never a duplicate.
  const me = uuid();
  const now = Date.now();
  const lease = JSON.parse(localStorage.getItem(LOCK) || "null");
  if (lease && lease.owner !== me && lease.until > now) {
    scheduleRetry(2000);
    return undefined;
  }
  localStorage.setItem(LOCK, JSON.stringify({ owner: me, until: now + 60000 }));
  try {
    return await work();
  } finally {
    localStorage.removeItem(LOCK);
  }
}

function scheduleRetry(ms) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => syncNow("retry"), ms);
}

async function registerBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration && registration.sync) await registration.sync.register("journal-sync");
  } catch {
    // Background Sync is a Chromium extra; the page-side triggers still run.
  }
}

async function runOnce() {
  const acct = await getMeta("account");
  if (!acct) return; // No account: entries stay on this device only.
  if ((await getMeta("schema_outdated")) === SCHEMA) return;
  try {
    await pushAll();
    await pullAll();
    await pushAll(); // a merge made during the pull round goes out now
    failures = 0;
    setState({ error: null, offline: false });
    await setMeta("signed_in", true);
  } catch (error) {
    const stop = error instanceof StopSync ? error : new StopSync("network", error);
    if (stop.reason === "outdated") {
      // Remembered per schema: an updated app with a newer schema tries again.
      await setMeta("schema_outdated", SCHEMA);
      setState({ error: "outdated" });
    } else if (stop.reason === "signin") {
      await setMeta("signed_in", false);
      setState({ error: "signin" });
    } else {
      failures += 1;
      const backoff = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** Math.min(failures, 12)) * (0.5 + Math.random() / 2);
      // A busy server's Retry-After (503) is a floor, never a reason to hurry.
      const asked = ((stop.cause && stop.cause.retryAfter) || 0) * 1000;
      scheduleRetry(Math.max(backoff, asked));
      setState({ error: stop.reason, offline: stop.reason === "network" });
      if (stop.reason === "network") registerBackgroundSync();
    }
  }
}

// Runs one sync now (or right after the one running in this tab).
export async function syncNow(reason = "manual") {
  if (inTabRun) {
    again = true;
    return inTabRun;
  }
  inTabRun = (async () => {
    try {
      do {
        again = false;
        setState({ running: true });
        await withLock(runOnce);
      } while (again);
    } finally {
      inTabRun = null;
      setState({ running: false });
    }
  })();
  return inTabRun;
}

export function syncSoon(reason) {
  queueMicrotask(() => syncNow(reason));
}

let started = false;

// Installs the triggers: load, online, visible again, a timer, the worker's Background Sync.
export function startSync() {
  if (started) return;
  started = true;
  window.addEventListener("online", () => {
    failures = 0;
    syncNow("online");
  });
  window.addEventListener("offline", () => setState({ offline: true }));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") syncNow("visible");
  });
  setInterval(() => {
    if (document.visibilityState === "visible") syncNow("timer");
  }, TIMER_MS);
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "journal-sync") syncNow("background-sync");
    });
  }
  syncNow("load");
}

// The app was updated (a new schema): try again with the queue intact.
export async function clearOutdated() {
  await setMeta("schema_outdated", null);
  emit("status");
}

// The sync loop: when the journal syncs, one run at a time across tabs, and
// what happens when a run fails (backoff, Background Sync, the status shown).
// A run pushes (push.js), pulls (pull.js), then pushes what the pull merged.
import { SCHEMA, SYNC_TAG } from "./config.js";
import { journalDb, getMeta, setMeta, setAccountMeta, uuid } from "./store.js";
import { StopSync } from "./api.js";
import { emit } from "./events.js";
import { pushAll } from "./push.js";
import { pullAll } from "./pull.js";
import { signInEnded } from "./device-reset.js";

const TIMER_MS = 60000;
const BACKOFF_MAX_MS = 5 * 60000;
const LOCK = "ros1-journal-sync";

// ---------------------------------------------------------------- status

const state = { running: false, phase: "idle", error: null, offline: false };

// What the status line shows: see journal-status.js for the sentences.
export async function status() {
  const db = await journalDb();
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

// The app was updated (a new schema): try again with the queue intact.
export async function clearOutdated() {
  await setMeta("schema_outdated", null);
  emit("status");
}

// ---------------------------------------------------------------- one run

let failures = 0;
let retryTimer = null;

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

// Exponential backoff with jitter after `failures` failed runs. A busy
// server's Retry-After (in seconds) is a floor, never a reason to hurry.
function retryDelay(failures, retryAfter) {
  const backoff = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** Math.min(failures, 12)) * (0.5 + Math.random() / 2);
  return Math.max(backoff, (retryAfter || 0) * 1000);
}

async function registerBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration && registration.sync) await registration.sync.register(SYNC_TAG);
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
    await setAccountMeta("signed_in", true);
  } catch (error) {
    const stop = error instanceof StopSync ? error : new StopSync("network", error);
    if (stop.reason === "outdated") {
      // Remembered per schema: an updated app with a newer schema tries again.
      await setMeta("schema_outdated", SCHEMA);
      setState({ error: "outdated" });
    } else if (stop.reason === "signin" && stop.cause && stop.cause.status === 401) {
      // The sign-in is over (revoked, expired, or the account erased): the
      // journal leaves the device (device-reset.js).
      setState({ error: null });
      await signInEnded();
    } else if (stop.reason === "signin") {
      await setAccountMeta("signed_in", false);
      setState({ error: "signin" });
    } else {
      failures += 1;
      scheduleRetry(retryDelay(failures, stop.cause && stop.cause.retryAfter));
      setState({ error: stop.reason, offline: stop.reason === "network" });
      if (stop.reason === "network") registerBackgroundSync();
    }
  }
}

// ---------------------------------------------------------------- triggers

let again = false;
let inTabRun = null;

// Runs one sync now (or right after the one running in this tab). Callers
// name their trigger ("online", "retry"...) for whoever reads the code.
export async function syncNow(_reason = "manual") {
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
      if (event.data && event.data.type === SYNC_TAG) syncNow("background-sync");
    });
  }
  syncNow("load");
}

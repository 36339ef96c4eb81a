// What leaves this device when the journal does, written once: at a sign-out,
// after the account is deleted, and when the server says that this device's
// sign-in is over (a 401: revoked from another device, expired, or the
// account erased elsewhere). It removes the journal, the outbox, the
// conflicts, the account and every meta row (store.js: clearDevice), and the
// referral memory: localStorage here, the httponly cookie by the server's
// logout answer (clinics/referral.py).
//
// Changes that never reached the account are handed back (unsentChanges) so
// that the page can offer them as a file made on the device (unsentFile):
// the server has no copy of them to export.
import { journalDb, clearDevice } from "./store.js";
import { emit } from "./events.js";
import { CHECKIN_DRAFT_KEY } from "./config.js";

export const REFERRAL_KEY = "ros1.referral";
export const LOGOUT_URL = "/api/v1/auth/logout";

// Every change on the device the account does not hold, oldest first: the
// outbox (waiting), and what the server answered but the patient has not
// settled (a conflict's own version, an entry the server refused), then an
// unfinished check-in (a draft, never queued). Pure.
export function unsentChanges({ outbox = [], conflicts = [], records = [], checkinDraft = null }) {
  const waiting = [...outbox]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      why: "waiting", collection: e.collection, id: e.id, op: e.op, data: e.op === "delete" ? null : e.data,
      queued_at: e.queued_at || null,
    }));
  const settling = conflicts.map((c) => ({
    why: "conflict", collection: c.collection, id: c.id, op: c.mineDeleted ? "delete" : "upsert",
    data: c.mineDeleted ? null : c.mine, queued_at: c.found_at || null,
  }));
  const refused = records
    .filter((r) => r.flagged === 1 || r.flagged === true)
    .map((r) => ({
      why: "refused", collection: r.collection, id: r.id, op: "upsert", data: r.data, queued_at: r.updated_at || null,
    }));
  const drafts = checkinDraft && checkinDraft.data
    ? [{ why: "draft", collection: "checkins", id: checkinDraft.id, op: "upsert", data: checkinDraft.data, queued_at: checkinDraft.saved_at || null }]
    : [];
  return [...waiting, ...settling, ...refused, ...drafts];
}

// The file offered to the patient: {name, type, text}. Pure.
export function unsentFile(changes, { email = null, now = new Date() } = {}) {
  const savedAt = now.toISOString();
  const body = { schema: 1, kind: "ros1-unsent-changes", saved_at: savedAt, account: email, changes };
  return {
    name: `ros1-unsent-changes-${savedAt.slice(0, 10)}.json`,
    type: "application/json",
    text: `${JSON.stringify(body, null, 1)}\n`,
  };
}

// Forgets which clinic referred this device (the localStorage half), and
// stops the page saying so (referral.js's "Recommended by ...").
export function forgetReferral(storage = globalThis.localStorage) {
  try {
    storage?.removeItem(REFERRAL_KEY);
  } catch {
    // Storage refused (private browsing): there is nothing kept to forget.
  }
  const slot = globalThis.document?.getElementById?.("referral-slot");
  if (slot) {
    slot.hidden = true;
    slot.replaceChildren();
  }
}

// Removes the journal from this device. With `ifAccount`, only when an
// account is on it (so that two tabs, or a sync and an account check that
// both heard the 401, remove it once). Resolves to the unsent changes it
// held and the account's email, or null when it removed nothing.
export async function removeJournal({ ifAccount = false } = {}) {
  const db = await journalDb();
  const held = await db.transaction("rw", db.records, db.outbox, db.meta, db.conflicts, async () => {
    const account = await db.meta.get("account");
    if (ifAccount && !(account && account.value)) return null;
    const [outbox, conflicts, records, draft] = await Promise.all([
      db.outbox.toArray(), db.conflicts.toArray(), db.records.where("flagged").equals(1).toArray(), db.meta.get(CHECKIN_DRAFT_KEY),
    ]);
    await clearDevice();
    const checkinDraft = draft ? draft.value : null;
    return { email: (account && account.value && account.value.email) || null, unsent: unsentChanges({ outbox, conflicts, records, checkinDraft }) };
  });
  if (held) {
    forgetReferral();
    emit("data");
    emit("status");
  }
  return held;
}

// Asks the server to drop this browser's session and referral cookie. It
// needs no working session; offline, the cookie stays until the next sign-out.
// A plain fetch, not api(): that would hand the CSRF token back to the
// worker, writing it into the database just emptied.
export async function forgetOnServer() {
  const token = (globalThis.document?.cookie || "").split("; ").find((c) => c.startsWith("csrftoken="));
  try {
    await fetch(LOGOUT_URL, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "X-CSRFToken": token ? decodeURIComponent(token.slice(10)) : "" },
    });
  } catch {
    // Nothing more the device can do; the journal is already gone from it.
  }
}

const endedListeners = new Set();
let ending = null;

// cb({email, unsent}) runs in this tab after its sign-in ended and the journal was removed.
export function onSignInEnded(cb) {
  endedListeners.add(cb);
  return () => endedListeners.delete(cb);
}

// The server said this device's sign-in is over (401): the journal leaves the device.
export function signInEnded() {
  ending ||= (async () => {
    try {
      const held = await removeJournal({ ifAccount: true });
      if (!held) return null;
      await forgetOnServer();
      for (const cb of endedListeners) cb(held);
      return held;
    } finally {
      ending = null;
    }
  })();
  return ending;
}

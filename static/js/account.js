// The patient's account on this device: signing in, registering, asking the
// server who is signed in, signing out and deleting the account (both remove
// the journal from the device, as device-reset.js says).
import { journalDb, getMeta, setMeta, setAccountMeta } from "./store.js";
import { api, ApiError, handTokenToWorker } from "./api.js";
import { emit } from "./events.js";
import { syncSoon } from "./sync.js";
import { removeJournal, forgetOnServer, signInEnded, LOGOUT_URL } from "./device-reset.js";

async function adopt(user) {
  const previous = await getMeta("account");
  if (previous && previous.id !== user.id) {
    // Another person's journal was left here (e.g. their session expired);
    // what was confirmed by their account is theirs, so it goes.
    const db = await journalDb();
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

// `otp`: the authenticator's code, once the server has answered otp_required.
export async function signIn(email, password, otp) {
  const body = otp ? { email, password, otp } : { email, password };
  const user = await api("POST", "/api/v1/auth/login", body);
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
    if (error instanceof ApiError && error.status === 401) {
      // Nobody is signed in: if this device held an account, its sign-in is over.
      await signInEnded();
      return null;
    }
    if (error instanceof ApiError && error.status === 403) {
      await setAccountMeta("signed_in", false);
      emit("status");
      return null;
    }
    return undefined;
  }
}

// Ends the session on the server, then removes the whole journal from this device.
export async function signOut() {
  await api("POST", LOGOUT_URL);
  await removeJournal();
}

// Erases the account on the server (DELETE /api/v1/auth/me), then the journal
// on this device. A wrong password throws ApiError with fields.password, and
// nothing is removed.
export async function deleteAccount(password) {
  await api("DELETE", "/api/v1/auth/me", { password });
  await removeJournal();
  // The server's answer ended the session; this drops the referral cookie.
  await forgetOnServer();
}

// The journal's requests to the server: JSON in and out, the CSRF token, and
// what an error means for a sync run (classify).
import { CSRF_TOKEN_KEY } from "./config.js";
import { setAccountMeta } from "./store.js";

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
export async function handTokenToWorker(token = cookie("csrftoken")) {
  if (!token || token === handedToWorker) return;
  try {
    await setAccountMeta(CSRF_TOKEN_KEY, token);
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

// Ends a sync run: `reason` says why (network, outdated, signin, reset, refused).
export class StopSync extends Error {
  constructor(reason, error) {
    super(reason);
    this.reason = reason;
    this.cause = error;
  }
}

export function classify(error) {
  if (!(error instanceof ApiError)) return new StopSync("network", error);
  if (error.status === 409 && error.body.error === "schema_outdated") return new StopSync("outdated", error);
  if (error.status === 401 || error.status === 403) return new StopSync("signin", error);
  if (error.status === 410 && error.body.error === "reset_required") return new StopSync("reset", error);
  if (error.status === 400 && error.body.error === "invalid_cursor") return new StopSync("reset", error);
  if (error.status >= 500 || error.status === 429) return new StopSync("network", error);
  return new StopSync("refused", error);
}

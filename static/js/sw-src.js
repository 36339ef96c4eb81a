/* The service worker's routes. ros1site/serviceworker.py prepends `self.ROS1_SW`
 * (precache list, page URLs, strings), imports the Workbox bundle, which
 * defines the global `workbox`, and copies in three of the pages' modules, as
 * a classic worker cannot import them: `shared` (js/config.js, the names and
 * numbers pages and worker share), `outbox` (js/outbox.js, its rules) and
 * `storeCore` (js/store-core.js, the journal database's layout and plain reads).
 *
 * - Education pages: network first with a short timeout; offline or slow, the
 *   saved copy, marked "Saved copy from <date>".
 * - Hashed static files: precached, served from the cache.
 * - /api/: network only. No API answer, and so no journal data, is ever stored.
 * - Other pages: network only; offline, our own offline page.
 * - Updates: the new worker waits until the page asks it to take over
 *   (SKIP_WAITING from the "Update" button), never on its own.
 */
/* global workbox, shared, outbox, storeCore */
"use strict";

const CONFIG = self.ROS1_SW;
const { DB_NAME, SYNC_TAG, SCHEMA, PUSH_URL, PUSH_BATCH, CSRF_TOKEN_KEY, CLIENT_ID_KEY } = shared;
const { core, precaching, routing, strategies, navigationPreload } = workbox;

core.setCacheNameDetails({ prefix: "ros1", suffix: "v1" });
// A fresher copy of a page seen online since the worker was installed.
const PAGES_CACHE = "ros1-pages-v1";
const PAGES = new Set(CONFIG.pages);
const SHELLS = new Set(CONFIG.shells);
const MATCH_OPTIONS = { ignoreSearch: true, ignoreVary: true };

precaching.cleanupOutdatedCaches();
precaching.precache(CONFIG.precache);
navigationPreload.enable();
core.clientsClaim();

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "GET_VERSION" && event.ports[0]) {
    event.ports[0].postMessage({ version: CONFIG.version });
  }
});

self.addEventListener("activate", (event) => {
  // This worker's precache was filled after its pages' last publish, so it is at
  // least as fresh as any copy the previous worker kept from a visit.
  event.waitUntil(caches.delete(PAGES_CACHE));
});

function isSameOrigin(url) {
  return url.origin === self.location.origin;
}

function formatDate(value) {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return "";
  }
  try {
    return date.toLocaleDateString(CONFIG.lang, { year: "numeric", month: "long", day: "numeric" });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Adds the visible "Saved copy from <date>" note to a saved page, right at the
// top of <main>, so it reads without any page script.
async function withSavedCopyNote(response) {
  const savedAt = response.headers.get("Date");
  const html = await response.text();
  const title = escapeHtml(CONFIG.strings.savedCopy.replace("%(date)s", formatDate(savedAt)));
  const note =
    `<p class="saved-copy-note" role="status" data-saved-at="${escapeHtml(savedAt || "")}">` +
    `<strong>${title}</strong> ${escapeHtml(CONFIG.strings.savedCopyDetail)}</p>`;
  const anchor = /<main\b[^>]*>/i.exec(html) || /<body\b[^>]*>/i.exec(html);
  const body = anchor
    ? html.slice(0, anchor.index + anchor[0].length) + note + html.slice(anchor.index + anchor[0].length)
    : note + html;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.set("X-ROS1-Saved-Copy", savedAt || "");
  return new Response(body, { status: 200, statusText: "OK", headers });
}

// Only the plain published page is a saved copy: never a reviewer's preview
// (?preview=1, sent no-store), a redirect or an error.
function isKeepable(url, response) {
  return (
    !url.search &&
    response.ok &&
    response.type === "basic" &&
    !response.redirected &&
    !/no-store|private/i.test(response.headers.get("Cache-Control") || "")
  );
}

async function savedCopy(pathname) {
  const runtime = await caches.open(PAGES_CACHE);
  const fresher = await runtime.match(pathname, MATCH_OPTIONS);
  if (fresher) {
    return fresher;
  }
  // Django varies pages on Cookie and Accept-Language; a saved copy is a saved copy.
  const key = precaching.getCacheKeyForURL(pathname);
  const precache = await caches.open(core.cacheNames.precache);
  return key ? precache.match(key, { ignoreVary: true }) : undefined;
}

function timeout(seconds) {
  return new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000));
}

// Network first for pages of the library and the app's shells, falling back to
// the saved copy when the network fails, answers 5xx, or takes too long.
async function handlePage({ event, request, url }) {
  const network = (async () => {
    const preloaded = event.preloadResponse ? await event.preloadResponse : undefined;
    const response = preloaded || (await fetch(request));
    if (isKeepable(url, response)) {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(url.pathname, response.clone());
    }
    return response;
  })();
  // The network may still answer after we gave up waiting: keep its copy.
  event.waitUntil(network.catch(() => null));
  let response = null;
  try {
    response = await Promise.race([network, timeout(CONFIG.networkTimeoutSeconds)]);
  } catch {
    response = null;
  }
  if (response && response.status < 500) {
    return response;
  }
  const saved = await savedCopy(url.pathname);
  if (saved) {
    return SHELLS.has(url.pathname) ? saved : withSavedCopyNote(saved);
  }
  if (response) {
    return response;
  }
  try {
    return await network;
  } catch {
    return offlinePage();
  }
}

async function offlinePage() {
  const page = await savedCopy(CONFIG.offlineUrl);
  return page || Response.error();
}

// Order matters: the first matching route answers.
routing.registerRoute(
  ({ url }) => isSameOrigin(url) && url.pathname.startsWith("/api/"),
  new strategies.NetworkOnly(),
);
routing.registerRoute(
  ({ request, url }) =>
    isSameOrigin(url) &&
    (request.mode === "navigate" || request.destination === "document") &&
    (PAGES.has(url.pathname) || SHELLS.has(url.pathname)),
  handlePage,
);
// Hashed static files, precached at install: cache first, then the network.
precaching.addRoute({ ignoreURLParametersMatching: [/.*/], cleanURLs: false, directoryIndex: null });
// Everything else that is a page: network only, and our offline page when that fails.
routing.registerRoute(
  ({ request }) => request.mode === "navigate",
  new strategies.NetworkOnly({
    plugins: [{ handlerDidError: () => offlinePage() }],
  }),
);

// Background Sync (Chromium only): the journal registers SYNC_TAG when a
// push fails for want of a network. An open journal page runs its own sync
// (static/js/sync.js). With no page open, the worker delivers the outbox itself
// and changes nothing else on the device: the page resends the same mutation
// ids at its next visit, and the server answers them from their stored results
// (sync-protocol.md §3), so merging and flagging stay in one place (push.js).
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) {
    return;
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => {
      if (windows.length) {
        windows.forEach((client) => client.postMessage({ type: SYNC_TAG }));
        return undefined;
      }
      // One delivery at a time: the browser may fire a retry while one runs.
      delivering = delivering.catch(() => undefined).then(deliverOutbox);
      return delivering;
    }),
  );
});

let delivering = Promise.resolve();

async function deliverOutbox() {
  const idb = await storeCore.openExisting(self.indexedDB, DB_NAME);
  if (!idb) {
    return;
  }
  try {
    const csrf = await storeCore.metaValue(idb, CSRF_TOKEN_KEY);
    if (!csrf) {
      return; // never signed in on this device: entries stay here until then
    }
    const clientId = await storeCore.metaValue(idb, CLIENT_ID_KEY);
    const entries = await storeCore.freezeNextBatch(idb, outbox);
    for (let start = 0; start < entries.length; start += PUSH_BATCH) {
      const mutations = entries.slice(start, start + PUSH_BATCH).map(outbox.mutationOf);
      const response = await fetch(PUSH_URL, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ schema: SCHEMA, client_id: clientId, mutations }),
      });
      if (response.status >= 500) {
        // Not the changes' fault: failing the event makes the browser try again later.
        throw new Error(`push answered ${response.status}`);
      }
      if (!response.ok) {
        return; // signed out, outdated app, refused: the page explains at the next visit
      }
    }
  } finally {
    idb.close();
  }
}

// The weekly check-in reminder (Web Push). The notification's words are the
// worker's own, never the message's, so that no health data can show on a
// lock screen; a click opens the journal at the check-in.
const CHECKIN_URL = "/journal/?checkin=1#journal-checkin";

self.addEventListener("push", (event) => {
  event.waitUntil(
    self.registration.showNotification(CONFIG.strings.reminderTitle, {
      body: CONFIG.strings.reminderBody,
      tag: "ros1-checkin-reminder",
      data: { url: CHECKIN_URL },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(CHECKIN_URL, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === "/journal/");
      if (open) {
        return open.navigate(target).then((w) => (w || open).focus());
      }
      return self.clients.openWindow(target);
    }),
  );
});

// Tells the journal's screens that something changed, in this tab and in the
// other tabs of the same journal (BroadcastChannel).
//
// kind  "data"     entries or conflicts changed
//       "status"   the sync state or the account changed
//       "catalog"  a newer catalogue was stored
const listeners = new Set();
const channel = "BroadcastChannel" in globalThis ? new BroadcastChannel("ros1-journal") : null;

// cb(kind) runs after each change; returns a function that stops it.
export function subscribe(cb) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function emit(kind, fromOtherTab = false) {
  for (const cb of listeners) cb(kind);
  if (!fromOtherTab && channel) channel.postMessage({ kind });
}

if (channel) channel.onmessage = (event) => emit(event.data.kind, true);

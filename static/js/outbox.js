// The outbox's rules (sync-protocol.md §3), with no storage of their own:
// changes.js and push.js apply them to the database (store.js), and
// ros1site/serviceworker.py copies this module into the worker as `outbox`,
// so that a delivery with no page open picks and freezes changes by the same
// rule. It imports nothing.
//
// An outbox entry that has been sent once is never changed again: if its
// answer was lost, the server may already hold it, and resending the same
// mutation_id must mean the same change. Later edits of that entry queue
// behind it and are sent after its answer arrives.

// A change to queue, not yet sent.
export function newChange({ mutationId, collection, id, op, data, queuedAt }) {
  return {
    mutation_id: mutationId, collection, id, op, data, base_version: null, attempted: false,
    queued_at: queuedAt,
  };
}

// The entry's queued change that a new edit may still replace: the last one,
// when it was never sent. `entries` are the entry's changes, oldest first.
export function replaceable(entries) {
  const last = entries[entries.length - 1];
  return last && !last.attempted ? last : null;
}

// True when the server has never heard of the entry, so forgetting it on the
// device is the whole of deleting it.
export function neverSent(record, entries) {
  return record.version === null && entries.every((e) => !e.attempted);
}

// The next changes to send: the oldest queued change of each entry, at most
// `limit` of them. `entries` is the whole outbox, oldest first.
export function pickBatch(entries, limit = Infinity) {
  const seen = new Set();
  const batch = [];
  for (const entry of entries) {
    if (batch.length >= limit) break;
    const key = `${entry.collection}/${entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    batch.push(entry);
  }
  return batch;
}

// The change as it leaves the device: the first time, its base_version is
// fixed to the version of the entry the device holds (null for one the server
// has never confirmed) and it is marked attempted; after that it stays as it is.
export function frozen(entry, record) {
  if (entry.attempted) return entry;
  return { ...entry, base_version: record ? (record.version ?? null) : null, attempted: true };
}

// The mutation the push endpoint expects for a queued change.
export function mutationOf(entry) {
  const m = {
    mutation_id: entry.mutation_id, collection: entry.collection, id: entry.id, op: entry.op,
    base_version: entry.base_version,
  };
  if (entry.op === "upsert") m.data = entry.data;
  return m;
}

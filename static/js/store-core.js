// The journal database's layout, and the few plain-IndexedDB reads made without
// Dexie. store.js gives the layout to Dexie and is the pages' door to the
// database; ros1site/serviceworker.py copies this module into the service
// worker as `storeCore` (a classic worker cannot load Dexie), so that the
// tables and their keys are written once. It imports nothing.

// Dexie's schema, one object per database version, oldest first (store.js).
export const VERSIONS = [
  {
    records: "[collection+id], collection",
    outbox: "++seq, &mutation_id, [collection+id]",
    meta: "key",
    conflicts: "[collection+id]",
    catalog: "key",
  },
  // `flagged` (1 for an entry the server refused) is indexed so that the sync
  // state counts such entries without reading the whole journal.
  { records: "[collection+id], collection, flagged" },
];

export function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// The journal's database when this device has one, else null: it never
// creates or upgrades one (the journal's pages do that through Dexie).
export function openExisting(factory, name) {
  return new Promise((resolve) => {
    let req;
    try {
      req = factory.open(name);
    } catch {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => req.transaction.abort();
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const idb = req.result;
      idb.onversionchange = () => idb.close();
      const complete = Object.keys(VERSIONS[0]).every((table) => idb.objectStoreNames.contains(table));
      if (complete) {
        resolve(idb);
      } else {
        idb.close();
        resolve(null);
      }
    };
  });
}

export async function metaValue(idb, key) {
  const row = await request(idb.transaction("meta").objectStore("meta").get(key));
  return row === undefined ? null : row.value;
}

// The questions in the journal (deleted ones included: the caller decides).
export function questionRecords(idb) {
  return request(idb.transaction("records").objectStore("records").index("collection").getAll("questions"));
}

// The next changes to send, by the outbox's rules (`rules`: outbox.js), frozen
// in one transaction before they leave the device: an entry never sent takes
// its record's current data and version and is marked attempted.
export function freezeNextBatch(idb, rules) {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(["outbox", "records"], "readwrite");
    const queue = tx.objectStore("outbox");
    const records = tx.objectStore("records");
    const batch = [];
    queue.getAll().onsuccess = (event) => {
      for (const entry of rules.pickBatch(event.target.result)) {
        const at = batch.push(entry) - 1;
        if (!entry.attempted) {
          records.get([entry.collection, entry.id]).onsuccess = (got) => {
            batch[at] = rules.frozen(entry, got.target.result);
            queue.put(batch[at]);
          };
        }
      }
    };
    tx.oncomplete = () => resolve(batch);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

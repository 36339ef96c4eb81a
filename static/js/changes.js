// The patient's own changes: every save, deletion and settled conflict is
// written to the record and to the outbox in one IndexedDB transaction, then
// a sync is asked for. The outbox's rules are outbox.js; the conflict
// screen's choices are merge.js: settlement.
import { journalDb, getMeta, setMeta, uuid, isQuotaError } from "./store.js";
import { handTokenToWorker } from "./api.js";
import { emit } from "./events.js";
import { syncSoon } from "./sync.js";
import { replaceable, neverSent, newChange } from "./outbox.js";
import { settlement } from "./merge.js";

function entriesFor(db, collection, id) {
  return db.outbox.where("[collection+id]").equals([collection, id]).sortBy("seq");
}

async function enqueue(db, collection, id, op, data) {
  const open = replaceable(await entriesFor(db, collection, id));
  if (open) {
    // Never sent: the queued change can still become this one.
    await db.outbox.update(open.seq, { op, data });
  } else {
    await db.outbox.add(newChange({
      mutationId: uuid(), collection, id, op, data, queuedAt: new Date().toISOString(),
    }));
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
  const db = await journalDb();
  await guarded(() =>
    db.transaction("rw", db.records, db.outbox, async () => {
      const existing = await db.records.get([collection, id]);
      const record = existing || { collection, id, version: null, base: null, updated_at: null };
      record.data = data;
      record.deleted = false;
      record.flag = null;
      record.flagged = 0;
      await db.records.put(record);
      await enqueue(db, collection, id, "upsert", data);
    }),
  );
  await handTokenToWorker();
  await afterFirstEntry();
  emit("data");
  syncSoon("change");
}

export async function deleteEntry(collection, id) {
  const db = await journalDb();
  await guarded(() =>
    db.transaction("rw", db.records, db.outbox, db.conflicts, async () => {
      const record = await db.records.get([collection, id]);
      if (!record) return;
      const entries = await entriesFor(db, collection, id);
      await db.conflicts.delete([collection, id]);
      if (neverSent(record, entries)) {
        // The server has never seen it: forgetting it is the whole deletion.
        await db.outbox.bulkDelete(entries.map((e) => e.seq));
        await db.records.delete([collection, id]);
        return;
      }
      await db.records.update([collection, id], { deleted: true, flag: null, flagged: 0, conflict: false });
      await enqueue(db, collection, id, "delete", null);
    }),
  );
  await handTokenToWorker();
  emit("data");
  syncSoon("change");
}

// The first entry asks the browser to keep the journal's storage.
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

// The patient settled a conflict: "mine" pushes the device's version on top
// of the server's, "theirs" takes the server's version, and "both" pushes the
// version with both texts joined (`joinedData`, from merge.js: joinedVersion).
export async function resolveConflict(collection, id, choice, joinedData = null) {
  const db = await journalDb();
  await db.transaction("rw", db.records, db.outbox, db.conflicts, async () => {
    const conflict = await db.conflicts.get([collection, id]);
    if (!conflict) return;
    await db.conflicts.delete([collection, id]);
    const steps = settlement(conflict, choice, joinedData, uuid());
    if (steps.remove) await db.records.delete([collection, id]);
    if (steps.update) await db.records.update([collection, id], steps.update);
    if (steps.put) await db.records.put(steps.put);
    if (steps.queue) await enqueue(db, collection, steps.queue.id, steps.queue.op, steps.queue.data);
  });
  emit("data");
  syncSoon("conflict-resolved");
}

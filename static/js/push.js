// Push (sync-protocol.md §3): sends the outbox in batches and writes each
// answer to the device: applied, rejected (flagged for the patient to fix)
// or conflict (merged, or kept for the patient to settle).
import { PUSH_BATCH, PUSH_URL, SCHEMA } from "./config.js";
import { journalDb, clientId, uuid } from "./store.js";
import { api, classify } from "./api.js";
import { emit } from "./events.js";
import { pickBatch, frozen, mutationOf, newChange } from "./outbox.js";
import { conflictOutcome } from "./merge.js";

// Picks the next mutations and freezes them before they leave the device.
async function nextBatch(db) {
  return db.transaction("rw", db.outbox, db.records, async () => {
    const batch = [];
    for (const entry of pickBatch(await db.outbox.orderBy("seq").toArray(), PUSH_BATCH)) {
      let sent = entry;
      if (!entry.attempted) {
        sent = frozen(entry, await db.records.get([entry.collection, entry.id]));
        await db.outbox.put(sent);
      }
      batch.push(sent);
    }
    return batch;
  });
}

async function applied(db, entry, result) {
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

async function rejected(db, entry, result) {
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

async function conflicted(db, entry, result) {
  const current = result.current;
  const key = [entry.collection, entry.id];
  const record = await db.records.get(key);
  const entries = await db.outbox.where("[collection+id]").equals(key).toArray();
  // Everything queued for this entry failed along with it: one answer settles all.
  await db.outbox.bulkDelete(entries.map((e) => e.seq));
  if (!record) return;
  const decided = conflictOutcome(record, current);
  if (decided.outcome === "gone") {
    await db.records.delete(key);
  } else if (decided.outcome === "merged") {
    await db.records.update(key, {
      data: decided.data, version: current.version, base: current.data, updated_at: current.updated_at,
    });
    if (decided.pushAgain) {
      await db.outbox.add(newChange({
        mutationId: uuid(), collection: entry.collection, id: entry.id, op: "upsert", data: decided.data,
        queuedAt: new Date().toISOString(),
      }));
    }
  } else {
    await db.conflicts.put({
      collection: record.collection, id: record.id, mine: record.data, mineDeleted: decided.mineDeleted,
      theirs: current, base: record.base, fields: decided.fields, found_at: new Date().toISOString(),
    });
    await db.records.update(key, { conflict: true, deleted: false });
  }
}

// Sends every queued change, a batch at a time; throws StopSync when it cannot.
export async function pushAll() {
  const db = await journalDb();
  const client = await clientId();
  if (!client) return; // the journal left the device as this sync began
  for (let round = 0; round < 1000; round += 1) {
    const batch = await nextBatch(db);
    if (!batch.length) return;
    let answer;
    try {
      answer = await api("POST", PUSH_URL, {
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
        if (result.status === "applied") await applied(db, entry, result);
        else if (result.status === "conflict") await conflicted(db, entry, result);
        else if (result.status === "rejected") await rejected(db, entry, result);
      }
    });
    emit("data");
  }
}

// How two versions of an entry meet (sync-protocol.md §3, conflicts): merging a change
// the server refused as a conflict, deciding what a pulled change does to the
// device's copy, and the patient's choices on the conflict screen. Decisions
// only: push.js, pull.js and changes.js write them to the database. It imports
// nothing, so node's test runner checks it (tests/js/).

export const sameValue = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// The names of the fields whose values differ between two versions.
export function differingFields(mine, theirs) {
  return Object.keys({ ...mine, ...theirs }).filter((n) => !sameValue(mine[n], theirs[n]));
}

// Two versions changed from one base: merge when they changed different
// fields; otherwise return the fields both changed differently.
export function mergeData(base, mine, theirs) {
  const names = new Set([...Object.keys(mine || {}), ...Object.keys(theirs || {}), ...Object.keys(base || {})]);
  const merged = { ...theirs };
  const clash = [];
  for (const name of names) {
    const b = base ? base[name] : undefined;
    const mineChanged = !sameValue(mine[name], b);
    const theirsChanged = !sameValue(theirs[name], b);
    if (mineChanged && theirsChanged && !sameValue(mine[name], theirs[name])) clash.push(name);
    else if (mineChanged) merged[name] = mine[name];
  }
  return { merged, clash };
}

// The server answered "conflict" for the device's `record` with its `current`
// version. One of:
//   {outcome: "gone"}                        both sides deleted it
//   {outcome: "merged", data, pushAgain}     merged; pushAgain when the server lacks part of it
//   {outcome: "conflict", fields, mineDeleted}  the patient decides
export function conflictOutcome(record, current) {
  const mineDeleted = Boolean(record.deleted);
  if (mineDeleted && current.deleted) return { outcome: "gone" };
  if (!mineDeleted && !current.deleted) {
    const { merged, clash } = mergeData(record.base, record.data, current.data);
    if (!clash.length) return { outcome: "merged", data: merged, pushAgain: !sameValue(merged, current.data) };
    return { outcome: "conflict", fields: clash, mineDeleted: false };
  }
  // One side deleted what the other edited.
  return { outcome: "conflict", fields: [], mineDeleted };
}

// What a pulled change does to the device's copy (`record`, or undefined),
// given how many changes of that entry are still queued:
//   "keep"    a local change is waiting: its push meets this version as a conflict and merges
//   "older"   the device already holds this version or a newer one
//   "delete"  the entry was deleted on the server
//   "put"     the device takes the server's version
export function pulledAction(record, queued, change) {
  if (record && (queued || record.flag || record.conflict)) return "keep";
  if (record && record.version !== null && record.version >= change.version) return "older";
  return change.deleted ? "delete" : "put";
}

// Free-text fields whose two versions can both be kept, joined.
export const JOINABLE_FIELDS = ["notes", "answer"];

// The two versions of the free-text fields that differ, joined and marked by
// where each came from; null when anything else differs too, or when the
// joined text would be longer than a field may be.
export function joinedVersion(mine, theirs, labels, maxLength) {
  const names = differingFields(mine, theirs);
  if (!names.length || !names.every((n) => JOINABLE_FIELDS.includes(n))) return null;
  const joined = { ...mine };
  for (const n of names) {
    const parts = [];
    if (mine[n]) parts.push(`${labels.mine} ${mine[n]}`);
    if (theirs[n]) parts.push(`${labels.theirs} ${theirs[n]}`);
    joined[n] = parts.join("\n\n");
    if (joined[n].length > maxLength) return null;
  }
  return joined;
}

// What the device writes when the patient settles a stored `conflict`:
// `choice` is "mine", "theirs" or "both" (with `joinedData` from
// joinedVersion). Returns the steps, each null when not needed, in the order
// they are taken: {remove: delete the conflicting record, update: a patch
// for it, put: a whole record to write, queue: {id, op, data} to queue}.
// `newId` names the entry when the patient keeps an edit of what the other
// device deleted: a deleted id cannot come back (sync-protocol.md §3).
export function settlement(conflict, choice, joinedData, newId) {
  const { collection, id, theirs } = conflict;
  const steps = { remove: false, update: null, put: null, queue: null };
  // The device's version on top of the server's, or the server's own.
  const onTheirs = (data) => ({
    collection, id, data, version: theirs.version, base: theirs.data, deleted: false, flag: null,
    conflict: false, updated_at: theirs.updated_at,
  });
  if (choice === "both" && joinedData && !conflict.mineDeleted && !theirs.deleted) {
    return { ...steps, put: onTheirs(joinedData), queue: { id, op: "upsert", data: joinedData } };
  }
  if (choice === "theirs") {
    return theirs.deleted ? { ...steps, remove: true } : { ...steps, put: onTheirs(theirs.data) };
  }
  if (conflict.mineDeleted) {
    return {
      ...steps,
      update: { version: theirs.version, base: theirs.data, deleted: true, conflict: false },
      queue: { id, op: "delete", data: null },
    };
  }
  if (theirs.deleted) {
    return {
      ...steps,
      remove: true,
      put: {
        collection, id: newId, data: conflict.mine, version: null, base: null, deleted: false, flag: null,
        conflict: false, updated_at: null,
      },
      queue: { id: newId, op: "upsert", data: conflict.mine },
    };
  }
  return { ...steps, put: onTheirs(conflict.mine), queue: { id, op: "upsert", data: conflict.mine } };
}

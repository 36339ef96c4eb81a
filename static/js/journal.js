// Wires the journal's screens: lists (journal-lists.js), timeline
// (timeline.js), what needs attention (journal-attention.js), the entry
// forms (journal-forms.js), the account (journal-account.js), the downloads
// and deleting the account (journal-data.js) and the status line
// (journal-status.js). Everything shown comes from IndexedDB (store.js);
// every change goes through changes.js and the sync loop (sync.js).
// Evaluated before the journal starts rather than during its first read:
// store.js loads Dexie on first use, for the pages that only peek.
import "../vendor/dexie.mjs";
import { visibleRecords, cachedCatalog, getRecord, queuedChanges, storedConflicts, uuid } from "./store.js";
import { subscribe } from "./events.js";
import { startSync, syncNow, status } from "./sync.js";
import { refreshCatalog } from "./pull.js";
import { refreshAccount } from "./account.js";
import { saveEntry, deleteEntry, resolveConflict, StorageFullError } from "./changes.js";
import { validate } from "./validation.js";
import { gettext, interpolate } from "./journal-i18n.js";
import { h, focusOn, keyOf } from "./journal-dom.js";
import { buildForm, readForm, showErrors } from "./journal-forms.js";
import { renderLists, LIST_LIMIT } from "./journal-lists.js";
import { renderAttention, joinedFor } from "./journal-attention.js";
import { statusLine } from "./journal-status.js";
import { accountPanel } from "./journal-account.js";
import { dataPanel } from "./journal-data.js";
import { timelineScreen } from "./timeline.js";
import { checkinPanel } from "./journal-checkin.js";
import { trendsHtml } from "./checkin-trends.js";
import { remindersPanel } from "./checkin-reminder.js";
import { localToday } from "./validation.js";

performance.mark("journal-start");

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("sync-status"),
  formArea: $("journal-form"),
  attention: $("journal-attention"),
  lists: $("journal-lists"),
};

// What the screens show, read from IndexedDB by load().
const view = { catalog: null, records: [], queuedKeys: new Set(), conflicts: [], signedIn: false };
// The collections whose whole list the patient asked for.
const expanded = new Set();
let openForm = null; // {collection, id, isNew}

const timeline = timelineScreen(
  {
    figure: $("journal-timeline-figure"),
    lanes: $("journal-timeline-lanes"),
    scroll: $("journal-timeline-scroll"),
    legend: $("journal-timeline-legend"),
    text: $("journal-timeline-text"),
  },
  view,
);

const account = accountPanel({
  panel: $("journal-account"),
  afterSignIn: async () => {
    await renderStatus();
    focusOn(ui.status);
  },
  afterSignOut: () => refresh(),
});

const data = dataPanel({ panel: $("journal-data"), ended: $("journal-ended"), account, accountEl: $("journal-account") });

const checkin = checkinPanel({
  panel: $("journal-checkin"),
  view,
  reminders: remindersPanel($("checkin-reminders")),
  onSaved: async () => {
    await renderStatus();
    await refresh();
  },
});

const trendsEl = $("journal-trends-body");
// The charts are drawn at the width there is, so that their words stay
// readable. `room` is measured before render() writes anything: measured
// after, it would make the browser lay out the whole journal once more.
function renderTrends(room) {
  const width = Math.max(240, Math.min(720, room || 320));
  trendsEl.innerHTML = trendsHtml(view.records, view.catalog, localToday(), width);
}

const renderStatus = statusLine({
  line: ui.status,
  actions: $("sync-actions"),
  onStatus: (s) => {
    view.signedIn = s.signedIn;
    data.update(s);
    // Signed out elsewhere, or the session ended: the account panel follows.
    if (account.isStale(s)) account.render();
  },
});

async function load() {
  const [cat, recs, queued, confl, acct] = await Promise.all([
    cachedCatalog(),
    visibleRecords(),
    queuedChanges(),
    storedConflicts(),
    status(),
  ]);
  view.catalog = cat;
  view.records = recs;
  view.queuedKeys = new Set(queued.map((e) => keyOf(e.collection, e.id)));
  view.conflicts = confl;
  view.signedIn = acct.signedIn;
}

function render() {
  const room = trendsEl.clientWidth;
  renderLists(ui.lists, view, expanded);
  timeline.render();
  renderAttention(ui.attention, view);
  renderTrends(room);
  checkin.render();
}

let refreshing = null;
let refreshAgain = false;

// Reads the journal again and redraws every screen; calls made while one
// runs are folded into one more round.
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      await load();
      render();
      await renderStatus();
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

// ------------------------------------------------------------------ forms

let catalogLoading = null;

async function showForm(collection, id) {
  if (!view.catalog && catalogLoading) {
    // First visit: the forms are built from the catalogue, which may still be
    // on its way. Wait a little for it; offline, the fetch has already failed.
    await Promise.race([catalogLoading, new Promise((resolve) => setTimeout(resolve, 3000))]);
    view.catalog = await cachedCatalog();
  }
  const record = id ? await getRecord(collection, id) : null;
  const courses = view.records.filter((r) => r.collection === "courses");
  const form = buildForm(collection, record, view.catalog, courses);
  openForm = { collection, id: id || uuid(), isNew: !id };
  ui.formArea.replaceChildren(form);
  ui.formArea.hidden = false;
  if (record && record.flag) {
    showErrors(form, record.flag.fields || {}, { fromServer: true });
  }
  form.addEventListener("submit", onSubmit);
  focusOn(form.querySelector("#entry-form-heading"));
}

function closeForm(focusTarget) {
  ui.formArea.hidden = true;
  ui.formArea.replaceChildren();
  openForm = null;
  if (focusTarget) focusOn(focusTarget);
}

async function onSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const { collection, id } = openForm;
  const data = readForm(form, collection);
  const errors = validate(collection, data, view.catalog);
  const summary = showErrors(form, errors);
  if (summary) {
    focusOn(summary);
    return;
  }
  try {
    await saveEntry(collection, id, data);
  } catch (error) {
    const box = form.querySelector(".error-summary");
    box.hidden = false;
    box.textContent = error instanceof StorageFullError
      ? gettext("This device has no storage space left, so the entry was not saved. Free some space (for example, delete apps or photos you no longer need), then press Save again. What you saved before is safe.")
      : gettext("The entry could not be saved on this device. Please try again.");
    focusOn(box);
    return;
  }
  // The status tells of the change before the form closes, never after.
  await renderStatus();
  closeForm();
  await refresh();
  const selector = `[data-key="${CSS.escape(keyOf(collection, id))}"]`;
  if (!ui.lists.querySelector(selector)) {
    expanded.add(collection);
    renderLists(ui.lists, view, expanded);
  }
  focusOn(ui.lists.querySelector(selector));
}

// ------------------------------------------------------------------ events

async function onClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const { action, collection, id } = button.dataset;
  switch (action) {
    case "add":
      return collection === "checkins" ? checkin.show() : showForm(collection, null);
    case "edit":
      return collection === "checkins" ? checkin.show(id) : showForm(collection, id);
    case "cancel-form":
      return closeForm($("journal-h"));
    case "delete": {
      const li = button.closest(".entry");
      const actions = li.querySelector(".entry-actions");
      const name = li.querySelector(".entry-title").textContent;
      actions.replaceChildren(
        h("p", { class: "confirm" }, interpolate(gettext("Delete \u201c%(name)s\u201d from your journal?"), { name })),
        h("button", { type: "button", class: "button small danger", "data-action": "confirm-delete", "data-collection": collection, "data-id": id }, gettext("Yes, delete it")),
        h("button", { type: "button", class: "button small", "data-action": "cancel-delete" }, gettext("Keep it")),
      );
      return focusOn(actions.querySelector(".confirm"));
    }
    case "confirm-delete":
      await deleteEntry(collection, id);
      await renderStatus();
      await refresh();
      return focusOn($(`list-${collection}-h`));
    case "cancel-delete":
      return refresh();
    case "show-all": {
      expanded.add(collection);
      renderLists(ui.lists, view, expanded);
      const entries = ui.lists.querySelectorAll(`[data-key^="${collection}/"]`);
      return focusOn(entries[LIST_LIMIT] || entries[0]);
    }
    case "keep-both": {
      const c = view.conflicts.find((x) => x.collection === collection && x.id === id);
      const joined = c && joinedFor(c);
      if (!joined) return undefined;
      await resolveConflict(collection, id, "both", joined);
      await renderStatus();
      await refresh();
      return focusOn(ui.status);
    }
    case "keep-mine":
    case "keep-theirs":
      await resolveConflict(collection, id, action === "keep-mine" ? "mine" : "theirs");
      await renderStatus();
      await refresh();
      return focusOn(ui.status);
    default:
      return account.actions[action] ? account.actions[action]() : undefined;
  }
}

// ------------------------------------------------------------------ start

async function main() {
  await load();
  performance.mark("journal-loaded");
  // The reminder's notification opens the journal at the check-in: the form
  // comes first, before the lists and charts below it are drawn.
  if (new URLSearchParams(location.search).has("checkin")) {
    await checkin.show();
    performance.measure("checkin-first-open", "journal-start");
    document.documentElement.dataset.checkinReady = "1";
  }
  render();
  performance.mark("journal-rendered");
  performance.measure("journal-first-render", "journal-start", "journal-rendered");
  document.documentElement.dataset.journalReady = "1";
  catalogLoading = refreshCatalog();
  await renderStatus();
  await account.render();
  document.addEventListener("click", onClick);
  timeline.listen();
  subscribe((kind) => {
    if (kind === "status") renderStatus();
    else if (kind === "data" || kind === "catalog") refresh();
  });
  startSync();
  // Without an account on this device there is nobody to ask about (and a
  // 401 in the console for every visitor helps no one).
  const user = (await status()).account ? await refreshAccount() : undefined;
  if (user) {
    await account.render();
    await renderStatus();
    syncNow("account");
  } else if (user === null) {
    // The sign-in is over: the journal-data.js listener has said so in the
    // account panel; the status line follows (and the panel, if it must).
    await renderStatus();
  }
}

main();

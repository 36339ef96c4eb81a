// Wires the journal's screens: lists, forms, timeline, conflicts, account and
// the sync state. Everything shown comes from IndexedDB (store.js); every
// change goes through changes.js and the sync loop (sync.js).
import { visibleRecords, cachedCatalog, getRecord, queuedChanges, storedConflicts, uuid, COLLECTIONS } from "./store.js";
import { subscribe } from "./events.js";
import { startSync, syncNow, status, clearOutdated } from "./sync.js";
import { refreshCatalog } from "./pull.js";
import { signIn, register, signOut, refreshAccount } from "./account.js";
import { saveEntry, deleteEntry, resolveConflict, StorageFullError } from "./changes.js";
import { ApiError } from "./api.js";
import { differingFields, joinedVersion } from "./merge.js";
import { validate } from "./validation.js";
import { gettext, ngettext, interpolate } from "./journal-i18n.js";
import { esc, h, focusOn, stackRow } from "./journal-dom.js";
import { KINDS, title, detail, fieldLabel, fieldValue, sortDate } from "./journal-text.js";
import { buildForm, readForm, showErrors } from "./journal-forms.js";
import { timelineSvg, timelineTable, timelineLegend } from "./timeline.js";
import { localToday, TEXT_MAX } from "./validation.js";

performance.mark("journal-start");

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("sync-status"),
  statusActions: $("sync-actions"),
  account: $("journal-account"),
  attention: $("journal-attention"),
  formArea: $("journal-form"),
  timeline: $("journal-timeline-figure"),
  timelineLanes: $("journal-timeline-lanes"),
  timelineScroll: $("journal-timeline-scroll"),
  timelineLegend: $("journal-timeline-legend"),
  timelineText: $("journal-timeline-text"),
  lists: $("journal-lists"),
  notice: $("journal-notice"),
};

let catalog = null;
let records = [];
let queuedKeys = new Set();
let conflicts = [];
let signedIn = false;
let openForm = null; // {collection, id, isNew}

const keyOf = (collection, id) => `${collection}/${id}`;

async function load() {
  const [cat, recs, queued, confl, acct] = await Promise.all([
    cachedCatalog(),
    visibleRecords(),
    queuedChanges(),
    storedConflicts(),
    status(),
  ]);
  catalog = cat;
  records = recs;
  queuedKeys = new Set(queued.map((e) => keyOf(e.collection, e.id)));
  conflicts = confl;
  signedIn = acct.signedIn;
}

// ------------------------------------------------------------------ lists

function entryHtml(r) {
  const key = keyOf(r.collection, r.id);
  const name = title(r.collection, r.data, catalog);
  const states = [];
  if (r.conflict) states.push(`<p class="entry-state entry-attention">${esc(gettext("Changed on two devices: choose a version above."))}</p>`);
  else if (r.flag) states.push(`<p class="entry-state entry-attention">${esc(gettext("Not accepted by your account: fix it."))}</p>`);
  else if (signedIn && queuedKeys.has(key)) states.push(`<p class="entry-state">${esc(gettext("Waiting to be saved to your account"))}</p>`);
  return (
    `<li class="entry" data-key="${esc(key)}" tabindex="-1"><p class="entry-title">${esc(name)}</p>` +
    `<p class="entry-detail">${esc(detail(r.collection, r.data, catalog))}</p>${states.join("")}` +
    `<div class="entry-actions"><button type="button" class="button small" data-action="edit" data-collection="${r.collection}" data-id="${esc(r.id)}">` +
    `${esc(gettext("Change"))}<span class="visually-hidden"> ${esc(name)}</span></button>` +
    `<button type="button" class="button small danger" data-action="delete" data-collection="${r.collection}" data-id="${esc(r.id)}">` +
    `${esc(gettext("Delete"))}<span class="visually-hidden"> ${esc(name)}</span></button></div></li>`
  );
}

function sortedFor(collection) {
  const list = records.filter((r) => r.collection === collection);
  if (collection === "questions") {
    return list.sort((a, b) => Number(a.data.asked) - Number(b.data.asked) || (a.data.text || "").localeCompare(b.data.text || ""));
  }
  return list.sort((a, b) => sortDate(collection, b.data).localeCompare(sortDate(collection, a.data)));
}

// Long lists open with their most recent entries; "Show all" brings the rest.
const LIST_LIMIT = 50;
const expanded = new Set();

function renderLists() {
  ui.lists.innerHTML = COLLECTIONS.map((collection) => {
    const list = sortedFor(collection);
    const kind = KINDS[collection];
    const shown = expanded.has(collection) ? list : list.slice(0, LIST_LIMIT);
    let items = list.length
      ? `<ul class="entries">${shown.map(entryHtml).join("")}</ul>`
      : `<p class="empty">${esc(gettext("Nothing here yet."))}</p>`;
    if (shown.length < list.length) {
      items +=
        `<p class="list-more">${esc(interpolate(gettext("Showing %(shown)s of %(all)s."), { shown: shown.length, all: list.length }))} ` +
        `<button type="button" class="button small" data-action="show-all" data-collection="${collection}">` +
        `${esc(interpolate(gettext("Show all %(all)s"), { all: list.length }))}<span class="visually-hidden"> ${esc(kind.title())}</span></button></p>`;
    }
    return (
      `<section class="journal-list" aria-labelledby="list-${collection}-h"><div class="list-head">` +
      `<h2 id="list-${collection}-h" tabindex="-1">${esc(kind.title())} <span class="count">(${list.length})</span></h2>` +
      `<button type="button" class="button" data-action="add" data-collection="${collection}">${esc(kind.add())}</button></div>${items}</section>`
    );
  }).join("");
}

function renderTimeline() {
  const today = localToday();
  const frame = ui.timeline.parentElement;
  const drawn = timelineSvg(records, catalog, today, frame.clientWidth || 640);
  // The legend sits outside the sideways-scrolling picture so it stays in view.
  ui.timelineLegend.innerHTML = drawn ? timelineLegend(catalog) : "";
  ui.timelineLanes.innerHTML = drawn ? drawn.lanes : "";
  ui.timeline.innerHTML = drawn
    ? drawn.picture
    : `<p class="empty">${esc(gettext("Your timeline appears here when you add a treatment, a scan or a side effect."))}</p>`;
  // Wider than the screen: open on the latest months, with visible buttons
  // (not only a swipe nobody sees) to reach the earlier ones.
  ui.timeline.scrollLeft = ui.timeline.scrollWidth;
  updateTimelineScroll();
  const svg = Boolean(drawn);
  const details = ui.timelineText.closest("details");
  details.hidden = !svg;
  // The table is written when it is opened: a thousand rows nobody asked for
  // would only slow the journal's first render.
  ui.timelineText.innerHTML = svg && details.open ? timelineTable(records, catalog) : "";
}

// ------------------------------------------------------------------ attention

// Both versions of a note, joined and marked by device, when only notes differ.
function joinedFor(c) {
  const labels = { mine: gettext("From this device:"), theirs: gettext("From your account:") };
  return joinedVersion(c.mine || {}, c.theirs.data || {}, labels, TEXT_MAX);
}

function conflictHtml(c) {
  const kind = KINDS[c.collection].one();
  const mine = c.mine || {};
  const theirs = c.theirs.data || {};
  const name = title(c.collection, c.mineDeleted ? theirs : mine, catalog);
  let intro;
  let keepMine;
  let keepTheirs;
  let table = "";
  if (c.mineDeleted) {
    intro = gettext("You deleted this entry on this device, but it was changed on another device.");
    keepMine = gettext("Delete it");
    keepTheirs = gettext("Keep the changed version");
  } else if (c.theirs.deleted) {
    intro = gettext("This entry was deleted on another device, but you changed it on this device.");
    keepMine = gettext("Keep my version");
    keepTheirs = gettext("Delete it");
  } else {
    intro = gettext("This entry was changed on this device and on another device. Choose the version to keep: the other one will be discarded.");
    keepMine = gettext("Keep the version from this device");
    keepTheirs = gettext("Keep the version from your account");
  }
  if (!c.mineDeleted && !c.theirs.deleted) {
    const names = differingFields(mine, theirs);
    const sides = [gettext("On this device"), gettext("In your account")];
    table =
      `<table class="conflict-table stack-table"><caption>${esc(gettext("What differs"))}</caption><thead><tr><th scope="col">${esc(gettext("Field"))}</th>` +
      `<th scope="col">${esc(sides[0])}</th><th scope="col">${esc(sides[1])}</th></tr></thead><tbody>` +
      names
        .map((n) => stackRow([fieldValue(c.collection, n, mine, catalog), fieldValue(c.collection, n, theirs, catalog)], sides, fieldLabel(n)))
        .join("") +
      `</tbody></table>`;
  } else {
    const data = c.mineDeleted ? theirs : mine;
    table = `<p class="conflict-version"><strong>${esc(c.mineDeleted ? gettext("The changed version:") : gettext("Your version:"))}</strong> ${esc(title(c.collection, data, catalog))}. ${esc(detail(c.collection, data, catalog))}</p>`;
  }
  const attrs = `data-collection="${c.collection}" data-id="${esc(c.id)}"`;
  const both = !c.mineDeleted && !c.theirs.deleted && joinedFor(c);
  return (
    `<article class="conflict" data-key="${esc(keyOf(c.collection, c.id))}"><h3>${esc(interpolate(gettext("Two versions of the %(kind)s \u201c%(name)s\u201d"), { kind, name }))}</h3>` +
    `<p>${esc(intro)}</p>${table}<div class="conflict-actions">` +
    `<button type="button" class="button" data-action="keep-mine" ${attrs}>${esc(keepMine)}</button>` +
    `<button type="button" class="button" data-action="keep-theirs" ${attrs}>${esc(keepTheirs)}</button>` +
    (both ? `<button type="button" class="button" data-action="keep-both" ${attrs}>${esc(gettext("Keep both texts"))}</button>` : "") +
    `</div></article>`
  );
}

function flaggedHtml(r) {
  const name = title(r.collection, r.data, catalog);
  const fields = (r.flag && r.flag.fields) || {};
  const lines = Object.entries(fields).map(([n, msgs]) => `<li>${esc(fieldLabel(n))}: ${esc([].concat(msgs).join(" "))}</li>`);
  if (!lines.length) lines.push(`<li>${esc((r.flag && r.flag.detail) || r.flag.error)}</li>`);
  return (
    `<article class="flagged" data-key="${esc(keyOf(r.collection, r.id))}"><h3>${esc(interpolate(gettext("Your account did not accept the %(kind)s \u201c%(name)s\u201d"), { kind: KINDS[r.collection].one(), name }))}</h3>` +
    `<p>${esc(gettext("It is kept on this device. Fix what is listed, and it will be saved to your account."))}</p><ul>${lines.join("")}</ul>` +
    `<button type="button" class="button" data-action="edit" data-collection="${r.collection}" data-id="${esc(r.id)}">${esc(gettext("Fix it"))}<span class="visually-hidden"> ${esc(name)}</span></button></article>`
  );
}

function renderAttention() {
  const flagged = records.filter((r) => r.flag);
  if (!conflicts.length && !flagged.length) {
    ui.attention.hidden = true;
    ui.attention.innerHTML = "";
    return;
  }
  ui.attention.hidden = false;
  ui.attention.innerHTML =
    `<h2 id="attention-h" tabindex="-1">${esc(gettext("Needs your attention"))}</h2>` +
    conflicts.map(conflictHtml).join("") +
    flagged.map(flaggedHtml).join("");
}

// ------------------------------------------------------------------ status

let shownAccount = null;
let statusCalls = 0;
let latestStatus = Promise.resolve();

// Renders the sync status. Calls overlap (every sync step asks for one), so
// only the latest call writes, and an earlier call resolves when it has: an
// earlier one may have read the outbox before the change the latest has seen.
function renderStatus() {
  const call = ++statusCalls;
  latestStatus = writeStatus(call);
  return latestStatus;
}

async function writeStatus(call) {
  const s = await status();
  if (call !== statusCalls) return latestStatus;
  signedIn = s.signedIn;
  const accountState = JSON.stringify([s.account, s.signedIn]);
  if (shownAccount !== null && shownAccount !== accountState) {
    // Signed out elsewhere, or the session ended: the account panel follows.
    renderAccount();
  }
  const lines = [];
  ui.statusActions.replaceChildren();
  if (s.outdated) {
    lines.push(gettext("This app needs an update before it can save to your account. Your changes are kept on this device."));
    ui.statusActions.append(
      h("button", { type: "button", class: "button", onclick: async () => { await clearOutdated(); location.reload(); } }, gettext("Update the app")),
    );
  } else if (!s.account) {
    lines.push(gettext("Your journal is saved on this device only."));
  } else if (!s.signedIn) {
    lines.push(interpolate(ngettext(
      "Sign in again to save your changes to your account. %(n)s change is kept on this device.",
      "Sign in again to save your changes to your account. %(n)s changes are kept on this device.", s.waiting), { n: s.waiting }));
  } else {
    if (s.attention) {
      lines.push(interpolate(ngettext("%(n)s change needs your attention", "%(n)s changes need your attention", s.attention), { n: s.attention }));
    }
    if (s.waiting) {
      lines.push(interpolate(ngettext("%(n)s change waiting for a connection", "%(n)s changes waiting for a connection", s.waiting), { n: s.waiting }));
    }
    if (!s.attention && !s.waiting) {
      // Offline, "saved to your account" would be a promise the app cannot check.
      lines.push(s.offline
        ? gettext("Offline. Everything on this device is saved; nothing is waiting.")
        : gettext("All changes saved to your account"));
    }
  }
  const html = lines.map((l) => `<span class="status-line">${esc(l)}</span>`).join(" ");
  if (ui.status.innerHTML !== html) ui.status.innerHTML = html;
  ui.status.dataset.state = s.outdated ? "outdated" : !s.account ? "device-only" : !s.signedIn ? "signed-out" : s.attention ? "attention" : s.waiting ? "waiting" : "saved";
}

// ------------------------------------------------------------------ account

function accountForm(mode, email) {
  const isRegister = mode === "register";
  const form = h(
    "form",
    { class: "account-form", novalidate: true, "aria-labelledby": "account-form-h" },
    h("h3", { id: "account-form-h", tabindex: "-1" }, isRegister ? gettext("Create an account") : gettext("Sign in")),
    h("p", { class: "error-summary", id: "account-error", role: "alert", hidden: true }),
    h("div", { class: "field" },
      h("label", { for: "acct-email" }, gettext("Email address")),
      h("p", { class: "field-error", id: "acct-email-error", hidden: true }),
      h("input", { id: "acct-email", name: "email", type: "email", autocomplete: "email", required: true, value: email || "", "aria-describedby": "acct-email-error" })),
    h("div", { class: "field" },
      h("label", { for: "acct-password" }, gettext("Password")),
      isRegister ? h("p", { class: "field-hint", id: "acct-password-hint" }, gettext("At least 8 characters, not only numbers, not a common password.")) : null,
      h("p", { class: "field-error", id: "acct-password-error", hidden: true }),
      h("input", {
        id: "acct-password", name: "password", type: "password", required: true,
        autocomplete: isRegister ? "new-password" : "current-password",
        "aria-describedby": isRegister ? "acct-password-hint acct-password-error" : "acct-password-error",
      })),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button primary" }, isRegister ? gettext("Create my account") : gettext("Sign in")),
      h("button", { type: "button", class: "button", "data-action": "account-cancel" }, gettext("Cancel"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fd = new FormData(form);
    const errorBox = form.querySelector("#account-error");
    for (const id of ["acct-email-error", "acct-password-error"]) {
      const el = form.querySelector(`#${id}`);
      el.hidden = true;
      el.textContent = "";
    }
    errorBox.hidden = true;
    try {
      const call = isRegister ? register : signIn;
      await call(String(fd.get("email") || ""), String(fd.get("password") || ""));
      await renderAccount();
      await renderStatus();
      focusOn(ui.status);
    } catch (error) {
      let message = gettext("Could not reach the server. Check your connection and try again.");
      if (error instanceof ApiError) {
        message = error.body.detail || message;
        for (const [name, msgs] of Object.entries(error.body.fields || {})) {
          const slot = form.querySelector(`#acct-${name}-error`);
          if (slot) {
            slot.hidden = false;
            slot.textContent = [].concat(msgs).join(" ");
            form.querySelector(`#acct-${name}`).setAttribute("aria-invalid", "true");
          }
        }
      }
      errorBox.hidden = false;
      errorBox.textContent = message;
    }
  });
  return form;
}

async function renderAccount(message) {
  const s = await status();
  shownAccount = JSON.stringify([s.account, s.signedIn]);
  const parts = [h("h2", { id: "account-h" }, gettext("Your account"))];
  if (message) parts.push(h("p", { class: "notice", role: "status" }, message));
  if (!s.account) {
    parts.push(
      h("p", {}, gettext("Your journal is saved on this device only. Nobody else can see it, and it is not backed up: if this device is lost or its data is cleared, the journal is gone. Create an account or sign in to keep a copy in your account and to use it on other devices.")),
      h("div", { class: "account-actions" },
        h("button", { type: "button", class: "button", "data-action": "show-signin" }, gettext("Sign in")),
        h("button", { type: "button", class: "button", "data-action": "show-register" }, gettext("Create an account"))),
    );
  } else if (!s.signedIn) {
    parts.push(
      h("p", {}, interpolate(gettext("You are signed out. Sign in again as %(email)s to save your changes to your account."), { email: s.account.email })),
      accountForm("signin", s.account.email),
    );
  } else {
    parts.push(
      h("p", {}, interpolate(gettext("Signed in as %(email)s. Your journal is kept on this device and in your account."), { email: s.account.email })),
      h("div", { class: "account-actions" }, h("button", { type: "button", class: "button", "data-action": "sign-out" }, gettext("Sign out"))),
      h("div", { id: "signout-area" }),
    );
  }
  ui.account.replaceChildren(...parts);
}

async function startSignOut() {
  const s = await status();
  const area = ui.account.querySelector("#signout-area");
  const unsaved = s.waiting + s.attention;
  if (unsaved) {
    area.replaceChildren(
      h("div", { class: "signout-warning", role: "alert" },
        h("p", {}, interpolate(ngettext(
          "%(n)s change has not been saved to your account yet. If you sign out now, it will be lost.",
          "%(n)s changes have not been saved to your account yet. If you sign out now, they will be lost.", unsaved), { n: unsaved })),
        h("div", { class: "account-actions" },
          h("button", { type: "button", class: "button danger", "data-action": "sign-out-anyway" }, ngettext("Sign out and delete it", "Sign out and delete them", unsaved)),
          h("button", { type: "button", class: "button", "data-action": "sign-out-cancel" }, gettext("Stay signed in")))),
    );
    focusOn(area.querySelector(".signout-warning p"));
    return;
  }
  await finishSignOut();
}

async function finishSignOut() {
  try {
    await signOut();
  } catch (error) {
    const area = ui.account.querySelector("#signout-area");
    area.replaceChildren(h("p", { class: "error-summary", role: "alert" }, gettext("Signing out needs a connection. Nothing was removed; try again when you are online.")));
    return;
  }
  await refresh();
  await renderAccount(gettext("You have signed out. Your journal was removed from this device."));
  focusOn(ui.account.querySelector(".notice"));
}

// ------------------------------------------------------------------ forms

let catalogLoading = null;

async function showForm(collection, id) {
  if (!catalog && catalogLoading) {
    // First visit: the forms are built from the catalogue, which may still be
    // on its way. Wait a little for it; offline, the fetch has already failed.
    await Promise.race([catalogLoading, new Promise((resolve) => setTimeout(resolve, 3000))]);
    catalog = await cachedCatalog();
  }
  const record = id ? await getRecord(collection, id) : null;
  const courses = records.filter((r) => r.collection === "courses");
  const form = buildForm(collection, record, catalog, courses);
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
  const errors = validate(collection, data, catalog);
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
    renderLists();
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
      return showForm(collection, null);
    case "edit":
      return showForm(collection, id);
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
      renderLists();
      const entries = ui.lists.querySelectorAll(`[data-key^="${collection}/"]`);
      return focusOn(entries[LIST_LIMIT] || entries[0]);
    }
    case "keep-both": {
      const c = conflicts.find((x) => x.collection === collection && x.id === id);
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
    case "show-signin":
    case "show-register": {
      const form = accountForm(action === "show-register" ? "register" : "signin");
      ui.account.querySelector(".account-actions").replaceWith(form);
      return focusOn(form.querySelector("#account-form-h"));
    }
    case "account-cancel":
      return renderAccount();
    case "sign-out":
      return startSignOut();
    case "sign-out-anyway":
      return finishSignOut();
    case "sign-out-cancel":
      ui.account.querySelector("#signout-area").replaceChildren();
      return focusOn(ui.account.querySelector("[data-action=sign-out]"));
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ start

let refreshing = null;
let refreshAgain = false;

function updateTimelineScroll() {
  const fig = ui.timeline;
  for (const text of fig.querySelectorAll("text[data-min]")) {
    const at = Math.min(Number(text.dataset.max), Math.max(Number(text.dataset.min), fig.scrollLeft + 4));
    text.setAttribute("x", at.toFixed(1));
  }
  const overflows = fig.scrollWidth > fig.clientWidth + 1;
  ui.timelineScroll.hidden = !overflows;
  if (!overflows) return;
  ui.timelineScroll.querySelector('[data-scroll="-1"]').disabled = fig.scrollLeft <= 0;
  ui.timelineScroll.querySelector('[data-scroll="1"]').disabled = fig.scrollLeft + fig.clientWidth >= fig.scrollWidth - 1;
}

function scrollTimeline(direction) {
  const fig = ui.timeline;
  fig.scrollLeft += direction * Math.max(120, fig.clientWidth * 0.8);
  updateTimelineScroll();
}

async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      await load();
      renderLists();
      renderTimeline();
      renderAttention();
      await renderStatus();
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

async function main() {
  await load();
  performance.mark("journal-loaded");
  renderLists();
  renderTimeline();
  renderAttention();
  performance.mark("journal-rendered");
  performance.measure("journal-first-render", "journal-start", "journal-rendered");
  document.documentElement.dataset.journalReady = "1";
  catalogLoading = refreshCatalog();
  await renderStatus();
  await renderAccount();
  document.addEventListener("click", onClick);
  ui.timelineText.closest("details").addEventListener("toggle", renderTimeline);
  ui.timeline.addEventListener("scroll", updateTimelineScroll, { passive: true });
  for (const button of ui.timelineScroll.querySelectorAll("[data-scroll]")) {
    button.addEventListener("click", () => scrollTimeline(Number(button.dataset.scroll)));
  }
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(renderTimeline, 200);
  });
  subscribe((kind) => {
    if (kind === "status") renderStatus();
    else if (kind === "data" || kind === "catalog") refresh();
  });
  startSync();
  // Without an account on this device there is nobody to ask about (and a
  // 401 in the console for every visitor helps no one).
  const user = (await status()).account ? await refreshAccount() : undefined;
  if (user !== undefined) {
    await renderAccount();
    await renderStatus();
    if (user) syncNow("account");
  }
}

main();

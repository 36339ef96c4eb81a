// The journal's lists, one per collection, newest first. Written as one HTML
// string (esc() for every value): hundreds of entries render much faster so
// than as thousands of createElement calls.
import { gettext, interpolate } from "./journal-i18n.js";
import { esc, keyOf } from "./journal-dom.js";
import { KINDS, title, detail, sortDate } from "./journal-text.js";
import { COLLECTIONS } from "./store.js";

// Long lists open with their most recent entries; "Show all" brings the rest.
export const LIST_LIMIT = 50;

function entryHtml(r, view) {
  const key = keyOf(r.collection, r.id);
  const name = title(r.collection, r.data, view.catalog);
  const states = [];
  if (r.conflict) states.push(`<p class="entry-state entry-attention">${esc(gettext("Changed on two devices: choose a version above."))}</p>`);
  else if (r.flag) states.push(`<p class="entry-state entry-attention">${esc(gettext("Not accepted by your account: fix it."))}</p>`);
  else if (view.signedIn && view.queuedKeys.has(key)) states.push(`<p class="entry-state">${esc(gettext("Waiting to be saved to your account"))}</p>`);
  return (
    `<li class="entry" data-key="${esc(key)}" tabindex="-1"><p class="entry-title">${esc(name)}</p>` +
    `<p class="entry-detail">${esc(detail(r.collection, r.data, view.catalog))}</p>${states.join("")}` +
    `<div class="entry-actions"><button type="button" class="button small" data-action="edit" data-collection="${r.collection}" data-id="${esc(r.id)}">` +
    `${esc(gettext("Change"))}<span class="visually-hidden"> ${esc(name)}</span></button>` +
    `<button type="button" class="button small danger" data-action="delete" data-collection="${r.collection}" data-id="${esc(r.id)}">` +
    `${esc(gettext("Delete"))}<span class="visually-hidden"> ${esc(name)}</span></button></div></li>`
  );
}

function sortedFor(records, collection) {
  const list = records.filter((r) => r.collection === collection);
  if (collection === "questions") {
    return list.sort((a, b) => Number(a.data.asked) - Number(b.data.asked) || (a.data.text || "").localeCompare(b.data.text || ""));
  }
  return list.sort((a, b) => sortDate(collection, b.data).localeCompare(sortDate(collection, a.data)));
}

// view: {records, catalog, signedIn, queuedKeys}; `expanded` holds the
// collections whose whole list the patient asked for.
export function renderLists(el, view, expanded) {
  el.innerHTML = COLLECTIONS.map((collection) => {
    const list = sortedFor(view.records, collection);
    const kind = KINDS[collection];
    const shown = expanded.has(collection) ? list : list.slice(0, LIST_LIMIT);
    let items = list.length
      ? `<ul class="entries">${shown.map((r) => entryHtml(r, view)).join("")}</ul>`
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

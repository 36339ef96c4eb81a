// "Needs your attention": the conflicts the patient settles (keep this
// device's version, the account's, or both texts) and the entries the server
// refused. Written as one HTML string, like the lists.
import { gettext, interpolate } from "./journal-i18n.js";
import { esc, keyOf, stackRow } from "./journal-dom.js";
import { KINDS, title, detail, fieldLabel, fieldValue } from "./journal-text.js";
import { differingFields, joinedVersion } from "./merge.js";
import { TEXT_MAX } from "./validation.js";

// Both versions of a note, joined and marked by device, when only notes differ.
export function joinedFor(c) {
  const labels = { mine: gettext("From this device:"), theirs: gettext("From your account:") };
  return joinedVersion(c.mine || {}, c.theirs.data || {}, labels, TEXT_MAX);
}

function conflictHtml(c, catalog) {
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
    const sides = [gettext("On this device"), gettext("In your account")];
    table =
      `<table class="conflict-table stack-table"><caption>${esc(gettext("What differs"))}</caption><thead><tr><th scope="col">${esc(gettext("Field"))}</th>` +
      `<th scope="col">${esc(sides[0])}</th><th scope="col">${esc(sides[1])}</th></tr></thead><tbody>` +
      differingFields(mine, theirs)
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

function flaggedHtml(r, catalog) {
  const name = title(r.collection, r.data, catalog);
  const fields = (r.flag && r.flag.fields) || {};
  const lines = Object.entries(fields).map(([n, msgs]) => `<li>${esc(fieldLabel(n, r.data, catalog))}: ${esc([].concat(msgs).join(" "))}</li>`);
  if (!lines.length) lines.push(`<li>${esc((r.flag && r.flag.detail) || r.flag.error)}</li>`);
  return (
    `<article class="flagged" data-key="${esc(keyOf(r.collection, r.id))}"><h3>${esc(interpolate(gettext("Your account did not accept the %(kind)s \u201c%(name)s\u201d"), { kind: KINDS[r.collection].one(), name }))}</h3>` +
    `<p>${esc(gettext("It is kept on this device. Fix what is listed, and it will be saved to your account."))}</p><ul>${lines.join("")}</ul>` +
    `<button type="button" class="button" data-action="edit" data-collection="${r.collection}" data-id="${esc(r.id)}">${esc(gettext("Fix it"))}<span class="visually-hidden"> ${esc(name)}</span></button></article>`
  );
}

// view: {records, conflicts, catalog}. Hidden when nothing needs attention.
export function renderAttention(el, view) {
  const flagged = view.records.filter((r) => r.flag);
  if (!view.conflicts.length && !flagged.length) {
    el.hidden = true;
    el.innerHTML = "";
    return;
  }
  el.hidden = false;
  el.innerHTML =
    `<h2 id="attention-h" tabindex="-1">${esc(gettext("Needs your attention"))}</h2>` +
    view.conflicts.map((c) => conflictHtml(c, view.catalog)).join("") +
    flagged.map((r) => flaggedHtml(r, view.catalog)).join("");
}

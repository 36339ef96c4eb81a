// Small DOM helpers shared by the journal's screens.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Escapes text for HTML built as strings (lists of hundreds of entries render
// much faster as one string than as thousands of createElement calls).
export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// h("p", {class: "x", id: "y"}, "text", otherNode)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function label(catalog, enumeration, value) {
  const entries = (catalog && catalog.enumerations && catalog.enumerations[enumeration]) || [];
  const found = entries.find((e) => e.value === value);
  return found ? found.label : value === null || value === undefined ? "" : String(value);
}

// Moves focus to an element that is not normally focusable (a heading, a message).
export function focusOn(el) {
  if (!el) return;
  if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.focus();
}

// One row of a .stack-table: on a phone each cell shows its column's heading
// (data-label), since the header row is hidden there. Empty cells are left
// out of the stacked view rather than shown as a bare heading.
export function stackRow(cells, headings, rowHeading = null) {
  const cell = (value, i) =>
    `<td${value === "" || value === null || value === undefined ? ' class="stack-empty"' : ` data-label="${esc(headings[i])}"`}>${esc(value)}</td>`;
  const first = rowHeading === null ? "" : `<th scope="row">${esc(rowHeading)}</th>`;
  return `<tr>${first}${cells.map(cell).join("")}</tr>`;
}

// The data-key by which the screens find an entry's element.
export const keyOf = (collection, id) => `${collection}/${id}`;

// The weekly check-in on the journal screen: when the next one is due, the
// form (the catalogue's check-in symptoms, each rated on the attributes that
// fit it, any other symptom, wellbeing 0..10 and a note), its draft kept on
// this device, and what the app says after a bad week. The rules are
// checkin.js's; the check-in is saved through changes.js like every entry, so
// it waits in the outbox offline. Built with h().
import { gettext, interpolate } from "./journal-i18n.js";
import { h, focusOn } from "./journal-dom.js";
import { formatDate, termName, drugName } from "./journal-text.js";
import { getMeta, setMeta, uuid } from "./store.js";
import { saveEntry, StorageFullError } from "./changes.js";
import { validate, localToday, latestAllowedDate, TEXT_MAX } from "./validation.js";
import { ATTRIBUTES, OTHER, attributesFor, checkinTerms, checkinData, nextDue, badWeek, previousOf } from "./checkin.js";
import { CARE_TEAM_PAGE, CHECKIN_DRAFT_KEY, CHECKIN_DAY_KEY } from "./config.js";
import { QUESTIONS, ANSWERS, SHORT, answerWord } from "./checkin-text.js";

// The draft lives in the journal's `meta` table: on this device only (never
// queued, never synced), and removed with the rest of the journal
// (device-reset.js) since it is health data too.
export const DRAFT_KEY = CHECKIN_DRAFT_KEY;

const checkins = (view) => view.records.filter((r) => r.collection === "checkins" && !r.deleted);

// ---------------------------------------------------------------- the form

function ratingGroup(row, attribute, value) {
  const name = `ci-${row}-${attribute}`;
  const words = ANSWERS[attribute]();
  return h(
    "fieldset",
    { class: "rating", id: name, tabindex: "-1", "data-attribute": attribute, "aria-describedby": `${name}-error` },
    h("legend", {}, QUESTIONS[attribute]()),
    h("p", { class: "field-error", id: `${name}-error`, hidden: true }),
    h(
      "div",
      { class: "rating-options" },
      words.map((word, n) =>
        h(
          "label",
          { class: "rating-option" },
          h("input", { type: "radio", name, value: String(n), checked: value === n }),
          h("span", {}, `${n} ${word}`),
        ),
      ),
    ),
  );
}

function symptomBlock(row, term, label, attributes, item, { other = false } = {}) {
  const id = `ci-${row}`;
  const parts = [
    h("legend", { id: `${id}-name` }, label),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  ];
  if (other) {
    parts.push(
      h("label", { for: `${id}-words`, class: "other-label" }, gettext("What was it?")),
      h("p", { class: "field-error", id: `${id}-term_other-error`, hidden: true }),
      h("input", {
        type: "text", id: `${id}-words`, name: `${id}-term_other`, value: (item && item.term_other) || "",
        maxlength: TEXT_MAX, autocomplete: "off", "aria-describedby": `${id}-term_other-error`,
      }),
    );
  }
  for (const a of attributes) parts.push(ratingGroup(row, a, item ? item[a] : null));
  parts.push(
    h("button", { type: "button", class: "button small", "data-action": "checkin-clear", "data-row": String(row) },
      gettext("Clear"), h("span", { class: "visually-hidden" }, ` ${label}`)),
  );
  return h("fieldset", { class: "checkin-symptom", id, "data-row": String(row), "data-term": term, tabindex: "-1" }, parts);
}

// The rows the form asks about: the catalogue's check-in terms, then any term
// the draft or the edited check-in holds that is no longer marked, then one
// "other" (or each "other" already written).
function formRows(catalog, data) {
  const terms = checkinTerms(catalog);
  const rows = terms.map((t) => ({ term: t.slug, label: t.patient_term, attributes: attributesFor(t) }));
  const items = (data && data.items) || [];
  const all = (catalog && catalog.side_effect_terms) || [];
  for (const item of items) {
    if (item.term === OTHER || rows.some((r) => r.term === item.term)) continue;
    const t = all.find((x) => x.slug === item.term);
    rows.push({ term: item.term, label: termName(catalog, item), attributes: attributesFor(t) });
  }
  const others = items.filter((i) => i.term === OTHER);
  for (const item of others.length ? others : [null]) {
    rows.push({ term: OTHER, label: gettext("Anything else?"), attributes: [...ATTRIBUTES], other: true, item });
  }
  for (const r of rows) if (!r.other) r.item = items.find((i) => i.term === r.term) || null;
  return rows;
}

function wellbeingGroup(value) {
  const options = [];
  for (let n = 0; n <= 10; n += 1) {
    let word = String(n);
    if (n === 0) word = interpolate(gettext("%(n)s (worst)"), { n });
    if (n === 10) word = interpolate(gettext("%(n)s (best)"), { n });
    options.push(h("label", { class: "rating-option" }, h("input", { type: "radio", name: "ci-wellbeing", value: String(n), checked: value === n }), h("span", {}, word)));
  }
  return h(
    "fieldset",
    { class: "rating wellbeing", id: "ci-wellbeing", tabindex: "-1", "aria-describedby": "ci-wellbeing-error" },
    h("legend", {}, gettext("Overall, how was your week?"), h("span", { class: "optional" }, ` ${gettext("(optional)")}`)),
    h("p", { class: "field-hint" }, gettext("0 is the worst week you can imagine, 10 the best.")),
    h("p", { class: "field-error", id: "ci-wellbeing-error", hidden: true }),
    h("div", { class: "rating-options" }, options),
  );
}

function courseSelect(courses, catalog, value) {
  const sorted = courses.slice().sort((a, b) => (b.data.start_date || "").localeCompare(a.data.start_date || ""));
  return h(
    "div",
    { class: "field" },
    h("label", { for: "ci-course" }, gettext("During which treatment"), h("span", { class: "optional" }, ` ${gettext("(optional)")}`)),
    h("p", { class: "field-error", id: "ci-course-error", hidden: true }),
    h(
      "select",
      { id: "ci-course", name: "ci-course", "aria-describedby": "ci-course-error" },
      h("option", { value: "" }, gettext("Not given")),
      sorted.map((c) => h("option", { value: c.id, selected: c.id === value }, `${drugName(catalog, c.data)} (${formatDate(c.data.start_date)})`)),
    ),
  );
}

// The ongoing treatment (no stop date, latest start), which a new check-in names by default.
function ongoingCourse(courses) {
  const open = courses.filter((c) => c.data.start_date && !c.data.stop_date);
  open.sort((a, b) => b.data.start_date.localeCompare(a.data.start_date));
  return open.length ? open[0].id : null;
}

export function buildCheckinForm(view, data, { isNew = true } = {}) {
  const courses = view.records.filter((r) => r.collection === "courses" && !r.deleted);
  const rows = formRows(view.catalog, data);
  const course = data ? data.course : ongoingCourse(courses);
  const form = h(
    "form",
    { class: "entry-form checkin-form", id: "checkin-form", novalidate: true, "aria-labelledby": "checkin-form-h" },
    h("h3", { id: "checkin-form-h", tabindex: "-1" }, isNew ? gettext("This week's check-in") : gettext("Change a check-in")),
    h("p", { class: "field-hint" }, gettext("About the last 7 days. Answer what applies; leave the rest. It takes about two minutes.")),
    h("div", { class: "error-summary", id: "checkin-errors", tabindex: "-1", hidden: true }),
    h(
      "div",
      { class: "field" },
      h("label", { for: "ci-date" }, gettext("Date of the check-in")),
      h("p", { class: "field-error", id: "ci-date-error", hidden: true }),
      h("input", { type: "date", id: "ci-date", name: "ci-date", value: (data && data.date) || localToday(), max: latestAllowedDate(), required: true, "aria-describedby": "ci-date-error" }),
    ),
    h("div", { class: "checkin-symptoms" }, rows.map((r, i) => symptomBlock(i, r.term, r.label, r.attributes, r.item, { other: r.other }))),
    wellbeingGroup(data ? data.wellbeing : null),
    courseSelect(courses, view.catalog, course),
    h(
      "div",
      { class: "field" },
      h("label", { for: "ci-notes" }, gettext("Notes"), h("span", { class: "optional" }, ` ${gettext("(optional)")}`)),
      h("p", { class: "field-error", id: "ci-notes-error", hidden: true }),
      h("textarea", { id: "ci-notes", name: "ci-notes", rows: 3, maxlength: TEXT_MAX, "aria-describedby": "ci-notes-error" }, (data && data.notes) || ""),
    ),
    h("p", { class: "draft-note", id: "checkin-draft-note", "aria-live": "polite" }),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "button primary" }, gettext("Save the check-in")),
      h("button", { type: "button", class: "button", "data-action": "checkin-close" }, gettext("Close (the draft is kept)")),
      h("button", { type: "button", class: "button danger", "data-action": "checkin-discard" }, gettext("Throw the draft away")),
    ),
  );
  form.rows = rows;
  for (const block of form.querySelectorAll(".checkin-symptom")) branch(block);
  form.addEventListener("change", (event) => {
    const block = event.target.closest(".checkin-symptom");
    if (block) branch(block);
  });
  return form;
}

// PRO-CTCAE's branching: a symptom rated "never" or "none" on its first
// question is not asked the others, which keeps the check-in short.
function branch(block) {
  const groups = [...block.querySelectorAll(".rating")];
  if (groups.length < 2) return;
  const first = groups[0].querySelector("input:checked");
  const skip = Boolean(first && first.value === "0");
  for (const g of groups.slice(1)) {
    g.hidden = skip;
    if (skip) for (const input of g.querySelectorAll("input")) input.checked = false;
  }
}

function intOrNull(value) {
  return value === null || value === "" ? null : Number(value);
}

// The check-in's `data` as the form holds it, and which form row each item came from.
export function readCheckinForm(form) {
  const fd = new FormData(form);
  const ratings = form.rows.map((r, i) => {
    const out = { term: r.term, term_other: r.other ? String(fd.get(`ci-${i}-term_other`) || "") : null, row: i };
    for (const a of ATTRIBUTES) out[a] = intOrNull(fd.get(`ci-${i}-${a}`));
    return out;
  });
  const data = checkinData({
    date: fd.get("ci-date") ? String(fd.get("ci-date")) : null,
    ratings,
    wellbeing: intOrNull(fd.get("ci-wellbeing")),
    course: fd.get("ci-course") ? String(fd.get("ci-course")) : null,
    notes: String(fd.get("ci-notes") || ""),
  });
  // checkinData keeps the rows' order: map each item back to its row.
  const rowOf = ratings.filter((r) => ATTRIBUTES.some((a) => r[a] !== null) || (r.term === OTHER && r.term_other.trim())).map((r) => r.row);
  return { data, rowOf };
}

// `errors` by the contract's field names (`date`, `items`, `items[3].severity`)
// under their fields, and a summary with links. Returns the summary, or null.
export function showCheckinErrors(form, errors, rowOf, { fromServer = false } = {}) {
  for (const slot of form.querySelectorAll(".field-error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = form.querySelector("#checkin-errors");
  const names = Object.keys(errors || {});
  if (!names.length) {
    summary.hidden = true;
    summary.replaceChildren();
    return null;
  }
  const links = [];
  for (const name of names) {
    const text = errors[name].join(" ");
    let target = null;
    let slot = null;
    let what = name;
    const item = /^items\[(\d+)\](?:\.(\w+))?$/.exec(name);
    if (item) {
      const row = rowOf[Number(item[1])];
      const attribute = item[2];
      const block = form.querySelector(`#ci-${row}`);
      const label = block ? block.querySelector("legend").textContent : name;
      if (attribute && ATTRIBUTES.includes(attribute)) {
        target = form.querySelector(`#ci-${row}-${attribute}`);
        slot = form.querySelector(`#ci-${row}-${attribute}-error`);
        what = `${label}, ${QUESTIONS[attribute]()}`;
      } else if (attribute === "term_other") {
        target = form.querySelector(`#ci-${row}-words`);
        slot = form.querySelector(`#ci-${row}-term_other-error`);
        what = `${label}, ${gettext("What was it?")}`;
      } else {
        target = block;
        slot = form.querySelector(`#ci-${row}-error`);
        what = label;
      }
    } else {
      const key = { date: "date", wellbeing: "wellbeing", course: "course", notes: "notes", items: "symptoms" }[name] || name;
      target = form.querySelector(`#ci-${key}`) || form.querySelector(".checkin-symptoms");
      slot = form.querySelector(`#ci-${key}-error`);
      what = { date: gettext("Date of the check-in"), wellbeing: gettext("Overall, how was your week?"), course: gettext("During which treatment"), notes: gettext("Notes"), items: gettext("Symptoms") }[name] || name;
    }
    if (slot) {
      slot.hidden = false;
      slot.textContent = text;
    }
    if (target) target.setAttribute("aria-invalid", "true");
    links.push(h("li", {}, target && target.id ? h("a", { href: `#${target.id}` }, `${what}: ${text}`) : `${what}: ${text}`));
  }
  summary.hidden = false;
  summary.replaceChildren(
    h("h4", {}, fromServer ? gettext("Your account did not accept this check-in. Please fix it:") : gettext("Please fix this before saving:")),
    h("ul", {}, links),
  );
  return summary;
}

// ---------------------------------------------------------------- the bad week

function reasonText(reason) {
  const word = answerWord(reason.attribute, reason.value);
  if (reason.kind === "high") {
    return interpolate(gettext("%(question)s: %(word)s (%(n)s of 4)."), { question: SHORT[reason.attribute](), word, n: reason.value });
  }
  return interpolate(gettext("%(question)s: two steps or more worse than the week before (was %(before)s, now %(n)s)."), {
    question: SHORT[reason.attribute](), before: reason.before, n: reason.value,
  });
}

// What the app says after a bad week: plainly, which symptoms and why, and the
// reviewed page on when to contact the care team. No advice of its own.
export function badWeekMessage(findings, catalog) {
  const box = h(
    "div",
    { class: "bad-week", id: "checkin-bad-week", role: "alert", tabindex: "-1" },
    h("h3", {}, gettext("This looks like a hard week")),
    h("p", {}, gettext("You rated these symptoms as bad, or worse than last week:")),
    h("ul", {}, findings.map((f) => h("li", {}, h("strong", {}, `${termName(catalog, f.item)}: `), f.reasons.map(reasonText).join(" ")))),
    h("p", {}, gettext("Read what our information says about when to contact your care team (it awaits medical review, like all our pages):")),
    h("p", {}, h("a", { href: CARE_TEAM_PAGE, class: "button" }, gettext("When to contact your care team"))),
    h("p", { class: "field-hint" }, gettext("This check-in stays private in your journal: nothing is sent to your care team unless you share it with them.")),
  );
  return box;
}

// ---------------------------------------------------------------- the panel

function dueSentence(due) {
  if (due.state === "none") return gettext("You have not made a check-in yet. The first one can be today.");
  if (due.state === "overdue") {
    return interpolate(gettext("Your check-in was due on %(date)s. You can do it now."), { date: formatDate(due.due) });
  }
  if (due.state === "due") return gettext("Your next check-in is due today.");
  return interpolate(gettext("Your next check-in is due on %(date)s (last one: %(last)s)."), { date: formatDate(due.due), last: formatDate(due.last) });
}

// panel: the #journal-checkin section; view: journal.js's; onSaved(): redraw.
export function checkinPanel({ panel, view, onSaved, reminders = null }) {
  const els = {
    due: panel.querySelector("#checkin-due"),
    start: panel.querySelector("#checkin-start"),
    area: panel.querySelector("#checkin-area"),
    after: panel.querySelector("#checkin-after"),
  };
  let open = null; // {id, isNew, form}

  async function render() {
    const list = checkins(view).map((r) => r.data);
    const day = await getMeta(CHECKIN_DAY_KEY);
    const due = nextDue(list, localToday(), day ? day.weekday : null);
    els.due.textContent = dueSentence(due);
    els.due.dataset.due = due.due;
    els.due.dataset.state = due.state;
    const draft = await getMeta(DRAFT_KEY);
    els.start.textContent = draft ? gettext("Continue your check-in") : gettext("Start this week's check-in");
    els.start.hidden = Boolean(open);
    if (reminders) reminders.render(due);
  }

  if (reminders) reminders.onDayChanged = () => render();

  async function saveDraft() {
    if (!open) return;
    const { data } = readCheckinForm(open.form);
    await setMeta(DRAFT_KEY, { id: open.id, isNew: open.isNew, data, saved_at: new Date().toISOString() });
    const note = open.form.querySelector("#checkin-draft-note");
    note.textContent = interpolate(gettext("Draft kept on this device (%(time)s). It is not sent anywhere until you save it."), {
      time: new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
    });
    note.dataset.saved = "1";
  }

  async function show(id = null) {
    // bench/journal_render.py reads how long the form takes to open.
    performance.mark("checkin-open");
    const draft = await getMeta(DRAFT_KEY);
    let data = null;
    let isNew = true;
    let entryId = id;
    const record = id ? view.records.find((r) => r.collection === "checkins" && r.id === id) : null;
    if (draft && (!id || draft.id === id)) {
      ({ data, isNew } = draft);
      entryId = draft.id;
    } else if (record) {
      data = record.data;
      isNew = false;
    }
    entryId ||= uuid();
    const form = buildCheckinForm(view, data, { isNew });
    open = { id: entryId, isNew, form };
    els.after.replaceChildren();
    els.area.replaceChildren(form);
    els.area.hidden = false;
    els.start.hidden = true;
    if (draft && draft.id === entryId) {
      form.querySelector("#checkin-draft-note").textContent = interpolate(gettext("Your draft from %(date)s, kept on this device."), {
        date: formatDate(draft.saved_at.slice(0, 10)),
      });
    }
    if (record && record.flag && !(draft && draft.id === entryId)) {
      // The server names items by their place in the check-in it refused.
      const rowOf = (record.data.items || []).map((item) => form.rows.findIndex((r) => r.item === item));
      showCheckinErrors(form, record.flag.fields || {}, rowOf, { fromServer: true });
    }
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", saveDraft);
    form.addEventListener("submit", onSubmit);
    focusOn(form.querySelector("#checkin-form-h"));
    performance.measure("checkin-form-open", "checkin-open");
  }

  function close(focus = true) {
    open = null;
    els.area.hidden = true;
    els.area.replaceChildren();
    els.start.hidden = false;
    if (focus) focusOn(els.start);
  }

  async function onSubmit(event) {
    event.preventDefault();
    const { form, id } = open;
    const { data, rowOf } = readCheckinForm(form);
    const summary = showCheckinErrors(form, validate("checkins", data, view.catalog), rowOf);
    if (summary) {
      focusOn(summary);
      return;
    }
    const all = checkins(view);
    const previous = previousOf(data, all, id);
    try {
      await saveEntry("checkins", id, data);
    } catch (error) {
      const box = form.querySelector("#checkin-errors");
      box.hidden = false;
      box.textContent = error instanceof StorageFullError
        ? gettext("This device has no storage space left, so the check-in was not saved. Your draft is kept. Free some space, then press Save again.")
        : gettext("The check-in could not be saved on this device. Your draft is kept. Please try again.");
      focusOn(box);
      return;
    }
    await setMeta(DRAFT_KEY, null);
    close(false);
    const findings = badWeek(data, previous);
    const done = h("p", { class: "checkin-saved", id: "checkin-saved", tabindex: "-1" }, interpolate(gettext("Check-in of %(date)s saved."), { date: formatDate(data.date) }));
    els.after.replaceChildren(done, findings.length ? badWeekMessage(findings, view.catalog) : "");
    await onSaved();
    focusOn(findings.length ? els.after.querySelector("#checkin-bad-week") : done);
  }

  panel.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const { action } = button.dataset;
    if (action === "checkin-start") await show();
    else if (action === "checkin-close") {
      await saveDraft();
      close();
      await render();
    } else if (action === "checkin-discard") {
      await setMeta(DRAFT_KEY, null);
      close();
      await render();
    } else if (action === "checkin-clear") {
      const block = open.form.querySelector(`#ci-${button.dataset.row}`);
      for (const input of block.querySelectorAll("input[type=radio]")) input.checked = false;
      branch(block);
      const words = block.querySelector("input[type=text]");
      if (words) words.value = "";
      await saveDraft();
      focusOn(block);
    }
  });

  return { render, show, isOpen: () => Boolean(open) };
}


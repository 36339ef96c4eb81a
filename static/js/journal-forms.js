// The journal's entry forms, built from the catalogue. Each field has a real
// label, fieldsets group choices, and every error message is tied to its
// field with aria-describedby.
import { gettext, interpolate, ngettext } from "./journal-i18n.js";
import { h, label } from "./journal-dom.js";
import { fieldLabel, drugName, formatDate } from "./journal-text.js";
import { latestAllowedDate, localToday, QUESTION_TEXT_MAX, DOSE_MAX } from "./validation.js";

const enumOptions = (catalog, name) => (catalog && catalog.enumerations && catalog.enumerations[name]) || [];

function errorSlot(name) {
  return h("p", { class: "field-error", id: `f-${name}-error`, hidden: true });
}

function hintEl(name, text) {
  return text ? h("p", { class: "field-hint", id: `f-${name}-hint` }, text) : null;
}

function describedBy(name, hint) {
  return [hint ? `f-${name}-hint` : null, `f-${name}-error`].filter(Boolean).join(" ");
}

function field(name, control, { hint, required } = {}) {
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: `f-${name}` }, fieldLabel(name), required ? null : h("span", { class: "optional" }, ` ${gettext("(optional)")}`)),
    hintEl(name, hint),
    errorSlot(name),
    control,
  );
}

function input(name, type, value, attrs = {}, hint = null) {
  return h("input", {
    id: `f-${name}`, name, type, value: value ?? "", "aria-describedby": describedBy(name, hint), ...attrs,
  });
}

function dateField(name, value, { required } = {}) {
  const hint = gettext("For example 2026-03-27.");
  return field(name, input(name, "date", value, { max: latestAllowedDate(), required: required || null }, hint), {
    hint, required,
  });
}

function textField(name, value, { required, maxlength, hint } = {}) {
  return field(name, input(name, "text", value, { maxlength, required: required || null, autocomplete: "off" }, hint), {
    hint, required,
  });
}

function textarea(name, value, { required, maxlength, hint } = {}) {
  return field(
    name,
    h("textarea", { id: `f-${name}`, name, rows: 3, maxlength, required: required || null, "aria-describedby": describedBy(name, hint) }, value ?? ""),
    { hint, required },
  );
}

function select(name, value, options, { required, hint, empty } = {}) {
  const control = h(
    "select",
    { id: `f-${name}`, name, required: required || null, "aria-describedby": describedBy(name, hint) },
    h("option", { value: "" }, empty || (required ? gettext("Choose…") : gettext("Not given"))),
    options.map((o) => h("option", { value: String(o.value), selected: String(o.value) === String(value ?? "") }, o.label)),
  );
  return field(name, control, { hint, required });
}

// Radio buttons or check boxes inside a fieldset whose legend names the question.
function choiceGroup(name, type, value, options, { required, hint } = {}) {
  const chosen = Array.isArray(value) ? value.map(String) : [String(value ?? "")];
  const fieldset = h(
    "fieldset",
    { class: "field choices", "data-field": name, id: `f-${name}`, tabindex: "-1", "aria-describedby": describedBy(name, hint) },
    h("legend", {}, fieldLabel(name), required ? null : h("span", { class: "optional" }, ` ${gettext("(optional)")}`)),
    hintEl(name, hint),
    errorSlot(name),
    options.map((o, i) =>
      h(
        "div",
        { class: "choice" },
        h("input", {
          type, id: `f-${name}-${i}`, name, value: String(o.value), checked: chosen.includes(String(o.value)),
          "aria-describedby": `f-${name}-error`,
        }),
        h("label", { for: `f-${name}-${i}` }, o.label),
      ),
    ),
  );
  return fieldset;
}

function courseOptions(courses, catalog) {
  return courses
    .slice()
    .sort((a, b) => (b.data.start_date || "").localeCompare(a.data.start_date || ""))
    .map((c) => ({ value: c.id, label: `${drugName(catalog, c.data)} (${formatDate(c.data.start_date)})` }));
}

const BRAIN = {
  yes: () => gettext("Brain: it works against cancer in the brain."),
  no: () => gettext("Brain: it does not work well against cancer in the brain."),
  unknown: () => gettext("Brain: not known whether it works against cancer in the brain."),
};

// What the reviewed content says about a drug, shown as soon as it is chosen.
export function drugInfo(catalog, slug) {
  const box = h("div", { class: "drug-info", id: "drug-info", "aria-live": "polite" });
  const drug = ((catalog && catalog.drugs) || []).find((d) => d.slug === slug);
  if (!drug) return box;
  box.append(
    h("p", {}, h("strong", {}, gettext("What the reviewed information says: ")), drug.rating_label),
    h("p", {}, BRAIN[drug.treats_brain] ? BRAIN[drug.treats_brain]() : BRAIN.unknown()),
  );
  if (drug.warning) box.append(h("p", { class: "drug-warning" }, h("strong", {}, gettext("Warning: ")), drug.warning));
  return box;
}

const BUILDERS = {
  courses(data, catalog) {
    const drugs = ((catalog && catalog.drugs) || []).map((d) => ({
      value: d.slug, label: d.brand_names && d.brand_names.length ? `${d.generic_name} (${d.brand_names.join(", ")})` : d.generic_name,
    }));
    drugs.push({ value: "other", label: gettext("Another medicine (type its name)") });
    return [
      select("drug", data.drug, drugs, { required: true }),
      drugInfo(catalog, data.drug),
      textField("drug_name", data.drug_name, { hint: gettext("Needed when the medicine is not in the list.") }),
      dateField("start_date", data.start_date, { required: true }),
      dateField("stop_date", data.stop_date),
      textField("dose", data.dose, { maxlength: DOSE_MAX, hint: gettext("For example 600 mg once a day.") }),
      field("line", input("line", "number", data.line, { min: 1, max: 20, step: 1, inputmode: "numeric" }, gettext("1 for the first treatment, 2 for the second, and so on.")), {
        hint: gettext("1 for the first treatment, 2 for the second, and so on."),
      }),
      select("stop_reason", data.stop_reason, enumOptions(catalog, "stop_reason"), { hint: gettext("Only when it has stopped.") }),
      textarea("notes", data.notes),
    ];
  },
  scans(data, catalog, courses) {
    return [
      dateField("date", data.date, { required: true }),
      select("modality", data.modality, enumOptions(catalog, "modality"), { required: true }),
      choiceGroup("sites", "checkbox", data.sites || [], enumOptions(catalog, "site")),
      choiceGroup("outcome", "radio", data.outcome, enumOptions(catalog, "outcome"), { required: true }),
      select("brain_outcome", data.brain_outcome, enumOptions(catalog, "outcome"), { hint: gettext("Only when the brain was scanned.") }),
      select("recist", data.recist, enumOptions(catalog, "recist"), { hint: gettext("Only if the radiology report names one.") }),
      select("course", data.course, courseOptions(courses, catalog)),
      textarea("notes", data.notes),
    ];
  },
  side_effects(data, catalog, courses) {
    const terms = ((catalog && catalog.side_effect_terms) || []).map((t) => ({ value: t.slug, label: t.patient_term }));
    terms.push({ value: "other", label: gettext("Something else (describe it)") });
    return [
      select("term", data.term, terms, { required: true }),
      textField("term_other", data.term_other, { hint: gettext("Needed when it is not in the list.") }),
      choiceGroup("severity", "radio", data.severity, enumOptions(catalog, "severity"), { required: true }),
      choiceGroup("interference", "radio", data.interference, enumOptions(catalog, "interference")),
      dateField("onset_date", data.onset_date ?? localToday(), { required: true }),
      dateField("resolved_date", data.resolved_date),
      select("action", data.action, enumOptions(catalog, "action")),
      select("course", data.course, courseOptions(courses, catalog)),
      textarea("notes", data.notes),
    ];
  },
  questions(data) {
    return [
      textarea("text", data.text, { required: true, maxlength: QUESTION_TEXT_MAX }),
      h(
        "div",
        { class: "field field-check", "data-field": "asked" },
        errorSlot("asked"),
        h("input", { type: "checkbox", id: "f-asked", name: "asked", checked: Boolean(data.asked), "aria-describedby": "f-asked-error" }),
        h("label", { for: "f-asked" }, fieldLabel("asked")),
      ),
      textarea("answer", data.answer),
      h("input", { type: "hidden", name: "source", value: data.source ?? "" }),
    ];
  },
};

export const FORM_TITLES = {
  courses: [() => gettext("Add a treatment"), () => gettext("Change a treatment")],
  scans: [() => gettext("Add a scan"), () => gettext("Change a scan")],
  side_effects: [() => gettext("Add a side effect"), () => gettext("Change a side effect")],
  questions: [() => gettext("Add a question"), () => gettext("Change a question")],
};

export function buildForm(collection, record, catalog, courses) {
  const data = record ? record.data : {};
  const [addTitle, editTitle] = FORM_TITLES[collection];
  const heading = h("h2", { id: "entry-form-heading", tabindex: "-1" }, record ? editTitle() : addTitle());
  const summary = h("div", { class: "error-summary", id: "entry-form-errors", tabindex: "-1", hidden: true });
  const form = h(
    "form",
    { class: "entry-form", "data-collection": collection, novalidate: true, "aria-labelledby": "entry-form-heading" },
    heading,
    summary,
    BUILDERS[collection](data, catalog, courses),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "button primary" }, gettext("Save")),
      h("button", { type: "button", class: "button", "data-action": "cancel-form" }, gettext("Cancel")),
    ),
  );
  if (collection === "courses") {
    form.querySelector("#f-drug").addEventListener("change", (event) => {
      form.querySelector("#drug-info").replaceWith(drugInfo(catalog, event.target.value));
    });
  }
  return form;
}

function intOrRaw(value) {
  if (value === "") return null;
  const n = Number(value);
  return Number.isNaN(n) ? value : n;
}

// Reads the form into the record's `data`, typed as the contract wants (numbers as numbers, empty as null).
export function readForm(form, collection) {
  const fd = new FormData(form);
  const text = (name) => {
    const v = fd.get(name);
    return v === null || v === "" ? null : String(v);
  };
  const notes = () => String(fd.get("notes") || "");
  switch (collection) {
    case "courses":
      return {
        drug: text("drug"), drug_name: text("drug_name"), start_date: text("start_date"), stop_date: text("stop_date"),
        dose: text("dose"), line: intOrRaw(String(fd.get("line") || "")), stop_reason: text("stop_reason"), notes: notes(),
      };
    case "scans":
      return {
        date: text("date"), modality: text("modality"), sites: fd.getAll("sites").map(String), outcome: text("outcome"),
        brain_outcome: text("brain_outcome"), recist: text("recist"), course: text("course"), notes: notes(),
      };
    case "side_effects":
      return {
        term: text("term"), term_other: text("term_other"), severity: intOrRaw(String(fd.get("severity") || "")),
        interference: intOrRaw(String(fd.get("interference") || "")), onset_date: text("onset_date"),
        resolved_date: text("resolved_date"), action: text("action"), course: text("course"), notes: notes(),
      };
    default:
      return {
        text: text("text") ?? "", source: text("source"), asked: fd.get("asked") !== null, answer: String(fd.get("answer") || ""),
      };
  }
}

// Shows messages under their fields and a summary with links; returns the summary to focus.
export function showErrors(form, errors, { fromServer = false } = {}) {
  for (const slot of form.querySelectorAll(".field-error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = form.querySelector(".error-summary");
  const names = Object.keys(errors || {});
  if (!names.length) {
    summary.hidden = true;
    summary.replaceChildren();
    return null;
  }
  const items = [];
  for (const name of names) {
    const messages = errors[name];
    const slot = form.querySelector(`#f-${CSS.escape(name)}-error`);
    const control = form.querySelector(`#f-${CSS.escape(name)}`);
    if (slot) {
      slot.hidden = false;
      slot.textContent = messages.join(" ");
    }
    if (control) control.setAttribute("aria-invalid", "true");
    items.push(
      h("li", {}, control ? h("a", { href: `#f-${name}` }, `${fieldLabel(name)}: ${messages.join(" ")}`) : `${fieldLabel(name)}: ${messages.join(" ")}`),
    );
  }
  summary.hidden = false;
  summary.replaceChildren(
    h(
      "h3",
      {},
      fromServer
        ? gettext("Your account did not accept this entry. Please fix it:")
        : interpolate(ngettext("Please fix this:", "Please fix these %(n)s things:", names.length), { n: names.length }),
    ),
    h("ul", {}, items),
  );
  return summary;
}

export { label };

// The journal's data rules, checked on the device before anything is queued.
// These are the rules of sync-protocol.md §2 with the same messages as the
// server's tracker/validation.py, kept in this one module so that a patient
// sees the same sentence whether the device or the server refused an entry.
import { gettext, interpolate } from "./journal-i18n.js";

export const TEXT_MAX = 5000;
export const QUESTION_TEXT_MAX = 1000;
export const DOSE_MAX = 100;
export const SLUG_MAX = 200;
export const OTHER = "other";

export const FIELDS = {
  courses: ["drug", "drug_name", "start_date", "stop_date", "dose", "line", "stop_reason", "notes"],
  scans: ["date", "modality", "sites", "outcome", "brain_outcome", "recist", "course", "notes"],
  side_effects: [
    "term", "term_other", "severity", "interference", "onset_date", "resolved_date", "action",
    "course", "notes",
  ],
  questions: ["text", "source", "asked", "answer"],
};

export const MESSAGES = {
  required: () => gettext("This field is required."),
  string: () => gettext("Must be a string."),
  tooLong: (max, n) => interpolate(gettext("At most %(max)d characters (this has %(n)d)."), { max, n }),
  oneOf: (choices) => interpolate(gettext("Must be one of: %(choices)s."), { choices: choices.join(", ") }),
  integer: () => gettext("Must be a whole number."),
  between: (low, high) => interpolate(gettext("Must be between %(low)d and %(high)d."), { low, high }),
  dateFormat: () => gettext("Must be a date written YYYY-MM-DD."),
  realDate: () => gettext("Not a real date."),
  future: () => gettext("Must not be after today."),
  uuid: () => gettext("Must be the id (a UUID) of an entry, or null."),
  boolean: () => gettext("Must be true or false."),
  notBefore: (field) => interpolate(gettext("Must not be before %(field)s."), { field }),
  drugUnknown: () => gettext("Not a drug from the catalogue; use \u201cother\u201d and drug_name."),
  drugNameRequired: () => gettext("Required when drug is \u201cother\u201d."),
  stopReasonAlone: () => gettext("Only allowed together with a stop_date."),
  list: () => gettext("Must be a list."),
  anyOf: (choices) => interpolate(gettext("Must be any of: %(choices)s."), { choices: choices.join(", ") }),
  twice: (site) => interpolate(gettext("%(site)s is listed twice."), { site }),
  brainOnly: () => gettext("Only allowed when brain is among the sites."),
  termUnknown: () => gettext("Not a term from the catalogue; use \u201cother\u201d and term_other."),
  termOtherRequired: () => gettext("Required when term is \u201cother\u201d."),
  blank: () => gettext("This field may not be blank."),
  unknownField: () => gettext("Unknown field."),
  questionSource: () => gettext("Must be the slug of a question from the education pages, or null."),
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// The shape of the education pages' slugs, as the server checks it.
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function values(catalog, name) {
  return ((catalog && catalog.enumerations && catalog.enumerations[name]) || []).map((e) => e.value);
}

// "Not after today" is the server's date plus one day (sync-protocol.md §2),
// so that no time zone refuses a true date. The device uses UTC for the
// server's date: the two agree whenever the device's clock is right.
export function latestAllowedDate(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return d.toISOString().slice(0, 10);
}

// Today in the patient's own time zone, for default values in forms.
export function localToday(now = new Date()) {
  const d = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 10);
}

function parseDate(value) {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1) {
    return null;
  }
  return value;
}

function codePoints(s) {
  let n = 0;
  for (const _ of s) n += 1; // eslint-disable-line no-unused-vars
  return n;
}

class Checker {
  constructor(data) {
    this.data = data;
    this.errors = {};
  }
  fail(name, message) {
    (this.errors[name] ||= []).push(message);
  }
  present(name) {
    return this.data[name] !== undefined && this.data[name] !== null;
  }
  required(name, reader) {
    if (!this.present(name)) {
      this.fail(name, MESSAGES.required());
      return null;
    }
    return reader(name);
  }
  optional(name, reader) {
    return this.present(name) ? reader(name) : null;
  }
  text(name, maxLength = TEXT_MAX, fallback = "") {
    const value = this.data[name];
    // Null stands for "missing" only where the contract says "or null".
    if (value === undefined || (value === null && fallback === null)) return fallback;
    if (typeof value !== "string") {
      this.fail(name, MESSAGES.string());
      return null;
    }
    const n = codePoints(value);
    if (n > maxLength) {
      this.fail(name, MESSAGES.tooLong(maxLength, n));
      return null;
    }
    return value;
  }
  enumeration(name, choices) {
    const value = this.data[name];
    if (typeof value !== "string" || !choices.includes(value)) {
      this.fail(name, MESSAGES.oneOf(choices));
      return null;
    }
    return value;
  }
  integer(name, low, high) {
    const value = this.data[name];
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.fail(name, MESSAGES.integer());
      return null;
    }
    if (value < low || value > high) {
      this.fail(name, MESSAGES.between(low, high));
      return null;
    }
    return value;
  }
  date(name) {
    const value = this.data[name];
    if (typeof value !== "string" || !DATE_RE.test(value)) {
      this.fail(name, MESSAGES.dateFormat());
      return null;
    }
    if (parseDate(value) === null) {
      this.fail(name, MESSAGES.realDate());
      return null;
    }
    if (value > latestAllowedDate()) {
      this.fail(name, MESSAGES.future());
      return null;
    }
    return value;
  }
  uuid(name) {
    const value = this.data[name];
    if (typeof value !== "string" || value.length > 45 || !UUID_RE.test(value.replace(/^urn:uuid:|[{}]/g, ""))) {
      this.fail(name, MESSAGES.uuid());
      return null;
    }
    return value;
  }
  boolean(name) {
    const value = this.data[name];
    if (value === undefined) return false;
    if (typeof value !== "boolean") {
      this.fail(name, MESSAGES.boolean());
      return null;
    }
    return value;
  }
  notBefore(later, earlier, start, stop) {
    // Dates in YYYY-MM-DD compare correctly as strings.
    if (start !== null && stop !== null && stop < start) this.fail(later, MESSAGES.notBefore(earlier));
  }
}

const RULES = {
  courses(c, catalog) {
    const drug = c.required("drug", (n) => c.text(n, SLUG_MAX));
    const drugs = ((catalog && catalog.drugs) || []).map((d) => d.slug);
    if (drug !== null && drug !== OTHER && catalog && !drugs.includes(drug)) c.fail("drug", MESSAGES.drugUnknown());
    const drugName = c.text("drug_name", TEXT_MAX, null);
    if (drug === OTHER && !(drugName || "").trim()) c.fail("drug_name", MESSAGES.drugNameRequired());
    const start = c.required("start_date", (n) => c.date(n));
    const stop = c.optional("stop_date", (n) => c.date(n));
    c.notBefore("stop_date", "start_date", start, stop);
    c.text("dose", DOSE_MAX, null);
    c.optional("line", (n) => c.integer(n, 1, 20));
    const reason = c.optional("stop_reason", (n) => c.enumeration(n, values(catalog, "stop_reason")));
    if (reason !== null && !c.present("stop_date")) c.fail("stop_reason", MESSAGES.stopReasonAlone());
    c.text("notes");
  },
  scans(c, catalog) {
    c.required("date", (n) => c.date(n));
    c.required("modality", (n) => c.enumeration(n, values(catalog, "modality")));
    const sites = c.data.sites;
    const allSites = values(catalog, "site");
    const clean = [];
    if (sites !== undefined) {
      if (!Array.isArray(sites)) {
        c.fail("sites", MESSAGES.list());
      } else {
        for (const site of sites) {
          if (typeof site !== "string" || !allSites.includes(site)) {
            c.fail("sites", MESSAGES.anyOf(allSites));
            break;
          }
          if (clean.includes(site)) {
            c.fail("sites", MESSAGES.twice(site));
            break;
          }
          clean.push(site);
        }
      }
    }
    c.required("outcome", (n) => c.enumeration(n, values(catalog, "outcome")));
    const brain = c.optional("brain_outcome", (n) => c.enumeration(n, values(catalog, "outcome")));
    if (brain !== null && !clean.includes("brain")) c.fail("brain_outcome", MESSAGES.brainOnly());
    c.optional("recist", (n) => c.enumeration(n, values(catalog, "recist")));
    c.optional("course", (n) => c.uuid(n));
    c.text("notes");
  },
  side_effects(c, catalog) {
    const term = c.required("term", (n) => c.text(n, SLUG_MAX));
    const terms = ((catalog && catalog.side_effect_terms) || []).map((t) => t.slug);
    if (term !== null && term !== OTHER && catalog && !terms.includes(term)) c.fail("term", MESSAGES.termUnknown());
    const termOther = c.text("term_other", TEXT_MAX, null);
    if (term === OTHER && !(termOther || "").trim()) c.fail("term_other", MESSAGES.termOtherRequired());
    c.required("severity", (n) => c.integer(n, 1, 4));
    c.optional("interference", (n) => c.integer(n, 0, 4));
    const onset = c.required("onset_date", (n) => c.date(n));
    const resolved = c.optional("resolved_date", (n) => c.date(n));
    c.notBefore("resolved_date", "onset_date", onset, resolved);
    c.optional("action", (n) => c.enumeration(n, values(catalog, "action")));
    c.optional("course", (n) => c.uuid(n));
    c.text("notes");
  },
  questions(c) {
    const text = c.required("text", (n) => c.text(n, QUESTION_TEXT_MAX));
    if (text !== null && !text.trim()) c.fail("text", MESSAGES.blank());
    const source = c.text("source", SLUG_MAX, null);
    if (source !== null && !SLUG_RE.test(source)) c.fail("source", MESSAGES.questionSource());
    c.boolean("asked");
    c.text("answer");
  },
};

// Returns {field: [messages]} for everything wrong with `data`; empty when valid.
export function validate(collection, data, catalog) {
  const c = new Checker(data || {});
  const allowed = FIELDS[collection];
  for (const name of Object.keys(c.data)) {
    if (!allowed.includes(name)) c.fail(name, MESSAGES.unknownField());
  }
  RULES[collection](c, catalog);
  return c.errors;
}

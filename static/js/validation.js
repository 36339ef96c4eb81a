// The journal's data rules, checked on the device before anything is queued.
// What each collection holds (its fields, limits, enumerations and named
// rules) and every message come from the catalogue's `contract` block, which
// the server makes from tracker/contract.py (sync-protocol.md §2) and the
// journal keeps in IndexedDB with the rest of the catalogue. This module only
// knows how to check each kind of field and each kind of rule, as
// tracker/validation.py does, so that a patient sees the same sentence
// whether the device or the server refused an entry.
import { interpolate } from "./journal-i18n.js";

// Limits the forms are built with (maxlength) before any catalogue is at hand.
// tests/tracker/test_contract.py keeps them equal to the contract's.
export const TEXT_MAX = 5000;
export const QUESTION_TEXT_MAX = 1000;
export const DOSE_MAX = 100;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// The canonical form only, as the server (tracker/validation.py parse_uuid).
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What a missing optional field that may not be null is stored as.
const EMPTY = { text: "", enum_list: [], boolean: false };

function values(catalog, name) {
  return ((catalog.enumerations && catalog.enumerations[name]) || []).map((e) => e.value);
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

function realDate(value) {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1;
}

function codePoints(s) {
  let n = 0;
  for (const _ of s) n += 1; // eslint-disable-line no-unused-vars
  return n;
}

class Checker {
  constructor(data, catalog) {
    this.data = data;
    this.catalog = catalog;
    this.messages = catalog.contract.messages;
    this.errors = {};
    this.out = {}; // each field's clean value, null when missing or refused
    this.listed = {}; // a list's items up to the first bad one
  }
  fail(name, message) {
    (this.errors[name] ||= []).push(message);
    return null;
  }
  refuse(name, code, values) {
    return this.fail(name, values ? interpolate(this.messages[code], values) : this.messages[code]);
  }
  present(name) {
    return this.data[name] !== undefined && this.data[name] !== null;
  }
  read(field) {
    const { name } = field;
    const value = this.data[name];
    if (field.required && !this.present(name)) {
      this.out[name] = this.refuse(name, "required");
    } else if (value === undefined || (value === null && field.nullable)) {
      // Missing, or null where the contract says "or null".
      this.out[name] = field.required || field.nullable ? null : EMPTY[field.type];
    } else {
      this.out[name] = READERS[field.type](this, field, value);
    }
  }
}

// Each reader returns the clean value, or refuses the field and returns null.
const READERS = {
  text(c, field, value) {
    if (typeof value !== "string") return c.refuse(field.name, "string");
    const n = codePoints(value);
    if (n > field.max_length) return c.refuse(field.name, "too_long", { max: field.max_length, n });
    return value;
  },
  enum(c, field, value) {
    const choices = values(c.catalog, field.enum);
    if (typeof value !== "string" || !choices.includes(value)) {
      return c.refuse(field.name, "one_of", { choices: choices.join(", ") });
    }
    return value;
  },
  enum_list(c, field, value) {
    const choices = values(c.catalog, field.enum);
    if (!Array.isArray(value)) return c.refuse(field.name, "list");
    const clean = (c.listed[field.name] = []);
    for (const item of value) {
      if (typeof item !== "string" || !choices.includes(item)) {
        return c.refuse(field.name, "any_of", { choices: choices.join(", ") });
      }
      if (clean.includes(item)) return c.refuse(field.name, "twice", { site: item });
      clean.push(item);
    }
    return [...clean];
  },
  integer(c, field, value) {
    if (typeof value !== "number" || !Number.isInteger(value)) return c.refuse(field.name, "integer");
    if (value < field.low || value > field.high) {
      return c.refuse(field.name, "between", { low: field.low, high: field.high });
    }
    return value;
  },
  date(c, field, value) {
    if (typeof value !== "string" || !DATE_RE.test(value)) return c.refuse(field.name, "date_format");
    if (!realDate(value)) return c.refuse(field.name, "real_date");
    if (value > latestAllowedDate()) return c.refuse(field.name, "future");
    return value;
  },
  uuid(c, field, value) {
    if (typeof value !== "string" || !UUID_RE.test(value)) {
      return c.refuse(field.name, "uuid");
    }
    return value;
  },
  boolean(c, field, value) {
    return typeof value === "boolean" ? value : c.refuse(field.name, "boolean");
  },
};

// Each rule is broken when this says so, given the clean values of its field
// and of the field it names (`other`).
const BROKEN = {
  in_catalogue: (c, rule, value) =>
    value !== null && value !== rule.value && !(c.catalog[rule.catalogue] || []).some((e) => e.slug === value),
  required_when: (c, rule, value, other) => other === rule.value && !(value || "").trim(),
  // Dates in YYYY-MM-DD compare correctly as strings.
  not_before: (c, rule, value, other) => value !== null && other !== null && value < other,
  only_with: (c, rule, value) => value !== null && !c.present(rule.other),
  only_when_listed: (c, rule, value) => value !== null && !(c.listed[rule.other] || []).includes(rule.value),
  not_blank: (c, rule, value) => value !== null && !value.trim(),
  pattern: (c, rule, value) => value !== null && !new RegExp(`^(?:${rule.pattern})$`).test(value),
};

// Returns {field: [messages]} for everything wrong with `data`; empty when valid.
// Without the catalogue's contract (never fetched yet on this device, or
// cached by an older version of the app), or without this collection's
// part of it, the device cannot know the rules:
// it refuses nothing, and the server checks the entry when it syncs (a
// refusal then shows on the entry with the server's messages).
export function validate(collection, data, catalog) {
  if (!catalog || !catalog.contract) return {};
  const shape = catalog.contract.collections[collection];
  // A catalogue cached before the server knew the collection: the same.
  if (!shape) return {};
  const c = new Checker(data || {}, catalog);
  const names = shape.fields.map((f) => f.name);
  for (const name of Object.keys(c.data)) {
    if (!names.includes(name)) c.refuse(name, "unknown_field");
  }
  for (const field of shape.fields) c.read(field);
  for (const rule of shape.rules) {
    const other = rule.other ? c.out[rule.other] : null;
    if (BROKEN[rule.kind](c, rule, c.out[rule.field], other)) {
      c.fail(rule.field, interpolate(rule.message, { field: rule.other }));
    }
  }
  return c.errors;
}

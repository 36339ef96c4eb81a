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
const EMPTY = { text: "", enum_list: [], boolean: false, object_list: [] };

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
    this.objects = {}; // an object list's items as [place, clean values], for `unique`
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
      const empty = EMPTY[field.type];
      this.out[name] = field.required || field.nullable ? null : Array.isArray(empty) ? [] : empty;
    } else {
      this.out[name] = READERS[field.type](this, field, value);
    }
  }
  // Reads every field of `shape` (a collection, or an object list's item),
  // then runs its rules, as tracker/validation.py's check_shape does.
  checkShape(shape) {
    const names = shape.fields.map((f) => f.name);
    for (const name of Object.keys(this.data)) {
      if (!names.includes(name)) this.refuse(name, "unknown_field");
    }
    for (const field of shape.fields) this.read(field);
    for (const rule of shape.rules) {
      if (rule.kind === "unique") {
        this.checkUnique(rule);
        continue;
      }
      const other = rule.other ? this.out[rule.other] : null;
      if (BROKEN[rule.kind](this, rule, this.out[rule.field], other)) {
        this.fail(rule.field, interpolate(rule.message, { field: rule.other, value: other }));
      }
    }
  }
  // No two items of an object list with the same `key`, spaces around and case aside.
  checkUnique(rule) {
    const seen = new Set();
    for (const [index, item] of this.objects[rule.field] || []) {
      const value = item[rule.key];
      if (typeof value !== "string" || value === rule.value) continue;
      const folded = value.trim().toLowerCase();
      if (seen.has(folded)) {
        this.fail(`${rule.field}[${index}].${rule.key}`, interpolate(rule.message, { value: value.trim() }));
      }
      seen.add(folded);
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
  // A list of objects, each checked as its own small entry; faults are named
  // by their place, e.g. `items[3].severity`.
  object_list(c, field, value) {
    if (!Array.isArray(value)) return c.refuse(field.name, "list");
    if (value.length > field.max_items) {
      return c.refuse(field.name, "too_many", { max: field.max_items, n: value.length });
    }
    const clean = [];
    const objects = (c.objects[field.name] = []);
    let bad = false;
    value.forEach((item, index) => {
      const place = `${field.name}[${index}]`;
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        c.refuse(place, "object");
        bad = true;
        return;
      }
      const inner = new Checker(item, c.catalog);
      inner.checkShape(field.item);
      for (const [name, messages] of Object.entries(inner.errors)) {
        for (const message of messages) c.fail(name ? `${place}.${name}` : place, message);
        bad = true;
      }
      objects.push([index, inner.out]);
      clean.push(Object.fromEntries(field.item.fields.map((f) => [f.name, inner.out[f.name]])));
    });
    return bad ? null : clean;
  },
};

function catalogueTerm(c, slug) {
  return (c.catalog.side_effect_terms || []).find((e) => e.slug === slug);
}

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
  only_when: (c, rule, value, other) => value !== null && other !== rule.value,
  // A term not in the catalogue is refused by its own rule; a catalogue kept
  // from before check-ins says nothing of attributes, and refuses none.
  taken_by_term: (c, rule, value, other) => {
    if (value === null || other === null || other === rule.value) return false;
    const term = catalogueTerm(c, other);
    return Boolean(term && Array.isArray(term.checkin_attributes) && !term.checkin_attributes.includes(rule.field));
  },
  any_set: (c, rule) => !rule.among.some((name) => c.present(name)),
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
  c.checkShape(shape);
  return c.errors;
}

// How each kind of entry reads in lists, the timeline's text, the summary
// and the conflict screen. Patient wording from the catalogue throughout.
import { gettext, interpolate } from "./journal-i18n.js";
import { label } from "./journal-dom.js";

export const KINDS = {
  courses: { title: () => gettext("Treatments"), one: () => gettext("treatment"), add: () => gettext("Add a treatment") },
  scans: { title: () => gettext("Scans"), one: () => gettext("scan"), add: () => gettext("Add a scan") },
  side_effects: { title: () => gettext("Side effects"), one: () => gettext("side effect"), add: () => gettext("Add a side effect") },
  questions: { title: () => gettext("My questions"), one: () => gettext("question"), add: () => gettext("Add a question") },
  checkins: { title: () => gettext("Weekly check-ins"), one: () => gettext("check-in"), add: () => gettext("Add a check-in") },
};

export const FIELD_LABELS = {
  drug: () => gettext("Medicine"),
  drug_name: () => gettext("Name of the medicine"),
  start_date: () => gettext("Start date"),
  stop_date: () => gettext("Stop date"),
  dose: () => gettext("Dose"),
  line: () => gettext("Line of treatment"),
  stop_reason: () => gettext("Why it stopped"),
  notes: () => gettext("Notes"),
  date: () => gettext("Date of the scan"),
  modality: () => gettext("Kind of scan"),
  sites: () => gettext("Parts of the body scanned"),
  outcome: () => gettext("What the doctor said overall"),
  brain_outcome: () => gettext("What the doctor said about the brain"),
  recist: () => gettext("RECIST category in the report"),
  course: () => gettext("During which treatment"),
  term: () => gettext("Side effect"),
  term_other: () => gettext("Describe the side effect"),
  severity: () => gettext("How bad was it at its worst?"),
  interference: () => gettext("How much did it get in the way of daily life?"),
  onset_date: () => gettext("Started on"),
  resolved_date: () => gettext("Went away on"),
  action: () => gettext("What was done about it"),
  text: () => gettext("Question"),
  source: () => gettext("From the question list"),
  asked: () => gettext("I have asked it"),
  answer: () => gettext("Answer"),
  items: () => gettext("Symptoms"),
  wellbeing: () => gettext("Overall, how was your week?"),
};

const ITEM_PARTS = {
  term: () => gettext("which symptom"),
  term_other: () => gettext("what it was"),
  frequency: () => gettext("how often"),
  severity: () => gettext("how bad"),
  interference: () => gettext("how much it got in the way"),
};

// A field's name as the patient reads it. A check-in's item is named by its
// place (`items[3].severity`, sync-protocol.md §7): with the entry's `data`,
// by its symptom.
export function fieldLabel(name, data = null, catalog = null) {
  const item = /^items\[(\d+)\](?:\.(\w+))?$/.exec(name);
  if (item) {
    const at = Number(item[1]);
    const it = data && data.items && data.items[at];
    const symptom = it ? termName(catalog, it) : interpolate(gettext("Symptom %(n)s"), { n: at + 1 });
    return item[2] && ITEM_PARTS[item[2]] ? `${symptom}, ${ITEM_PARTS[item[2]]()}` : symptom;
  }
  if (name === "date" && data && "items" in data) return gettext("Date of the check-in");
  return FIELD_LABELS[name] ? FIELD_LABELS[name]() : name;
}

export function drugName(catalog, data) {
  if (data.drug === "other") return data.drug_name || gettext("Other medicine");
  const drug = ((catalog && catalog.drugs) || []).find((d) => d.slug === data.drug);
  return drug ? drug.generic_name : data.drug;
}

export function termName(catalog, data) {
  if (data.term === "other") return data.term_other || gettext("Other side effect");
  const term = ((catalog && catalog.side_effect_terms) || []).find((t) => t.slug === data.term);
  return term ? term.patient_term : data.term;
}

let dateFormat = null;
const formatted = new Map();

// "27 Mar 2026" in the reader's language; one formatter, results remembered.
export function formatDate(value) {
  if (!value) return "";
  let text = formatted.get(value);
  if (text === undefined) {
    dateFormat ||= new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    const [y, m, d] = value.split("-").map(Number);
    text = dateFormat.format(new Date(Date.UTC(y, m - 1, d)));
    formatted.set(value, text);
  }
  return text;
}

function period(start, stop) {
  if (stop) return interpolate(gettext("%(start)s to %(stop)s"), { start: formatDate(start), stop: formatDate(stop) });
  return interpolate(gettext("since %(start)s"), { start: formatDate(start) });
}

// One line naming the entry; `detail` adds the secondary facts.
export function title(collection, data, catalog) {
  switch (collection) {
    case "courses":
      return drugName(catalog, data);
    case "scans":
      return interpolate(gettext("%(kind)s on %(date)s"), {
        kind: label(catalog, "modality", data.modality), date: formatDate(data.date),
      });
    case "side_effects":
      return termName(catalog, data);
    case "checkins":
      return interpolate(gettext("Check-in of %(date)s"), { date: formatDate(data.date) });
    default:
      return data.text || "";
  }
}

export function detail(collection, data, catalog) {
  const parts = [];
  switch (collection) {
    case "courses":
      parts.push(period(data.start_date, data.stop_date));
      if (data.dose) parts.push(data.dose);
      if (data.line) parts.push(interpolate(gettext("line %(n)s"), { n: data.line }));
      if (data.stop_reason) parts.push(label(catalog, "stop_reason", data.stop_reason));
      break;
    case "scans":
      parts.push(interpolate(gettext("Result: %(outcome)s"), { outcome: label(catalog, "outcome", data.outcome) }));
      if (data.brain_outcome) {
        parts.push(interpolate(gettext("Brain: %(outcome)s"), { outcome: label(catalog, "outcome", data.brain_outcome) }));
      }
      if (data.sites && data.sites.length) parts.push(data.sites.map((s) => label(catalog, "site", s)).join(", "));
      if (data.recist) parts.push(label(catalog, "recist", data.recist));
      break;
    case "side_effects":
      parts.push(label(catalog, "severity", data.severity));
      parts.push(period(data.onset_date, data.resolved_date));
      if (data.action) parts.push(label(catalog, "action", data.action));
      break;
    case "checkins": {
      const n = (data.items || []).length;
      parts.push(interpolate(n === 1 ? gettext("%(n)s symptom rated") : gettext("%(n)s symptoms rated"), { n }));
      if (data.wellbeing !== null && data.wellbeing !== undefined) {
        parts.push(interpolate(gettext("wellbeing %(n)s of 10"), { n: data.wellbeing }));
      }
      break;
    }
    default:
      parts.push(data.asked ? gettext("Asked") : gettext("Not asked yet"));
      if (data.answer) parts.push(interpolate(gettext("Answer: %(answer)s"), { answer: data.answer }));
  }
  return parts.filter(Boolean).join(" · ");
}

// The value of one field as a patient reads it (for the conflict screen).
export function fieldValue(collection, name, data, catalog) {
  const v = data ? data[name] : null;
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return gettext("(empty)");
  if (name === "drug") return drugName(catalog, data);
  if (name === "term") return termName(catalog, data);
  if (name.endsWith("_date") || name === "date") return formatDate(v);
  if (name === "sites") return v.map((s) => label(catalog, "site", s)).join(", ");
  if (name === "brain_outcome") return label(catalog, "outcome", v);
  if (["modality", "outcome", "recist", "stop_reason", "severity", "interference", "action"].includes(name)) {
    return label(catalog, name, v);
  }
  if (name === "asked") return v ? gettext("Yes") : gettext("No");
  if (name === "items") return v.map((i) => termName(catalog, i)).join(", ");
  return String(v);
}

// The date an entry sorts by, newest first in lists.
export function sortDate(collection, data) {
  if (collection === "courses") return data.start_date || "";
  if (collection === "scans") return data.date || "";
  if (collection === "side_effects") return data.onset_date || "";
  if (collection === "checkins") return data.date || "";
  return "";
}

// How the check-in's questions and answers read: PRO-CTCAE's wording for
// each attribute, 0..4 (a patient's report, not a grade). Shared by the form,
// the trends and the printable summary, so it stays light: no storage.
import { gettext } from "./journal-i18n.js";

// PRO-CTCAE's questions and answer words, 0..4 (a patient's report, not a grade).
export const QUESTIONS = {
  frequency: () => gettext("How often did you have it?"),
  severity: () => gettext("How bad was it at its worst?"),
  interference: () => gettext("How much did it get in the way of your daily life?"),
};
export const ANSWERS = {
  frequency: () => [gettext("Never"), gettext("Rarely"), gettext("Occasionally"), gettext("Frequently"), gettext("Almost constantly")],
  severity: () => [gettext("None"), gettext("Mild"), gettext("Moderate"), gettext("Severe"), gettext("Very severe")],
  interference: () => [gettext("Not at all"), gettext("A little bit"), gettext("Somewhat"), gettext("Quite a bit"), gettext("Very much")],
};
export const SHORT = {
  frequency: () => gettext("How often"),
  severity: () => gettext("How bad"),
  interference: () => gettext("Got in the way"),
};

export function answerWord(attribute, value) {
  return Number.isInteger(value) ? ANSWERS[attribute]()[value] || String(value) : "";
}


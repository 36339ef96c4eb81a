// "Add to my questions" on the education checklist (/questions/): each
// question becomes an entry of the patient's own list in the journal.
import { db, uuid } from "./db.js";
import { saveEntry, startSync, StorageFullError } from "./sync.js";
import { gettext } from "./journal-i18n.js";
import { h } from "./journal-dom.js";

async function addedSources() {
  const questions = await db.records.where("collection").equals("questions").toArray();
  return new Set(questions.filter((q) => !q.deleted && q.data.source).map((q) => q.data.source));
}

function markAdded(slot) {
  slot.replaceChildren(
    h("span", { class: "question-added", role: "status" }, gettext("In my questions"), " ",
      h("a", { href: "/journal/#list-questions-h" }, gettext("See my list"))),
  );
}

async function main() {
  const items = document.querySelectorAll("[data-question-slug]");
  if (!items.length) return;
  const added = await addedSources();
  for (const item of items) {
    const slug = item.dataset.questionSlug;
    const slot = item.querySelector(".question-actions");
    if (!slot) continue;
    if (added.has(slug)) {
      markAdded(slot);
      continue;
    }
    const textEl = item.querySelector(".question-text");
    const text = (textEl ? textEl.textContent : item.textContent).trim();
    const button = h("button", { type: "button", class: "button small add-question" }, gettext("Add to my questions"),
      h("span", { class: "visually-hidden" }, `: ${text}`));
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await saveEntry("questions", uuid(), { text, source: slug, asked: false, answer: "" });
        markAdded(slot);
      } catch (error) {
        button.disabled = false;
        slot.append(h("span", { class: "field-error", role: "alert" }, error instanceof StorageFullError
          ? gettext("This device has no storage space left, so the question was not added.")
          : gettext("The question could not be added. Please try again.")));
      }
    });
    slot.replaceChildren(button);
  }
  startSync();
}

main();

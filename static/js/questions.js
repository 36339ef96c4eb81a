// "Add to my questions" on the education checklist (/questions/): each
// question becomes an entry of the patient's own list in the journal.
//
// The checklist is an education page and must stay light on a slow phone, so
// it only peeks at the journal (store.js: questionSources, no Dexie) and loads
// the journal's database and sync code only when a patient adds a question.
import { questionSources, uuid } from "./store.js";
import { gettext } from "./journal-i18n.js";
import { h } from "./journal-dom.js";

function markAdded(slot) {
  slot.replaceChildren(
    h("span", { class: "question-added", role: "status" }, gettext("In my questions"), " ",
      h("a", { href: "/journal/#list-questions-h" }, gettext("See my list"))),
  );
}

async function addQuestion({ slug, text }) {
  const [{ saveEntry }, { startSync }] = await Promise.all([
    import("./changes.js"),
    import("./sync.js"),
  ]);
  await saveEntry("questions", uuid(), { text, source: slug, asked: false, answer: "" });
  startSync();
}

async function main() {
  const items = document.querySelectorAll("[data-question-slug]");
  if (!items.length) return;
  const added = await questionSources();
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
        await addQuestion({ slug, text });
        markAdded(slot);
      } catch (error) {
        button.disabled = false;
        slot.append(h("span", { class: "field-error", role: "alert" }, error && error.name === "StorageFullError"
          ? gettext("This device has no storage space left, so the question was not added.")
          : gettext("The question could not be added. Please try again.")));
      }
    });
    slot.replaceChildren(button);
  }
}

main();

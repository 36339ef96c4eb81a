// The status line: whether the journal is on this device only, waiting for a
// connection, in need of the patient's attention, or saved to the account.
// Built with h(); a live region, so it is rewritten only when its words change.
import { gettext, ngettext, interpolate } from "./journal-i18n.js";
import { h } from "./journal-dom.js";
import { status, clearOutdated } from "./sync.js";

function sentences(s) {
  const lines = [];
  if (s.outdated) {
    lines.push(gettext("This app needs an update before it can save to your account. Your changes are kept on this device."));
  } else if (!s.account) {
    lines.push(gettext("Your journal is saved on this device only."));
  } else if (!s.signedIn) {
    lines.push(interpolate(ngettext(
      "Sign in again to save your changes to your account. %(n)s change is kept on this device.",
      "Sign in again to save your changes to your account. %(n)s changes are kept on this device.", s.waiting), { n: s.waiting }));
  } else {
    if (s.attention) {
      lines.push(interpolate(ngettext("%(n)s change needs your attention", "%(n)s changes need your attention", s.attention), { n: s.attention }));
    }
    if (s.waiting) {
      lines.push(interpolate(ngettext("%(n)s change waiting for a connection", "%(n)s changes waiting for a connection", s.waiting), { n: s.waiting }));
    }
    if (!s.attention && !s.waiting) {
      // Offline, "saved to your account" would be a promise the app cannot check.
      lines.push(s.offline
        ? gettext("Offline. Everything on this device is saved; nothing is waiting.")
        : gettext("All changes saved to your account"));
    }
  }
  return lines;
}

function stateName(s) {
  if (s.outdated) return "outdated";
  if (!s.account) return "device-only";
  if (!s.signedIn) return "signed-out";
  if (s.attention) return "attention";
  return s.waiting ? "waiting" : "saved";
}

// Returns render(): writes the status into `line` (and its button into
// `actions`), then calls onStatus(s) with what it showed. Calls overlap (every
// sync step asks for one), so only the latest call writes, and an earlier call
// resolves when it has: an earlier one may have read the outbox before the
// change the latest has seen.
export function statusLine({ line, actions, onStatus }) {
  let calls = 0;
  let latest = Promise.resolve();
  let shown = null;

  async function write(call) {
    const s = await status();
    if (call !== calls) return latest;
    onStatus(s);
    actions.replaceChildren();
    if (s.outdated) {
      actions.append(
        h("button", { type: "button", class: "button", onclick: async () => { await clearOutdated(); location.reload(); } }, gettext("Update the app")),
      );
    }
    const lines = sentences(s);
    const words = JSON.stringify(lines);
    if (shown !== words) {
      shown = words;
      line.replaceChildren(...lines.flatMap((l, i) => [i ? " " : null, h("span", { class: "status-line" }, l)]).filter(Boolean));
    }
    line.dataset.state = stateName(s);
  }

  return function render() {
    const call = ++calls;
    latest = write(call);
    return latest;
  };
}

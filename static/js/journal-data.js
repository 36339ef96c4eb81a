// The patient's data in the app: "Download my journal" (the account's three
// exports and the printable summary), "Delete my account" (a modal dialog:
// the password, what is erased, a last download), and what the page says
// when this device's sign-in has ended (device-reset.js), with the changes
// that never reached the account offered as a file made on the device.
// Built with h().
import { gettext, ngettext, interpolate } from "./journal-i18n.js";
import { h, focusOn } from "./journal-dom.js";
import { deleteAccount } from "./account.js";
import { ApiError } from "./api.js";
import { onSignInEnded, unsentFile } from "./device-reset.js";

// The account's exports (sync-protocol.md §6); each needs the network.
const EXPORTS = [
  { href: "/api/v1/export.csv", label: "Spreadsheet (CSV)", hint: "Opens in Excel, Numbers or LibreOffice." },
  { href: "/api/v1/export.fhir.json", label: "Health record file (FHIR)", hint: "For the computer systems of hospitals and doctors." },
  { href: "/api/v1/export.json", label: "Complete journal file (JSON)", hint: "Everything in your account, to keep or to move to another app." },
];
const SUMMARY_URL = "/journal/summary/";

function offline(s) {
  return navigator.onLine === false || Boolean(s && s.offline);
}

// The links to the exports: plain links (the browser downloads the
// attachment), stopped with a plain sentence when there is no connection.
function exportLinks(idPrefix, getStatus, sayOffline) {
  return h("ul", { class: "download-list" },
    EXPORTS.map((x, i) => h("li", {},
      h("a", {
        class: "button download", href: x.href, download: "", "aria-describedby": `${idPrefix}-hint-${i}`,
        onclick: (event) => {
          if (!offline(getStatus())) return;
          event.preventDefault();
          sayOffline();
        },
      }, gettext(x.label)),
      h("span", { class: "field-hint", id: `${idPrefix}-hint-${i}` }, gettext(x.hint)))));
}

// The panel in `panel`; `ended` shows the offer of unsent changes; `account`
// is the account panel (journal-account.js) in `accountEl`, which tells that
// the account or the sign-in is gone. Returns render(s) and update(s), s the
// sync status.
export function dataPanel({ panel, ended, account, accountEl }) {
  let last = null;
  let shown = null;

  function sayOffline(slot) {
    slot.hidden = false;
    slot.textContent = gettext("You are offline. Downloading your journal needs a connection: try again when you are online. The one-page summary works without one.");
    focusOn(slot);
  }

  function render(s) {
    shown = JSON.stringify([Boolean(s.account), s.signedIn]);
    const message = h("p", { class: "error-summary", id: "download-message", role: "alert", hidden: true });
    const parts = [
      h("h2", { id: "data-h" }, gettext("Download my journal")),
    ];
    if (s.signedIn) {
      parts.push(
        h("p", {}, gettext("Save a copy of everything in your account as a file on this device, to keep, print or give to your doctor. You need a connection.")),
        message,
        exportLinks("download", () => last, () => sayOffline(message)),
      );
    } else {
      parts.push(h("p", {}, gettext("Files of your journal are made from your account: sign in, or create an account, to download them.")));
    }
    parts.push(h("p", {}, h("a", { class: "button download", href: SUMMARY_URL }, gettext("One-page summary to print")),
      " ", h("span", { class: "field-hint" }, gettext("Made on this device; works offline."))));
    if (s.signedIn) {
      parts.push(
        h("h2", { id: "delete-account-h" }, gettext("Delete my account")),
        h("p", {}, gettext("Erase your account and your whole journal from our server, for good.")),
        h("button", { type: "button", class: "button danger", "data-action": "delete-account", onclick: (e) => openDelete(e.currentTarget) }, gettext("Delete my account…")),
      );
    }
    panel.replaceChildren(...parts);
  }

  // ------------------------------------------------------------ deleting

  function openDelete(opener) {
    const s = last || {};
    const unsaved = (s.waiting || 0) + (s.attention || 0);
    let done = false;
    const message = h("p", { class: "error-summary", id: "delete-error", role: "alert", hidden: true });
    const passwordError = h("p", { class: "field-error", id: "delete-password-error", hidden: true });
    const password = h("input", {
      id: "delete-password", name: "password", type: "password", autocomplete: "current-password", required: true,
      "aria-describedby": "delete-password-error",
    });
    const submit = h("button", { type: "submit", class: "button danger" }, gettext("Delete my account and journal"));
    const form = h("form", { class: "delete-form", novalidate: true },
      message,
      h("div", { class: "field" },
        h("label", { for: "delete-password" }, gettext("Your password, to confirm")),
        passwordError,
        password),
      h("div", { class: "form-actions" },
        submit,
        h("button", { type: "button", class: "button", onclick: () => dialog.close() }, gettext("Keep my account"))));
    const heading = h("h2", { id: "delete-h", tabindex: "-1" }, gettext("Delete my account?"));
    const dialog = h("dialog", { class: "delete-dialog", "aria-labelledby": "delete-h", "aria-describedby": "delete-what" },
      heading,
      h("div", { id: "delete-what" },
        h("p", {}, gettext("This erases, for good:")),
        h("ul", {},
          h("li", {}, gettext("every entry of your journal, on this device and on every other device where you use it;")),
          h("li", {}, gettext("what you share with clinics: they will no longer see your journal;")),
          h("li", {}, gettext("your sign-ins: every device is signed out."))),
        unsaved ? h("p", {}, interpolate(ngettext(
          "%(n)s change on this device has not reached your account yet. It is erased too.",
          "%(n)s changes on this device have not reached your account yet. They are erased too.", unsaved), { n: unsaved })) : null,
        h("p", { class: "delete-final" }, h("strong", {}, gettext("This cannot be undone.")))),
      h("h3", {}, gettext("Keep a copy first?")),
      h("p", {}, gettext("Download your journal before you delete your account:")),
      exportLinks("delete-download", () => last, () => {
        message.hidden = false;
        message.textContent = gettext("You are offline. Downloading your journal needs a connection: try again when you are online.");
        focusOn(message);
      }),
      form);

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      message.hidden = true;
      passwordError.hidden = true;
      password.removeAttribute("aria-invalid");
      if (!password.value) {
        passwordError.hidden = false;
        passwordError.textContent = gettext("Enter your password to delete your account.");
        password.setAttribute("aria-invalid", "true");
        password.focus();
        return;
      }
      submit.disabled = true;
      try {
        await deleteAccount(password.value);
      } catch (error) {
        submit.disabled = false;
        const fields = (error instanceof ApiError && error.body.fields) || {};
        if (fields.password) {
          passwordError.hidden = false;
          passwordError.textContent = [].concat(fields.password).join(" ");
          password.setAttribute("aria-invalid", "true");
          password.focus();
          return;
        }
        message.hidden = false;
        message.textContent = error instanceof ApiError
          ? error.body.detail || gettext("Your account could not be deleted. Nothing was erased.")
          : gettext("Deleting your account needs a connection. Nothing was erased; try again when you are online.");
        focusOn(message);
        return;
      }
      done = true;
      dialog.close();
      await account.render(gettext("Your account has been deleted, with everything in it, and your journal was removed from this device."));
      focusOn(accountEl.querySelector(".notice"));
    });
    // Escape (the dialog's own "cancel") and "Keep my account" both close it.
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (!done && opener.isConnected) opener.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    focusOn(heading);
  }

  // ------------------------------------------------------------ sign-in ended

  let offered = null;

  function clearOffer() {
    if (offered) URL.revokeObjectURL(offered);
    offered = null;
    ended.hidden = true;
    ended.replaceChildren();
  }

  async function signInEnded({ email, unsent }) {
    clearOffer();
    await account.render(gettext("Your sign-in on this device has ended, so your journal was removed from it. Sign in to get it back."));
    await account.actions["show-signin"]();
    const notice = accountEl.querySelector(".notice");
    if (!unsent.length) {
      focusOn(notice);
      return;
    }
    const file = unsentFile(unsent, { email });
    offered = URL.createObjectURL(new Blob([file.text], { type: file.type }));
    const n = unsent.length;
    ended.replaceChildren(
      h("div", { class: "ended-offer", role: "group", "aria-labelledby": "ended-h" },
        h("h2", { id: "ended-h", tabindex: "-1" }, gettext("Changes that did not reach your account")),
        h("p", {}, interpolate(ngettext(
          "Your sign-in on this device has ended, so your journal was removed from it. %(n)s change had not reached your account yet. Download it to keep it: this page holds it only until you leave or reload it.",
          "Your sign-in on this device has ended, so your journal was removed from it. %(n)s changes had not reached your account yet. Download them to keep them: this page holds them only until you leave or reload it.", n), { n })),
        h("div", { class: "account-actions" },
          h("a", { class: "button primary", href: offered, download: file.name }, ngettext("Download my unsent change", "Download my unsent changes", n)),
          h("button", { type: "button", class: "button", onclick: () => { clearOffer(); focusOn(notice); } },
            ngettext("Do not keep it", "Do not keep them", n)))),
    );
    ended.hidden = false;
    focusOn(ended.querySelector("#ended-h"));
  }

  onSignInEnded((held) => signInEnded(held));

  return {
    render,
    // Follows the sync status: drawn again only when the account's state changes.
    update(s) {
      last = s;
      if (shown !== JSON.stringify([Boolean(s.account), s.signedIn])) render(s);
    },
  };
}

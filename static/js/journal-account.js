// The account panel: the device-only explanation, signing in or creating an
// account, and signing out (with a warning when changes would be lost).
// Built with h(): forms with labels, hints and errors tied to their fields.
import { gettext, ngettext, interpolate } from "./journal-i18n.js";
import { h, focusOn } from "./journal-dom.js";
import { status } from "./sync.js";
import { signIn, register, signOut } from "./account.js";
import { ApiError } from "./api.js";
import { getMeta } from "./store.js";
import { CHECKIN_DRAFT_KEY } from "./config.js";

// The panel in `panel`: afterSignIn() and afterSignOut() let the journal
// follow (status, lists). Returns render(message), isStale(s) (true when the
// panel shows another account state than the sync status `s`) and the
// actions of its buttons, by data-action.
export function accountPanel({ panel, afterSignIn, afterSignOut }) {
  let shownAccount = null;

  function otpField() {
    return h("div", { class: "field" },
      h("label", { for: "acct-otp" }, gettext("Code from your authenticator app")),
      h("p", { class: "field-error", id: "acct-otp-error", hidden: true }),
      h("input", { id: "acct-otp", name: "otp", type: "text", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "8", required: true, "aria-describedby": "acct-otp-error" }));
  }

  function accountForm(mode, email) {
    const isRegister = mode === "register";
    const form = h(
      "form",
      { class: "account-form", novalidate: true, "aria-labelledby": "account-form-h" },
      h("h3", { id: "account-form-h", tabindex: "-1" }, isRegister ? gettext("Create an account") : gettext("Sign in")),
      h("p", { class: "error-summary", id: "account-error", role: "alert", hidden: true }),
      h("div", { class: "field" },
        h("label", { for: "acct-email" }, gettext("Email address")),
        h("p", { class: "field-error", id: "acct-email-error", hidden: true }),
        h("input", { id: "acct-email", name: "email", type: "email", autocomplete: "email", required: true, value: email || "", "aria-describedby": "acct-email-error" })),
      h("div", { class: "field" },
        h("label", { for: "acct-password" }, gettext("Password")),
        isRegister ? h("p", { class: "field-hint", id: "acct-password-hint" }, gettext("At least 8 characters, not only numbers, not a common password.")) : null,
        h("p", { class: "field-error", id: "acct-password-error", hidden: true }),
        h("input", {
          id: "acct-password", name: "password", type: "password", required: true,
          autocomplete: isRegister ? "new-password" : "current-password",
          "aria-describedby": isRegister ? "acct-password-hint acct-password-error" : "acct-password-error",
        })),
      h("div", { class: "form-actions" },
        h("button", { type: "submit", class: "button primary" }, isRegister ? gettext("Create my account") : gettext("Sign in")),
        h("button", { type: "button", class: "button", "data-action": "account-cancel" }, gettext("Cancel"))),
      // The reset page emails a link (accounts/views.py: PasswordReset, the API's service).
      isRegister ? null : h("p", { class: "forgotten" }, h("a", { href: "/account/password-reset/" }, gettext("Forgotten your password?"))),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const fd = new FormData(form);
      const errorBox = form.querySelector("#account-error");
      for (const id of ["acct-email-error", "acct-password-error", "acct-otp-error"]) {
        const el = form.querySelector(`#${id}`);
        if (!el) continue;
        el.hidden = true;
        el.textContent = "";
      }
      errorBox.hidden = true;
      try {
        const call = isRegister ? register : signIn;
        await call(String(fd.get("email") || ""), String(fd.get("password") || ""), String(fd.get("otp") || "").replace(/\s/g, ""));
        await render();
        await afterSignIn();
      } catch (error) {
        let message = gettext("Could not reach the server. Check your connection and try again.");
        if (error instanceof ApiError) {
          message = error.body.detail || message;
          // Two-step sign-in is on for this account: ask for the app's code.
          if (["otp_required", "invalid_otp"].includes(error.body.error) && !form.querySelector("#acct-otp")) {
            form.querySelector(".form-actions").before(otpField());
          }
          for (const [name, msgs] of Object.entries(error.body.fields || {})) {
            const slot = form.querySelector(`#acct-${name}-error`);
            if (slot) {
              slot.hidden = false;
              slot.textContent = [].concat(msgs).join(" ");
              form.querySelector(`#acct-${name}`).setAttribute("aria-invalid", "true");
            }
          }
        }
        errorBox.hidden = false;
        errorBox.textContent = message;
      }
    });
    return form;
  }

  let renders = 0;
  // The last message ("Your account has been deleted..."), kept while the
  // account's state it speaks of lasts: a later redraw without a message (a
  // status change, the start-up check) must not wipe it. `key` is that state,
  // bound by the first redraw that writes after the message was given.
  let notice = null;

  // Calls overlap (a status change and a message both redraw): the latest call
  // writes, with the latest message given to any of them.
  async function render(message) {
    const call = ++renders;
    if (message) notice = { text: message, key: null };
    const s = await status();
    if (call !== renders) return;
    shownAccount = JSON.stringify([s.account, s.signedIn]);
    if (notice && notice.key === null) notice.key = shownAccount;
    else if (notice && notice.key !== shownAccount) notice = null;
    const hadFocus = Boolean(document.activeElement && document.activeElement.closest && document.activeElement.closest(".notice"));
    const parts = [h("h2", { id: "account-h" }, gettext("Your account"))];
    if (notice) parts.push(h("p", { class: "notice", role: "status", tabindex: "-1" }, notice.text));
    if (!s.account) {
      parts.push(
        h("p", {}, gettext("Your journal is saved on this device only. Nobody else can see it, and it is not backed up: if this device is lost or its data is cleared, the journal is gone. Create an account or sign in to keep a copy in your account and to use it on other devices.")),
        h("div", { class: "account-actions" },
          h("button", { type: "button", class: "button", "data-action": "show-signin" }, gettext("Sign in")),
          h("button", { type: "button", class: "button", "data-action": "show-register" }, gettext("Create an account"))),
      );
    } else if (!s.signedIn) {
      parts.push(
        h("p", {}, interpolate(gettext("You are signed out. Sign in again as %(email)s to save your changes to your account."), { email: s.account.email })),
        accountForm("signin", s.account.email),
      );
    } else {
      parts.push(
        h("p", {}, interpolate(gettext("Signed in as %(email)s. Your journal is kept on this device and in your account."), { email: s.account.email })),
        h("div", { class: "account-actions" }, h("button", { type: "button", class: "button", "data-action": "sign-out" }, gettext("Sign out"))),
        h("div", { id: "signout-area" }),
      );
    }
    panel.replaceChildren(...parts);
    if (hadFocus) focusOn(panel.querySelector(".notice"));
  }

  async function startSignOut() {
    const s = await status();
    const area = panel.querySelector("#signout-area");
    const changes = s.waiting + s.attention;
    // An unfinished check-in is kept on this device only: signing out removes it too.
    const draft = Boolean(await getMeta(CHECKIN_DRAFT_KEY));
    const unsaved = changes + (draft ? 1 : 0);
    if (unsaved) {
      const lines = [];
      if (changes) {
        lines.push(h("p", {}, interpolate(ngettext(
          "%(n)s change has not been saved to your account yet. If you sign out now, it will be lost.",
          "%(n)s changes have not been saved to your account yet. If you sign out now, they will be lost.", changes), { n: changes })));
      }
      if (draft) lines.push(h("p", {}, gettext("Your unfinished check-in is kept on this device only. If you sign out now, it will be lost.")));
      area.replaceChildren(
        h("div", { class: "signout-warning", role: "alert" },
          ...lines,
          h("div", { class: "account-actions" },
            h("button", { type: "button", class: "button danger", "data-action": "sign-out-anyway" }, ngettext("Sign out and delete it", "Sign out and delete them", unsaved)),
            h("button", { type: "button", class: "button", "data-action": "sign-out-cancel" }, gettext("Stay signed in")))),
      );
      focusOn(area.querySelector(".signout-warning p"));
      return;
    }
    await finishSignOut();
  }

  async function finishSignOut() {
    try {
      await signOut();
    } catch {
      const area = panel.querySelector("#signout-area");
      area.replaceChildren(h("p", { class: "error-summary", role: "alert" }, gettext("Signing out needs a connection. Nothing was removed; try again when you are online.")));
      return;
    }
    await afterSignOut();
    await render(gettext("You have signed out. Your journal was removed from this device."));
    focusOn(panel.querySelector(".notice"));
  }

  function showForm(mode) {
    const form = accountForm(mode);
    panel.querySelector(".account-actions").replaceWith(form);
    return focusOn(form.querySelector("#account-form-h"));
  }

  return {
    render,
    isStale: (s) => shownAccount !== null && shownAccount !== JSON.stringify([s.account, s.signedIn]),
    actions: {
      "show-signin": () => showForm("signin"),
      "show-register": () => showForm("register"),
      "account-cancel": () => render(),
      "sign-out": startSignOut,
      "sign-out-anyway": finishSignOut,
      "sign-out-cancel": () => {
        panel.querySelector("#signout-area").replaceChildren();
        return focusOn(panel.querySelector("[data-action=sign-out]"));
      },
    },
  };
}

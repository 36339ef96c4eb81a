// The journal's security panel, shown while signed in: every sign-in of the
// account with a button to end it, changing the password, and two-step
// sign-in with an authenticator app. Everything here asks the server, so it
// says so when there is no connection. Built with h(); it starts itself.
import { gettext, interpolate } from "./journal-i18n.js";
import { h, focusOn } from "./journal-dom.js";
import { status } from "./sync.js";
import { subscribe } from "./events.js";
import { api, ApiError } from "./api.js";

const OFFLINE = () => gettext("This needs a connection. Try again when you are online.");

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function messageOf(error) {
  return error instanceof ApiError ? error.body.detail || gettext("Something went wrong. Try again.") : OFFLINE();
}

// Shows each of error.body.fields under its field (ids: `${prefix}-${name}`).
function showErrors(form, prefix, error) {
  for (const slot of form.querySelectorAll(".field-error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const fields = (error instanceof ApiError && error.body.fields) || {};
  for (const [name, msgs] of Object.entries(fields)) {
    const slot = form.querySelector(`#${prefix}-${name}-error`);
    if (!slot) continue;
    slot.hidden = false;
    slot.textContent = [].concat(msgs).join(" ");
    form.querySelector(`#${prefix}-${name}`).setAttribute("aria-invalid", "true");
  }
  const summary = form.querySelector(".error-summary");
  summary.hidden = false;
  summary.textContent = messageOf(error);
  focusOn(summary);
}

function field(prefix, name, text, attrs, hint) {
  const id = `${prefix}-${name}`;
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return h("div", { class: "field" },
    h("label", { for: id }, text),
    hint ? h("p", { class: "field-hint", id: `${id}-hint` }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
    h("input", { id, name, required: true, "aria-describedby": described, ...attrs }));
}

function formOf(prefix, heading, fields, submitText, onSubmit) {
  const form = h("form", { class: "account-form", novalidate: true, "aria-label": heading },
    h("p", { class: "error-summary", role: "alert", hidden: true }),
    ...fields,
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "button primary" }, submitText)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await onSubmit(new FormData(form), form);
    } catch (error) {
      showErrors(form, prefix, error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function securityPanel(panel) {
  const signIns = h("div", { id: "security-sign-ins" });
  const password = h("div", { id: "security-password" });
  const twoFactor = h("div", { id: "security-two-factor" });
  let shown = false;

  function notice(area, text) {
    const p = h("p", { class: "notice", role: "status" }, text);
    area.prepend(p);
    focusOn(p);
  }

  async function renderSignIns(message) {
    let devices;
    try {
      devices = (await api("GET", "/api/v1/auth/devices")).devices;
    } catch (error) {
      signIns.replaceChildren(h("h3", {}, gettext("Your sign-ins")), h("p", { class: "notice" }, messageOf(error)));
      return;
    }
    const items = devices.map((d) => {
      const name = d.user_agent || (d.kind === "token" ? gettext("An app") : gettext("A browser"));
      return h("li", { class: "sign-in" },
        h("p", {},
          h("strong", {}, name),
          d.label ? ` (${d.label})` : "",
          d.current ? h("span", { class: "tag" }, ` · ${gettext("This device")}` ) : ""),
        h("p", { class: "field-hint" }, interpolate(gettext("Signed in %(first)s, last used %(last)s"), { first: when(d.first_seen), last: when(d.last_seen) })),
        d.current
          ? null
          : h("div", { class: "entry-actions" },
            h("button", {
              type: "button", class: "button small danger", "data-security": "end", "data-id": d.id,
              "aria-label": interpolate(gettext("End the sign-in of %(name)s, last used %(last)s"), { name, last: when(d.last_seen) }),
            }, gettext("End"))));
    });
    signIns.replaceChildren(
      h("h3", { id: "sign-ins-h" }, gettext("Your sign-ins")),
      h("p", {}, gettext("Every phone, computer and app signed in to your account. End any you do not recognise: it is signed out at once.")),
      h("ul", { class: "sign-in-list", "aria-labelledby": "sign-ins-h" }, ...items),
    );
    if (message) notice(signIns, message);
  }

  function renderPassword() {
    password.replaceChildren(
      h("h3", {}, gettext("Change password")),
      formOf("pw", gettext("Change password"), [
        field("pw", "current_password", gettext("Current password"), { type: "password", autocomplete: "current-password" }),
        field("pw", "new_password", gettext("New password"), { type: "password", autocomplete: "new-password" },
          gettext("At least 8 characters, not only numbers, not a common password.")),
      ], gettext("Change my password"), async (fd) => {
        await api("POST", "/api/v1/auth/password", {
          current_password: String(fd.get("current_password") || ""),
          new_password: String(fd.get("new_password") || ""),
        });
        renderPassword();
        notice(password, gettext("Your password is changed. Every other sign-in of your account has ended."));
        await renderSignIns();
      }),
    );
  }

  async function renderTwoFactor(message) {
    let enabled;
    try {
      enabled = (await api("GET", "/api/v1/auth/two-factor")).enabled;
    } catch (error) {
      twoFactor.replaceChildren(h("h3", {}, gettext("Two-step sign-in")), h("p", { class: "notice" }, messageOf(error)));
      return;
    }
    const parts = [h("h3", {}, gettext("Two-step sign-in"))];
    if (enabled) {
      parts.push(
        h("p", {}, gettext("On: signing in needs your password and a code from your authenticator app.")),
        formOf("tf-off", gettext("Turn off two-step sign-in"), [
          field("tf-off", "password", gettext("Your password"), { type: "password", autocomplete: "current-password" }),
        ], gettext("Turn off two-step sign-in"), async (fd) => {
          await api("DELETE", "/api/v1/auth/two-factor", { password: String(fd.get("password") || "") });
          await renderTwoFactor(gettext("Two-step sign-in is off."));
        }),
      );
    } else {
      parts.push(
        h("p", {}, gettext("Off. With it on, signing in also needs a code from an authenticator app on your phone, so a stolen password is not enough.")),
        h("div", { class: "account-actions" },
          h("button", { type: "button", class: "button", "data-security": "two-factor-begin" }, gettext("Set up two-step sign-in"))),
      );
    }
    twoFactor.replaceChildren(...parts);
    if (message) notice(twoFactor, message);
  }

  async function beginTwoFactor() {
    let setup;
    try {
      setup = await api("POST", "/api/v1/auth/two-factor");
    } catch (error) {
      notice(twoFactor, messageOf(error));
      return;
    }
    const svg = new DOMParser().parseFromString(setup.qr_svg, "image/svg+xml").documentElement;
    const secret = setup.secret.replace(/(.{4})/g, "$1 ").trim();
    twoFactor.replaceChildren(
      h("h3", {}, gettext("Two-step sign-in")),
      h("ol", {},
        h("li", {}, gettext("Open your authenticator app and add an account by scanning this code.")),
        h("li", {}, gettext("Or type this key into the app:"), " ", h("code", { class: "otp-secret" }, secret)),
        h("li", {}, gettext("Type the 6-digit code the app shows."))),
      h("div", { class: "otp-qr" }, document.importNode(svg, true)),
      formOf("tf", gettext("Confirm two-step sign-in"), [
        field("tf", "code", gettext("Code from the app"), { type: "text", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "8" }),
      ], gettext("Turn on two-step sign-in"), async (fd) => {
        await api("POST", "/api/v1/auth/two-factor/confirm", { code: String(fd.get("code") || "").replace(/\s/g, "") });
        await renderTwoFactor(gettext("Two-step sign-in is on. Next time you sign in, have your authenticator app ready."));
      }),
    );
    focusOn(twoFactor.querySelector("h3"));
  }

  async function endSignIn(button) {
    button.disabled = true;
    try {
      await api("DELETE", `/api/v1/auth/devices/${encodeURIComponent(button.dataset.id)}`);
    } catch (error) {
      button.disabled = false;
      notice(signIns, messageOf(error));
      return;
    }
    await renderSignIns(gettext("That sign-in has ended."));
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-security]");
    if (!button) return;
    if (button.dataset.security === "end") endSignIn(button);
    else if (button.dataset.security === "two-factor-begin") beginTwoFactor();
  });

  async function render() {
    const s = await status();
    if (!s.signedIn) {
      shown = false;
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    if (shown) return;
    shown = true;
    panel.hidden = false;
    panel.replaceChildren(h("h2", { id: "security-h" }, gettext("Security and sign-ins")), signIns, password, twoFactor);
    renderPassword();
    await Promise.all([renderSignIns(), renderTwoFactor()]);
  }

  return { render };
}

const slot = document.getElementById("journal-security");
if (slot) {
  const security = securityPanel(slot);
  subscribe((kind) => {
    if (kind === "status") security.render();
  });
  security.render();
}

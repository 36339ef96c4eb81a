// Installs the offline app: registers our service worker and offers, politely,
// "Update" when a new version has installed and "Install the app" (or, on iOS,
// a short "Add to Home Screen" hint). The notices' text comes translated from
// <template> elements in ros1site/templates/pwa.html.
import { Workbox } from "../vendor/workbox-window.mjs";

const INSTALL_DISMISSED = "ros1.install.dismissed";
const IOS_HINT_DISMISSED = "ros1.ios-hint.dismissed";

function remembered(key) {
  try {
    return window.localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
}

function remember(key) {
  try {
    window.localStorage.setItem(key, "1");
  } catch {
    // Private browsing may refuse storage; the notice just comes back next time.
  }
}

let bar = null;

// One live region at the bottom of the page for all notices. It is fixed, so
// showing a notice never moves the text the patient is reading.
function noticeBar() {
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "app-notices";
    bar.setAttribute("role", "status");
    document.body.append(bar);
  }
  return bar;
}

// Never over a form being filled in: install offers wait while a field has
// focus or typed input is unsaved, and come back after. (An update notice
// stays: it is what tells the patient to save before reloading.)
function keepNoticesOffForms() {
  if (!bar) return;
  const typing = hasUnsavedInput();
  for (const offer of bar.querySelectorAll('[data-notice="install"], [data-notice="ios"]')) {
    offer.hidden = typing;
  }
}
for (const type of ["focusin", "focusout", "input", "submit", "reset"]) {
  // After the event, when focus has settled on its new element.
  document.addEventListener(type, () => setTimeout(keepNoticesOffForms, 0));
}

function showNotice(name, actions) {
  const template = document.getElementById(`app-notice-${name}`);
  if (!template) {
    return null;
  }
  hideNotice(name);
  const notice = template.content.firstElementChild.cloneNode(true);
  notice.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button && actions[button.dataset.action]) {
      actions[button.dataset.action](button);
    }
  });
  noticeBar().append(notice);
  document.body.classList.add("has-app-notice");
  keepNoticesOffForms();
  return notice;
}

function hideNotice(name) {
  const notice = bar && bar.querySelector(`[data-notice="${name}"]`);
  if (notice) {
    notice.remove();
  }
  if (bar && !bar.childElementCount) {
    document.body.classList.remove("has-app-notice");
  }
}

// --- Never reload under a patient who is typing ---------------------------

const edited = new Set();
document.addEventListener("input", (event) => {
  edited.add(event.target.form || event.target);
});
document.addEventListener("submit", (event) => {
  edited.delete(event.target);
});
document.addEventListener("reset", (event) => {
  edited.delete(event.target);
});

function isEditable(element) {
  return Boolean(
    element &&
      (element.isContentEditable ||
        (element.matches("input, textarea, select") &&
          !element.matches("[type=button], [type=submit], [type=reset]"))),
  );
}

// True while a field has focus, a form holds typed input not yet submitted, or
// a screen says so itself with data-unsaved (e.g. a journal entry being edited).
export function hasUnsavedInput() {
  for (const element of edited) {
    if (!element.isConnected) {
      edited.delete(element);
    }
  }
  return (
    isEditable(document.activeElement) ||
    edited.size > 0 ||
    document.querySelector("[data-unsaved]") !== null
  );
}

// --- Service worker and updates -------------------------------------------

function reloadWhenSafe() {
  if (!hasUnsavedInput()) {
    window.location.reload();
    return;
  }
  hideNotice("update");
  showNotice("update-wait", { reload: () => window.location.reload() });
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const wb = new Workbox("/serviceworker.js", { scope: "/" });
  let updateRequested = false;

  wb.addEventListener("waiting", () => {
    showNotice("update", {
      update: (button) => {
        updateRequested = true;
        button.disabled = true;
        // The new worker takes over only now, at the patient's request.
        wb.messageSkipWaiting();
      },
      dismiss: () => hideNotice("update"),
    });
  });

  // A new worker controls this page now: ours after "Update", or one that
  // another tab let in. (Workbox's isUpdate only says whether this page had a
  // worker when it loaded, so keep track ourselves.)
  let controlled = Boolean(navigator.serviceWorker.controller);
  wb.addEventListener("controlling", () => {
    const wasControlled = controlled;
    controlled = true;
    if (updateRequested) {
      reloadWhenSafe();
    } else if (wasControlled) {
      hideNotice("update");
      showNotice("update-wait", { reload: () => window.location.reload() });
    }
  });

  wb.register().catch(() => {
    // No worker (e.g. a private window that refuses it): the site still works online.
  });
  window.ros1Workbox = wb;
}

// --- Install prompt ---------------------------------------------------------

function isStandalone() {
  return (
    window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true
  );
}

function isIos() {
  const ua = window.navigator.userAgent;
  return (
    /iPhone|iPad|iPod/.test(ua) ||
    (window.navigator.platform === "MacIntel" && window.navigator.maxTouchPoints > 1)
  );
}

function offerInstall() {
  window.addEventListener("beforeinstallprompt", (event) => {
    // Keep the browser's own banner away; we offer it once, and remember "Not now".
    event.preventDefault();
    if (remembered(INSTALL_DISMISSED)) {
      return;
    }
    showNotice("install", {
      install: async () => {
        hideNotice("install");
        event.prompt();
        const choice = await event.userChoice;
        if (choice.outcome !== "accepted") {
          remember(INSTALL_DISMISSED);
        }
      },
      dismiss: () => {
        remember(INSTALL_DISMISSED);
        hideNotice("install");
      },
    });
  });
  window.addEventListener("appinstalled", () => hideNotice("install"));

  if (isIos() && !isStandalone() && !remembered(IOS_HINT_DISMISSED)) {
    showNotice("ios", {
      dismiss: () => {
        remember(IOS_HINT_DISMISSED);
        hideNotice("ios");
      },
    });
  }
}

registerServiceWorker();
offerInstall();

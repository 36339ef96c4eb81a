// The check-in's reminders: "Add to my calendar" (the server's weekly .ics,
// which holds no health data; online only, and the panel says so offline) and,
// where the browser supports Web Push and the app is installed, an optional
// weekly notification: subscribed through the service worker's pushManager
// with the server's VAPID key, the subscription sent to the server, the
// notification's words fixed by the worker (sw-src.js). Built with h().
import { gettext } from "./journal-i18n.js";
import { h } from "./journal-dom.js";
import { api } from "./api.js";
import { getMeta, setMeta } from "./store.js";
import { CALENDAR_URL, SCHEDULE_URL, VAPID_KEY_URL, PUSH_SUBSCRIPTIONS_URL } from "./config.js";

const PUSH_KEY = "checkin_push";

// Web Push reaches an installed app: Chromium and Firefox, and Safari on iOS
// only for apps added to the home screen (16.4 and later).
export function pushSupported() {
  const installed = (globalThis.matchMedia && matchMedia("(display-mode: standalone)").matches) || navigator.standalone === true;
  return Boolean(installed && "serviceWorker" in navigator && "PushManager" in globalThis && "Notification" in globalThis);
}

function keyBytes(base64url) {
  const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

// The server's reminders start from the patient's check-in day. Until one is
// chosen there, it is the weekday the next check-in is due on, at 18:00 in
// this device's time zone. `due` is YYYY-MM-DD.
async function ensureSchedule(due) {
  const current = await api("GET", SCHEDULE_URL);
  if (current && current.weekday !== null && current.weekday !== undefined) return current;
  const [y, m, d] = due.split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 Monday, as the server counts
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return api("PUT", SCHEDULE_URL, { weekday, hour: 18, timezone });
}

function signedOut(error) {
  return error && (error.status === 401 || error.status === 403);
}

async function downloadCalendar(note, due) {
  if (!navigator.onLine) {
    note.textContent = gettext("You are offline. The calendar file can be downloaded when you are online again.");
    return;
  }
  try {
    await ensureSchedule(due);
    const response = await fetch(CALENDAR_URL, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const a = h("a", { href: url, download: "ros1-weekly-check-in.ics", hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    note.textContent = gettext("The calendar file was downloaded. Open it to add a weekly reminder to your calendar. It holds no health details.");
  } catch (error) {
    note.textContent = signedOut(error)
      ? gettext("Sign in first: the calendar file comes from your account.")
      : gettext("You are offline or the server did not answer. Try again when you are online.");
  }
}

async function subscribe(due) {
  if ((await Notification.requestPermission()) !== "granted") {
    throw new Error(gettext("Notifications are turned off for this app in your browser's settings."));
  }
  await ensureSchedule(due);
  const { public_key: publicKey } = await api("GET", VAPID_KEY_URL);
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  await api("POST", PUSH_SUBSCRIPTIONS_URL, subscription.toJSON());
  await setMeta(PUSH_KEY, subscription.endpoint);
}

async function unsubscribe() {
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) {
    await api("DELETE", PUSH_SUBSCRIPTIONS_URL, { endpoint: subscription.endpoint });
    await subscription.unsubscribe();
  }
  await setMeta(PUSH_KEY, null);
}

// el: the reminders' container inside the check-in panel.
export function remindersPanel(el) {
  const note = h("p", { class: "reminder-note", id: "checkin-reminder-note", "aria-live": "polite" });
  const calendar = h("button", { type: "button", class: "button", id: "checkin-calendar" }, gettext("Add to my calendar"));
  let due = null;
  calendar.addEventListener("click", () => downloadCalendar(note, due));
  const parts = [h("div", { class: "form-actions" }, calendar), note];
  let toggle = null;
  if (pushSupported()) {
    toggle = h("input", { type: "checkbox", id: "checkin-push" });
    toggle.addEventListener("change", async () => {
      toggle.disabled = true;
      try {
        if (toggle.checked) await subscribe(due);
        else await unsubscribe();
        note.textContent = toggle.checked
          ? gettext("You will get a weekly reminder. It says only that a check-in is due.")
          : gettext("Weekly reminders are off.");
      } catch (error) {
        toggle.checked = !toggle.checked;
        if (!navigator.onLine) note.textContent = gettext("You are offline. Reminders can be turned on or off when you are online.");
        else if (signedOut(error)) note.textContent = gettext("Sign in first: reminders come from your account.");
        else note.textContent = error.message || gettext("That did not work. Please try again.");
      } finally {
        toggle.disabled = false;
      }
    });
    parts.push(h("div", { class: "field field-check" }, toggle, h("label", { for: "checkin-push" }, gettext("Remind me each week with a notification"))));
  }
  el.replaceChildren(...parts);
  return {
    async render(next) {
      due = next.due;
      if (toggle) toggle.checked = Boolean(await getMeta(PUSH_KEY));
    },
  };
}

// The check-in's reminders: "Add to my calendar" (the server's weekly .ics,
// which holds no health data; online only, and the panel says so offline) and,
// where the browser supports Web Push and the app is installed, an optional
// weekly notification: subscribed through the service worker's pushManager
// with the server's VAPID key, the subscription sent to the server, the
// notification's words fixed by the worker (sw-src.js). Above them, the
// patient's check-in day and reminder hour: kept on the device (so that the
// journal shows when the next one is due, offline too) and on the server
// (reminders/apis.py), which the patient's other devices read. Built with h().
import { gettext, interpolate } from "./journal-i18n.js";
import { h } from "./journal-dom.js";
import { api } from "./api.js";
import { getMeta, setMeta } from "./store.js";
import { weekdayOf } from "./checkin.js";
import { CALENDAR_URL, SCHEDULE_URL, VAPID_KEY_URL, PUSH_SUBSCRIPTIONS_URL, CHECKIN_DAY_KEY } from "./config.js";

const PUSH_KEY = "checkin_push";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DEFAULT_HOUR = 18;

function deviceZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

async function signedIn() {
  return Boolean(await getMeta("account"));
}

// The check-in day this device keeps: {weekday, hour, timezone, saved} or null.
export async function chosenDay() {
  return getMeta(CHECKIN_DAY_KEY);
}

// Keeps the patient's choice here at once, then on the server when it can be
// reached; `saved` stays false until then, and the next render sends it.
async function chooseDay({ weekday, hour }) {
  const day = { weekday, hour, timezone: deviceZone(), saved: false };
  await setMeta(CHECKIN_DAY_KEY, day);
  return sendDay(day);
}

// The day as the account keeps it; resolves to the day marked saved, or throws.
async function putDay(day) {
  await api("PUT", SCHEDULE_URL, { weekday: day.weekday, hour: day.hour, timezone: day.timezone });
  return { ...day, saved: true };
}

// The account's schedule as this device keeps it, or null when none is set.
function dayFromServer(current) {
  if (!current || !Number.isInteger(current.weekday)) return null;
  return { weekday: current.weekday, hour: current.hour, timezone: current.timezone, saved: true };
}

async function sendDay(day) {
  if (!navigator.onLine || !(await signedIn())) return day;
  let sent;
  try {
    sent = await putDay(day);
  } catch {
    return day; // offline after all, or signed out: kept here, sent later
  }
  // Only if the patient did not choose again while this was on its way.
  const now = await chosenDay();
  if (now && now.weekday === day.weekday && now.hour === day.hour) await setMeta(CHECKIN_DAY_KEY, sent);
  return sent;
}

// The day the server holds (chosen on another device, say) replaces this
// device's unless this device's own choice has not reached the server yet.
async function followServer() {
  const local = await chosenDay();
  if (local && !local.saved) return sendDay(local);
  if (!navigator.onLine || !(await signedIn())) return local;
  let day;
  try {
    day = dayFromServer(await api("GET", SCHEDULE_URL));
  } catch {
    return local;
  }
  if (!day) return local;
  if (!local || local.weekday !== day.weekday || local.hour !== day.hour || local.timezone !== day.timezone) {
    await setMeta(CHECKIN_DAY_KEY, day);
    return day;
  }
  return local;
}

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

// The server's reminders start from the patient's check-in day: this
// device's choice, else the account's, else (nothing chosen anywhere) the
// weekday the next check-in is due on, at 18:00 in this device's time zone,
// which then becomes the chosen day here too. `due` is YYYY-MM-DD. Throws
// when the server cannot be reached, for the caller to say so.
async function ensureSchedule(due) {
  let day = (await chosenDay()) || dayFromServer(await api("GET", SCHEDULE_URL))
    || { weekday: weekdayOf(due), hour: DEFAULT_HOUR, timezone: deviceZone(), saved: false };
  if (!day.saved) day = await putDay(day);
  await setMeta(CHECKIN_DAY_KEY, day);
  return day;
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
  let subscription;
  try {
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch {
    // The browser's push service refused or could not be reached (a DOMException whose words mean nothing to a patient).
    throw new Error(gettext("This browser could not set up notifications for the app. You can add the check-in to your calendar instead."));
  }
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

function dayChooser(onChosen) {
  const weekday = h("select", { id: "checkin-weekday", "aria-describedby": "checkin-day-hint" },
    h("option", { value: "" }, gettext("Not chosen: 7 days after the last one")),
    WEEKDAYS.map((name, i) => h("option", { value: String(i) }, gettext(name))));
  const hour = h("select", { id: "checkin-hour" },
    Array.from({ length: 24 }, (_, i) => h("option", { value: String(i) }, `${String(i).padStart(2, "0")}:00`)));
  hour.value = String(DEFAULT_HOUR);
  const changed = async () => {
    if (weekday.value === "") return;
    weekday.querySelector("option[value='']")?.remove(); // a day, once chosen, is changed, not unchosen
    await onChosen({ weekday: Number(weekday.value), hour: Number(hour.value) });
  };
  weekday.addEventListener("change", changed);
  hour.addEventListener("change", changed);
  const box = h("div", { class: "checkin-day" },
    h("div", { class: "field" }, h("label", { for: "checkin-weekday" }, gettext("My check-in day")),
      h("p", { class: "field-hint", id: "checkin-day-hint" }, gettext("The journal shows when your next check-in is due, and reminders come on this day.")),
      weekday),
    h("div", { class: "field" }, h("label", { for: "checkin-hour" }, gettext("Reminder time")), hour));
  return {
    box,
    show(day) {
      if (!day) return;
      weekday.querySelector("option[value='']")?.remove();
      weekday.value = String(day.weekday);
      hour.value = String(day.hour);
    },
  };
}

function daySavedSentence(day) {
  const name = gettext(WEEKDAYS[day.weekday]);
  const time = `${String(day.hour).padStart(2, "0")}:00`;
  return day.saved
    ? interpolate(gettext("Your check-in day is %(day)s, reminders at %(time)s."), { day: name, time })
    : interpolate(gettext("Your check-in day is %(day)s, reminders at %(time)s. Kept on this device; it reaches your account when you are online and signed in."), { day: name, time });
}

// el: the reminders' container inside the check-in panel. `onDayChanged()`
// (set by the check-in panel) redraws when the next check-in is due.
export function remindersPanel(el) {
  const note = h("p", { class: "reminder-note", id: "checkin-reminder-note", "aria-live": "polite" });
  const dayNote = h("p", { class: "reminder-note", id: "checkin-day-note", "aria-live": "polite" });
  const panel = { onDayChanged: null, render: null };
  const chooser = dayChooser(async (choice) => {
    const day = await chooseDay(choice);
    dayNote.textContent = daySavedSentence(day);
    if (panel.onDayChanged) await panel.onDayChanged();
  });
  const calendar = h("button", { type: "button", class: "button", id: "checkin-calendar" }, gettext("Add to my calendar"));
  let due = null;
  // The calendar and the notifications may have set the day (ensureSchedule).
  async function dayMayHaveChanged() {
    const day = await chosenDay();
    if (!day) return;
    chooser.show(day);
    dayNote.textContent = daySavedSentence(day);
    if (panel.onDayChanged) await panel.onDayChanged();
  }
  calendar.addEventListener("click", async () => {
    await downloadCalendar(note, due);
    await dayMayHaveChanged();
  });
  const parts = [chooser.box, dayNote, h("div", { class: "form-actions" }, calendar), note];
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
        await dayMayHaveChanged();
      }
    });
    parts.push(h("div", { class: "field field-check" }, toggle, h("label", { for: "checkin-push" }, gettext("Remind me each week with a notification"))));
  }
  el.replaceChildren(...parts);
  // A day chosen offline reaches the account as soon as there is a connection.
  globalThis.addEventListener?.("online", async () => {
    const day = await chosenDay();
    if (day && !day.saved) dayNote.textContent = daySavedSentence(await sendDay(day));
  });
  let followed = false;
  panel.render = async (next) => {
    due = next.due;
    chooser.show(await chosenDay());
    if (toggle) toggle.checked = Boolean(await getMeta(PUSH_KEY));
    // Once per page: the day chosen on another device, or this one's sent at last.
    if (!followed && navigator.onLine && (await signedIn())) {
      followed = true;
      const before = await chosenDay();
      const day = await followServer();
      if (day) {
        chooser.show(day);
        if (!before || before.weekday !== day.weekday || before.hour !== day.hour) {
          if (panel.onDayChanged) await panel.onDayChanged();
        }
      }
    }
  };
  return panel;
}

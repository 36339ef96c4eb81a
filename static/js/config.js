// Names and numbers that the journal's pages and the service worker share,
// each written once. Pages import them; ros1site/serviceworker.py copies this
// module into the worker as `shared`, so it imports nothing and holds only
// plain values.

// The journal's IndexedDB database (store.js owns it).
export const DB_NAME = "ros1-journal";
// The meta rows the worker reads to deliver the outbox with no page open.
export const CSRF_TOKEN_KEY = "csrf_token";
export const CLIENT_ID_KEY = "client_id";

// Background Sync's tag, and the type of the message by which the worker asks
// open journal pages to sync instead.
export const SYNC_TAG = "journal-sync";

// The sync protocol (sync-protocol.md §3, §7): schema of the journal's records
// (2 adds the weekly check-ins), and where and how many mutations are pushed
// at a time. Pulls ask for the same schema.
export const SCHEMA = 2;
export const PUSH_URL = "/api/v1/sync/push";
export const PUSH_BATCH = 200;

// The reviewed education section on when to contact the care team, which the
// check-in links to after a bad week (precached like every education page).
export const CARE_TEAM_PAGE = "/learn/living-with-ros1/#when-to-contact-your-care-team";
// The check-in reminder's server side (reminders/apis.py): the patient's
// check-in day, the weekly event as an .ics file, the VAPID public key, and
// where a Web Push subscription is kept.
export const SCHEDULE_URL = "/api/v1/reminders/schedule";
export const CALENDAR_URL = "/api/v1/reminders/calendar.ics";
export const VAPID_KEY_URL = "/api/v1/reminders/push/key";
export const PUSH_SUBSCRIPTIONS_URL = "/api/v1/reminders/push/subscriptions";
// Meta rows of the check-in: the unfinished one (a draft kept on this device
// only), and the check-in day the patient chose ({weekday, hour, timezone,
// saved}: `saved` false until the server has it).
export const CHECKIN_DRAFT_KEY = "checkin_draft";
export const CHECKIN_DAY_KEY = "checkin_day";

// Remembers on this device which clinic recommended the app, and shows it again.
// The referral page hands over the clinic's public contact details in a JSON
// <script type="application/json"> block (no inline code, for the CSP); nothing
// about the patient is ever sent anywhere by this module.

const KEY = "ros1.referral";

function remembered() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || "null");
    return value && typeof value.name === "string" ? value : null;
  } catch {
    return null;
  }
}

function remember() {
  const block = document.getElementById("referral-data");
  if (!block) return;
  try {
    const data = JSON.parse(block.textContent);
    localStorage.setItem(KEY, JSON.stringify({ ...data, saved_at: new Date().toISOString() }));
  } catch {
    // Private browsing may refuse storage; the server-side cookie still works.
  }
}

function show() {
  const slot = document.getElementById("referral-slot");
  const clinic = remembered();
  if (!slot || !clinic) return;
  slot.textContent = slot.dataset.text.replace("{name}", clinic.name) + " ";
  if (clinic.share_code && slot.dataset.linkHref) {
    const link = document.createElement("a");
    link.href = `${slot.dataset.linkHref}?code=${encodeURIComponent(clinic.share_code)}`;
    link.textContent = slot.dataset.linkText.replace("{name}", clinic.name);
    slot.append(link);
  }
  slot.hidden = false;
}

remember();
show();

export { remembered };

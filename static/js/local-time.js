// Shows <time data-local> stamps in the reader's own time zone; the server can
// only write them in its own (UTC), which it says.
for (const el of document.querySelectorAll("time[data-local][datetime]")) {
  const when = new Date(el.getAttribute("datetime"));
  if (!Number.isNaN(when.getTime())) {
    el.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
}

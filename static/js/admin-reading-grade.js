// Shows the reading grade of the text a reviewer is writing, as they type.
(function () {
  "use strict";
  function wire(output) {
    var source = document.getElementById(output.dataset.source);
    var form = output.closest("form");
    if (!source || !form) return;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var asked = 0;
    function update() {
      var mine = ++asked;
      var body = new URLSearchParams({ text: source.value });
      fetch(output.dataset.url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          // Only the answer to the latest text counts.
          if (data && mine === asked) output.textContent = data.text;
        })
        .catch(function () { /* offline: the grade shown stays until the next try */ });
    }
    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
  }
  function start() {
    document.querySelectorAll("output.reading-grade[data-source]").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

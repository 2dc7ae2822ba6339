// "Also editing: …" on the story change form. Sends a heartbeat while the
// form is open and shows who else has the story open (see articles/presence.py).
(function () {
  "use strict";
  var box = document.querySelector("[data-presence-url]");
  if (!box) { return; }
  var names = box.querySelector("[data-presence-names]");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var EVERY_MS = 15000;

  function beat() {
    if (document.hidden) { return; }
    fetch(box.dataset.presenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (!data) { return; }
      names.textContent = data.others.join(", ");
      box.hidden = data.others.length === 0;
    }).catch(function () { /* offline for a moment: try again next beat */ });
  }

  function leave() {
    // Closing or leaving the page: tell the server at once rather than letting the entry time out.
    var form = new FormData();
    form.append("leave", "1");
    form.append("csrfmiddlewaretoken", tokenInput ? tokenInput.value : "");
    navigator.sendBeacon(box.dataset.presenceUrl, form);
  }

  setInterval(beat, EVERY_MS);
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", beat);
})();

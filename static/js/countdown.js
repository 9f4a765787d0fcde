// The notice countdown (templates/inspections/detail.html, inspections/readiness/_countdown_card.html).
// The server's text is right without JavaScript; this only ticks deadlines in the last 12 hours, every
// 30 s, in the server's words (inspections/timeline.py countdown): "today, in 3 h 5 min", "passed".
// Each badge carries its deadline as ISO 8601 in data-countdown (the card) or data-deadline (the page).
(function () {
  var LAST_MINUTES = 12 * 60;
  var ukDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

  function text(at, now) {
    var left = Math.floor((at - now) / 60000);
    if (at <= now) { return "passed"; }
    if (left >= LAST_MINUTES) { return null; }  // further out the server's working-day count stands
    var hours = Math.floor(left / 60);
    var span = (hours ? hours + " h " : "") + (left % 60) + " min";
    return (ukDate.format(at) === ukDate.format(now) ? "today, in " : "in ") + span;
  }

  function tick() {
    var now = new Date();
    document.querySelectorAll("[data-countdown], [data-deadline]").forEach(function (el) {
      var at = new Date(el.dataset.countdown || el.dataset.deadline);
      var shown = isNaN(at) ? null : text(at, now);
      if (shown !== null) { el.textContent = shown; }
    });
  }

  tick();
  setInterval(tick, 30000);
})();

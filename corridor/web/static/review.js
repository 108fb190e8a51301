// Keyboard shortcuts of the review queue: j/k move between events, a accepts, c opens the correction
// form, r rejects, o opens the event. A static file (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll("li[data-event]"));
  var current = 0;

  function select(i) {
    if (!items.length) { return; }
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (li, k) { li.classList.toggle("current", k === current); });
    items[current].focus();
  }

  items.forEach(function (li, k) { li.addEventListener("focus", function () { if (current !== k) { select(k); } }); });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var item = items[current];
    if (!item) { return; }
    var action = item.querySelector('[data-key="' + event.key + '"]');
    if (event.key === "j") { select(current + 1); event.preventDefault(); return; }
    if (event.key === "k") { select(current - 1); event.preventDefault(); return; }
    if (!action) { return; }
    event.preventDefault();
    if (action.tagName === "FORM") { action.requestSubmit ? action.requestSubmit() : action.submit(); }
    else { window.location.assign(action.getAttribute("href")); }
  });

  select(0);
}());

// ARIA tabs (the WAI-ARIA Authoring Practices pattern): each [role=tablist] shows the panel
// of its selected tab; click or Enter/Space selects, arrow keys, Home and End move between
// the tabs (selection follows focus), and only the selected tab is a Tab stop.
"use strict";

(function () {
  document.querySelectorAll('[role="tablist"]').forEach(function (list) {
    const tabs = Array.from(list.querySelectorAll('[role="tab"]'));

    function select(chosen) {
      tabs.forEach(function (tab) {
        const on = tab === chosen;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
      });
    }

    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(tab); });
      tab.addEventListener("keydown", function (event) {
        const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
        if (!(event.key in moves)) return;
        event.preventDefault();
        const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
        select(next);
        next.focus();
      });
    });
  });
})();

/* Mixlate localizer's editor: an entry's edit history (who changed it, when, to what), shown
 * under the entry on request. Texts go into textContent only; each value carries its language. */
import { el, t } from "./dom.js";

function when(iso) {
  var date = new Date(iso);
  return date.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
}

function row(change, locale) {
  var value = [].concat(change.new).join(" | ");
  return el("li", {}, [
    el("time", { dateTime: change.created_at, text: when(change.created_at) }),
    document.createTextNode(" · " + change.author + " · " + t("action_" + change.action)
      + (change.fuzzy ? " · " + t("needs_review") : "")),
    el("span", { className: "history-value", lang: locale, text: value }),
  ]);
}

/* Show or hide the history of ``entry`` in ``item``; ``api`` is the editor's fetch helper,
 * ``path`` the locale's history URL. */
export function toggleHistory(item, entry, locale, api, path) {
  var button = item.querySelector("button.history-toggle");
  var box = item.querySelector(".history");
  if (button.getAttribute("aria-expanded") === "true") {
    button.setAttribute("aria-expanded", "false");
    box.hidden = true;
    return Promise.resolve();
  }
  var query = new URLSearchParams({ msgid: entry.msgid, limit: "20" });
  if (entry.msgctxt !== null) query.set("msgctxt", entry.msgctxt);
  return api("GET", path + "?" + query.toString()).then(function (result) {
    if (result.status !== 200) return;
    var changes = result.body.history;
    box.replaceChildren(changes.length
      ? el("ol", { className: "history-list" }, changes.map(function (change) { return row(change, locale); }))
      : el("p", { text: t("history_empty") }));
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
  });
}

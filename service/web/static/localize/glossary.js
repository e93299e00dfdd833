/* Mixlate localizer's editor: the glossary (search, inline edit) and pending /suggest
 * submissions (accept, reject). Loaded once the editor is shown; never inserts text as HTML. */
import { announce, el, t } from "./dom.js";

var TOKEN_KEY = "mixlate.localizer.token";
var $ = function (id) { return document.getElementById(id); };
var timer = null;

function api(method, path, body) {
  var headers = { Accept: "application/json", Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY) };
  var init = { method: method, headers: headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return fetch(path, init).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      return { status: response.status, body: data };
    });
  }, function () { return { status: 0, body: {} }; });
}

function entryRow(entry) {
  var input = el("input", { value: entry.do_not_translate ? entry.term : entry.translation,
    lang: entry.do_not_translate ? entry.source : entry.target,
    disabled: entry.do_not_translate, "aria-label": t("glossary_translation", { term: entry.term }) });
  var save = el("button", { type: "button", text: t("save"), disabled: entry.do_not_translate });
  save.addEventListener("click", function () {
    var body = Object.assign({}, entry, { translation: input.value });
    delete body.id;
    announce(t("saving"));
    api("PUT", "/api/v1/glossary/" + entry.id, body).then(function (result) {
      if (result.status === 200) announce(t("saved"));
      else announce(t("invalid") + " " + (result.body.error || ""), "error");
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); save.click(); }
  });
  return el("tr", { "data-id": entry.id }, [
    el("td", { lang: entry.source, text: entry.term }),
    el("td", { text: entry.source + " → " + entry.target }),
    el("td", {}, [input]),
    el("td", {}, [save]),
  ]);
}

function loadGlossary() {
  var query = new URLSearchParams({ per_page: "200" });
  var text = $("glossary-search").value.trim();
  if (text) query.set("text", text);
  return api("GET", "/api/v1/glossary?" + query.toString()).then(function (result) {
    var rows = (result.body.entries || []).map(entryRow);
    $("glossary").replaceChildren.apply($("glossary"), rows);
  });
}

function pendingItem(item) {
  var accept = el("button", { type: "button", text: t("accept") });
  var reject = el("button", { type: "button", text: t("reject") });
  function review(action) {
    return function () {
      api("POST", "/api/v1/suggestions/" + item.id + "/" + action).then(function (result) {
        if (result.status === 200) { announce(t("saved")); loadPending(); }
        else announce(result.body.error || t("network"), "error");
      });
    };
  }
  accept.addEventListener("click", review("accept"));
  reject.addEventListener("click", review("reject"));
  return el("li", { className: "pending-item", "data-id": item.id }, [
    el("p", { className: "msgid", lang: item.source, text: item.q }),
    el("p", {}, [el("span", { "aria-hidden": "true", text: "→ " }), el("span", { lang: item.target, text: item.s }),
      document.createTextNode(" (" + item.source + " → " + item.target + ")")]),
    el("p", { className: "actions" }, [accept, reject]),
  ]);
}

function loadPending() {
  return api("GET", "/api/v1/suggestions?state=pending").then(function (result) {
    var items = (result.body.suggestions || []).map(pendingItem);
    $("pending").replaceChildren.apply($("pending"), items);
    $("pending-empty").hidden = items.length > 0;
  });
}

$("glossary-search").addEventListener("input", function () {
  clearTimeout(timer);
  timer = setTimeout(loadGlossary, 200);
});
$("glossary-filters").addEventListener("submit", function (event) { event.preventDefault(); loadGlossary(); });

new MutationObserver(function () {
  if (!$("editor").hidden) { loadGlossary(); loadPending(); }
}).observe($("editor"), { attributes: true, attributeFilter: ["hidden"] });
if (!$("editor").hidden) { loadGlossary(); loadPending(); }

/* Mixlate localizer's editor: a thin client of the catalog JSON API.
 * The token lives in sessionStorage; entries are drawn by dom.js (never as HTML). */
import { differenceNode } from "../web/diff.js";
import { announce, around, el, renderEntry, renderProblems, t, valueOf } from "./dom.js";
import { toggleHistory } from "./history.js";

var TOKEN_KEY = "mixlate.localizer.token";
var config = JSON.parse(document.getElementById("editor-config").textContent);
var $ = function (id) { return document.getElementById(id); };
var state = {
  token: null, locale: null, source: "en", etag: null, entries: [], searchTimer: null, loads: 0,
  matches: new Map(),
};

function api(method, path, body, ifMatch) {
  var headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (ifMatch) headers["If-Match"] = ifMatch;
  var init = { method: method, headers: headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return fetch(path, init).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      // An unknown token and a token without the localizer role need different fixes.
      if (response.status === 401) signOut(t("unknown_token"));
      if (response.status === 403) signOut(t("bad_token"));
      return { status: response.status, body: data };
    });
  }, function () {
    announce(t("network"), "error");
    return { status: 0, body: {} };
  });
}

function catalogPath(suffix) {
  return "/api/v1/catalogs/" + encodeURIComponent(state.locale) + (suffix || "");
}

/* --- signing in and out --- */

function signIn(token) {
  state.token = token;
  return api("GET", "/api/v1/localizer").then(function (result) {
    if (result.status !== 200) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $("who").textContent = t("signed_in_as", { name: result.body.name });
    $("login").hidden = true;
    $("editor").hidden = false;
    return loadProgress().then(function () {
      $("locale").focus();
      return loadEntries();
    });
  });
}

function signOut(message) {
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $("editor").hidden = true;
  $("login").hidden = false;
  $("token").value = "";
  $("token").focus();
  announce(message || t("signed_out"), message ? "error" : "info");
}

/* --- progress and locales --- */

function loadProgress() {
  return api("GET", "/api/v1/catalogs").then(function (result) {
    if (result.status !== 200) return;
    var rows = [], options = [], source = result.body.source_locale;
    // Each cell carries its column's name: on a phone the rows stack and show it (editor.css).
    var columns = Array.prototype.map.call(document.querySelectorAll(".progress thead th"),
      function (heading) { return heading.textContent; });
    state.source = source;
    result.body.locales.forEach(function (item) {
      var bar = el("progress", { max: 100, value: item.percent, text: item.percent + "%" });
      rows.push(el("tr", { "data-locale": item.locale }, [
        el("th", { scope: "row", lang: item.locale, text: item.name + " (" + item.locale + ")" }),
        el("td", { "data-label": columns[1], text: String(item.translated) }),
        el("td", { "data-label": columns[2], text: String(item.fuzzy) }),
        el("td", { "data-label": columns[3], text: String(item.untranslated) }),
        el("td", { "data-label": columns[4], className: "percent" }, [bar, el("span", { text: " " + item.percent + "%" })]),
      ]));
      options.push(el("option", { value: item.locale, lang: item.locale, text: item.name + " (" + item.locale + ")" }));
    });
    $("progress").replaceChildren.apply($("progress"), rows);
    var select = $("locale");
    var other = options.filter(function (option) { return option.value !== source; })[0];
    var wanted = state.locale || (other || options[0] || {}).value;
    select.replaceChildren.apply(select, options);
    select.value = wanted;
    state.locale = select.value;
    updatePreview();
  });
}

function updatePreview() {
  var link = $("preview");
  link.hidden = !config.preview;
  if (config.preview) link.href = config.preview + "?lang=" + encodeURIComponent(state.locale);
}

/* --- entries --- */

function loadEntries() {
  var query = new URLSearchParams();
  if ($("state").value) query.set("state", $("state").value);
  if ($("search").value) query.set("q", $("search").value);
  var load = ++state.loads;
  announce(t("loading"));
  return api("GET", catalogPath("?" + query.toString())).then(function (result) {
    if (load !== state.loads) return;
    if (result.status !== 200) {
      if (result.body.error) announce(result.body.error, "error");
      return;
    }
    state.etag = result.body.etag;
    state.entries = result.body.entries;
    var list = $("entries");
    list.replaceChildren.apply(list, state.entries.map(function (entry, index) {
      return renderEntry(entry, index, state.locale, state.source);
    }));
    announce(state.entries.length ? t("loaded", { count: state.entries.length }) : t("no_entries"));
  });
}

function draft(item) {
  var entry = state.entries[Number(item.dataset.index)];
  var areas = item.querySelectorAll("textarea.form");
  var texts = Array.prototype.map.call(areas, function (area) { return area.value; });
  return entry.msgid_plural === null ? texts[0] : texts;
}

function save(item, override) {
  var index = Number(item.dataset.index);
  var entry = state.entries[index];
  var edit = {
    msgid: entry.msgid, msgctxt: entry.msgctxt, base: valueOf(entry),
    base_fuzzy: entry.flags.indexOf("fuzzy") !== -1,
    msgstr: override && "msgstr" in override ? override.msgstr : draft(item),
    fuzzy: override ? override.fuzzy : item.querySelector("input.fuzzy").checked,
  };
  announce(t("saving"));
  return put(edit, false).then(function (result) { afterSave(item, index, edit, result); });
}

function put(edit, retried) {
  return api("PUT", catalogPath("/entries"), { entries: [edit] }, state.etag).then(function (result) {
    if (result.status === 412) {
      state.etag = result.body.etag;
      var mine = result.body.changed.some(function (key) {
        return key.msgid === edit.msgid && key.msgctxt === edit.msgctxt;
      });
      if (!mine && !retried) return put(edit, true);
    }
    return result;
  });
}

function afterSave(item, index, edit, result) {
  var entry = state.entries[index];
  if (result.status === 200) {
    state.etag = result.body.etag;
    state.matches.clear();  // the saved entry is a unit now: others' suggestions may change
    var empty = [].concat(edit.msgstr).every(function (text) { return !text; });
    if (entry.msgid_plural === null) entry.msgstr = edit.msgstr; else entry.msgstr_plural = edit.msgstr;
    entry.flags = entry.flags.filter(function (flag) { return flag !== "fuzzy"; });
    if (edit.fuzzy && !empty) entry.flags.push("fuzzy");
    entry.state = empty ? "untranslated" : edit.fuzzy ? "fuzzy" : "translated";
    entry.problems = [];
    var fresh = renderEntry(entry, index, state.locale, state.source);
    item.replaceWith(fresh);
    fresh.querySelector("textarea").focus();
    announce(result.body.changed.length ? t("saved") : t("unchanged"), "success");
    loadProgress();
  } else if (result.status === 412) {
    var current = result.body.entries.filter(function (found) {
      return found.msgid === edit.msgid && found.msgctxt === edit.msgctxt;
    })[0];
    if (current) {
      state.entries[index] = current;
      var note = item.querySelector(".their-version");
      var theirs = el("span", { lang: state.locale, text: [].concat(valueOf(current)).join(" | ") });
      note.replaceChildren.apply(note, around(t("their_version"), theirs));
      note.hidden = false;
    }
    announce(t("conflict"), "error");
  } else if (result.status === 422 && result.body.entries) {
    var problems = result.body.entries[0].problems;
    renderProblems(item.querySelector(".problems"), problems);
    announce(t("invalid") + " " + problems.map(function (p) { return p.message; }).join(" "), "error");
  } else if (result.body.error) {
    announce(result.body.error, "error");
  }
}

/* --- memory suggestions: fuzzy matches of an entry's msgid, when the focus enters it --- */

function matchesOf(entry) {
  var key = state.locale + "\u0000" + entry.msgid;
  if (!state.matches.has(key)) {
    var query = new URLSearchParams({ text: entry.msgid, target: state.locale, source: state.source, limit: "3" });
    state.matches.set(key, api("GET", config.matches + "?" + query.toString()).then(function (result) {
      if (result.status !== 200) return [];
      // The entry's own catalog unit is no suggestion for itself.
      return result.body.fuzzy.filter(function (match) {
        return !(match.unit.origin === "catalog" && match.unit.source_text === entry.msgid);
      });
    }));
  }
  return state.matches.get(key);
}

function showMemory(item) {
  var box = item.querySelector(".memory");
  if (!box || box.dataset.loaded) return;
  box.dataset.loaded = "1";
  var entry = state.entries[Number(item.dataset.index)];
  var locale = state.locale;
  matchesOf(entry).then(function (matches) {
    if (!matches.length) return;
    var labels = { text: t("only_text"), memory: t("only_memory") };
    var list = el("ul", { className: "suggestions" }, matches.map(function (match) {
      var use = el("button", { type: "button", className: "use-memory", text: t("use_memory") });
      use.addEventListener("click", function () {
        var area = item.querySelector("textarea.form");
        area.value = match.unit.target_text;
        area.focus();
      });
      return el("li", {}, [
        el("span", { className: "score", text: match.score + "%" }),
        differenceNode(match.diff, labels, match.unit.source),
        el("span", { className: "arrow", text: "→", "aria-hidden": "true" }),
        el("span", { className: "memory-text", lang: locale, text: match.unit.target_text }),
        use,
      ]);
    }));
    box.replaceChildren(el("p", { className: "memory-title", text: t("memory") }), list);
    box.hidden = false;
  });
}

/* Machine suggestions for every untranslated entry run as a job: its progress is shown. */
function suggest() {
  announce(t("suggesting"));
  $("suggest").disabled = true;
  return api("POST", catalogPath("/suggest-all")).then(function (result) {
    if (result.status !== 202) {
      if (result.body.error) announce(result.body.error, "error");
      return;
    }
    return followSuggestions(result.body.url);
  }).finally(function () { $("suggest").disabled = false; });
}

function followSuggestions(url) {
  return api("GET", url).then(function (result) {
    var job = result.body;
    if (result.status !== 200) {
      if (job.error) announce(job.error, "error");
      return;
    }
    if (job.state === "done") {
      return Promise.all([loadProgress(), loadEntries()]).then(function () {
        announce(t("suggested", { count: job.progress.done }), "success");
      });
    }
    if (job.state === "failed" || job.state === "cancelled") {
      announce(job.error || t("suggest_stopped"), "error");
      return;
    }
    announce(t("suggest_progress", { done: job.progress.done, total: job.progress.total }));
    return new Promise(function (resolve) { setTimeout(resolve, 400); }).then(function () {
      return followSuggestions(url);
    });
  });
}

/* --- wiring --- */

$("login-form").addEventListener("submit", function (event) {
  event.preventDefault();
  signIn($("token").value.trim());
});
$("sign-out").addEventListener("click", function () { signOut(); });
$("locale").addEventListener("change", function () {
  state.locale = $("locale").value;
  updatePreview();
  loadEntries();
});
$("state").addEventListener("change", loadEntries);
$("search").addEventListener("input", function () {
  clearTimeout(state.searchTimer);
  state.searchTimer = setTimeout(loadEntries, 250);
});
$("filters").addEventListener("submit", function (event) { event.preventDefault(); loadEntries(); });
$("suggest").addEventListener("click", suggest);
$("entries").addEventListener("focusin", function (event) {
  var item = event.target.closest(".entry");
  if (item) showMemory(item);
});
$("entries").addEventListener("click", function (event) {
  var button = event.target.closest("button");
  var item = button && button.closest(".entry");
  if (!item) return;
  var entry = state.entries[Number(item.dataset.index)];
  if (button.classList.contains("history-toggle")) toggleHistory(item, entry, state.locale, api, catalogPath("/history"));
  else if (button.classList.contains("save")) save(item);
  else if (button.classList.contains("accept")) save(item, { fuzzy: false });
  else if (button.classList.contains("reject")) {
    var empty = entry.msgid_plural === null ? "" : entry.msgstr_plural.map(function () { return ""; });
    save(item, { msgstr: empty, fuzzy: false });
  }
});
document.addEventListener("keydown", function (event) {
  var key = event.key.toLowerCase();
  if (!(event.ctrlKey || event.metaKey) || (key !== "enter" && key !== "s")) return;
  event.preventDefault();
  var item = document.activeElement && document.activeElement.closest(".entry");
  if (item) save(item); else if (state.token) announce(t("focus_entry"));
});

var stored = sessionStorage.getItem(TOKEN_KEY);
if (stored) signIn(stored); else $("token").focus();

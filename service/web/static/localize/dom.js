/* Mixlate localizer's editor: translated strings and the DOM of entries.
 * Catalog text only ever goes into textContent or value, never into HTML. */

const messages = JSON.parse(document.getElementById("editor-messages").textContent);

export function t(key, vars) {
  var text = messages[key] || key;
  return text.replace(/%\((\w+)\)s/g, function (match, name) {
    return vars && name in vars ? String(vars[name]) : match;
  });
}

export function el(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (name) {
    if (name === "text") node.textContent = props[name];
    else if (name in node) node[name] = props[name];
    else node.setAttribute(name, props[name]);
  });
  (children || []).forEach(function (child) { if (child) node.appendChild(child); });
  return node;
}

export function announce(text, kind) {
  var status = document.getElementById("status");
  status.textContent = text;
  status.dataset.kind = kind || "info";
}

export function valueOf(entry) {
  return entry.msgid_plural === null ? entry.msgstr : entry.msgstr_plural;
}

function forms(entry) {
  return [].concat(valueOf(entry));
}

export function renderProblems(node, problems) {
  node.replaceChildren.apply(node, problems.map(function (problem) {
    var where = problem.form === null ? "" : t("plural_form", { number: problem.form + 1 }) + ": ";
    return el("li", { text: where + problem.message });
  }));
}

function button(kind, label) {
  return el("button", { type: "button", className: kind, text: t(label) });
}

/* A message of the page's language with ``node`` (in another language) at its %(text)s. */
export function around(message, node) {
  var parts = message.split("%(text)s");
  var nodes = [document.createTextNode(parts[0]), node];
  if (parts[1]) nodes.push(document.createTextNode(parts[1]));
  return nodes;
}

/* The msgid (and its context, plural and developer notes) in the catalogs' source language;
 * the labels around them stay in the page's language. */
function renderSource(entry, source) {
  var context = entry.msgctxt === null ? null
    : el("p", { className: "context" }, around(t("context", { context: "%(text)s" }),
      el("span", { lang: source, text: entry.msgctxt })));
  var notes = entry.auto_comments.map(function (note) { return el("li", { lang: source, text: note }); })
    .concat(entry.translator_comments.map(function (note) { return el("li", { text: note }); }))
    .concat(entry.locations.map(function (note) { return el("li", { translate: "no", text: note }); }));
  return el("div", { className: "source" }, [
    context,
    el("p", { className: "msgid", lang: source, text: entry.msgid }),
    entry.msgid_plural === null ? null
      : el("p", { className: "msgid-plural" }, around(t("plural_source"),
        el("span", { lang: source, text: entry.msgid_plural }))),
    el("ul", { className: "notes" }, notes),
  ]);
}

/* One entry: its source (in ``source``) beside its translation fields (in ``locale``). */
export function renderEntry(entry, index, locale, source) {
  var id = "entry-" + index;
  var problems = el("ul", { className: "problems", id: id + "-problems" });
  renderProblems(problems, entry.problems);
  var fields = forms(entry).map(function (text, form) {
    var label = entry.msgid_plural === null ? t("translation") : t("plural_form", { number: form + 1 });
    var area = el("textarea", { id: id + "-form-" + form, lang: locale, rows: 2, className: "form" });
    area.value = text;
    area.setAttribute("aria-describedby", id + "-problems");
    return el("div", { className: "field" }, [el("label", { htmlFor: area.id, text: label }), area]);
  });
  var fuzzy = el("input", { type: "checkbox", id: id + "-fuzzy", className: "fuzzy" });
  fuzzy.checked = entry.flags.indexOf("fuzzy") >= 0;
  var review = entry.state === "fuzzy";
  var history = el("div", { className: "history", id: id + "-history", hidden: true });
  var showHistory = button("history-toggle", "history");
  showHistory.setAttribute("aria-expanded", "false");
  showHistory.setAttribute("aria-controls", history.id);
  var actions = el("div", { className: "actions" }, [
    button("save", "save"),
    review ? button("accept", "accept") : null,
    review ? button("reject", "reject") : null,
    showHistory,
  ]);
  var fuzzyLabel = el("label", { htmlFor: fuzzy.id, text: " " + t("needs_review") });
  var group = { className: "translation", role: "group", "aria-label": t("entry_of", { number: index + 1 }) };
  return el("li", { className: "entry", id: id, "data-index": index, "data-state": entry.state }, [
    renderSource(entry, source),
    el("div", group, [el("p", {}, [el("span", { className: "state", text: t("state_" + entry.state) })])].concat(fields, [
      el("p", { className: "review" }, [fuzzy, fuzzyLabel]),
      el("p", { className: "their-version", hidden: true, "aria-live": "polite" }),
      entry.msgid_plural === null ? el("div", { className: "memory", hidden: true }) : null,
      problems,
      actions,
      history,
    ])),
  ]);
}

/* Mixlate review page: sentences of one article translation, saved one by one.
 * Article text only ever goes into textContent or value, never into HTML. */

import { differenceNode } from "../web/diff.js";

const messages = JSON.parse(document.getElementById("review-messages").textContent);
const config = JSON.parse(document.getElementById("review-config").textContent);
const KEY = "mixlate.review.token";
let etag = null;
let view = null;

function t(key, vars) {
  const text = messages[key] || key;
  return text.replace(/%\((\w+)\)s/g, (match, name) => (vars && name in vars ? String(vars[name]) : match));
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([name, value]) => {
    if (name === "text") node.textContent = value;
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  });
  (children || []).forEach((child) => child && node.appendChild(child));
  return node;
}

function announce(text, kind) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.dataset.kind = kind || "info";
}

function headers(extra) {
  return Object.assign({ Authorization: "Bearer " + sessionStorage.getItem(KEY) }, extra || {});
}

/* A message of the page's language around ``node`` (in another language) at its %(text)s. */
function around(message, node) {
  const [before, after] = message.split("%(text)s");
  return [document.createTextNode(before), node, after ? document.createTextNode(after) : null];
}

function sentenceNode(field, sentence) {
  const target = view.locale;
  const area = el("textarea", { value: sentence.text, lang: target, "aria-label": t("translation", { number: sentence.index + 1 }) });
  area.dataset.field = field;
  area.dataset.index = sentence.index;
  const terms = sentence.terms.length
    ? el("p", { className: "terms" }, [el("strong", { text: t("terms") + ": " }), ...sentence.terms.flatMap((term, at) => [
        at ? document.createTextNode(", ") : null,
        el("span", { lang: sentence.lang, text: term.term }), document.createTextNode(" → "),
        el("span", { lang: target, text: term.translation })])])
    : null;
  const labels = { text: t("only_text"), memory: t("only_memory") };
  const suggestions = sentence.suggestions.length
    ? el("ul", { className: "suggestions", "aria-label": t("suggestions") }, sentence.suggestions.map((match) => {
        const use = el("button", { type: "button", text: t("use") });
        use.addEventListener("click", () => { area.value = match.unit.target_text; area.focus(); });
        return el("li", {}, [el("span", { className: "badge", text: match.score + "%" }),
          differenceNode(match.diff, labels, match.unit.source), el("span", { className: "arrow", text: "→", "aria-hidden": "true" }),
          el("span", { className: "memory-text", lang: match.unit.target, text: match.unit.target_text }), use]);
      }))
    : null;
  const save = el("button", { type: "button", text: t("save") });
  save.addEventListener("click", () => saveSentence(area));
  return el("div", { className: "sentence", "data-state": sentence.state }, [
    el("div", { className: "source" }, [el("p", { lang: sentence.lang, text: sentence.source }), terms]),
    el("div", { className: "translation" }, [
      area,
      el("p", { className: "machine" }, around(t("machine_output"), el("span", { lang: target, text: sentence.machine }))),
      el("p", { className: "row" }, [el("span", { className: "badge state", text: t(sentence.state) }), save]),
      suggestions]),
  ]);
}

/* A field's heading in the page's language; a field the page has no name for shows its
 * identifier (an English code, not to be translated). */
function heading(name) {
  const known = Object.prototype.hasOwnProperty.call(config.headings, name);
  return known ? el("h2", { text: config.headings[name] }) : el("h2", { lang: "en", translate: "no", text: name });
}

function render(data, kept) {
  view = data;
  document.getElementById("locale-state").textContent = t("state_" + data.state);
  document.getElementById("progress").textContent = t("progress", { done: data.progress.reviewed, total: data.progress.total });
  const fields = document.getElementById("fields");
  fields.replaceChildren(...Object.entries(data.fields).map(([name, sentences]) =>
    el("section", { className: "field" }, [heading(name), ...sentences.map((s) => sentenceNode(name, s))])));
  (kept || []).forEach(([field, index, text]) => {
    const area = fields.querySelector(`textarea[data-field="${CSS.escape(field)}"][data-index="${index}"]`);
    if (area) area.value = text;
  });
}

async function load(kept) {
  announce(t("loading"));
  const response = await fetch(config.api);
  if (!response.ok) { announce((await response.json()).error, "error"); return; }
  etag = response.headers.get("ETag");
  render(await response.json(), kept);
  announce("");
}

async function saveSentence(area) {
  const position = { field: area.dataset.field, index: Number(area.dataset.index) };
  announce(t("saving"));
  let response;
  try {
    response = await fetch(config.api, {
      method: "PUT",
      headers: headers({ "Content-Type": "application/json", "If-Match": etag }),
      body: JSON.stringify({ sentences: [Object.assign({ text: area.value }, position)] }),
    });
  } catch (error) { announce(t("network"), "error"); return; }
  if (response.status === 412) {
    await load([[position.field, position.index, area.value]]);
    announce(t("conflict"), "error");
    return;
  }
  if (!response.ok) { announce((await response.json()).error || t("bad_token"), "error"); return; }
  etag = response.headers.get("ETag");
  render(await response.json());
  announce(t("saved"));
  const again = document.querySelector(`textarea[data-field="${CSS.escape(position.field)}"][data-index="${position.index}"]`);
  if (again) again.focus();
}

function move(step) {
  const areas = Array.from(document.querySelectorAll(".sentence textarea"));
  const at = areas.indexOf(document.activeElement);
  const next = areas[Math.min(areas.length - 1, Math.max(0, at + step))];
  if (next) next.focus();
}

document.addEventListener("keydown", (event) => {
  if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault();
    move(event.key === "ArrowDown" ? 1 : -1);
  } else if (event.ctrlKey && event.key === "Enter" && document.activeElement.tagName === "TEXTAREA") {
    event.preventDefault();
    saveSentence(document.activeElement);
  }
});

document.getElementById("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, document.getElementById("token").value);
  document.getElementById("login").hidden = true;
});
if (sessionStorage.getItem(KEY)) document.getElementById("login").hidden = true;
load();

/* Mixlate pages: draw a fuzzy memory match's difference (computed by the server) as
 * <del>/<ins> marks. Not colour alone: the marks are struck through and underlined, and
 * each carries a hidden, localized word for screen readers. Text only goes into textContent. */

function mark(tag, text, label) {
  const node = document.createElement(tag);
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = label + " ";
  node.append(hidden, document.createTextNode(text));
  return node;
}

/* ``runs``: [{op, text, unit}] turning the text being translated into the memory's source.
 * What only the text has is struck through (<del>), what only the memory's source has is
 * underlined (<ins>). ``labels``: {text, memory}, the hidden words for each, localized. */
export function differenceNode(runs, labels, lang) {
  const node = document.createElement("span");
  node.className = "diff";
  if (lang) node.lang = lang;
  runs.forEach((run) => {
    if (run.op === "equal") { node.append(document.createTextNode(run.unit)); return; }
    if (run.text) node.append(mark("del", run.text, labels.text));
    if (run.unit) node.append(mark("ins", run.unit, labels.memory));
  });
  return node;
}

// The try-it page: post the text, then draw input and output segments linked by hover/focus.
"use strict";

(function () {
  const form = document.getElementById("translate-form");
  const status = document.getElementById("status");
  const segmentsPane = document.getElementById("segments");
  const resultPane = document.getElementById("result");
  const messages = document.getElementById("messages").dataset;
  const known = ["en", "ja", "ko"];

  function piece(text, segment, index) {
    const span = document.createElement("span");
    span.className = "seg";
    if (!known.includes(segment.lang) && !segment.lang.startsWith("zh")) {
      span.classList.add("other");
    }
    span.dataset.lang = segment.lang;
    span.dataset.index = String(index);
    span.tabIndex = 0;
    span.title = segment.lang + (segment.action ? " · " + segment.action : "");
    span.textContent = text;
    return span;
  }

  function draw(pane, text, segments, startKey, endKey) {
    pane.replaceChildren();
    let position = 0;
    segments.forEach(function (segment, index) {
      pane.append(document.createTextNode(text.slice(position, segment[startKey])));
      pane.append(piece(text.slice(segment[startKey], segment[endKey]), segment, index));
      position = segment[endKey];
    });
    pane.append(document.createTextNode(text.slice(position)));
  }

  function highlight(index, on) {
    document.querySelectorAll('.seg[data-index="' + index + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
  }

  ["mouseover", "focusin"].forEach(function (kind) {
    document.addEventListener(kind, function (event) {
      const seg = event.target.closest && event.target.closest(".seg");
      if (seg) highlight(seg.dataset.index, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (kind) {
    document.addEventListener(kind, function (event) {
      const seg = event.target.closest && event.target.closest(".seg");
      if (seg) highlight(seg.dataset.index, false);
    });
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const text = form.elements.text.value;
    status.textContent = messages.working;
    try {
      const response = await fetch("/api/v1/translate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text, target: form.elements.target.value }),
      });
      const body = await response.json();
      if (!response.ok) {
        status.textContent = messages.failed + ": " + body.error;
        return;
      }
      draw(segmentsPane, text, body.segments, "start", "end");
      draw(resultPane, body.translation, body.segments, "output_start", "output_end");
      status.textContent = "";
    } catch (error) {
      status.textContent = messages.failed + ": " + error;
    }
  });
})();

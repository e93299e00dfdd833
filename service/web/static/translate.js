// The try-it page: post the text, then draw input and output segments linked by hover/focus.
// Each segment carries its language (lang, colour) as the text is now: an output segment is
// in the target unless it was kept. The segments of a pane are one roving focus group (one
// Tab stop, arrow keys move between them); tooltips and the status line are localized.
"use strict";

(function () {
  const form = document.getElementById("translate-form");
  const status = document.getElementById("status");
  const segmentsPane = document.getElementById("segments");
  const resultPane = document.getElementById("result");
  const config = JSON.parse(document.getElementById("translate-config").textContent);
  const messages = config.messages;
  const names = config.names;
  const coloured = ["en", "zh", "ja", "ko"];
  const unchanged = ["kept", "untranslated"];
  const pageLang = document.documentElement.lang;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return String(values[key]);
    });
  }

  function colour(lang) {
    const base = lang.split("-")[0];
    return "lang-" + (coloured.includes(base) ? base : "other");
  }

  function piece(text, segment, index, lang) {
    const span = document.createElement("span");
    span.className = "seg " + colour(lang);
    if (lang !== "und") {
      span.lang = lang;
    }
    span.dataset.lang = lang;
    span.dataset.index = String(index);
    span.tabIndex = -1;
    const action = messages[segment.action] || segment.action || "";
    span.title = (names[lang] || lang) + (action ? " · " + action : "");
    span.textContent = text;
    return span;
  }

  function draw(pane, text, segments, startKey, endKey, langOf) {
    pane.replaceChildren();
    let position = 0;
    segments.forEach(function (segment, index) {
      pane.append(document.createTextNode(text.slice(position, segment[startKey])));
      const part = text.slice(segment[startKey], segment[endKey]);
      pane.append(piece(part, segment, index, langOf(segment)));
      position = segment[endKey];
    });
    pane.append(document.createTextNode(text.slice(position)));
    const first = pane.querySelector(".seg");
    if (first) {
      first.tabIndex = 0;
    }
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

  // Roving focus: arrows, Home and End move within a pane; Tab leaves it.
  [segmentsPane, resultPane].forEach(function (pane) {
    pane.addEventListener("keydown", function (event) {
      const all = Array.from(pane.querySelectorAll(".seg"));
      const at = all.indexOf(document.activeElement);
      if (at < 0) return;
      const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
        Home: 0, End: all.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = all[Math.max(0, Math.min(all.length - 1, moves[event.key]))];
      all[at].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const text = form.elements.text.value;
    const target = form.elements.target.value;
    status.textContent = messages.working;
    const started = performance.now();
    try {
      const response = await fetch("/api/v1/translate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text, target: target }),
      });
      const body = await response.json();
      if (!response.ok) {
        status.textContent = messages.failed + ": " + body.error;
        return;
      }
      const segments = body.segments;
      draw(segmentsPane, text, segments, "start", "end", function (s) { return s.lang; });
      draw(resultPane, body.translation, segments, "output_start", "output_end", function (s) {
        return unchanged.includes(s.action) ? s.lang : target;
      });
      const kept = segments.filter(function (s) { return unchanged.includes(s.action); }).length;
      const number = new Intl.NumberFormat(pageLang);
      const seconds = new Intl.NumberFormat(pageLang, { maximumFractionDigits: 1 });
      status.textContent = fill(messages.done, {
        translated: number.format(segments.length - kept),
        kept: number.format(kept),
        seconds: seconds.format((performance.now() - started) / 1000),
      });
    } catch (error) {
      status.textContent = messages.failed + ": " + error;
    }
  });
})();

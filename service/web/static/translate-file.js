// The try-it page's file tab: post the document to /api/v1/files, follow the job at its
// Location (progress bar and a localized status line, announced politely), then offer the
// translated file's download link; Cancel deletes the job. Strings come from the page's
// JSON config (the catalogs), never from this script.
"use strict";

(function () {
  const form = document.getElementById("file-form");
  const status = document.getElementById("file-status");
  const bar = document.getElementById("file-progress");
  const link = document.getElementById("file-download");
  const cancel = document.getElementById("file-cancel");
  const submit = document.getElementById("file-submit");
  const messages = JSON.parse(document.getElementById("translate-config").textContent).messages;
  const number = new Intl.NumberFormat(document.documentElement.lang);
  const POLL_MS = 500;
  let current = null; // the Location of the job being followed

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return String(values[key]);
    });
  }

  function show(job) {
    const total = job.progress.total;
    const done = job.progress.done;
    bar.max = Math.max(total, 1);
    bar.value = total ? done : 0;
    if (job.state === "queued") {
      status.textContent = messages.queued;
    } else if (job.state === "running") {
      status.textContent = fill(messages.progress, {
        done: number.format(done), total: number.format(total),
      });
    } else if (job.state === "done") {
      bar.value = bar.max;
      status.textContent = messages.file_done;
      link.href = job.translatedFileUrl;
      link.textContent = fill(messages.download, { name: job.filename });
      link.hidden = false;
    } else if (job.state === "failed") {
      status.textContent = messages.file_failed + ": " + (job.error || "");
    } else {
      status.textContent = messages.file_cancelled;
    }
    const active = job.state === "queued" || job.state === "running";
    cancel.hidden = !active;
    if (!active) {
      current = null;
      submit.disabled = false;
    }
    return active;
  }

  async function follow(location) {
    while (current === location) {
      const response = await fetch(location, { headers: { Accept: "application/json" } });
      const job = await response.json();
      if (current !== location) return;
      if (!response.ok) {
        status.textContent = messages.file_failed + ": " + job.error;
        current = null;
        submit.disabled = false;
        return;
      }
      if (!show(job)) return;
      await new Promise(function (resolve) { setTimeout(resolve, POLL_MS); });
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const data = new FormData();
    data.append("file", form.elements.file.files[0]);
    data.append("source", "auto");
    data.append("target", form.elements.target.value);
    link.hidden = true;
    cancel.hidden = true;
    bar.hidden = false;
    bar.value = 0;
    submit.disabled = true;
    status.textContent = messages.uploading;
    try {
      const response = await fetch("/api/v1/files", { method: "POST", body: data });
      const job = await response.json();
      if (response.status !== 202) {
        status.textContent = messages.file_failed + ": " + job.error;
        bar.hidden = true;
        submit.disabled = false;
        return;
      }
      current = response.headers.get("Location");
      if (show(job)) await follow(current);
    } catch (error) {
      status.textContent = messages.file_failed + ": " + error;
      current = null;
      submit.disabled = false;
    }
  });

  cancel.addEventListener("click", async function () {
    const location = current;
    if (!location) return;
    current = null;
    const response = await fetch(location, { method: "DELETE" });
    show(await response.json());
  });
})();

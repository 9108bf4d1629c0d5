/* The job page of a report: polls the job's JSON every 1.5 s while it waits or runs, moves
   the progress bar, and turns into the download link (or the reason and the retry button)
   when the job ends. No inline script: the page carries the URL in data-status-url. */
(function () {
  "use strict";

  var INTERVAL = 1500;

  function show(root, name) {
    root.querySelectorAll("[data-job-block]").forEach(function (block) {
      block.hidden = block.getAttribute("data-job-block") !== name;
    });
  }

  function update(root, state) {
    var bar = root.querySelector("[data-job-progress]");
    if (bar) {
      bar.setAttribute("aria-valuenow", state.progress);
      var inner = bar.querySelector(".progress-bar");
      inner.style.width = state.progress + "%";
      inner.textContent = state.progress + "%";
    }
    // "message" says what the job waits for (a free worker, the document service) or its step.
    var step = root.querySelector("[data-job-step]");
    var text = state.message || state.step;
    if (step && text) {
      step.textContent = text;
    }
    var badge = document.querySelector("[data-job-badge] .badge");
    if (badge) {
      badge.textContent = state.status_label;
      badge.className = "badge text-bg-" + ({succeeded: "success", failed: "danger", running: "primary"}[state.status] || "secondary");
    }
    if (state.status === "succeeded") {
      var link = root.querySelector("[data-job-download]");
      if (link && state.download_url) {
        link.href = state.download_url;
      }
      var name = root.querySelector("[data-job-filename]");
      if (name) {
        name.textContent = state.filename || "";
      }
      show(root, "succeeded");
      // The versions table is rendered by the server: show it once.
      if (root.getAttribute("data-status") !== "succeeded") {
        window.setTimeout(function () { window.location.reload(); }, 800);
      }
    } else if (state.status === "failed") {
      var error = root.querySelector("[data-job-error]");
      if (error) {
        error.textContent = state.error;
      }
      show(root, "failed");
    } else {
      show(root, "progress");
    }
    root.setAttribute("data-status", state.status);
  }

  function poll(root) {
    var url = root.getAttribute("data-status-url");
    fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin", cache: "no-store"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        update(root, state);
        if (!state.finished) {
          window.setTimeout(function () { poll(root); }, INTERVAL);
        }
      })
      .catch(function () {
        // A network hiccup: try again a little later rather than stop updating.
        window.setTimeout(function () { poll(root); }, INTERVAL * 4);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Also the page of a dashboard table written in the background (data-job-root).
    var root = document.getElementById("report-job") || document.querySelector("[data-job-root]");
    if (!root) {
      return;
    }
    var status = root.getAttribute("data-status");
    if (status === "queued" || status === "running") {
      window.setTimeout(function () { poll(root); }, INTERVAL);
    }
  });
})();

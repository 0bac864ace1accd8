// The job page follows its ingest: it asks the job's JSON twin every second and shows the stage
// reached; once the job is done it reloads, and the server's page shows the numbers and warnings.
(function () {
  "use strict";
  var POLL_MS = 1000;

  function show(section, state) {
    section.querySelector(".job-status-label").textContent = state.status_label;
    section.querySelector(".job-stage-label").textContent = state.stage_label;
    section.querySelector(".job-progress").value = state.progress;
    section.querySelector(".job-attempts").textContent = state.attempts;
    section.querySelectorAll(".job-stages li").forEach(function (item) {
      item.classList.toggle("reached", state.stages_reached.indexOf(item.dataset.stage) !== -1);
    });
    section.dataset.status = state.status;
  }

  function poll(section) {
    fetch(section.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (state) {
        show(section, state);
        if (state.finished) { window.location.reload(); } else { window.setTimeout(poll, POLL_MS, section); }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 5, section); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector(".ingest-job");
    if (section && section.dataset.status !== "succeeded" && section.dataset.status !== "failed") {
      window.setTimeout(poll, POLL_MS, section);
    }
  });
})();

// Polls the status of the reports still queued or running and reloads the
// page once any of them has finished, so its download link appears.
(function () {
  "use strict";
  var table = document.getElementById("report-list");
  if (!table) { return; }
  var pending = Array.prototype.map.call(
    table.querySelectorAll("[data-pending-report]"),
    function (row) { return row.dataset.pendingReport; }
  );
  if (!pending.length) { return; }
  var template = table.dataset.statusUrlTemplate;
  var delay = 2000;

  function url(id) { return template.replace(/\/0\/$/, "/" + id + "/"); }

  function check() {
    Promise.all(pending.map(function (id) {
      return fetch(url(id), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });
    })).then(function (results) {
      var finished = results.some(function (report) {
        return report && report.status !== "queued" && report.status !== "running";
      });
      if (finished) {
        window.location.reload();
      } else {
        delay = Math.min(delay * 1.5, 15000);
        window.setTimeout(check, delay);
      }
    });
  }
  window.setTimeout(check, delay);
})();

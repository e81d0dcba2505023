// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  document.querySelectorAll(".js-hide-with-js").forEach(function (el) { el.classList.add("d-none"); });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (typeof Chart === "undefined") { return; }
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    new Chart(canvas, spec);
  });
});

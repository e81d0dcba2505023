// Fills the check-in (or incident) form with the browser's location.
// The distance to the workplace is computed on the server, never here.
(function () {
  "use strict";

  function locate(onDone, onFail) {
    if (!navigator.geolocation) { onFail(); return; }
    navigator.geolocation.getCurrentPosition(
      function (pos) { onDone(pos.coords); },
      onFail,
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 }
    );
  }

  function fill(form, coords) {
    form.querySelector("[name=lat]").value = coords.latitude.toFixed(6);
    form.querySelector("[name=lng]").value = coords.longitude.toFixed(6);
    var accuracy = form.querySelector("[name=accuracy_m]");
    if (accuracy) { accuracy.value = Math.round(coords.accuracy); }
  }

  var checkin = document.getElementById("checkin-form");
  if (checkin) {
    var button = document.getElementById("checkin-button");
    var status = document.getElementById("checkin-status");
    checkin.addEventListener("submit", function (event) {
      if (checkin.dataset.located) { return; }
      event.preventDefault();
      button.disabled = true;
      status.textContent = button.dataset.locating;
      locate(function (coords) {
        fill(checkin, coords);
        checkin.dataset.located = "1";
        checkin.submit();
      }, function () {
        button.disabled = false;
        status.textContent = button.dataset.denied;
      });
    });
  }

  var incident = document.getElementById("incident-form");
  if (incident) {
    // The location is a help, not a condition: the report goes out without it.
    locate(function (coords) { fill(incident, coords); }, function () {});
  }
})();

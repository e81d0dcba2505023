// "Use my location": the workplace's coordinates from where the user stands.
(function () {
  "use strict";
  var button = document.getElementById("use-my-location");
  if (!button || !navigator.geolocation) { return; }
  var status = document.getElementById("use-my-location-status");
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.querySelector("[name=site_lat]").value = pos.coords.latitude.toFixed(6);
      document.querySelector("[name=site_lng]").value = pos.coords.longitude.toFixed(6);
      status.textContent = "±" + Math.round(pos.coords.accuracy) + " m";
    }, function () { status.textContent = button.dataset.denied; },
    { enableHighAccuracy: true, timeout: 20000 });
  });
})();

// The weekly attendance sheet: fill every empty weekday with "present" at once.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".js-all-present");
  if (!button) { return; }
  button.addEventListener("click", function () {
    document.querySelectorAll("select.js-attendance").forEach(function (select) {
      var day = new Date(select.name.slice(-10) + "T00:00:00");
      var weekend = day.getDay() === 0 || day.getDay() === 6;
      if (!select.value && !weekend) { select.value = "present"; }
    });
  });
});

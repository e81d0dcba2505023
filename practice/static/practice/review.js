// The teacher's review queue: review or return an item through the API and
// move to the next one without reloading the list. J/K move, Enter in the
// score reviews, R (outside a field) returns with the comment.
(function () {
  "use strict";
  var queue = document.getElementById("review-queue");
  if (!queue) { return; }
  var token = queue.querySelector("[name=csrfmiddlewaretoken]").value;

  function items() { return Array.prototype.slice.call(queue.querySelectorAll(".review-item:not(.done)")); }

  function focusItem(item) {
    if (!item) { document.getElementById("queue-empty").classList.remove("d-none"); return; }
    item.focus();
    var score = item.querySelector(".review-score");
    if (score) { score.focus(); }
  }

  function move(item, step) {
    var list = items();
    var index = list.indexOf(item);
    focusItem(list[Math.min(Math.max(index + step, 0), list.length - 1)]);
  }

  function send(item, action) {
    var score = item.querySelector(".review-score").value;
    var comment = item.querySelector(".review-comment").value;
    var body = action === "review" ? { score: parseInt(score, 10), comment: comment } : { comment: comment };
    var error = item.querySelector(".review-error");
    error.textContent = "";
    fetch(item.dataset.url + action + "/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        var messages = [];
        Object.keys(result.data).forEach(function (key) {
          if (key !== "code") { messages = messages.concat(result.data[key]); }
        });
        error.textContent = messages.join(" ") || queue.dataset.error;
        return;
      }
      var next = items()[items().indexOf(item) + 1] || items()[items().indexOf(item) - 1];
      item.classList.add("done");
      var count = document.getElementById("queue-count");
      count.textContent = String(items().length);
      focusItem(next);
    }).catch(function () { error.textContent = queue.dataset.error; });
  }

  queue.addEventListener("click", function (event) {
    var item = event.target.closest(".review-item");
    if (!item) { return; }
    if (event.target.classList.contains("review-ok")) { send(item, "review"); }
    if (event.target.classList.contains("review-return")) { send(item, "return"); }
  });

  queue.addEventListener("keydown", function (event) {
    var item = event.target.closest(".review-item");
    if (!item) { return; }
    var inField = event.target.tagName === "INPUT";
    if (event.key === "Enter" && inField) { event.preventDefault(); send(item, event.target.classList.contains("review-comment") && !item.querySelector(".review-score").value ? "return" : "review"); return; }
    if (inField) { return; }
    if (event.key === "j") { event.preventDefault(); move(item, 1); }
    if (event.key === "k") { event.preventDefault(); move(item, -1); }
    if (event.key === "r") { event.preventDefault(); send(item, "return"); }
  });

  focusItem(items()[0]);
})();

/* The menu's to-do count, asked for after the page has loaded (core.todos.todo_count). */
(function () {
  "use strict";
  var link = document.getElementById("todo-menu");
  if (!link || !window.fetch) { return; }
  fetch(link.getAttribute("data-count-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.count) { return; }
      var badge = document.createElement("span");
      badge.className = "count";
      badge.textContent = String(data.count);
      badge.setAttribute("aria-label", data.count + " " + link.getAttribute("data-count-label"));
      link.appendChild(document.createTextNode(" "));
      link.appendChild(badge);
    })
    .catch(function () { /* offline or signed out: the link still leads to the list */ });
}());

// The dashboard's charts (Chart.js, served from this site) and its sortable tables.
// Every chart has its numbers in a table beside it; without JavaScript the tables remain.
(function () {
  "use strict";
  var COLOURS = ["#b3261e", "#e8a317", "#1f6feb", "#2e7d32"];

  function draw(canvas, spec) {
    var horizontal = spec.kind === "hbar";
    var bars = parseInt(canvas.parentNode.getAttribute("data-bars") || "0", 10);
    if (horizontal && bars) {
      canvas.parentNode.style.height = Math.max(160, 60 + bars * 22 * spec.series.length) + "px";
    }
    new window.Chart(canvas, {
      type: horizontal ? "bar" : "line",
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return {label: s.label, data: s.data, backgroundColor: COLOURS[i % 4],
                  borderColor: COLOURS[i % 4], tension: 0.2};
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        responsive: true,
        animation: false,
        plugins: {legend: {position: "bottom"}},
        scales: {x: {beginAtZero: true, ticks: {font: {size: 11}}},
                 y: {beginAtZero: true, ticks: {font: {size: 11}}}}
      }
    });
  }

  function sortBy(table, column, button) {
    var th = button.closest("th");
    var numeric = button.getAttribute("data-sort") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-value");
      var y = b.cells[column].getAttribute("data-value");
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "vi");
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("dashboard-charts");
    var specs = data ? JSON.parse(data.textContent) : {};
    if (window.Chart) {
      document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        var spec = specs[canvas.getAttribute("data-chart")];
        if (spec && spec.labels.length) { draw(canvas, spec); }
      });
    }
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("thead button[data-sort]").forEach(function (button, column) {
        button.addEventListener("click", function () { sortBy(table, column, button); });
      });
    });
  });
})();

/* A list table stacks into one block per row on a phone (app.css); each cell then shows its
 * column's heading, copied here from the table head into data-label. A cell that already
 * has a data-label keeps it. */
(function () {
  "use strict";
  document.querySelectorAll("table.list").forEach(function (table) {
    var heads = Array.prototype.map.call(
      table.querySelectorAll("thead tr:last-child th"),
      function (th) { return th.textContent.trim(); }
    );
    if (!heads.length) { return; }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && heads[column] !== undefined) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
})();

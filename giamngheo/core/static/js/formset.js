/* Rows of a Django formset added and removed in place.
 *
 * Without script the "add" button is a submit that re-renders the page with one more row and
 * what was typed; with it, the row is cloned from the <template> holding the formset's empty
 * form, and the management form's TOTAL_FORMS is kept in step. A removed row is folded and
 * its DELETE box ticked, so the server decides (an undo is one click on the same box).
 */
(function () {
  "use strict";

  function addRow(set) {
    var total = set.querySelector('input[name$="-TOTAL_FORMS"]');
    var index = parseInt(total.value, 10) || 0;
    var html = set.querySelector("template[data-empty-form]").innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    set.querySelector("[data-forms]").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  function markRemoved(box) {
    var row = box.closest("[data-form]");
    if (row) { row.classList.toggle("removed", box.checked); }
  }

  document.querySelectorAll("[data-formset]").forEach(function (set) {
    var add = set.querySelector("[data-add]");
    if (add) {
      add.addEventListener("click", function (event) {
        event.preventDefault();
        addRow(set);
      });
    }
    set.addEventListener("change", function (event) {
      if (event.target.matches("[data-remove]")) { markRemoved(event.target); }
    });
    set.querySelectorAll("[data-remove]").forEach(markRemoved);
  });
})();

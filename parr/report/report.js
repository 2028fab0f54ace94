// Sorting and filtering of the tool tables. Static code shipped with parr: it reads the table's
// text, never evaluates any of it, and makes no request.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent.trim().toLowerCase();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) { return x - y; }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var d = compare(cellValue(r1, index), cellValue(r2, index));
      return descending ? -d : d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function applyFilter(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    var text = box.querySelector("input[type=search]").value.trim().toLowerCase();
    var onlyMutating = box.querySelector("input[name=mutating]").checked;
    var onlyUngated = box.querySelector("input[name=ungated]").checked;
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = (!text || row.textContent.toLowerCase().indexOf(text) !== -1) &&
        (!onlyMutating || row.classList.contains("mutating")) &&
        (!onlyUngated || row.classList.contains("ungated"));
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    box.querySelector("output").textContent = shown + " of " + table.tBodies[0].rows.length + " tools shown";
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, index, th); }); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".filters"), function (box) {
    box.hidden = false;
    Array.prototype.forEach.call(box.querySelectorAll("input"), function (input) {
      input.addEventListener("input", function () { applyFilter(box); });
      input.addEventListener("change", function () { applyFilter(box); });
    });
    applyFilter(box);
  });
}());

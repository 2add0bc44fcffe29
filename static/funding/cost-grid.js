/* The cost grid (funding/partials/cost_grid.html): row, year and grand totals and the computed
   flat rate update as one types, and "Add a row" adds a row without saving. Progressive
   enhancement: without this script the same form posts the same figures and the page shows the
   totals after saving. Euros are counted in whole cents (BigInt), never in floating point, and
   the flat rate is rounded half up to whole euros per year, as funding/calculations.py does. */
(function () {
  "use strict";
  var NBSP = "\u00a0";
  var MINUS = "\u2212";

  /* "1 234,50" → 123450n cents; "" → 0n; anything else → null (the server names the error). */
  function cents(text) {
    var t = String(text).replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    if (t === "") return 0n;
    if (!/^\d+(\.\d{0,2})?$/.test(t)) return null;
    var parts = t.split(".");
    return BigInt(parts[0]) * 100n + BigInt(((parts[1] || "") + "00").slice(0, 2));
  }

  /* 43606800n → "436 068,00 €", the way the eur template filter writes it. */
  function euros(value) {
    var negative = value < 0n;
    if (negative) value = -value;
    var whole = (value / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    var part = (value % 100n).toString().padStart(2, "0");
    return (negative ? MINUS : "") + whole + "," + part + NBSP + "€";
  }

  function flatRate(salaryCents, percentHundredths) {
    // salaries × percent / 100, half up to whole euros: cents × hundredths / 10^6 euros.
    return ((salaryCents * percentHundredths + 500000n) / 1000000n) * 100n;
  }

  function setUp(grid) {
    var form = grid.closest("form");
    var body = grid.querySelector("[data-grid-body]");
    var rateInput = document.getElementById(grid.getAttribute("data-flat-rate"));
    var template = form.querySelector("template[data-row-template]");
    var addButton = form.querySelector("[data-add-row]");
    var totalForms = form.querySelector("input[name$='-TOTAL_FORMS']");

    function recompute() {
      var yearCells = grid.querySelectorAll("[data-year-total]");
      var flatCells = grid.querySelectorAll("[data-flat-year]");
      var columns = yearCells.length;
      var costs = [], salaries = [];
      for (var i = 0; i < columns; i++) { costs.push(0n); salaries.push(0n); }
      body.querySelectorAll("tr[data-grid-row]").forEach(function (row) {
        var category = row.querySelector("select").value;
        var sign = category === "income" ? -1n : 1n;
        var rowTotal = 0n;
        row.querySelectorAll("input[data-year]").forEach(function (input, column) {
          var value = cents(input.value);
          input.classList.toggle("is-invalid", value === null);
          if (value === null) value = 0n;
          rowTotal += value;
          if (!category) return;
          costs[column] += sign * value;
          if (category === "salaries") salaries[column] += value;
        });
        row.querySelector("[data-row-total]").textContent = euros(rowTotal);
      });
      var percent = rateInput ? cents(rateInput.value) : 0n;
      if (percent === null) percent = 0n;
      var flatTotal = 0n, grand = 0n;
      for (var c = 0; c < columns; c++) {
        var flat = flatRate(salaries[c], percent);
        flatTotal += flat;
        flatCells[c].textContent = euros(flat);
        yearCells[c].textContent = euros(costs[c] + flat);
        grand += costs[c] + flat;
      }
      grid.querySelector("[data-flat-total]").textContent = euros(flatTotal);
      grid.querySelector("[data-grand-total]").textContent = euros(grand);
    }

    function addRow() {
      var index = parseInt(totalForms.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__row__/g, String(index + 1));
      body.insertAdjacentHTML("beforeend", html);
      totalForms.value = String(index + 1);
      var rows = body.querySelectorAll("tr[data-grid-row]");
      rows[rows.length - 1].querySelector("select").focus();
      recompute();
    }

    grid.addEventListener("input", recompute);
    grid.addEventListener("change", recompute);
    if (rateInput) rateInput.addEventListener("input", recompute);
    if (addButton && template && totalForms) {
      addButton.hidden = false;
      addButton.addEventListener("click", addRow);
    }
    recompute();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-cost-grid]").forEach(setUp);
  });
})();

/* Progressive enhancement for every page; everything works without it.
   - The main menu collapses behind a disclosure button on narrow screens.
   - Wide tables scroll sideways inside their own focusable region instead of widening the page. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 760px)");

  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) return;
    function apply() {
      if (narrow.matches) {
        toggle.hidden = false;
        nav.hidden = toggle.getAttribute("aria-expanded") !== "true";
      } else {
        toggle.hidden = true;
        nav.hidden = false;
      }
    }
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
      apply();
    });
    narrow.addEventListener("change", apply);
    apply();
  }

  function wrapTables() {
    var label = document.body.getAttribute("data-table-label") || "";
    document.querySelectorAll("main table").forEach(function (table) {
      var region = table.parentElement;
      if (!region.classList.contains("table-scroll")) {
        region = document.createElement("div");
        region.className = "table-scroll";
        table.parentElement.insertBefore(region, table);
        region.appendChild(table);
      }
      var caption = table.querySelector("caption");
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      region.setAttribute("aria-label", caption ? caption.textContent.trim() : label);
    });
    markOverflow();
  }

  function markOverflow() {
    document.querySelectorAll(".table-scroll").forEach(function (region) {
      region.classList.toggle("is-overflowing", region.scrollWidth > region.clientWidth + 1);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A form came back with errors: the summary at the top takes focus, so it is read first.
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
    setUpMenu();
    wrapTables();
    window.addEventListener("resize", markOverflow);
  });
})();

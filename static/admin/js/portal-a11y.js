/* Accessible names that Django's admin widgets leave out (WCAG 4.1.2), added once they are built:
   - the autocomplete (select2) combobox is named by its field's label, not only by its current value,
     and so is the read-only text box inside it that shows the value (empty until one is chosen);
   - the search icon of the two-box selector is an image with a name, not a nameless span with aria-label. */
(function () {
  "use strict";

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var combobox = container && container.querySelector('[role="combobox"]');
      if (!label || !combobox) return;
      if (!label.id) label.id = select.id + "-label";
      var rendered = combobox.querySelector(".select2-selection__rendered");
      var ids = [label.id];
      if (rendered && rendered.id) {
        ids.push(rendered.id);
        rendered.setAttribute("aria-labelledby", label.id);
      }
      combobox.setAttribute("aria-labelledby", ids.join(" "));
    });
  }

  function nameSearchIcons(root) {
    root.querySelectorAll(".help-tooltip.search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fix(root) {
    nameAutocompletes(root);
    nameSearchIcons(root);
  }

  // select2 builds its widgets when jQuery is ready, inline rows when they are added: name whatever
  // appears, whenever it appears.
  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    new MutationObserver(function (changes) {
      if (changes.some(function (change) { return change.addedNodes.length; })) fix(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();

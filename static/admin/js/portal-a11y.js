/* Accessible names that Django's admin widgets leave out (WCAG 4.1.2), added once they are built:
   - the autocomplete (select2) combobox is named by its field's label, not only by its current value;
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
      if (rendered && rendered.id) ids.push(rendered.id);
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

  window.addEventListener("load", function () {
    fix(document);
    document.addEventListener("formset:added", function (event) { fix(event.target); });
  });
})();

// Echo: apply the PHI guard's suggested rewrite with one click. A file, never an inline
// script (the Content-Security-Policy allows scripts from 'self' only). Without JavaScript
// the buttons stay hidden and each suggestion is shown as text to copy.
(function () {
  "use strict";

  function reveal(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("button[data-rewrite-field]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    reveal(document);
  });
  // Content htmx swaps in (the live check under a field, a boosted page).
  document.addEventListener("htmx:load", function (event) {
    reveal(event.detail && event.detail.elt);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-rewrite-field]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.dataset.rewriteField);
    if (!field) {
      return;
    }
    var found = button.dataset.rewriteText;
    var replacement = button.dataset.rewriteWith;
    var value = field.value;
    var start = Number(button.dataset.rewriteStart);
    // The offset is where the guard saw it; if the text moved since, its first occurrence.
    var at = value.substr(start, found.length) === found ? start : value.indexOf(found);
    if (at < 0) {
      button.disabled = true;
      return;
    }
    field.value = value.slice(0, at) + replacement + value.slice(at + found.length);
    field.focus();
    field.setSelectionRange(at + replacement.length, at + replacement.length);
    button.disabled = true;
    button.textContent = "Replaced";
    // The guard checks the field again (hx-trigger "input changed").
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();

// Echo: start a new account's time zone at the browser's own. A file, never an inline
// script (the Content-Security-Policy allows scripts from 'self' only). Without JavaScript
// the field keeps the server's default and its list of zones is still searchable.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) {
      return;
    }
    document.querySelectorAll("input[data-zone-guess]").forEach(function (field) {
      // Only while the person has not chosen: the value is still the server's default.
      if (field.value !== field.dataset.zoneGuess || !field.list) {
        return;
      }
      var known = Array.prototype.some.call(field.list.options, function (option) {
        return option.value === zone;
      });
      if (known) {
        field.value = zone;
      }
    });
  });
})();

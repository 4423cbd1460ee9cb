// Storyline: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A filter <select> applies itself when changed (the form's button does the same without JS).
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Bring the focused span (?hl=c3) into view even when the browser restored another scroll position.
  var focused = document.querySelector(".body .focus");
  if (focused) { focused.scrollIntoView({block: "center"}); }
});

// Hiring request form: warn while typing when the wage is below the UMK or the local share below the quota.
(function () {
  "use strict";

  function bind(root) {
    root.querySelectorAll("form[data-umk]").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      var umk = parseInt(form.dataset.umk, 10);
      var wage = form.querySelector("[name=wage_min]");
      var note = form.querySelector("#umk-note");
      function check() {
        var value = parseInt(wage.value, 10);
        note.classList.toggle("is-warning", !isNaN(value) && value > 0 && value < umk);
      }
      if (wage && note) {
        wage.addEventListener("input", check);
        check();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:load", function (event) { bind(event.detail.elt); });
})();

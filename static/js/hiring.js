// Hiring request form: warn while typing when the wage is below the UMK; filter the skill list.
// Loaded by base.html on every page; binds on `htmx:load` to the content that arrived.
(function () {
  "use strict";

  function bind(root) {
    window.bontangEach(root, "form[data-umk]", "umkBound", function (form) {
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

  // Skill list: typing in the filter hides the skills whose name does not contain the text.
  function bindSkillFilter(root) {
    window.bontangEach(root, "[data-skill-filter]", "filterBound", function (input) {
      var list = input.parentElement.querySelector("[data-skill-list]");
      input.addEventListener("input", function () {
        var text = input.value.trim().toLowerCase();
        list.querySelectorAll("[data-skill-name]").forEach(function (label) {
          var checked = label.querySelector("input").checked;
          label.classList.toggle("is-hidden", text !== "" && !checked && label.dataset.skillName.indexOf(text) === -1);
        });
      });
    });
  }

  function bindAll(root) {
    bind(root);
    bindSkillFilter(root);
  }

  document.addEventListener("DOMContentLoaded", function () { bindAll(document); });
  document.addEventListener("htmx:load", function (event) { bindAll(event.detail.elt); });
})();

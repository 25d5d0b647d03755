// Hiring request form: warn while typing when the wage is below the UMK; filter the skill list.
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

  // Skill list: typing in the filter hides the skills whose name does not contain the text.
  function bindSkillFilter(root) {
    root.querySelectorAll("[data-skill-filter]").forEach(function (input) {
      if (input.dataset.bound) return;
      input.dataset.bound = "1";
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

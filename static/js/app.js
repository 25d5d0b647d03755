// Small behaviours shared by every page. Loaded from static/ (no inline script: the CSP forbids it).
(function () {
  "use strict";

  function bindNavToggle(root) {
    root.querySelectorAll("[data-nav-toggle]").forEach(function (button) {
      if (button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () {
        var nav = document.getElementById(button.getAttribute("aria-controls"));
        var open = nav.classList.toggle("is-open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
  }

  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Focus the first invalid field after a form comes back with errors.
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.detail.target.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
  });

  document.addEventListener("DOMContentLoaded", function () { bindNavToggle(document); });
  document.addEventListener("htmx:load", function (event) { bindNavToggle(event.detail.elt); });
})();

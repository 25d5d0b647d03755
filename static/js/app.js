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

  // A button that starts work is disabled (and says so) while its request runs, so it cannot be
  // sent twice. Disabling waits a tick: the form's values, the button's own included, are taken first.
  document.addEventListener("submit", function (event) {
    var form = event.target, button = event.submitter;
    if (event.defaultPrevented || !button) return;
    window.setTimeout(function () {
      button.disabled = true;
      button.dataset.busy = "1";
      form.setAttribute("aria-busy", "true");
      if (button.dataset.busyLabel) {
        button.dataset.idleLabel = button.textContent;
        button.textContent = button.dataset.busyLabel;
      }
    }, 0);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (!form) return;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[data-busy]").forEach(function (button) {
      button.disabled = false;
      delete button.dataset.busy;
      if (button.dataset.idleLabel) button.textContent = button.dataset.idleLabel;
    });
  });
  window.addEventListener("pageshow", function () {  // back button: a page from the cache is idle again
    document.querySelectorAll("button[data-busy]").forEach(function (button) {
      button.disabled = false;
      delete button.dataset.busy;
    });
  });

  // Focus the first invalid field after a form comes back with errors.
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.detail.target.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
  });

  document.addEventListener("DOMContentLoaded", function () { bindNavToggle(document); });
  document.addEventListener("htmx:load", function (event) { bindNavToggle(event.detail.elt); });
})();

// Behaviours shared by every page, loaded once by templates/base.html (no inline script: the CSP
// forbids it). Boosted navigation swaps only <body>, so every page script is loaded by the base
// layout and binds on `htmx:load` to the content that arrived; binding is idempotent (data-bound).
(function () {
  "use strict";

  // Calls fn(element) for root itself and for every descendant matching selector, once per element.
  function each(root, selector, key, fn) {
    var found = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll(selector) : []);
    if (root.matches && root.matches(selector)) found.unshift(root);
    found.forEach(function (element) {
      if (element.dataset[key]) return;
      element.dataset[key] = "1";
      fn(element);
    });
  }
  window.bontangEach = each;

  function bindNavToggle(root) {
    each(root, "[data-nav-toggle]", "navBound", function (button) {
      button.addEventListener("click", function () {
        var nav = document.getElementById(button.getAttribute("aria-controls"));
        var open = nav.classList.toggle("is-open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
    // "Lainnya": a disclosure of secondary menu entries (a plain list on phones).
    each(root, "[data-nav-more]", "moreBound", function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      function set(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        list.classList.toggle("is-open", open);
      }
      button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
      button.parentElement.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") { set(false); button.focus(); }
      });
      button.parentElement.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !button.parentElement.contains(event.relatedTarget)) set(false);
      });
    });
  }

  // Phone layout: tables become stacked cards; every cell carries its column's header as a label.
  function labelTables(root) {
    each(root, "table", "labelled", function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/\s+/g, " ").trim();
      });
      if (!heads.length) return;
      table.classList.add("stackable");
      // Stacked rows are no longer laid out as a table: keep the table's meaning for screen readers.
      table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
        group.setAttribute("role", "rowgroup");
      });
      Array.prototype.forEach.call(table.rows, function (row) {
        row.setAttribute("role", "row");
        Array.prototype.forEach.call(row.cells, function (cell) {
          var scope = cell.getAttribute("scope");
          cell.setAttribute("role", cell.tagName === "TH" ? (scope === "row" ? "rowheader" : "columnheader") : "cell");
        });
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        var keyed = false;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var label = heads[column] || "";
          column += cell.colSpan || 1;
          if (cell.colSpan > 1) { cell.classList.add("cell--wide"); return; }
          if (label && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
          var onlyControl = cell.querySelector("input[type=checkbox]") && !cell.textContent.trim();
          if (!keyed && !onlyControl && cell.textContent.trim()) { cell.classList.add("cell--key"); keyed = true; }
        });
      });
    });
  }

  // One polite live region per page (#live-region in base.html) announces results of a swap.
  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focusTarget(element) {
    if (!element) return;
    if (!element.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName)) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus({ preventScroll: false });
  }

  // After a whole-page swap (boosted link, redirect after a form): focus the first field with an
  // error, else the message, else the new heading.
  function focusPage() {
    var invalid = document.querySelector("main [aria-invalid=true]");
    if (invalid) { invalid.focus(); return; }
    var flash = document.querySelector("#flash-messages .flash");
    focusTarget(flash || document.querySelector("main h1") || document.getElementById("main"));
  }

  // After a fragment swap: a field with an error, else a message or heading that came with it.
  function focusFragment(element) {
    var invalid = element.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); return; }
    // A live region announces its own changes; moving focus there too would read them twice. A
    // region that polls itself (data-polling, e.g. a job's progress) leaves focus where the user is.
    if (element.closest("[aria-live], [data-polling]")) return;
    var message = element.querySelector("[data-focus], .flash, [role=alert]");
    if (message) focusTarget(message);
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail;
    if (!detail || !detail.xhr) return;
    if (detail.xhr.bontangSettled) return;
    detail.xhr.bontangSettled = true;
    if (detail.target === document.body || detail.boosted) { focusPage(); return; }
    var element = event.target;
    var source = element.closest("[data-announce]") || element.querySelector("[data-announce]");
    if (source) announce(source.dataset.announce);
    if (element.isConnected) focusFragment(element);
  });

  // Feedback on every wait: the region being replaced is aria-busy (the slim bar along the top is
  // #nav-progress, the hx-indicator every element inherits from <body>).
  function busy(on, target) {
    // A hidden element (a request fired on load that swaps nothing) has nothing to show as busy.
    if (target && target.setAttribute && !target.hidden) {
      if (on) target.setAttribute("aria-busy", "true"); else target.removeAttribute("aria-busy");
    }
  }
  // The button that started the request shows a spinner (.is-busy) until the answer arrives.
  function startingButton(detail) {
    var elt = detail.elt;
    if (elt && elt.matches && elt.matches("button, input[type=submit]")) return elt;
    var trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
    return trigger && trigger.submitter ? trigger.submitter : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    busy(true, event.detail.target);
    var button = startingButton(event.detail);
    if (button) button.classList.add("is-busy");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    busy(false, event.detail.target);
    var button = startingButton(event.detail);
    if (button) button.classList.remove("is-busy");
  });

  // Plain (non-htmx) forms: disable the submit button while the browser submits, so a second click
  // cannot send the form twice. A download leaves the page in place: enable it again after a while.
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    var form = event.target;
    var buttons = form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
    window.setTimeout(function () {
      buttons.forEach(function (button) { button.disabled = true; button.setAttribute("aria-busy", "true"); });
    }, 0);
    window.setTimeout(function () {
      buttons.forEach(function (button) { button.disabled = false; button.removeAttribute("aria-busy"); });
    }, 8000);
  });
  // Coming back with the Back button shows the page from the cache: its buttons must work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[aria-busy=true]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  });

  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A table wider than its box scrolls inside it: make that box reachable with the keyboard.
  function markScrollable(root) {
    var wraps = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll(".table-wrap") : []);
    if (root.matches && root.matches(".table-wrap")) wraps.push(root);
    wraps.forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        var caption = wrap.querySelector("caption");
        if (!wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
        if (caption && !wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", caption.textContent.trim());
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
      }
    });
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () { markScrollable(document); }, 150);
  });

  function bindAll(root) {
    bindNavToggle(root);
    labelTables(root);
    markScrollable(root);
  }
  document.addEventListener("DOMContentLoaded", function () { bindAll(document); });
  document.addEventListener("htmx:load", function (event) { bindAll(event.detail.elt); });
})();

// Signature pad for the MoU: draw with mouse, pen or finger (pointer events), or type a name.
// The drawing is kept as a PNG data URL in the hidden input; it is redrawn after htmx swaps.
// Loaded by base.html on every page; binds on `htmx:load` to pads in the content that arrived.
// Its listeners live on the pad's own elements, so they go away with the content htmx replaces.
(function () {
  "use strict";

  function setupCanvas(pad) {
    var canvas = pad.querySelector("[data-signature-canvas]");
    var input = pad.querySelector("[data-signature-input]");
    var ctx = canvas.getContext("2d");
    var drawing = false;
    var last = null;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#0b2a6b";

    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: (event.clientX - rect.left) * canvas.width / rect.width,
               y: (event.clientY - rect.top) * canvas.height / rect.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      last = point(event);
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      last = p;
      event.preventDefault();
    });
    function finish() {
      if (!drawing) return;
      drawing = false;
      input.value = canvas.toDataURL("image/png");
    }
    // A drawing that ends outside the page (pointer capture lost) still reaches the form.
    canvas.addEventListener("lostpointercapture", finish);
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    canvas.addEventListener("pointerleave", finish);
    pad.querySelector("[data-signature-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      input.value = "";
    });
    if (input.value && input.value.indexOf("data:image/png;base64,") === 0) {
      var image = new Image();
      image.onload = function () { ctx.drawImage(image, 0, 0, canvas.width, canvas.height); };
      image.src = input.value;
    }
  }

  function setupMethod(pad) {
    var radios = pad.querySelectorAll("[data-signature-method]");
    function show() {
      var chosen = pad.querySelector("[data-signature-method]:checked");
      var method = chosen ? chosen.value : "drawn";
      pad.querySelectorAll("[data-method-panel]").forEach(function (panel) {
        panel.hidden = panel.dataset.methodPanel !== method;
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", show); });
    show();
    var typed = pad.querySelector(".signature-typed input");
    var preview = pad.querySelector("[data-typed-preview]");
    if (typed && preview) {
      typed.addEventListener("input", function () { preview.textContent = typed.value; });
    }
  }

  function bindSelectAll(root) {
    window.bontangEach(root, "[data-select-all]", "selectAllBound", function (box) {
      box.addEventListener("change", function () {
        document.querySelectorAll("input[name='" + box.dataset.selectAll + "']").forEach(function (item) {
          item.checked = box.checked;
        });
      });
    });
  }

  function bind(root) {
    window.bontangEach(root, "[data-signature-pad]", "padBound", function (pad) {
      setupCanvas(pad);
      setupMethod(pad);
    });
    bindSelectAll(root);
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:load", function (event) { bind(event.detail.elt); });
})();

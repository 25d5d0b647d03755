// Passkeys (WebAuthn): a button with data-passkey="create" or "get" asks the server for options
// (POST data-options-url with its form's fields, CSRF token included), calls the browser's
// WebAuthn API, puts the answer as JSON in the form's [data-passkey-answer] field and submits the
// form. Loaded by base.html; one delegated click listener, so htmx swaps need no rebinding.
(function () {
  "use strict";

  function toBuffer(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function fromBuffer(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decodeOptions(options) {
    options.challenge = toBuffer(options.challenge);
    if (options.user) options.user.id = toBuffer(options.user.id);
    (options.excludeCredentials || []).concat(options.allowCredentials || []).forEach(function (c) {
      c.id = toBuffer(c.id);
    });
    return options;
  }

  function encodeCredential(credential) {
    var r = credential.response;
    var out = {id: credential.id, rawId: fromBuffer(credential.rawId), type: credential.type,
               clientExtensionResults: credential.getClientExtensionResults(),
               response: {clientDataJSON: fromBuffer(r.clientDataJSON)}};
    if (r.attestationObject) {
      out.response.attestationObject = fromBuffer(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response.authenticatorData = fromBuffer(r.authenticatorData);
      out.response.signature = fromBuffer(r.signature);
      if (r.userHandle) out.response.userHandle = fromBuffer(r.userHandle);
    }
    if (credential.authenticatorAttachment) out.authenticatorAttachment = credential.authenticatorAttachment;
    return out;
  }

  async function run(button) {
    var form = button.form;
    var status = document.getElementById(button.dataset.passkeyStatus);
    if (status) status.textContent = "";
    button.disabled = true;
    try {
      var response = await fetch(button.dataset.optionsUrl, {method: "POST", body: new FormData(form),
                                                             credentials: "same-origin"});
      var data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      var publicKey = decodeOptions(data);
      var credential = button.dataset.passkey === "create"
        ? await navigator.credentials.create({publicKey: publicKey})
        : await navigator.credentials.get({publicKey: publicKey});
      form.querySelector("[data-passkey-answer]").value = JSON.stringify(encodeCredential(credential));
      var submitter = form.querySelector("button[type=submit]:not([formaction])");
      if (submitter) form.requestSubmit(submitter); else form.requestSubmit();
    } catch (error) {
      if (status) status.textContent = (error && error.name === "NotAllowedError")
        ? (button.dataset.cancelled || "Passkey dibatalkan atau tidak tersedia.") : (error.message || String(error));
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-passkey]");
    if (!button) return;
    event.preventDefault();
    run(button);
  });
})();

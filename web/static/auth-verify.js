// Sign-in confirmation: the emailed link carries the token in the URL fragment, which browsers never send to the
// server, so it appears in no request log. Move it into the form's body and out of the address bar; the person
// still presses the button (mail scanners run pages too). Without this file the page asks for the code instead.
(function () {
  'use strict';
  var form = document.querySelector('form[data-fragment-token]');
  if (!(form instanceof HTMLFormElement)) return;
  var token = window.location.hash.slice(1);
  if (!token) return;
  var input = form.elements.namedItem(form.getAttribute('data-fragment-token'));
  if (!(input instanceof HTMLInputElement)) return;
  input.value = decodeURIComponent(token);
  var field = form.querySelector('[data-code-field]');
  if (field) field.hidden = true;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
})();

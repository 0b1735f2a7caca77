// Autosave for the feedback form: posts what changed after a pause in typing, on leaving a field and when the
// page is hidden. Without this file the "save draft" button does the same.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!(form instanceof HTMLFormElement) || !window.fetch) return;
  var url = form.dataset.autosave;
  var status = document.getElementById('fb-autosave-status');
  var PAUSE_MS = 1500;
  var timer = null;
  var inFlight = false;
  var again = false;

  // The last value the server has for each field, so that only changes are sent.
  // After a refused post the fields hold unsaved text: treat everything as unsent.
  var sent = document.querySelector('.error-summary') ? {} : current();

  function current() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf('b_') === 0 || el.name === 'action') return;
      if (el.type === 'radio') {
        if (el.checked) values[el.name] = el.value;
      } else if (el.tagName === 'TEXTAREA') {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function changes(values) {
    var body = new URLSearchParams();
    var count = 0;
    Object.keys(values).forEach(function (name) {
      if (values[name] !== sent[name]) {
        body.append(name, values[name]);
        count++;
      }
    });
    return count ? body : null;
  }

  function show(text) {
    if (status) status.textContent = text;
  }

  function save(keepalive) {
    clearTimeout(timer);
    if (inFlight) {
      again = true;
      return;
    }
    var values = current();
    var body = changes(values);
    if (!body) return;
    inFlight = true;
    show(status ? status.dataset.saving : '');
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', keepalive: !!keepalive, headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.json().then(function (data) {
          if (!res.ok || !data.ok) throw new Error((data.error && data.error.message) || 'save failed');
          Object.keys(values).forEach(function (name) { sent[name] = values[name]; });
          show(status.dataset.saved.replace('{time}', data.savedAtText));
        });
      })
      .catch(function (error) {
        show(error && error.message && error.message !== 'save failed' ? error.message : status.dataset.failed);
      })
      .then(function () {
        inFlight = false;
        if (again) {
          again = false;
          save(false);
        }
      });
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(save, PAUSE_MS);
  });
  form.addEventListener('change', function (event) {
    if (event.target && event.target.type === 'radio') save(false);
  });
  form.addEventListener('focusout', function (event) {
    if (event.target && event.target.tagName === 'TEXTAREA') save(false);
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save(true);
  });
  // A full save or submit carries everything; no autosave should race it.
  form.addEventListener('submit', function () {
    clearTimeout(timer);
  });
})();

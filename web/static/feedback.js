// The draft's tools on the feedback pages (personal and open link): "open all sections" opens them in place,
// keeping what was typed (without this file the link reloads the page with every section open), and printing
// prints every section, folded or not.
(function () {
  'use strict';
  function sections() {
    return document.querySelectorAll('details.fb-section');
  }
  function openAll() {
    Array.prototype.forEach.call(sections(), function (d) { d.open = true; });
  }
  document.querySelectorAll('a[data-expand-all]').forEach(function (link) {
    var openLabel = link.textContent;
    link.addEventListener('click', function (event) {
      event.preventDefault();
      var anyClosed = Array.prototype.some.call(sections(), function (d) { return !d.open; });
      Array.prototype.forEach.call(sections(), function (d) { d.open = anyClosed; });
      link.textContent = anyClosed ? link.dataset.collapseLabel : openLabel;
    });
  });
  window.addEventListener('beforeprint', openAll);
})();

// Autosave for the feedback form: posts what changed after a pause in typing, on leaving a field and when the
// page is hidden. Without this file the "save draft" button does the same. Each comment is sent with the revision
// it was based on; one changed elsewhere meanwhile comes back as a conflict, shown with both texts to choose from.
// Offline, the status says so in the page's language, the text stays in the page, and saving resumes once online.
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
  // Comments waiting for the person to choose a version: not autosaved until they do.
  var undecided = {};

  function revisionInput(name) {
    return form.querySelector('input[data-revision-of="' + name + '"]');
  }

  // Blank comments come without a revision field of their own (b__blank): each gets one at revision 0, so that
  // autosave sends it and keeps it up to date like the others.
  if (form.querySelector('input[name="b__blank"]')) {
    Array.prototype.forEach.call(form.querySelectorAll('textarea[name]'), function (field) {
      if (revisionInput(field.name)) return;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'r_' + field.name;
      input.value = '0';
      input.setAttribute('data-revision-of', field.name);
      form.appendChild(input);
    });
  }

  function current() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || /^(b_|r_|keep_)/.test(el.name) || el.name === 'action' || undecided[el.name]) return;
      if (el.type === 'radio') {
        if (el.checked) values[el.name] = el.value;
      } else if (el.tagName === 'TEXTAREA') {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  // The last value the server has for each field, so that only changes are sent.
  // After a refused post the fields hold unsaved text: treat everything as unsent.
  var sent = document.querySelector('.error-summary') ? {} : current();

  function changes(values) {
    var body = new URLSearchParams();
    var count = 0;
    Object.keys(values).forEach(function (name) {
      if (values[name] !== sent[name]) {
        body.append(name, values[name]);
        var revision = revisionInput(name);
        if (revision) body.append(revision.name, revision.value);
        count++;
      }
    });
    return count ? body : null;
  }

  function show(text) {
    if (status) status.textContent = text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function settle(name, box) {
    delete undecided[name];
    if (box && box.parentNode) box.parentNode.removeChild(box);
  }

  // Keep mine: based on the saved revision now, so the next save goes through. Use saved: the field takes it.
  function choose(name, box, keepSaved, saved, revision) {
    var field = form.elements[name];
    var input = revisionInput(name);
    if (input && revision !== null) input.value = String(revision);
    if (keepSaved) {
      field.value = saved;
      sent[name] = saved;
    } else {
      delete sent[name];
    }
    settle(name, box);
    save(false);
  }

  function button(text, onClick) {
    var node = el('button', 'button button--secondary', text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  function showConflict(conflict) {
    var field = form.elements[conflict.field];
    if (!field || undecided[conflict.field]) return;
    var d = form.dataset;
    var box = el('div', 'fb-conflict');
    box.setAttribute('role', 'group');
    box.appendChild(el('p', '', '')).appendChild(el('strong', '', d.conflictHeading));
    box.appendChild(el('p', '', d.conflictExplain));
    box.appendChild(el('p', 'fb-conflict__label', d.conflictSaved));
    box.appendChild(el('p', 'fb-text fb-conflict__saved', conflict.text || d.conflictSavedEmpty));
    var row = el('div', 'button-row');
    row.appendChild(button(d.keepMine, function () { choose(conflict.field, box, false, conflict.text, conflict.revision); }));
    row.appendChild(button(d.keepSaved, function () { choose(conflict.field, box, true, conflict.text, conflict.revision); }));
    box.appendChild(row);
    undecided[conflict.field] = true;
    var wrapper = field.closest('.field') || field;
    wrapper.parentNode.insertBefore(box, wrapper);
  }

  // A conflict the server showed (a refused save without this script): decided by its radio buttons.
  Array.prototype.forEach.call(form.querySelectorAll('.fb-conflict[data-conflict-for]'), function (box) {
    var name = box.dataset.conflictFor;
    undecided[name] = true;
    box.addEventListener('change', function (event) {
      if (!event.target || !event.target.name || event.target.name.indexOf('keep_') !== 0) return;
      choose(name, box, event.target.value === 'saved', box.dataset.saved || '', null);
    });
  });

  // A refusal the server explained (rate limit, closed round): its message is shown as it is.
  function ServerRefusal(message) {
    this.message = message;
  }

  function offline() {
    return navigator.onLine === false;
  }

  function saved(data, values) {
    Object.keys(values).forEach(function (name) { sent[name] = values[name]; });
    Object.keys(data.revisions || {}).forEach(function (name) {
      var input = revisionInput(name);
      if (input) input.value = String(data.revisions[name]);
    });
    var template = data.pendingChanges ? status.dataset.savedPending : status.dataset.saved;
    show(template.replace('{time}', data.savedAtText));
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
        // A proxy's or a captive portal's page is not our JSON: a plain failure, not its parse error.
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (res.ok && data.ok) return saved(data, values);
          if (data.error && data.error.code === 'conflict') (data.error.conflicts || []).forEach(showConflict);
          throw new ServerRefusal(data.error && data.error.message);
        });
      })
      .catch(function (error) {
        // fetch rejects with a TypeError ("Failed to fetch") when the network is gone: say so, never that.
        if (error instanceof ServerRefusal) show(error.message || status.dataset.failed);
        else show(offline() || error instanceof TypeError ? status.dataset.offline : status.dataset.failed);
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
    if (event.target && event.target.type === 'radio' && event.target.name.indexOf('keep_') !== 0) save(false);
  });
  form.addEventListener('focusout', function (event) {
    if (event.target && event.target.tagName === 'TEXTAREA') save(false);
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save(true);
  });
  window.addEventListener('online', function () {
    show(status.dataset.backOnline);
    save(false);
  });
  window.addEventListener('offline', function () {
    show(status.dataset.offline);
  });
  // A full save or submit carries everything; no autosave should race it. Offline, the post would end on the
  // browser's error page (WeChat's loses the form): stay, and say why.
  form.addEventListener('submit', function (event) {
    clearTimeout(timer);
    if (offline()) {
      event.preventDefault();
      show(status.dataset.offlineSubmit);
    }
  });
})();

// Small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  // Forms with data-confirm ask before a destructive action.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // "Select all" checkboxes: <input type="checkbox" data-select-all="name">.
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
    var boxes = document.querySelectorAll('input[type="checkbox"][name="' + box.dataset.selectAll + '"]');
    boxes.forEach(function (other) { other.checked = box.checked; });
  });
  // Print buttons (<button data-print hidden>): hidden without this script, since they need it to work.
  document.querySelectorAll('button[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
  // Move focus to an error summary so that screen readers announce it.
  var summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
})();

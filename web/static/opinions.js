// Dispositions: a chosen reply template fills the reply field; on the triage list j/k move between opinions and
// x ticks the current one. Without this file the form still works (the server uses the template's text).
(function () {
  'use strict';
  document.querySelectorAll('select[data-reply-template]').forEach(function (select) {
    var reply = document.getElementById(select.dataset.replyTemplate);
    var disposition = document.getElementById('disposition');
    select.addEventListener('change', function () {
      var option = select.options[select.selectedIndex];
      if (!option || !option.dataset.text || !reply) return;
      reply.value = option.dataset.text;
      if (disposition && option.dataset.disposition && (disposition.value === '' || disposition.value === 'pending')) {
        disposition.value = option.dataset.disposition;
      }
    });
  });

  var rows = Array.prototype.slice.call(document.querySelectorAll('.triage-row'));
  if (rows.length === 0) return;
  var current = -1;

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    if (current >= 0) rows[current].classList.remove('is-current');
    current = index;
    var row = rows[current];
    row.classList.add('is-current');
    var box = row.querySelector('.triage-check');
    (box || row.querySelector('a')).focus();
    row.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && target.type !== 'checkbox'))) return;
    var inRow = target && target.closest ? target.closest('.triage-row') : null;
    if (inRow) current = rows.indexOf(inRow);
    if (event.key === 'j') {
      focusRow(current + 1);
      event.preventDefault();
    } else if (event.key === 'k') {
      focusRow(Math.max(current - 1, 0));
      event.preventDefault();
    } else if (event.key === 'x' && current >= 0) {
      var box = rows[current].querySelector('.triage-check');
      if (box) box.checked = !box.checked;
      event.preventDefault();
    }
  });
})();

// Live send progress: polls the round's mail-progress JSON while emails remain, and fills the panel in.
(() => {
  const POLL_MS = 2000;
  const panel = document.querySelector('[data-mail-progress]');
  if (!panel) return;
  const url = panel.getAttribute('data-mail-progress');
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  const fill = (template, key, value) => (template || '').replace(`{${key}}`, String(value));

  function render(progress) {
    for (const name of ['sent', 'failed', 'remaining']) {
      const element = field(name);
      if (element) element.textContent = String(progress[name]);
    }
    const bar = field('bar');
    if (bar) {
      bar.max = Math.max(1, progress.total);
      bar.value = progress.sent + progress.failed;
    }
    const total = field('total');
    if (total) total.textContent = fill(total.getAttribute('data-template'), 'total', progress.total);
    const retry = field('retry');
    if (retry) {
      retry.hidden = progress.retryable === 0;
      const button = retry.querySelector('button');
      if (button) button.textContent = fill(button.getAttribute('data-template'), 'count', progress.retryable);
    }
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const progress = await response.json();
      render(progress);
      if (progress.remaining > 0) setTimeout(poll, POLL_MS);
    } catch {
      setTimeout(poll, POLL_MS * 5);
    }
  }
  poll();
})();

// The national case: a round of 100,000 opinions. Its summary page should page, its downloads stream (first bytes
// early, memory flat), its triage filters stay fast. Memory is the workerd process's resident size, sampled while
// each download runs, above what it held just before.
import { processTree } from '../../scripts/seed-reference/dev-server.mjs';
import { SESSION_COOKIE } from './local-hub.mjs';

const SAMPLE_MS = 25;
const TIMEOUT_MS = 120_000;

function workerdRss(pid) {
  return processTree(pid)
    .filter((p) => p.command === 'workerd')
    .reduce((sum, p) => sum + p.rssBytes, 0);
}

/** One request, read to the end: time to first byte, total, size, and the hub's peak memory above its level before. */
async function measured(hub, path, headers) {
  const before = workerdRss(hub.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdRss(hub.pid))), SAMPLE_MS);
  const started = performance.now();
  try {
    const res = await fetch(hub.origin + path, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const firstByteMs = performance.now() - started;
    let bytes = 0;
    for await (const chunk of res.body) bytes += chunk.byteLength;
    return { status: res.status, firstByteMs, ms: performance.now() - started, bytes, extraMemoryBytes: Math.max(0, peak - before) };
  } catch (error) {
    return { status: 0, error: error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : error.message, ms: performance.now() - started };
  } finally {
    clearInterval(sampler);
  }
}

export async function nationalCase(hub, ref, log) {
  const round = ref.rounds.national;
  const headers = { cookie: `${SESSION_COOKIE}=${ref.sessionCookie}` };
  const sections = (await (await fetch(`${hub.origin}/api/v1/rounds/${round}`, { headers })).json()).sections ?? [];
  const section = sections[Math.min(5, sections.length - 1)]?.id;
  // Triage first; then what builds the whole summary, where the first to give no answer in time stops the rest
  // (the hub would still be busy with it).
  const cases = [
    ['triage, all', `/rounds/${round}/triage`],
    ['triage, pending', `/rounds/${round}/triage?disposition=pending`],
    ['triage, one section', `/rounds/${round}/triage?section=${section}`],
    ['triage, experts by link', `/rounds/${round}/triage?category=expert&channel=link`],
    ['summary page, page 1', `/rounds/${round}/summary`, 'summary'],
    ['summary page, page 50', `/rounds/${round}/summary?page=50`, 'summary'],
    ['summary CSV', `/rounds/${round}/summary.csv`, 'summary'],
    ['summary XLSX', `/rounds/${round}/summary.xlsx`, 'summary'],
    ['summary DOCX', `/rounds/${round}/summary.docx`, 'summary'],
  ];
  const results = [];
  const stuck = new Map();
  for (const [name, path, group] of cases) {
    if (group && stuck.has(group)) {
      results.push({ name, path, status: 0, error: `not tried: ${stuck.get(group)} gave no answer within ${TIMEOUT_MS / 1000} s` });
      continue;
    }
    const result = await measured(hub, path, headers);
    if (result.status === 0 && group) stuck.set(group, name);
    results.push({ name, path, ...result });
    log(`  ${name}: ${result.error ?? `${Math.round(result.ms)} ms`}`);
  }
  return results;
}

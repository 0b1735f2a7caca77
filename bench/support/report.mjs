// The benchmark's report: a table of the hot routes against the baseline, each target of issue 13 with how far it
// is, and bench/results.json for tools.
import { writeFileSync } from 'node:fs';
import { CONNECTIONS, DOWNLOAD_CONNECTIONS } from './routes.mjs';

export const TARGETS = { pageRatio: 1.5, aloneMs: 1000, bundleBytes: 400 * 1024, mailRatio: 1.2 };

const num = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
const pad = (text, width, left = false) => (left ? String(text).padEnd(width) : String(text).padStart(width));
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

function verdict(met, over) {
  return met ? 'met' : `missed: ${over}`;
}

/** Round trips in the steady state, and on the first request when that took more. */
const trips = (r) => (r.d1QueriesFirst != null && r.d1QueriesFirst !== r.d1Queries ? `${r.d1Queries} (first ${r.d1QueriesFirst})` : String(r.d1Queries));

/** Each target with its figure, its limit and how far it is. */
export function targetsOf({ routes, bundleGzipBytes, mail }) {
  const targets = [];
  for (const route of routes.filter((r) => r.page)) {
    const met = route.ratioP50 <= TARGETS.pageRatio;
    targets.push({ target: `${route.name}: p50 within ${TARGETS.pageRatio}× the baseline page's`, value: `×${num(route.ratioP50, 2)}${route.loaded === false ? ' (alone, too slow to load)' : ''}`, met, note: verdict(met, `×${num(route.ratioP50 - TARGETS.pageRatio, 2)} over`) });
  }
  for (const route of routes.filter((r) => r.d1Max)) {
    if (route.d1Queries === null) {
      targets.push({ target: `${route.name}: at most ${route.d1Max} D1 round trips`, value: 'n/a', met: null, note: 'n/a: no x-roundtable-d1-queries header (COUNT_D1_QUERIES not in this build)' });
      continue;
    }
    // The budget holds for the first request too (a round's figures counted again after a change), not only later ones.
    const most = Math.max(route.d1Queries, route.d1QueriesFirst ?? route.d1Queries);
    const met = most <= route.d1Max;
    targets.push({ target: `${route.name}: at most ${route.d1Max} D1 round trips`, value: trips(route), met, note: verdict(met, `${most - route.d1Max} over`) });
  }
  for (const route of routes.filter((r) => r.aloneMaxMs)) {
    const met = route.aloneMs < route.aloneMaxMs;
    targets.push({ target: `${route.name} at 12,000 opinions, one request alone: under ${route.aloneMaxMs} ms`, value: `${num(route.aloneMs)} ms`, met, note: verdict(met, `${num(route.aloneMs - route.aloneMaxMs)} ms over`) });
  }
  if (bundleGzipBytes !== null) {
    const met = bundleGzipBytes < TARGETS.bundleBytes;
    targets.push({ target: `Worker bundle under ${kib(TARGETS.bundleBytes)} gzipped`, value: kib(bundleGzipBytes), met, note: verdict(met, `${kib(bundleGzipBytes - TARGETS.bundleBytes)} over`) });
  }
  if (mail) {
    const met = mail.ratio <= TARGETS.mailRatio && mail.lost === 0 && mail.doubled === 0;
    const value = `${num(mail.sendSeconds, 1)} s = ×${num(mail.ratio, 2)} of the ideal ${mail.idealSeconds} s; ${mail.lost} lost, ${mail.doubled} doubled`;
    targets.push({ target: `2,000 invitations within ${TARGETS.mailRatio}× the ideal send time`, value, met, note: verdict(met, `×${num(mail.ratio - TARGETS.mailRatio, 2)} over`) });
  }
  return targets;
}

export function printReport({ routes, baseline, baselineJson, details, national, bundleGzipBytes, mail, targets, options }, log = console.log) {
  log(`\nHot routes on the reference data: ${CONNECTIONS} connections (downloads ${DOWNLOAD_CONNECTIONS}), ${options.duration} s each, median of ${options.rounds} rounds alternating with the baseline`);
  log(options.throughProxy ? "Measured through wrangler dev's proxy (it rewrites every HTML response)." : "Measured at the Workers' own sockets, past wrangler dev's proxy.");
  const header = `${pad('route', 44, true)} ${pad('req/s', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('×base p50', 10)} ${pad('D1 trips', 13)} ${pad('alone ms', 9)}`;
  log(header);
  log('-'.repeat(header.length));
  const cell = (value, r, digits = 0) => (r.loaded === false ? '—' : num(value, digits));
  const ratio = (r) => (r.ratioP50 === undefined ? '' : `×${num(r.ratioP50, 2)}${r.loaded === false ? '*' : ''}`);
  const row = (name, r) =>
    log(`${pad(name, 44, true)} ${pad(cell(r.rps, r), 8)} ${pad(cell(r.p50Ms, r), 8)} ${pad(cell(r.p99Ms, r), 8)} ${pad(ratio(r), 10)} ${pad(r.d1Queries === undefined ? '' : r.d1Queries === null ? 'n/a' : trips(r), 13)} ${pad(num(r.aloneMs), 9)}${r.failures ? `  (${r.failures} failed)` : ''}`);
  for (const r of routes) row(r.name, r);
  row(baseline.name, baseline);
  row(baselineJson.name, baselineJson);
  if (routes.some((r) => r.loaded === false)) log('* not loaded: over 2 s for one request alone; the ratio compares its time alone with the baseline page\'s alone.');
  if (routes.some((r) => r.d1Queries === null)) log('n/a: the hub sent no x-roundtable-d1-queries header (COUNT_D1_QUERIES is not in this build).');
  if (details.length) {
    log('\nOne request alone (median of 5, or one warm run when over 2 s): ms, size, D1 round trips');
    for (const d of details) log(`  ${pad(d.name, 36, true)} ${pad(num(d.ms), 7)} ms ${pad(kib(d.bytes), 9)} ${pad(d.d1Queries ?? 'n/a', 5)}`);
  }
  if (national?.length) {
    log('\nNational round (100,000 opinions), one request each: first byte, total, size, extra memory of workerd');
    for (const n of national) {
      if (n.error) log(`  ${pad(n.name, 28, true)} ${n.error}`);
      else log(`  ${pad(n.name, 28, true)} ${pad(num(n.firstByteMs), 7)} ms ${pad(num(n.ms), 7)} ms ${pad(kib(n.bytes), 10)} +${pad((n.extraMemoryBytes / 1048576).toFixed(0), 4)} MB${n.status !== 200 ? `  (HTTP ${n.status})` : ''}`);
    }
  }
  log(`\nWorker bundle: ${bundleGzipBytes === null ? 'not measured' : `${kib(bundleGzipBytes)} gzipped`}`);
  log('\nTargets (issue 13):');
  for (const t of targets) log(`  ${t.met === null ? '?' : t.met ? '✓' : '✗'} ${t.target}: ${t.value} — ${t.note}`);
}

export function writeResults(file, report) {
  const { routes, baseline, baselineJson, bundleGzipBytes } = report;
  const json = {
    routes: routes.map((r) => ({ name: r.name, rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ratioP50: r.ratioP50, d1Queries: r.d1Queries, d1QueriesFirst: r.d1QueriesFirst, aloneMs: r.aloneMs, loaded: r.loaded, failures: r.failures })),
    baseline: { rps: baseline.rps, p50Ms: baseline.p50Ms, p99Ms: baseline.p99Ms, json: { rps: baselineJson.rps, p50Ms: baselineJson.p50Ms } },
    bundleGzipBytes,
    mail: report.mail,
    details: report.details,
    national: report.national,
    targets: report.targets,
    options: report.options,
    generatedAt: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

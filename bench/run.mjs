// `npm run bench [-- --duration 10 --rounds 3 --warmup 2 --national --persist-to DIR --only feedback,save --no-mail
// --through-proxy]`
// The hub on the reference data against a bare-Hono baseline on the same D1, in one run: each hot route loaded with
// autocannon right after the baseline page, round after round, medians reported; one request of each alone for its
// time and D1 round trips; the Worker's gzipped size; the mail load. Prints a table with the targets of issue 13
// and writes bench/results.json. A shared machine is noisy: compare figures of one run, not across runs.
// Both Workers are measured at their own sockets, past `wrangler dev`'s proxy, which rewrites every HTML response
// (dev-server.mjs, directOrigin); `--through-proxy` measures through it as before.
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { directOrigin, root } from '../scripts/seed-reference/dev-server.mjs';
import { bundleGzipBytes } from './support/bundle.mjs';
import { load, single } from './support/load.mjs';
import { median, referenceData, startBaseline, startHub } from './support/local-hub.mjs';
import { nationalCase } from './support/national.mjs';
import { printReport, targetsOf, writeResults } from './support/report.mjs';
import { baselineRoutes, detailRoutes, hotRoutes } from './support/routes.mjs';
import { runMailLoad } from './mail-load.mjs';

const ALONE_RUNS = 5;
/** A route slower than this alone is not loaded: ten connections would only queue behind it for minutes. */
const LOADABLE_MS = 2000;
const IDLE_MS = 150;
const IDLE_WAIT_MS = 300_000;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    national: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    only: { type: 'string' },
    'no-mail': { type: 'boolean', default: false },
    'no-bundle': { type: 'boolean', default: false },
    'through-proxy': { type: 'boolean', default: false },
  },
});
const options = {
  duration: Number(args.quick ? 3 : args.duration),
  warmup: Number(args.quick ? 1 : args.warmup),
  rounds: Number(args.quick ? 1 : args.rounds),
};
const log = (line) => console.log(line);

/**
 * One request alone, `ALONE_RUNS` times after a first one: median time, size, and D1 round trips of the last run (the
 * steady state) and of the first (which may count a round's figures again after the seed's writes). A route over
 * `LOADABLE_MS` is timed twice only (the second run, warm).
 */
async function alone(origin, route) {
  const first = await single(origin, route, 0);
  if (first.status >= 400) throw new Error(`${route.name} answered ${first.status}`);
  const runs = first.ms > LOADABLE_MS ? 1 : ALONE_RUNS;
  const results = [];
  for (let i = 1; i <= runs; i++) results.push(await single(origin, route, i));
  const last = results.at(-1);
  return { ms: median(results.map((r) => r.ms)), bytes: first.bytes, d1Queries: last.d1Queries, d1QueriesFirst: first.d1Queries };
}

/** After a load run, requests the client gave up on may still be running: wait until the hub answers quickly again. */
async function idle(origin) {
  const deadline = Date.now() + IDLE_WAIT_MS;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${origin}/healthz`).catch(() => {});
    if (performance.now() - started < IDLE_MS) return;
  }
}

async function loaded(origin, route, runOptions) {
  const result = await load(origin, route, runOptions);
  await idle(origin);
  return result;
}

const data = await referenceData({ persistTo: args['persist-to'], national: args.national, log });
const ref = data.reference;
let hub;
let baselineWorker;
try {
  let bundle = null;
  if (!args['no-bundle']) {
    log('measuring the Worker bundle (wrangler deploy --dry-run)…');
    bundle = bundleGzipBytes();
  }
  log('starting the hub and the baseline…');
  // One after the other: two `wrangler dev` starting at once can race for the same local socket.
  hub = await startHub(data.persistTo);
  baselineWorker = await startBaseline(data.persistTo);
  const measuredAt = async (server, name) => {
    if (args['through-proxy']) return server.origin;
    const direct = await directOrigin(server);
    log(direct ? `  ${name}: measured at its own socket ${direct} (wrangler dev's proxy on ${server.origin})` : `  ${name}: its own socket not found: measured through wrangler dev's proxy`);
    return direct ?? server.origin;
  };
  // Every measurement below goes to these: the Workers themselves, or wrangler dev's proxy with --through-proxy.
  const hubOrigin = await measuredAt(hub, 'hub');
  const baselineOrigin = await measuredAt(baselineWorker, 'baseline');
  const throughProxy = hubOrigin === hub.origin || baselineOrigin === baselineWorker.origin;
  const only = args.only?.split(',');
  const routes = (await hotRoutes(hubOrigin, ref)).filter((r) => !only || only.includes(r.key));
  const base = baselineRoutes(ref);

  log('one request alone per route…');
  const aloneOf = new Map();
  for (const route of routes) aloneOf.set(route.key, await alone(hubOrigin, route));
  const baselineAlone = await alone(baselineOrigin, base.page);
  const loadable = routes.filter((r) => aloneOf.get(r.key).ms <= LOADABLE_MS);
  for (const route of routes.filter((r) => !loadable.includes(r))) log(`  ${route.name}: ${(aloneOf.get(route.key).ms / 1000).toFixed(1)} s alone, too slow to load`);
  const details = [];
  for (const route of only ? [] : detailRoutes(ref)) details.push({ name: route.name, ...(await alone(hubOrigin, route)) });

  log(`warming up (${options.warmup} s each)…`);
  await loaded(baselineOrigin, base.page, { duration: options.warmup });
  for (const route of loadable) await loaded(hubOrigin, route, { duration: options.warmup });

  const runs = new Map(routes.map((r) => [r.key, []]));
  const baselineRuns = [];
  const baselineJsonRuns = [];
  for (let round = 1; round <= options.rounds; round++) {
    log(`round ${round} of ${options.rounds}…`);
    baselineJsonRuns.push(await loaded(baselineOrigin, base.json, options));
    for (const route of loadable) {
      const paired = await loaded(baselineOrigin, base.page, options);
      baselineRuns.push(paired);
      const run = await loaded(hubOrigin, route, options);
      runs.get(route.key).push({ ...run, ratioP50: run.p50Ms / paired.p50Ms });
      log(`  ${route.name}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50Ms} ms (baseline ${paired.p50Ms} ms)${run.failures ? `, ${run.failures} failed` : ''}`);
    }
  }
  const summarize = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p50Ms: median(list.map((r) => r.p50Ms)),
    p99Ms: median(list.map((r) => r.p99Ms)),
    failures: list.reduce((sum, r) => sum + r.failures, 0),
  });
  const baseline = { name: base.page.name, ...summarize(baselineRuns), aloneMs: baselineAlone.ms };
  const baselineJson = { name: base.json.name, ...summarize(baselineJsonRuns) };
  const routeResults = routes.map((route) => {
    const list = runs.get(route.key);
    const one = aloneOf.get(route.key);
    const common = { ...route, d1Queries: one.d1Queries, d1QueriesFirst: one.d1QueriesFirst, aloneMs: one.ms };
    // Not loaded: its p50 under load would be at least its time alone; compared with the baseline page's alone.
    if (!list.length) return { ...common, rps: null, p50Ms: null, p99Ms: null, failures: 0, ratioP50: one.ms / baselineAlone.ms, loaded: false };
    return { ...common, ...summarize(list), ratioP50: median(list.map((r) => r.ratioP50)), loaded: true };
  });

  let national = null;
  if (args.national) {
    log('the national round…');
    national = await nationalCase({ ...hub, origin: hubOrigin }, ref, log);
  }
  await Promise.all([hub.stop(), baselineWorker.stop()]);
  hub = baselineWorker = null;

  let mail = null;
  if (!args['no-mail']) {
    log('\nmail load…');
    mail = await runMailLoad({ persistTo: data.persistTo, reference: ref, log: (line) => log(`  ${line}`) });
  }

  const report = { routes: routeResults, baseline, baselineJson, details, national, bundleGzipBytes: bundle, mail, options: { ...options, throughProxy } };
  report.targets = targetsOf(report);
  printReport(report, log);
  report.options = { ...options, throughProxy, cpus: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
  const file = join(root, 'bench', 'results.json');
  writeResults(file, report);
  log(`\nwritten: ${file} (machine load average at the end: ${report.options.loadAverage.join(', ')} on ${report.options.cpus} cores)`);
} finally {
  await Promise.all([hub?.stop(), baselineWorker?.stop()]);
  data.cleanup();
}

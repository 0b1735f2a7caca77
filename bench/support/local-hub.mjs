// What every benchmark needs: the reference data (seeded into a throw-away directory, or an existing one given by
// --persist-to), the hub on it under `wrangler dev` with COUNT_D1_QUERIES=1, and the bare-Hono baseline on the same D1.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceFile, seedReference } from '../../scripts/seed-reference.mjs';
import { root, startWorker } from '../../scripts/seed-reference/dev-server.mjs';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The reference data's directory and facts. With `persistTo` holding a seed (of the national size if asked for),
 * that one; else a fresh seed in a temporary directory, removed by `cleanup`.
 */
export async function referenceData({ persistTo, national = false, log = console.log }) {
  if (persistTo && existsSync(referenceFile(persistTo))) {
    const reference = JSON.parse(readFileSync(referenceFile(persistTo), 'utf8'));
    if (!national || reference.national) return { persistTo, reference, cleanup: () => {} };
    throw new Error(`${persistTo} was seeded without --national: seed it again with --national, or leave --persist-to out`);
  }
  const dir = persistTo ?? mkdtempSync(join(tmpdir(), 'roundtable-reference-'));
  log(`seeding the reference data${national ? ' (with the national round)' : ''} into ${dir}…`);
  const reference = await seedReference({ persistTo: dir, national, log: (line) => log(`  ${line}`) });
  log(`  seeded in ${reference.seconds} s`);
  return { persistTo: dir, reference, cleanup: () => persistTo || rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the data for a benchmark that changes it (the mail load adds a round and 2,000 invitations). */
export function copyOf(persistTo) {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-reference-copy-'));
  cpSync(persistTo, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The hub as benchmarks see it: not development (no demo data, no dev routes), every response counting its D1 trips. */
export function startHub(persistTo, { vars = {}, devArgs = [] } = {}) {
  return startWorker({
    persistTo,
    vars: (origin) => ({ ENVIRONMENT: 'bench', APP_URL: origin, COUNT_D1_QUERIES: '1', ...vars }),
    devArgs,
    logFile: process.env.BENCH_LOG,
  });
}

export function startBaseline(persistTo) {
  const dir = join(root, 'bench', 'baseline');
  return startWorker({ persistTo, config: join(dir, 'wrangler.toml'), cwd: dir, logFile: process.env.BENCH_LOG });
}

export const SESSION_COOKIE = '__Host-rt_session';

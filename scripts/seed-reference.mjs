// `npm run seed:reference [-- --persist-to DIR] [--national] [--seed N] [--reset]`: fills a local D1 (by default
// wrangler's own, the one `npm run dev` uses) with the reference data the benchmarks run on, through the hub's own
// services (src/dev/reference/), deterministically. Writes DIR/reference.json: ids, a staff session and API token,
// invitees' links — local secrets for local data.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, processTree, root, startWorker } from './seed-reference/dev-server.mjs';
import { createRandom } from './seed-reference/prng.mjs';
import { tellReferenceStory } from './seed-reference/story.mjs';
import { loadDrafts } from './seed-reference/wording.mjs';

export const DEFAULT_PERSIST = join(root, '.wrangler', 'state');
export const DEFAULT_SEED = 20_260_101;
const SECRET_HEADER = 'x-reference-seed-secret';

export function referenceFile(persistTo) {
  return join(persistTo, 'reference.json');
}

/** Seeds `persistTo` and returns what reference.json holds. */
export async function seedReference({ persistTo = DEFAULT_PERSIST, national = false, seed = DEFAULT_SEED, reset = false, log = console.log } = {}) {
  const started = Date.now();
  if (reset) rmSync(join(persistTo, 'v3', 'd1'), { recursive: true, force: true });
  mkdirSync(persistTo, { recursive: true });
  applyMigrations(persistTo);
  const secret = randomBytes(24).toString('hex');
  // Development, so that the seed route exists; no provider key, so that no mail leaves the machine.
  const worker = await startWorker({
    persistTo,
    vars: { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: secret, RESEND_API_KEY: '' },
    logFile: process.env.SEED_LOG,
  });
  try {
    const spent = new Map();
    const cpu = () => (process.env.SEED_PROFILE ? processTree(worker.pid).reduce((sum, p) => sum + p.cpuSeconds, 0) : 0);
    const step = async (name, body) => {
      const t0 = Date.now();
      const c0 = cpu();
      try {
        return await post(name, body);
      } finally {
        const [ms, calls, seconds] = spent.get(name) ?? [0, 0, 0];
        spent.set(name, [ms + Date.now() - t0, calls + 1, seconds + cpu() - c0]);
      }
    };
    const post = async (name, body) => {
      const res = await fetch(`${worker.origin}/dev/reference/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, 'accept-language': 'zh-CN' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`step ${name} answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text);
    };
    const status = await step('status', {});
    if (status.stakeholders || status.rounds) {
      throw new Error(`${persistTo} already holds ${status.stakeholders} stakeholders and ${status.rounds} rounds: pass --reset to start over, or --persist-to a new directory`);
    }
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const random = createRandom(seed);
    const facts = await tellReferenceStory({ step, random, drafts: loadDrafts(root), now, national, log });
    const reference = { seed, national, seededAt: new Date(now).toISOString(), seconds: Math.round((Date.now() - started) / 1000), ...facts };
    if (process.env.SEED_PROFILE) {
      for (const [name, [ms, calls, seconds]] of spent) log(`${name.padEnd(14)} ${String(calls).padStart(5)} calls ${(ms / 1000).toFixed(1).padStart(7)} s ${seconds.toFixed(1).padStart(7)} s CPU`);
      const own = process.cpuUsage();
      log(`CPU: wrangler and workerd ${cpu().toFixed(1)} s, this script ${((own.user + own.system) / 1e6).toFixed(1)} s`);
    }
    writeFileSync(referenceFile(persistTo), `${JSON.stringify(reference, null, 2)}\n`);
    return reference;
  } finally {
    await worker.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      'persist-to': { type: 'string', default: DEFAULT_PERSIST },
      national: { type: 'boolean', default: false },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      reset: { type: 'boolean', default: false },
    },
  });
  const persistTo = resolve(values['persist-to']);
  if (!existsSync(root)) throw new Error('run from the repository');
  const reference = await seedReference({ persistTo, national: values.national, seed: Number(values.seed), reset: values.reset, log: (line) => console.log(`  ${line}`) });
  const { counts } = reference;
  console.log(`reference data in ${persistTo} (${reference.seconds} s)`);
  console.log(`  ${counts.stakeholders} stakeholders, ${counts.rounds} rounds, ${counts.meetings} meetings`);
  console.log(`  district round: ${counts.round.responses} responses, ${counts.round.opinions} opinions, ${counts.round.disposed} answered`);
  if (counts.national) console.log(`  national round: ${counts.national.responses} responses, ${counts.national.opinions} opinions`);
  console.log(`  ids, a staff session, an API token and invitees' links: ${referenceFile(persistTo)}`);
}

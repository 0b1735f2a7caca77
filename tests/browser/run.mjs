// Browser tests: a fresh local hub with the demo data (hub.mjs), then every *.spec.mjs here under node:test driving
// Debian's chromium through playwright-core, then the document check (../documents/run.mjs) against the same hub.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, startHub } from './hub.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let hub;
let exitCode = 1;
try {
  hub = await startHub();
  const specs = readdirSync(here)
    .filter((f) => f.endsWith('.spec.mjs'))
    // `node tests/browser/run.mjs meetings rounds`: only the specs whose names contain one of the words.
    .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((word) => f.includes(word)))
    .map((f) => join(here, f));
  if (specs.length === 0) throw new Error(`no *.spec.mjs in ${here}`);
  const env = { ...process.env, ROUNDTABLE_URL: hub.baseUrl };
  await run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs], { env });
  await run(process.execPath, ['--test', '--test-reporter=spec', join(here, '..', 'documents', 'run.mjs')], { env });
  exitCode = 0;
} catch (error) {
  console.error(error.message);
} finally {
  hub?.stop();
}
process.exit(exitCode);

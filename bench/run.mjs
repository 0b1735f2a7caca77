// Runs every bench/*.mjs (except this file) one after another and reports which ones failed to run.
// Benchmarks print figures; they never assert timings.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.mjs') && name !== 'run.mjs')
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(process.execPath, [join(here, name)], { stdio: 'inherit', cwd: join(here, '..') });
  if (result.status !== 0) {
    failed += 1;
    console.error(`✗ ${name} exited with ${result.status ?? result.signal}`);
  }
}
console.log(`\n${benches.length - failed}/${benches.length} benchmarks ran`);
process.exit(failed ? 1 : 0);

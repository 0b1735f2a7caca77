// Fails when src/db/schema.ts and migrations/ drift apart: drizzle-kit must find nothing new to generate.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'roundtable-migrations-'));
try {
  cpSync('migrations', scratch, { recursive: true });
  const before = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
  execFileSync('npx', ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', 'src/db/schema.ts', '--out', scratch], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const after = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
  if (after.length !== before) {
    console.error(`Schema and migrations differ: drizzle-kit generated ${after.at(-1)}. Run \`npm run db:generate\` and commit it.`);
    process.exit(1);
  }
  console.log(`migrations match the schema (${before} migration files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

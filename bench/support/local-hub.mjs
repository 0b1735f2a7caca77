// What every benchmark needs: a fresh local D1 with the migrations and its own seed SQL, a personal API token,
// and `wrangler dev` serving the hub on it; stopped and removed afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const wrangler = (args) => execFileSync('npx', ['wrangler', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1' } });

async function waitForServer(url, child) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev exited early');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('wrangler dev did not start within 60 s');
}

/**
 * `seedSql(tokenHash)` returns the SQL that loads the benchmark's data, including an api_tokens row with that hash.
 * `vars(port)` adds `--var`s; `devArgs` other `wrangler dev` flags; BENCH_LOG=<file> keeps wrangler's output.
 */
export async function startLocalHub({ name, seedSql, vars = () => [], devArgs = [] }) {
  const dir = mkdtempSync(join(tmpdir(), `roundtable-bench-${name}-`));
  const persist = join(dir, 'state');
  const token = `rt_${randomBytes(24).toString('hex')}`;
  let child;
  const stop = () => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
    const sqlFile = join(dir, 'seed.sql');
    writeFileSync(sqlFile, seedSql(createHash('sha256').update(token).digest('hex')));
    wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', sqlFile]);
    const port = 8800 + Math.floor(Math.random() * 200);
    const allVars = ['ENVIRONMENT:bench', ...vars(port)];
    child = spawn('npx', ['wrangler', 'dev', ...devArgs, '--persist-to', persist, '--port', String(port), '--ip', '127.0.0.1', ...allVars.flatMap((v) => ['--var', v])], {
      stdio: process.env.BENCH_LOG ? ['ignore', openSync(process.env.BENCH_LOG, 'w'), openSync(process.env.BENCH_LOG, 'a')] : 'ignore',
      detached: true,
      env: { ...process.env, CI: '1' },
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitForServer(origin, child);
    return { origin, authorization: `Bearer ${token}`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

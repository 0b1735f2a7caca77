// A local hub for the browser and document tests: a fresh local D1 with the migrations, then `wrangler dev` (which
// loads the demo data) on a free port. `stop` ends the server and removes the database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms`);
}

/** Starts a hub; resolves to its base URL and a `stop` function. */
export async function startHub() {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), 'roundtable-hub-'));
  const baseUrl = `http://localhost:${port}`;
  let server;
  const stop = () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    await run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { stdio: ['ignore', 'ignore', 'inherit'] });
    server = spawn(
      'npx',
      ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, '--var', `APP_URL:${baseUrl}`, '--show-interactive-dev-session=false'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let serverLog = '';
    server.stdout.on('data', (d) => (serverLog += d));
    server.stderr.on('data', (d) => (serverLog += d));
    try {
      await waitForHealth(baseUrl, 60_000);
    } catch (error) {
      console.error(serverLog);
      throw error;
    }
    return { baseUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

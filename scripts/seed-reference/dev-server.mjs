// `wrangler dev` for scripts: migrations applied to a persistence directory, a Worker started on a free port of
// 127.0.0.1 with the given variables, and stopped (its whole process group) afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' };

export function applyMigrations(persistTo) {
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env });
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(origin, path, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early (${child.exitCode})`);
    try {
      await fetch(origin + path);
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`wrangler dev did not answer on ${origin} within ${timeoutMs / 1000} s`);
}

/**
 * `vars`: { NAME: value } passed as `--var`, or a function of the Worker's origin giving them; `config`: another
 * wrangler.toml (with `cwd`, the directory it is read from); `logFile`: where wrangler's output goes (else it is dropped). Resolves to { origin, pid, stop }.
 */
export async function startWorker({ persistTo, vars = {}, config, cwd = root, devArgs = [], logFile, readyPath = '/healthz', timeoutMs = 90_000 }) {
  const port = await freePort();
  const args = ['wrangler', 'dev', ...(config ? ['-c', config] : []), '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo, '--show-interactive-dev-session=false', ...devArgs];
  const origin = `http://127.0.0.1:${port}`;
  for (const [name, value] of Object.entries(typeof vars === 'function' ? vars(origin) : vars)) args.push('--var', `${name}:${value}`);
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn('npx', args, { cwd, stdio: ['ignore', out, out], detached: true, env });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  /** Ends wrangler and workerd and waits for them, so that the database files are closed when it resolves. */
  const stop = async () => {
    if (!child.pid || child.exitCode !== null) return;
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForServer(origin, readyPath, child, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: child.pid, stop };
}

const CLOCK_TICKS_PER_SECOND = 100;

/** The processes under `pid` (wrangler's node and its workerd), with CPU seconds used and resident memory (Linux). */
export function processTree(pid) {
  const read = (p, file) => {
    try {
      return readFileSync(`/proc/${p}/${file}`, 'utf8');
    } catch {
      return null;
    }
  };
  const out = [];
  const visit = (p) => {
    const stat = read(p, 'stat');
    if (!stat) return;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = read(p, 'status') ?? '';
    out.push({
      pid: p,
      command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
      rssBytes: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024,
    });
    const children = (read(p, `task/${p}/children`) ?? '').trim();
    for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
  };
  visit(pid);
  return out;
}

/** The TCP ports the processes `pids` listen on (Linux: their socket descriptors, matched in /proc/net/tcp). */
function listeningPorts(pids) {
  const inodes = new Set();
  for (const pid of pids) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (socket) inodes.add(socket[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports = [];
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    // local address (hex ip:port), state 0A = LISTEN, inode
    if (cols.length > 9 && cols[3] === '0A' && inodes.has(cols[9])) ports.push(parseInt(cols[1].split(':')[1], 16));
  }
  return ports;
}

/**
 * The Worker's own socket, past `wrangler dev`'s proxy. wrangler answers on `origin` through a ProxyWorker in a second
 * workerd, which runs HTMLRewriter over every HTML response (to insert its live-reload script): a cost per byte of
 * every page that production, with no such proxy, does not have. The socket is found among those wrangler's processes
 * listen on as the one that answers `path` exactly as `origin` does. Linux only (/proc); null elsewhere or if none does.
 */
export async function directOrigin({ origin, pid }, path = '/healthz') {
  let ports;
  try {
    ports = listeningPorts(processTree(pid).map((p) => p.pid));
  } catch {
    return null;
  }
  const answer = async (base) => {
    try {
      const res = await fetch(base + path, { signal: AbortSignal.timeout(2000) });
      return `${res.status} ${await res.text()}`;
    } catch {
      return null;
    }
  };
  const expected = await answer(origin);
  const own = Number(new URL(origin).port);
  for (const port of ports.filter((p) => p !== own)) {
    const candidate = `http://127.0.0.1:${port}`;
    if (expected && (await answer(candidate)) === expected) return candidate;
  }
  return null;
}

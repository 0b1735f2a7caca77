// The Worker's size as Cloudflare would receive it: `wrangler deploy --dry-run --outdir` (wrangler.toml's `minify` applies,
// as on deploy), then each module gzipped; source maps are not counted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../../scripts/seed-reference/dev-server.mjs';

export function bundleGzipBytes() {
  const outdir = mkdtempSync(join(tmpdir(), 'roundtable-bundle-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1' } });
    const modules = readdirSync(outdir).filter((name) => /\.(m?js|wasm)$/.test(name));
    return modules.reduce((sum, name) => sum + gzipSync(readFileSync(join(outdir, name)), { level: 9 }).byteLength, 0);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

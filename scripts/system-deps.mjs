// The browser and document stages need Debian's chromium, LibreOffice (writer + calc), poppler's pdftotext and a
// CJK font. Runs first in `npm test`: installs them with apt when we are root, else stops at once with the command.
import { execFileSync } from 'node:child_process';

const packages = ['chromium', 'libreoffice-writer-nogui', 'libreoffice-calc-nogui', 'poppler-utils', 'fonts-noto-cjk'];

function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().includes('ok installed');
  } catch {
    return false;
  }
}

const missing = packages.filter((pkg) => !installed(pkg));
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The browser and document tests need Debian packages that are not installed: ${missing.join(', ')}.`);
  console.error(`Run this once, then npm test again:\n\n  sudo sh -c '${command}'\n`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt for the browser and document tests`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });

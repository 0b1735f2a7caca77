import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));

// `ROUNDTABLE_CLOCK_SHIFT_YEARS=5 npm run test:unit` runs the suite five years ahead: tests and app read the shifted clock.
const shiftYears = Number(process.env.ROUNDTABLE_CLOCK_SHIFT_YEARS ?? 0);
if (!Number.isFinite(shiftYears)) throw new Error('ROUNDTABLE_CLOCK_SHIFT_YEARS must be a number');
const clockShiftMs = Math.round(shiftYears * 365.25 * 24 * 3600 * 1000);

export default defineConfig({
  // Office files under tests/fixtures are imported with `?inline` (base64 data URLs), like the text fixtures with `?raw`.
  assetsInclude: ['**/*.docx', '**/*.xlsx'],
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ENVIRONMENT: 'test',
          APP_URL: 'https://roundtable.test',
          TEST_MIGRATIONS: migrations,
          TEST_CLOCK_SHIFT_MS: String(clockShiftMs),
        },
      },
    }),
  ],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/browser/**'],
    setupFiles: ['./tests/setup.ts'],
    // Generous for a shared 2-core machine: tests assert behaviour, never speed (bench/ measures that).
    testTimeout: 30_000,
  },
});

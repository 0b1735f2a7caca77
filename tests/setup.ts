import { applyD1Migrations, env } from 'cloudflare:test';
import { afterEach } from 'vitest';
import { useAppClock } from './helpers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

afterEach(() => useAppClock(null));

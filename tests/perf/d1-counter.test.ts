import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rounds, staffUsers } from '../../src/db/schema';
import { countingD1, countsD1Queries, D1_MS_HEADER, D1_QUERIES_HEADER } from '../../src/lib/d1-counter';
import { createDeps } from '../../src/lib/deps';
import { countedRequest, request } from '../helpers';

describe('the D1 round-trip counter', () => {
  it('counts each statement run (first, all, run, raw) as one trip and a whole batch as one', async () => {
    const counter = { trips: 0, waitMs: 0 };
    const d1 = countingD1(env.DB, counter);
    const one = d1.prepare('SELECT ?1 AS n');
    expect(await one.bind(7).first('n')).toBe(7);
    expect((await one.bind(8).all<{ n: number }>()).results).toEqual([{ n: 8 }]);
    await one.bind(9).run();
    expect(await one.bind(10).raw()).toEqual([[10]]);
    expect(counter.trips).toBe(4);
    const results = await d1.batch<{ n: number }>([one.bind(1), one.bind(2), d1.prepare('SELECT 3 AS n')]);
    expect(results.map((r) => r.results[0]!.n)).toEqual([1, 2, 3]);
    expect(counter.trips).toBe(5);
    expect(counter.waitMs).toBeGreaterThanOrEqual(0);
  });

  it('times the wait for D1 as the clock moves across the I/O, and stops the timer when a statement fails', async () => {
    const counter = { trips: 0, waitMs: 0 };
    const d1 = countingD1(env.DB, counter);
    // A statement that takes SQLite a noticeable moment: the clock in workerd advances across the wait.
    await d1.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT count(*) FROM n').first();
    expect(counter.waitMs).toBeGreaterThan(0);
    const before = counter.waitMs;
    await expect(d1.prepare('SELECT * FROM no_such_table').all()).rejects.toThrow();
    expect(counter.trips).toBe(2);
    expect(counter.waitMs).toBeGreaterThanOrEqual(before);
  });

  it('counts what drizzle runs through the deps, batches included', async () => {
    const deps = createDeps({ ...env, COUNT_D1_QUERIES: '1' });
    await deps.db.all(sql`SELECT 1`);
    await deps.db.select().from(rounds).limit(1);
    expect(deps.d1Counter!.trips).toBe(2);
    await deps.db.batch([deps.db.select().from(rounds).limit(1), deps.db.select().from(staffUsers).limit(1)]);
    expect(deps.d1Counter!.trips).toBe(3);
  });

  it('is off unless COUNT_D1_QUERIES is "1", and never counts in production', () => {
    expect(countsD1Queries({ COUNT_D1_QUERIES: '1', ENVIRONMENT: 'bench' })).toBe(true);
    expect(countsD1Queries({ COUNT_D1_QUERIES: '1', ENVIRONMENT: 'test' })).toBe(true);
    expect(countsD1Queries({ COUNT_D1_QUERIES: '1', ENVIRONMENT: 'production' })).toBe(false);
    expect(countsD1Queries({ COUNT_D1_QUERIES: '1' })).toBe(false);
    expect(countsD1Queries({ COUNT_D1_QUERIES: 'true', ENVIRONMENT: 'bench' })).toBe(false);
    expect(createDeps(env).d1Counter).toBeUndefined();
  });

  it('adds the count header to a response only when counting', async () => {
    const counted = await countedRequest('/healthz');
    expect(counted.res.status).toBe(200);
    expect(counted.trips).toBe(1);
    expect(Number(counted.res.headers.get(D1_MS_HEADER))).toBeGreaterThanOrEqual(0);
    const plain = await request('/healthz');
    expect(plain.headers.get(D1_QUERIES_HEADER)).toBeNull();
    expect(plain.headers.get(D1_MS_HEADER)).toBeNull();
  });
});

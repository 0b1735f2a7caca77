/** Exact fixed-window rate limits kept in D1 (for sign-in, where limits must hold across isolates and be testable). */
import type { Clock } from './clock';

export type RateLimitRule = { key: string; limit: number; windowMs: number };

/** Counts one hit against every rule; returns false when any rule is over its limit. */
export async function hitRateLimits(d1: D1Database, clock: Clock, rules: RateLimitRule[]): Promise<boolean> {
  const now = clock().getTime();
  const statements = rules.map((rule) => {
    const windowStart = now - (now % rule.windowMs);
    return d1
      .prepare(
        `INSERT INTO rate_limit_hits (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
         RETURNING count`,
      )
      .bind(rule.key, windowStart);
  });
  const results = await d1.batch<{ count: number }>(statements);
  return results.every((result, i) => (result.results[0]?.count ?? 0) <= rules[i]!.limit);
}

/** Old windows are dropped by the cron sweep. */
export async function pruneRateLimits(d1: D1Database, clock: Clock, olderThanMs: number): Promise<void> {
  await d1.prepare('DELETE FROM rate_limit_hits WHERE window_start < ?').bind(clock().getTime() - olderThanMs).run();
}

/** Rate-limit state for tests: a link's allowance used up without sending hundreds of requests. */
import { env } from 'cloudflare:test';
import { MINUTE_MS } from '../src/lib/clock';
import type { PublicFormRule } from '../src/lib/public-form-limit';
import { sha256Hex } from '../src/lib/tokens';
import { fixedClock, useAppClock } from './helpers';

/** Fills the current window of `name`'s counter for this token, and holds the app's clock inside that window. */
export async function exhaustLinkLimit(name: string, token: string, rule: PublicFormRule) {
  const clock = fixedClock();
  useAppClock(clock);
  const now = clock().getTime();
  const windowMs = rule.windowMinutes * MINUTE_MS;
  const key = `${name}:${(await sha256Hex(token)).slice(0, 32)}`;
  await env.DB.prepare('INSERT INTO rate_limit_hits (key, window_start, count) VALUES (?, ?, ?)').bind(key, now - (now % windowMs), rule.limit).run();
}

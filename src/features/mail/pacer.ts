/**
 * Pacing of provider calls under Resend's limit of 2 requests a second per account. The next free slot lives in
 * D1 (app_meta), so every consumer invocation and isolate shares it; each call reserves a slot with one atomic
 * UPSERT and waits for it.
 */
import type { Deps } from '../../lib/deps';

/** 2 requests a second, with a little room for clock and network jitter. */
export const SEND_INTERVAL_MS = 525;
export const PACER_KEY = 'mail.pacer.next_slot';

/** Reserves the next slot for a provider call and returns how many milliseconds to wait for it. */
export async function reserveSendSlot(deps: Deps, intervalMs = SEND_INTERVAL_MS, key = PACER_KEY): Promise<number> {
  const now = deps.clock().getTime();
  // `value` is the first free slot after this reservation: ours is that minus one interval.
  const row = await deps.d1
    .prepare(
      `INSERT INTO app_meta (key, value, updated_at) VALUES (?1, CAST(?2 + ?3 AS TEXT), ?2)
       ON CONFLICT (key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), ?2) + ?3 AS TEXT), updated_at = ?2
       RETURNING value`,
    )
    .bind(key, now, intervalMs)
    .first<{ value: string }>();
  const slot = Number(row?.value ?? now + intervalMs) - intervalMs;
  return Math.max(0, slot - now);
}

/** After a 429, nobody calls again before the provider's Retry-After has passed. */
export async function holdSendsUntil(deps: Deps, until: Date, key = PACER_KEY): Promise<void> {
  const now = deps.clock().getTime();
  await deps.d1
    .prepare(
      `INSERT INTO app_meta (key, value, updated_at) VALUES (?1, CAST(?2 AS TEXT), ?3)
       ON CONFLICT (key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), ?2) AS TEXT), updated_at = ?3`,
    )
    .bind(key, until.getTime(), now)
    .run();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The mail queue consumer: claims the rows of a queue batch (and the rest of any send group they belong to), skips
 * suppressed addresses, sends the others through Resend in paced calls of up to 100, records each outcome, and
 * acks or retries each queue message by what became of its row.
 */
import { and, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import type { Bindings } from '../../env';
import { createDeps, type Deps } from '../../lib/deps';
import { holdSendsUntil, reserveSendSlot, sleep } from './pacer';
import { batchIdempotencyKey, canBatch, MAX_BATCH_EMAILS, sendBatch, sendOne, type CallOutcome } from './sender';
import { deliveryMoves, runMoves, type Move } from './moves';
import { idIn, moveMatching, type OutboxRow } from './status';
import { suppressedError, suppressedRows } from './suppression';

export type MailQueueMessage = { outboxId: string };

/** Sending attempts per row before it is given up as failed (a manual retry starts again). */
export const MAX_SEND_ATTEMPTS = 5;
const BACKOFF_BASE_SECONDS = 30;
/** Cloudflare Queues accept delays up to 12 hours; an hour is plenty for a provider to recover. */
const MAX_RETRY_DELAY_SECONDS = 3600;
/** A 429 asking for a short pause is waited out in place, resending the same call with the same key. */
const MAX_IN_PLACE_WAIT_SECONDS = 10;
const IN_PLACE_RATE_LIMIT_RETRIES = 3;

export type ConsumerOptions = {
  /** Waits for a pacing slot or a short Retry-After. */
  wait?: (ms: number) => Promise<void>;
  /** Jitter in [0, 1). */
  random?: () => number;
  /** Reserves the next provider call slot and returns how long to wait for it (shared across invocations). */
  reserveSlot?: (deps: Deps) => Promise<number>;
};

/**
 * Exponential backoff with jitter: 15–30 s, 30–60 s, 60–120 s… after the first, second, third failed attempt
 * (jitter keeps a crowd of failed rows from coming back at once); a longer Retry-After wins.
 */
export function retryDelaySeconds(attempts: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const backoff = Math.min(MAX_RETRY_DELAY_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.ceil(backoff / 2 + (random() * backoff) / 2);
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.max(jittered, retryAfterSeconds ?? 0));
}

/** What to do with the queue messages of a row: ack, or bring them back after a delay. */
type Settlement = { retryAfterSeconds?: number };

export async function handleMailQueue(
  batch: MessageBatch<MailQueueMessage>,
  env: Bindings,
  deps: Deps = createDeps(env),
  options: ConsumerOptions = {},
): Promise<void> {
  const messagesByRow = new Map<string, Message<MailQueueMessage>[]>();
  for (const message of batch.messages) {
    const id = typeof message.body?.outboxId === 'string' ? message.body.outboxId : null;
    if (!id) message.ack();
    else messagesByRow.set(id, [...(messagesByRow.get(id) ?? []), message]);
  }
  if (messagesByRow.size === 0) return;
  const settlements = new Map<string, Settlement>();
  try {
    await deliver(deps, [...messagesByRow.keys()], settlements, options);
  } catch (error) {
    // An outage of D1 itself: rows not yet settled come back through the queue (or the sweep).
    console.error('mail consumer failed on a batch; retrying its unsettled messages', error);
    for (const [id, messages] of messagesByRow) {
      if (!settlements.has(id)) settlements.set(id, { retryAfterSeconds: retryDelaySeconds(Math.max(...messages.map((m) => m.attempts)), undefined, options.random) });
    }
  }
  for (const [id, messages] of messagesByRow) {
    const settlement = settlements.get(id);
    for (const message of messages) {
      if (settlement?.retryAfterSeconds !== undefined) message.retry({ delaySeconds: settlement.retryAfterSeconds });
      else message.ack();
    }
  }
}

async function deliver(deps: Deps, ids: string[], settlements: Map<string, Settlement>, options: ConsumerOptions): Promise<void> {
  const now = deps.clock();
  // Delivery is at least once: only rows still queued (and due) are claimed; the rest are somebody else's.
  const claimed = await claimRows(deps, ids, now);
  const claimedIds = new Set(claimed.map((row) => row.id));
  await settleUnclaimed(deps, ids.filter((id) => !claimedIds.has(id)), settlements, now);

  const suppressed = await suppressedRows(deps, claimed);
  const skipMoves: Move[] = [...suppressed].map(([id, reason]) => ({ id, to: 'failed', detail: suppressedError(reason), changes: { lastError: suppressedError(reason) } }));
  await runMoves(deps, skipMoves);
  for (const move of skipMoves) settlements.set(move.id, {});

  for (const call of planCalls(claimed.filter((row) => !suppressed.has(row.id)))) {
    const outcome = await callProvider(deps, call, options);
    const moves = deliveryMoves(deps, call, outcome, {
      maxAttempts: MAX_SEND_ATTEMPTS,
      delaySeconds: (row) => (outcome.ok ? 0 : retryDelaySeconds(row.attempts + 1, outcome.retryAfterSeconds, options.random)),
    });
    await runMoves(deps, moves);
    for (const move of moves) settlements.set(move.id, move.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: move.retryAfterSeconds });
  }
}

/** The rows of these messages, plus every other queued row of a send group one of them belongs to. */
async function claimRows(deps: Deps, ids: string[], now: Date): Promise<OutboxRow[]> {
  const json = JSON.stringify(ids);
  const groupOfThese = sql`${outbox.sendGroup} IN (SELECT g.send_group FROM outbox g WHERE g.id IN (SELECT value FROM json_each(${json})) AND g.send_group IS NOT NULL)`;
  const due = sql`coalesce(${outbox.notBefore}, 0) <= ${now.getTime()}`;
  return moveMatching(deps, and(sql`(${idIn(ids)} OR ${groupOfThese})`, due)!, 'queued', 'sending', null);
}

/** A queued row that is not due yet comes back when it is; anything else is done or in other hands. */
async function settleUnclaimed(deps: Deps, ids: string[], settlements: Map<string, Settlement>, now: Date): Promise<void> {
  if (ids.length === 0) return;
  const rows = await deps.db.select({ id: outbox.id, status: outbox.status, notBefore: outbox.notBefore }).from(outbox).where(idIn(ids));
  for (const row of rows) {
    if (row.status === 'queued' && row.notBefore && row.notBefore > now) {
      settlements.set(row.id, { retryAfterSeconds: Math.max(1, Math.ceil((row.notBefore.getTime() - now.getTime()) / 1000)) });
    }
  }
}

export type ProviderCall = { rows: OutboxRow[]; batch: boolean };

/**
 * Rows with attachments go one by one; a send group being retried goes again as it was (so its idempotency key is
 * the same); the other rows go in batches of up to 100.
 */
export function planCalls(rows: OutboxRow[]): ProviderCall[] {
  const calls: ProviderCall[] = [];
  const groups = new Map<string, OutboxRow[]>();
  const fresh: OutboxRow[] = [];
  for (const row of rows) {
    if (!canBatch(row)) calls.push({ rows: [row], batch: false });
    else if (row.sendGroup) groups.set(row.sendGroup, [...(groups.get(row.sendGroup) ?? []), row]);
    else fresh.push(row);
  }
  for (const group of groups.values()) calls.push({ rows: group, batch: true });
  for (let i = 0; i < fresh.length; i += MAX_BATCH_EMAILS) {
    const part = fresh.slice(i, i + MAX_BATCH_EMAILS);
    calls.push({ rows: part, batch: part.length > 1 });
  }
  return calls;
}

async function callProvider(deps: Deps, call: ProviderCall, options: ConsumerOptions): Promise<CallOutcome> {
  const wait = options.wait ?? sleep;
  if (call.batch) {
    // Recorded before the call: if this attempt fails, the retry sends the same rows under the same key.
    const key = await batchIdempotencyKey(call.rows.map((row) => row.id));
    await deps.db.update(outbox).set({ sendGroup: key }).where(idIn(call.rows.map((row) => row.id)));
  }
  for (let tries = 0; ; tries++) {
    if (deps.config.resendApiKey) {
      const ms = await (options.reserveSlot ?? reserveSendSlot)(deps);
      if (ms > 0) await wait(ms);
    }
    const outcome = call.batch ? await sendBatch(deps, call.rows) : await sendOne(deps, call.rows[0]!);
    if (outcome.ok || !outcome.rateLimited) return outcome;
    const pause = outcome.retryAfterSeconds ?? 1;
    await holdSendsUntil(deps, new Date(deps.clock().getTime() + pause * 1000));
    if (pause > MAX_IN_PLACE_WAIT_SECONDS || tries >= IN_PLACE_RATE_LIMIT_RETRIES) return outcome;
    await wait(pause * 1000);
  }
}

/** The outbox status machine: allowed moves written once, applied by one claim-style UPDATE. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { outbox, outboxEvents, type OutboxStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from './outbox';

export type OutboxRow = typeof outbox.$inferSelect;

/** Statuses only move forward, except the two ways back to `queued`: an automatic retry and a manual one. */
export const OUTBOX_MOVES: Record<OutboxStatus, readonly OutboxStatus[]> = {
  // A dead-lettered message fails its row wherever it was left.
  queued: ['sending', 'failed'],
  sending: ['sent', 'failed', 'queued'],
  sent: ['delivered', 'bounced', 'complained'],
  // Providers report complaints (and late bounces) after delivery.
  delivered: ['bounced', 'complained'],
  bounced: [],
  complained: [],
  failed: ['queued'],
};

export function canMove(from: OutboxStatus, to: OutboxStatus): boolean {
  return OUTBOX_MOVES[from].includes(to);
}

/** Columns a move may set besides the status itself. */
export type OutboxChanges = Partial<
  Pick<OutboxRow, 'attempts' | 'lastError' | 'provider' | 'providerMessageId' | 'sentAt' | 'notBefore' | 'sendGroup' | 'toEmail' | 'toName' | 'html' | 'text'>
>;

export type MoveOptions = {
  changes?: OutboxChanges;
  /** Add one to `attempts` in the same UPDATE (not read-modify-write). */
  countAttempt?: boolean;
  /** More statements for the same batch, e.g. an audit entry. */
  also?: Statement[];
  /** When the move happens, if the caller already reckoned other times (a retry's not_before) from it. */
  at?: Date;
};

/**
 * The two statements of one move: the event, inserted only while the row is still in `from`, then the UPDATE that
 * only matches a row still in `from`. Run in one batch (one transaction), both see the same row.
 */
export function moveStatements(deps: Deps, id: string, from: OutboxStatus, to: OutboxStatus, detail: string | null, options: MoveOptions = {}) {
  if (!canMove(from, to)) throw new Error(`outbox move ${from} → ${to} is not allowed`);
  const now = options.at ?? deps.clock();
  // Columns in table order: id, outbox_id, status, detail, created_at.
  const event = deps.db
    .insert(outboxEvents)
    .select(sql`SELECT ${deps.newId()}, id, ${to}, ${detail}, ${now.getTime()} FROM outbox WHERE id = ${id} AND status = ${from}`);
  const update = deps.db
    .update(outbox)
    .set({
      ...options.changes,
      ...(options.countAttempt ? { attempts: sql`${outbox.attempts} + 1` } : {}),
      status: to,
      statusChangedAt: now,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, from)))
    .returning();
  return [event, update] as const;
}

/**
 * Moves one outbox row from `from` to `to` and records the event, in one batch. Of two consumers racing for a
 * row exactly one gets it back; the other gets null.
 */
export async function moveOutbox(
  deps: Deps,
  id: string,
  from: OutboxStatus,
  to: OutboxStatus,
  detail: string | null,
  options: MoveOptions = {},
): Promise<OutboxRow | null> {
  const [event, update] = moveStatements(deps, id, from, to, detail, options);
  const [, rows] = await deps.db.batch([event, update, ...(options.also ?? [])]);
  return rows[0] ?? null;
}

/**
 * Moves every row in `from` that `match` selects, one event each, in one batch; returns the rows moved. `match`
 * must only use columns of `outbox` (it is used in the event's SELECT and in the UPDATE alike).
 */
export async function moveMatching(
  deps: Deps,
  match: SQL,
  from: OutboxStatus,
  to: OutboxStatus,
  detail: string | null,
  changes: OutboxChanges = {},
  also: Statement[] = [],
): Promise<OutboxRow[]> {
  if (!canMove(from, to)) throw new Error(`outbox move ${from} → ${to} is not allowed`);
  const now = deps.clock();
  // One fresh id per call, suffixed with the row id: unique per event and in time order.
  const eventId = deps.newId();
  const event = deps.db
    .insert(outboxEvents)
    .select(sql`SELECT ${eventId} || '.' || ${outbox.id}, ${outbox.id}, ${to}, ${detail}, ${now.getTime()} FROM ${outbox} WHERE ${outbox.status} = ${from} AND ${match}`);
  const update = deps.db
    .update(outbox)
    .set({ ...changes, status: to, statusChangedAt: now })
    .where(and(eq(outbox.status, from), match))
    .returning();
  const [, rows] = await deps.db.batch([event, update, ...also]);
  return rows;
}

/** `outbox.id IN (…)` for any number of ids, as one bound parameter (D1 allows 100 per statement). */
export function idIn(ids: readonly string[]): SQL {
  return sql`${outbox.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

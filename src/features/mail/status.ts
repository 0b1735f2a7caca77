/** The outbox status machine: allowed moves written once, applied by one claim-style UPDATE. */
import { and, eq, sql } from 'drizzle-orm';
import { outbox, outboxEvents, type OutboxStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from './outbox';

export type OutboxRow = typeof outbox.$inferSelect;

/** Statuses only move forward, except the two ways back to `queued`: an automatic retry and a manual one. */
export const OUTBOX_MOVES: Record<OutboxStatus, readonly OutboxStatus[]> = {
  queued: ['sending'],
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
export type OutboxChanges = Partial<Pick<OutboxRow, 'attempts' | 'lastError' | 'provider' | 'providerMessageId' | 'sentAt'>>;

export type MoveOptions = {
  changes?: OutboxChanges;
  /** Add one to `attempts` in the same UPDATE (not read-modify-write). */
  countAttempt?: boolean;
  /** More statements for the same batch, e.g. an audit entry. */
  also?: Statement[];
};

/**
 * Moves one outbox row from `from` to `to` and records the event, in one batch. The UPDATE only matches a
 * row still in `from`, so of two consumers racing for a row exactly one gets it back; the other gets null.
 */
export async function moveOutbox(
  deps: Deps,
  id: string,
  from: OutboxStatus,
  to: OutboxStatus,
  detail: string | null,
  options: MoveOptions = {},
): Promise<OutboxRow | null> {
  if (!canMove(from, to)) throw new Error(`outbox move ${from} → ${to} is not allowed`);
  const now = deps.clock();
  // The event is inserted only while the row is still in `from`; the batch is one transaction, so the check
  // and the UPDATE below see the same row.
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
  const [, rows] = await deps.db.batch([event, update, ...(options.also ?? [])]);
  return rows[0] ?? null;
}

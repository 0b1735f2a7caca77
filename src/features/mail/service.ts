/** Mail use cases: the staff outbox listing, a manual retry, the cron sweep, the local mailbox. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { outbox, outboxEvents, type OutboxStatus } from '../../db/schema';
import { MINUTE_MS } from '../../lib/clock';
import type { AppConfig, Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import type { CurrentStaff } from '../auth/guard';
import { auditStatement } from '../audit/audit';
import { moveMatching, moveOutbox, type OutboxRow } from './status';

export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_MAX_PAGE_SIZE = 100;
export const MAX_KIND_LENGTH = 64;
export const MAX_CURSOR_LENGTH = 64;
/** A queued row not picked up this long after its last change lost its queue message: enqueue it again. */
export const STALE_QUEUED_MS = 2 * MINUTE_MS;
/** A row this long in `sending` belongs to a consumer that died mid-call (a call takes seconds, pacing included). */
export const STUCK_SENDING_MS = 10 * MINUTE_MS;
export const STUCK_SENDING_ERROR = 'technical: stuck in sending';
const SWEEP_BATCH = 500;
const ENQUEUE_CHUNK = 100;
export const LOCAL_MAILBOX_SIZE = 200;

/**
 * Mails that carry capability links (sign-in, feedback and RSVP links, check-in codes): the staff pages never show
 * their content, only subject, status and history.
 */
export const SECRET_CONTENT_KINDS: readonly string[] = ['sign_in', 'invitation', 'reminder', 'feedback_copy', 'feedback_declined', 'open_link_confirm'];

/** In local development without a Resend key, mail goes to the local mailbox page /dev/mail instead of out. */
export const LOCAL_MAILBOX_PATH = '/dev/mail';
export function usesLocalMailbox(config: Pick<AppConfig, 'environment' | 'resendApiKey'>): boolean {
  return config.environment === 'development' && !config.resendApiKey;
}

export function hidesContent(kind: string): boolean {
  return SECRET_CONTENT_KINDS.includes(kind) || kind.startsWith('meeting_');
}

export type OutboxFilter = { status?: OutboxStatus; kind?: string; roundId?: string; cursor?: string; limit?: number };

const summaryColumns = {
  id: outbox.id,
  kind: outbox.kind,
  toEmail: outbox.toEmail,
  toName: outbox.toName,
  subject: outbox.subject,
  status: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  provider: outbox.provider,
  providerMessageId: outbox.providerMessageId,
  roundId: outbox.roundId,
  meetingId: outbox.meetingId,
  createdAt: outbox.createdAt,
  statusChangedAt: outbox.statusChangedAt,
  sentAt: outbox.sentAt,
};

export type OutboxSummary = Pick<OutboxRow, keyof typeof summaryColumns>;
export type OutboxPage = { items: OutboxSummary[]; nextCursor: string | null };

/** Newest first; ids are time-ordered, so the cursor is the last id shown. */
export async function listOutbox(deps: Deps, filter: OutboxFilter): Promise<OutboxPage> {
  const limit = Math.min(filter.limit ?? OUTBOX_PAGE_SIZE, OUTBOX_MAX_PAGE_SIZE);
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(outbox.status, filter.status));
  if (filter.kind) conditions.push(eq(outbox.kind, filter.kind));
  if (filter.roundId) conditions.push(eq(outbox.roundId, filter.roundId));
  if (filter.cursor) conditions.push(lt(outbox.id, filter.cursor));
  const rows = await deps.db
    .select(summaryColumns)
    .from(outbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function listOutboxKinds(deps: Deps): Promise<string[]> {
  const rows = await deps.db.selectDistinct({ kind: outbox.kind }).from(outbox).orderBy(asc(outbox.kind));
  return rows.map((row) => row.kind);
}

export type OutboxEvent = typeof outboxEvents.$inferSelect;

export async function findOutboxMessage(deps: Deps, id: string): Promise<{ message: OutboxRow; events: OutboxEvent[] } | null> {
  const message = await deps.db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!message) return null;
  const events = await deps.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.outboxId, id))
    // rowid keeps insertion order among events of the same millisecond (ids from different isolates do not).
    .orderBy(asc(outboxEvents.createdAt), sql`rowid`);
  return { message, events };
}

/** A failed message goes back to the queue with a fresh count of attempts. */
export async function retryOutboxMessage(
  deps: Deps,
  id: string,
  actor: Pick<CurrentStaff, 'id' | 'email'>,
): Promise<Result<OutboxRow, 'not_found' | 'not_retryable'>> {
  const current = await deps.db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, id)).get();
  if (!current) return fail('not_found');
  if (current.status !== 'failed') return fail('not_retryable');
  const moved = await moveOutbox(deps, id, 'failed', 'queued', `manual retry by ${actor.email}`, {
    changes: { attempts: 0, notBefore: null },
    also: [auditStatement(deps, { actor, action: 'outbox.retry', entityType: 'outbox', entityId: id, detail: { attempts: current.attempts } })],
  });
  if (!moved) return fail('not_retryable');
  await deps.enqueueMail([id]);
  return ok(moved);
}

/**
 * The cron sweep. Rows `sending` past the limit belong to a consumer that died mid-call: they are failed as a
 * technical failure (not resent blindly: the call may have gone through) for a person to retry. Rows `queued`
 * too long, and not waiting out a retry delay, lost their queue message: they are enqueued again. Both claim
 * with a conditional UPDATE, so overlapping cron runs take each row once.
 */
export async function sweepOutbox(deps: Deps): Promise<{ failed: number; requeued: number }> {
  const now = deps.clock().getTime();
  const stuck = await moveMatching(
    deps,
    sql`${outbox.statusChangedAt} < ${now - STUCK_SENDING_MS}`,
    'sending',
    'failed',
    STUCK_SENDING_ERROR,
    { lastError: STUCK_SENDING_ERROR, notBefore: null },
  );
  const stale = await deps.d1
    .prepare(
      `UPDATE outbox SET status_changed_at = ?1
       WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND status_changed_at < ?2 AND coalesce(not_before, 0) < ?2
                    ORDER BY status_changed_at LIMIT ?3)
         AND status = 'queued'
       RETURNING id`,
    )
    .bind(now, now - STALE_QUEUED_MS, SWEEP_BATCH)
    .all<{ id: string }>();
  const requeued = stale.results.map((row) => row.id);
  await enqueueInChunks(deps, requeued);
  return { failed: stuck.length, requeued: requeued.length };
}

/** Queue `sendBatch` takes at most 100 messages. */
export async function enqueueInChunks(deps: Deps, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += ENQUEUE_CHUNK) await deps.enqueueMail(ids.slice(i, i + ENQUEUE_CHUNK));
}

/** The local mailbox: every outbox row, newest first, content included. */
export async function listLocalMailbox(deps: Deps, limit = LOCAL_MAILBOX_SIZE): Promise<OutboxRow[]> {
  return deps.db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
}

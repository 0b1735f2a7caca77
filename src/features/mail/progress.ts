/** A round's mail at a glance (sent / failed / remaining), and sending its failed mail again. */
import { and, eq, isNull, not, or, sql } from 'drizzle-orm';
import { outbox, OUTBOX_STATUSES, type OutboxStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { CurrentStaff } from '../auth/guard';
import { auditStatement } from '../audit/audit';
import { enqueueInChunks } from './service';
import { moveMatching } from './status';
import { SUPPRESSED_PREFIX } from './suppression';

export type MailProgress = {
  total: number;
  byStatus: Record<OutboxStatus, number>;
  /** Handed to the provider: sent or delivered. */
  sent: number;
  /** Failed, bounced or complained. */
  failed: number;
  /** Failed for a reason worth trying again (not a suppressed address). */
  retryable: number;
  /** Queued or sending. */
  remaining: number;
};

/** Suppressed addresses would only be skipped again. */
const retryableFailure = and(eq(outbox.status, 'failed'), or(isNull(outbox.lastError), not(sql`${outbox.lastError} LIKE ${SUPPRESSED_PREFIX + '%'}`)));

export async function roundMailProgress(deps: Deps, roundId: string): Promise<MailProgress> {
  const rows = await deps.db
    .select({ status: outbox.status, count: sql<number>`count(*)`, retryable: sql<number>`sum(CASE WHEN ${retryableFailure} THEN 1 ELSE 0 END)` })
    .from(outbox)
    .where(eq(outbox.roundId, roundId))
    .groupBy(outbox.status);
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
  let retryable = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.count);
    retryable += Number(row.retryable ?? 0);
  }
  return {
    total: OUTBOX_STATUSES.reduce((sum, status) => sum + byStatus[status], 0),
    byStatus,
    sent: byStatus.sent + byStatus.delivered,
    failed: byStatus.failed + byStatus.bounced + byStatus.complained,
    retryable,
    remaining: byStatus.queued + byStatus.sending,
  };
}

/** Every failed mail of the round back to the queue with a fresh count of attempts; returns how many. */
export async function retryFailedRoundMail(deps: Deps, roundId: string, actor: Pick<CurrentStaff, 'id' | 'email'>): Promise<number> {
  const moved = await moveMatching(
    deps,
    and(eq(outbox.roundId, roundId), retryableFailure)!,
    'failed',
    'queued',
    `manual retry by ${actor.email}`,
    { attempts: 0, notBefore: null },
  );
  if (moved.length === 0) return 0;
  await deps.db.batch([auditStatement(deps, { actor, action: 'round.mail_retry', entityType: 'round', entityId: roundId, detail: { count: moved.length } })]);
  await enqueueInChunks(deps, moved.map((row) => row.id));
  return moved.length;
}

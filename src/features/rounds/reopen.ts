/** Closing asks first and says who has not answered; a round closed by mistake reopens until its planned end. */
import { and, eq, gt, sql } from 'drizzle-orm';
import { rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import { findRound, type Actor } from './service';

export type ReopenError = 'not_found' | 'not_closed_early' | 'reopen_after_end' | 'published';

/** Invitations still standing, and how many of them have neither answered nor declined. */
export async function unansweredInvitations(deps: Deps, roundId: string): Promise<{ invited: number; pending: number }> {
  const [row] = await deps.db.all<{ invited: number; pending: number | null }>(sql`
    SELECT count(*) AS invited, sum(status IN ('invited', 'opened')) AS pending
    FROM invitations WHERE round_id = ${roundId} AND revoked_at IS NULL`);
  return { invited: row?.invited ?? 0, pending: row?.pending ?? 0 };
}

/**
 * Reopens a round closed before its planned end, while that end is still ahead and nothing was published. The UPDATE
 * repeats the conditions, so a round cannot be reopened past its end by a request that read it just before.
 */
export async function reopenRound(deps: Deps, actor: Actor, id: string): Promise<Result<void, ReopenError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status !== 'closed' || !round.closedAt || round.closedAt >= round.closesAt) return fail('not_closed_early');
  if (round.publishedAt) return fail('published');
  const now = deps.clock();
  if (round.closesAt <= now) return fail('reopen_after_end');
  const [reopened] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({ status: 'open', closedAt: null, updatedAt: now })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'closed'), gt(rounds.closesAt, now)))
      .returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.reopen', entityType: 'round', entityId: id, detail: { closedAt: round.closedAt.toISOString(), closesAt: round.closesAt.toISOString() } }),
  ]);
  return reopened.length ? ok(undefined) : fail('reopen_after_end');
}

/** Rounds opened by the clock: an organizer schedules a draft round; the cron opens it at opensAt and invites the audience. */
import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import { sendInvitations } from './invitations';
import { findRound, needsShortPeriodReason, type Actor, type RoundError } from './service';

/** Confirms a draft round to open by itself at its opensAt. The reason for a short period is asked now, as for opening by hand. */
export async function scheduleRound(deps: Deps, actor: Actor, id: string, shortPeriodReason: string): Promise<Result<void, RoundError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status !== 'draft') return fail(round.status === 'closed' ? 'round_closed' : 'not_draft');
  const now = deps.clock();
  if (round.opensAt.getTime() <= now.getTime()) return fail('opens_in_past');
  if (round.closesAt.getTime() <= round.opensAt.getTime()) return fail('closes_in_past');
  const needsReason = needsShortPeriodReason(round, now);
  if (needsReason && !shortPeriodReason) return fail('reason_required');
  const [scheduled] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({ scheduledAt: now, shortPeriodReason: needsReason ? shortPeriodReason : null, updatedAt: now })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'draft')))
      .returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.schedule', entityType: 'round', entityId: id, detail: { opensAt: round.opensAt.toISOString() } }),
  ]);
  return scheduled.length ? ok(undefined) : fail('not_draft');
}

export async function unscheduleRound(deps: Deps, actor: Actor, id: string): Promise<Result<void, RoundError>> {
  const now = deps.clock();
  const [unscheduled] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({ scheduledAt: null, updatedAt: now })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'draft'), isNotNull(rounds.scheduledAt)))
      .returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.unschedule', entityType: 'round', entityId: id }),
  ]);
  if (unscheduled.length) return ok(undefined);
  return (await findRound(deps, id)) ? fail('not_scheduled') : fail('not_found');
}

/**
 * Cron: opens scheduled rounds whose time has come and invites their audience. The UPDATE … WHERE status = 'draft'
 * claims each round once, so overlapping runs open and invite it once (sending invitations is idempotent as well).
 */
export async function openDueRounds(deps: Deps): Promise<string[]> {
  const now = deps.clock();
  const opened = await deps.db
    .update(rounds)
    .set({ status: 'open', openedAt: now, updatedAt: now })
    .where(and(eq(rounds.status, 'draft'), isNotNull(rounds.scheduledAt), lte(rounds.opensAt, now)))
    .returning({ id: rounds.id });
  for (const { id } of opened) {
    await auditStatement(deps, { actor: null, action: 'round.open', entityType: 'round', entityId: id, detail: { by: 'clock' } });
    await sendInvitations(deps, null, id);
  }
  return opened.map((r) => r.id);
}

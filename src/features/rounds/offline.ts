/** Opinions heard offline (phone, in person, letter, meeting, email), logged by staff beside the online ones. */
import { and, eq, isNull } from 'drizzle-orm';
import { opinions, roundSections, stakeholders } from '../../db/schema';
import { MINUTE_MS } from '../../lib/clock';
import { nextOpinionNumber } from '../opinions/numbering';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { OfflineOpinionInput } from './schemas';
import { findRound, type Actor } from './service';

export type OfflineOpinionError = 'not_found' | 'round_not_open' | 'unknown_section' | 'unknown_stakeholder' | 'heard_in_future';

/** A little slack for clocks: "now" typed on a phone may be a minute ahead of ours. */
const FUTURE_SLACK_MS = 5 * MINUTE_MS;

/**
 * Logs one offline opinion. A draft round has no consultation yet, so it is refused; a closed round still takes
 * them, because letters and calls arrive late and the summary is written after the close.
 */
/** `meetingId`: the breakfast meeting it was heard at, when it comes from a meeting's minutes. */
export async function logOfflineOpinion(
  deps: Deps,
  actor: Actor,
  roundId: string,
  input: OfflineOpinionInput,
  options: { meetingId?: string } = {},
): Promise<Result<{ id: string }, OfflineOpinionError>> {
  const round = await findRound(deps, roundId);
  if (!round) return fail('not_found');
  if (round.status === 'draft') return fail('round_not_open');
  const now = deps.clock();
  if (input.heardAt.getTime() > now.getTime() + FUTURE_SLACK_MS) return fail('heard_in_future');
  if (input.sectionId) {
    const section = await deps.db
      .select({ id: roundSections.id })
      .from(roundSections)
      .where(and(eq(roundSections.id, input.sectionId), eq(roundSections.roundId, roundId)))
      .get();
    if (!section) return fail('unknown_section');
  }
  let author = { stakeholderId: null as string | null, name: input.name, organization: input.organization, category: input.category || null };
  if (input.stakeholderId) {
    const stakeholder = await deps.db.select().from(stakeholders).where(and(eq(stakeholders.id, input.stakeholderId), isNull(stakeholders.erasedAt))).get();
    if (!stakeholder) return fail('unknown_stakeholder');
    author = { stakeholderId: stakeholder.id, name: stakeholder.name, organization: stakeholder.organization, category: stakeholder.category };
  }
  const id = deps.newId();
  await deps.db.batch([
    deps.db.insert(opinions).values({
      id,
      roundId,
      number: nextOpinionNumber(roundId),
      sectionId: input.sectionId,
      stakeholderId: author.stakeholderId,
      authorName: author.name,
      authorOrganization: author.organization,
      authorCategory: author.category,
      channel: input.channel,
      heardAt: input.heardAt,
      text: input.text,
      loggedByStaffId: actor?.id ?? null,
      meetingId: options.meetingId ?? null,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, {
      actor,
      action: 'opinion.log_offline',
      entityType: 'opinion',
      entityId: id,
      detail: { roundId, channel: input.channel, stakeholderId: author.stakeholderId, sectionId: input.sectionId },
    }),
  ]);
  return ok({ id });
}

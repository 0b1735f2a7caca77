/** A short poll of candidate times before the time is fixed: yes / if need be / no per invitee, a tally, the pick. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { meetingTimeOptions, meetingTimeVotes, type PollAnswer } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import type { Statement } from '../mail/outbox';
import type { RsvpLink } from './rsvp';
import { findMeeting, updateMeeting, type Actor, type MeetingError, type MeetingRow } from './service';

export type TimeOption = typeof meetingTimeOptions.$inferSelect;
export type TallyRow = TimeOption & { yes: number; ifNeedBe: number; no: number };

export async function timeOptions(deps: Deps, meetingId: string): Promise<TimeOption[]> {
  return deps.db.select().from(meetingTimeOptions).where(eq(meetingTimeOptions.meetingId, meetingId)).orderBy(asc(meetingTimeOptions.position));
}

export function pollOpen(meeting: MeetingRow): boolean {
  return meeting.status === 'scheduled' && meeting.startsAt === null;
}

/** Counts per candidate time; the organizer sees them before picking. */
export async function pollTally(deps: Deps, meetingId: string): Promise<TallyRow[]> {
  const options = await timeOptions(deps, meetingId);
  const counts = await deps.db.all<{ optionId: string; yes: number; ifNeedBe: number; no: number }>(sql`
    SELECT v.option_id AS optionId, sum(v.answer = 'yes') AS yes, sum(v.answer = 'if_need_be') AS ifNeedBe, sum(v.answer = 'no') AS no
    FROM meeting_time_votes v JOIN meeting_time_options o ON o.id = v.option_id
    WHERE o.meeting_id = ${meetingId} GROUP BY v.option_id`);
  const byOption = new Map(counts.map((c) => [c.optionId, c]));
  return options.map((o) => ({ ...o, yes: byOption.get(o.id)?.yes ?? 0, ifNeedBe: byOption.get(o.id)?.ifNeedBe ?? 0, no: byOption.get(o.id)?.no ?? 0 }));
}

export async function votesOf(deps: Deps, attendeeId: string): Promise<Record<string, PollAnswer>> {
  const rows = await deps.db.select().from(meetingTimeVotes).where(eq(meetingTimeVotes.attendeeId, attendeeId));
  return Object.fromEntries(rows.map((r) => [r.optionId, r.answer]));
}

/** An invitee's votes; answering again overwrites the earlier ones. Unknown options are ignored. */
export async function recordVotes(deps: Deps, link: RsvpLink, votes: Record<string, PollAnswer>): Promise<Result<void, 'poll_closed'>> {
  if (!pollOpen(link.meeting)) return fail('poll_closed');
  const optionIds = (await timeOptions(deps, link.meeting.id)).map((o) => o.id);
  const now = deps.clock();
  const statements: Statement[] = Object.entries(votes)
    .filter(([optionId]) => optionIds.includes(optionId))
    .map(([optionId, answer]) =>
      deps.db
        .insert(meetingTimeVotes)
        .values({ optionId, attendeeId: link.attendee.id, answer, updatedAt: now })
        .onConflictDoUpdate({ target: [meetingTimeVotes.optionId, meetingTimeVotes.attendeeId], set: { answer, updatedAt: now } }),
    );
  if (statements.length) await deps.db.batch(statements as [Statement, ...Statement[]]);
  return ok(undefined);
}

/** Fixes the time to one candidate: the meeting gets its start and the invitees their calendar files. */
export async function pickTime(deps: Deps, actor: Actor, meetingId: string, optionId: string): Promise<Result<MeetingRow, MeetingError | 'poll_closed' | 'unknown_option'>> {
  const option = await deps.db
    .select()
    .from(meetingTimeOptions)
    .where(and(eq(meetingTimeOptions.meetingId, meetingId), inArray(meetingTimeOptions.id, [optionId])))
    .get();
  if (!option) return fail('unknown_option');
  const meeting = await findMeeting(deps, meetingId);
  if (!meeting || !pollOpen(meeting)) return fail('poll_closed');
  return updateMeeting(deps, actor, meetingId, { startsAt: option.startsAt, roundId: undefined });
}

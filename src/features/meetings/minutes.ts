/** Minutes: who came (and who sent a deputy), a summary, and the opinions heard — each a regular offline opinion of the round. */
import { and, asc, eq, inArray, isNull, not } from 'drizzle-orm';
import { meetingAttendees, meetings, opinions, rounds, roundSections } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type FieldErrors, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { Statement } from '../mail/outbox';
import { logOfflineOpinion } from '../rounds/offline';
import type { MinutesInput } from './schemas';
import { findMeeting, type Actor } from './service';
import { canEnterMinutes } from './time-rules';

export type MinutesError = 'not_found' | 'cancelled' | 'no_time' | 'not_yet_held' | 'no_round' | 'round_not_open' | 'invalid_input';

export async function meetingOpinions(deps: Deps, meetingId: string) {
  return deps.db.select().from(opinions).where(eq(opinions.meetingId, meetingId)).orderBy(asc(opinions.createdAt), asc(opinions.id));
}

/**
 * Saves the minutes and marks the meeting held. Attendance follows the ticks: a tick without a check-in counts from
 * the meeting's start, a removed tick clears the check-in. Every opinion is logged through the rounds' offline
 * service (channel meeting, heard at the start), so it is answered like any other.
 */
export async function saveMinutes(deps: Deps, actor: Actor, meetingId: string, input: MinutesInput): Promise<Result<{ opinions: number }, MinutesError>> {
  const meeting = await findMeeting(deps, meetingId);
  if (!meeting) return fail('not_found');
  if (meeting.status === 'cancelled') return fail('cancelled');
  if (!meeting.startsAt) return fail('no_time');
  if (!canEnterMinutes(meeting, deps.clock())) return fail('not_yet_held');
  const attendees = await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
  const byId = new Map(attendees.map((a) => [a.id, a]));
  const heard = input.opinions.map((o, index) => ({ ...o, index })).filter((o) => o.text);
  const errors: FieldErrors = {};
  for (const o of heard) {
    if (o.attendeeId && !byId.has(o.attendeeId)) errors[`opinions.${o.index}.attendeeId`] = 'unknown';
    else if (!o.attendeeId && !o.name) errors[`opinions.${o.index}.name`] = 'who';
  }
  if (heard.length && !meeting.roundId) return fail('no_round');
  if (heard.length) {
    const round = await deps.db.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, meeting.roundId!)).get();
    if (!round || round.status === 'draft') return fail('round_not_open');
    const named = [...new Set(heard.map((o) => o.sectionId).filter(Boolean))];
    const known = new Set(
      named.length
        ? (await deps.db.select({ id: roundSections.id }).from(roundSections).where(and(eq(roundSections.roundId, meeting.roundId!), inArray(roundSections.id, named)))).map((s) => s.id)
        : [],
    );
    for (const o of heard) if (o.sectionId && !known.has(o.sectionId)) errors[`opinions.${o.index}.sectionId`] = 'unknown';
  }
  if (Object.keys(errors).length) return fail('invalid_input', errors);

  const present = input.present.filter((id) => byId.has(id));
  const now = deps.clock();
  const statements: Statement[] = [
    deps.db
      .update(meetings)
      .set({ minutesSummary: input.summary, status: 'held', updatedAt: now })
      .where(and(eq(meetings.id, meetingId), not(eq(meetings.status, 'cancelled')))),
    auditStatement(deps, { actor, action: 'meeting.minutes', entityType: 'meeting', entityId: meetingId, detail: { present: present.length, opinions: heard.length } }),
  ];
  if (present.length) {
    statements.push(
      deps.db.update(meetingAttendees).set({ checkedInAt: meeting.startsAt, updatedAt: now }).where(and(inArray(meetingAttendees.id, present), isNull(meetingAttendees.checkedInAt))),
    );
  }
  const absent = attendees.filter((a) => !present.includes(a.id) && a.checkedInAt).map((a) => a.id);
  if (absent.length) statements.push(deps.db.update(meetingAttendees).set({ checkedInAt: null, updatedAt: now }).where(inArray(meetingAttendees.id, absent)));
  await deps.db.batch(statements as [Statement, ...Statement[]]);

  for (const o of heard) {
    const attendee = o.attendeeId ? byId.get(o.attendeeId)! : null;
    const logged = await logOfflineOpinion(
      deps,
      actor,
      meeting.roundId!,
      {
        stakeholderId: attendee?.stakeholderId ?? '',
        name: attendee ? attendee.name : o.name,
        organization: attendee ? attendee.organization : o.organization,
        category: '',
        channel: 'meeting',
        heardAt: meeting.startsAt,
        sectionId: o.sectionId || null,
        text: o.text,
      },
      { meetingId },
    );
    if (!logged.ok) return fail(logged.error === 'round_not_open' ? 'round_not_open' : 'invalid_input');
  }
  return ok({ opinions: heard.length });
}

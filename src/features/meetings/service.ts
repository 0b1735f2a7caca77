/** Meeting use cases: schedule (numbered within its series), change, cancel; the meeting as pages and the API see it. */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { meetingAttendees, meetings, meetingTimeOptions, rounds, stakeholders, type RsvpAnswer } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import { commitWithMail, type OutboxMessage, type Statement } from '../mail/outbox';
import { CALENDAR_FIELDS, isSeated, meetingMail, type MeetingMailKind, type MeetingRow, type Recipient } from './mail';
import { promoteFromWaitlist } from './rsvp';
import type { MeetingChange, MeetingInput } from './schemas';

export type Actor = Pick<CurrentStaff, 'id' | 'email'> | null;
export type { MeetingRow };
export type MeetingError = 'not_found' | 'unknown_round' | 'cancelled';

/** Two organizers scheduling in the same series at once: the loser of the unique (series, number) retries. */
const MAX_NUMBERING_ATTEMPTS = 5;
/** Ids per lookup statement, under D1's 100 bound parameters. */
const LOOKUP_CHUNK = 90;
/** Messages per D1 batch: two outbox statements each keep the transaction modest. */
const MAIL_BATCH_SIZE = 40;

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error) + String((error as { cause?: { message?: unknown } })?.cause?.message ?? '');
  return text.includes('UNIQUE constraint failed');
}

export async function findMeeting(deps: Deps, id: string): Promise<MeetingRow | null> {
  return (await deps.db.select().from(meetings).where(eq(meetings.id, id)).get()) ?? null;
}

async function roundExists(deps: Deps, roundId: string): Promise<boolean> {
  return Boolean(await deps.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get());
}

/** The series of the most recently created meeting: a new meeting most often continues it (第N+1期). */
export async function latestSeries(deps: Deps): Promise<string | null> {
  const row = await deps.db.select({ series: meetings.series }).from(meetings).orderBy(desc(meetings.createdAt), desc(meetings.id)).limit(1).get();
  return row?.series ?? null;
}

/** Schedules a meeting; its number is the series' highest plus one, taken inside the INSERT itself. */
export async function createMeeting(deps: Deps, actor: Actor, input: MeetingInput): Promise<Result<{ id: string; number: number }, 'unknown_round'>> {
  if (input.roundId && !(await roundExists(deps, input.roundId))) return fail('unknown_round');
  for (let attempt = 1; ; attempt++) {
    const id = deps.newId();
    const now = deps.clock().getTime();
    const insert = deps.db
      .insert(meetings)
      .select(
        sql`SELECT ${id}, ${input.series}, coalesce(max(number), 0) + 1, ${input.title}, ${input.topic}, ${input.startsAt?.getTime() ?? null},
          ${input.durationMinutes}, ${input.venue}, ${input.address}, ${input.directions}, ${input.capacity}, ${input.agenda}, ${input.host},
          ${input.roundId}, 'scheduled', 0, '', ${actor?.id ?? null}, NULL, ${now}, ${now}
          FROM meetings WHERE series = ${input.series}`,
      )
      .returning({ number: meetings.number });
    const options = input.pollTimes.map((startsAt, position) => deps.db.insert(meetingTimeOptions).values({ id: deps.newId(), meetingId: id, startsAt, position }));
    try {
      const [inserted] = await deps.db.batch([
        insert,
        ...options,
        auditStatement(deps, { actor, action: 'meeting.create', entityType: 'meeting', entityId: id, detail: { series: input.series, poll: input.pollTimes.length } }),
      ]);
      return ok({ id, number: inserted[0]!.number });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_NUMBERING_ATTEMPTS) throw error;
    }
  }
}

/** `seated`: the seats taken (attending in person or by a deputy). */
export type MeetingCounts = Record<RsvpAnswer, number> & { invited: number; checkedIn: number; seated: number };

export async function meetingCounts(deps: Deps, meetingIds: string[]): Promise<Map<string, MeetingCounts>> {
  const counts = new Map<string, MeetingCounts>();
  if (meetingIds.length === 0) return counts;
  const rows = await deps.db.all<{ meetingId: string; rsvp: RsvpAnswer; total: number; checkedIn: number; invited: number }>(sql`
    SELECT meeting_id AS meetingId, rsvp, count(*) AS total, count(checked_in_at) AS checkedIn, sum(walk_in = 0) AS invited
    FROM meeting_attendees WHERE revoked_at IS NULL AND meeting_id IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)}))
    GROUP BY meeting_id, rsvp`);
  for (const id of meetingIds) counts.set(id, { pending: 0, attend: 0, delegate: 0, maybe: 0, decline: 0, waitlist: 0, invited: 0, checkedIn: 0, seated: 0 });
  for (const row of rows) {
    const entry = counts.get(row.meetingId)!;
    entry[row.rsvp] += row.total;
    if (isSeated(row.rsvp)) entry.seated += row.total;
    entry.invited += row.invited ?? 0;
    entry.checkedIn += row.checkedIn;
  }
  return counts;
}

/** Upcoming first (soonest first, polls without a time among them), then past meetings, newest first. */
export async function listMeetings(deps: Deps) {
  const now = deps.clock().getTime();
  const rows = await deps.db.select().from(meetings).orderBy(asc(meetings.startsAt), desc(meetings.createdAt));
  const counts = await meetingCounts(deps, rows.map((r) => r.id));
  const withCounts = rows.map((meeting) => ({ meeting, counts: counts.get(meeting.id)! }));
  const isPast = (m: MeetingRow) => m.status !== 'scheduled' || (m.startsAt !== null && m.startsAt.getTime() + m.durationMinutes * 60_000 < now);
  return {
    upcoming: withCounts.filter((r) => !isPast(r.meeting)),
    past: withCounts.filter((r) => isPast(r.meeting)).reverse(),
  };
}

/** Invitees whose link stands and who can be mailed (an address, consent, not erased, not bouncing). */
function mailableInvitees(meetingId: string) {
  return [
    eq(meetingAttendees.meetingId, meetingId),
    isNull(meetingAttendees.revokedAt),
    isNotNull(stakeholders.email),
    isNull(stakeholders.erasedAt),
    isNull(stakeholders.unmailableReason),
    eq(stakeholders.consent, true),
  ];
}

/** How many invitees with these answers a mail would reach: the count a confirmation states. */
export async function recipientCount(deps: Deps, meetingId: string, answers: RsvpAnswer[]): Promise<number> {
  const row = await deps.db
    .select({ n: count() })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .where(and(...mailableInvitees(meetingId), inArray(meetingAttendees.rsvp, answers)))
    .get();
  return row?.n ?? 0;
}

/** Invitees who can be mailed, optionally only those with these answers or these ids (looked up in chunks of bound parameters). */
export async function recipients(deps: Deps, meetingId: string, answers: RsvpAnswer[] | null, only?: string[]): Promise<Recipient[]> {
  if (only && only.length > LOOKUP_CHUNK) {
    const parts = await Promise.all(chunk(only, LOOKUP_CHUNK).map((part) => recipients(deps, meetingId, answers, part)));
    return parts.flat();
  }
  const conditions = mailableInvitees(meetingId);
  if (answers) conditions.push(inArray(meetingAttendees.rsvp, answers));
  if (only) conditions.push(inArray(meetingAttendees.id, only.length ? only : ['']));
  const rows = await deps.db
    .select({
      attendeeId: meetingAttendees.id,
      stakeholderId: stakeholders.id,
      name: meetingAttendees.name,
      email: stakeholders.email,
      checkInCode: meetingAttendees.checkInCode,
      rsvp: meetingAttendees.rsvp,
      linkIssue: meetingAttendees.linkIssue,
      tokenHash: meetingAttendees.tokenHash,
    })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .where(and(...conditions))
    .orderBy(asc(meetingAttendees.id));
  return rows.map((r) => ({ ...r, email: r.email! }));
}

/** Mails each recipient; the change's own statements go in the first batch, so they commit with the first mails. */
export async function mailEach(
  deps: Deps,
  kind: MeetingMailKind,
  meeting: MeetingRow,
  to: Recipient[],
  statements: Statement[] = [],
  options: Parameters<typeof meetingMail>[4] = {},
): Promise<void> {
  const parts = to.length ? chunk(to, MAIL_BATCH_SIZE) : [[]];
  for (const [index, part] of parts.entries()) {
    const messages: OutboxMessage[] = [];
    for (const recipient of part) messages.push(await meetingMail(deps, kind, meeting, recipient, options));
    await commitWithMail(deps, index === 0 ? statements : [], messages);
  }
}

/** Answers that still expect the meeting in their calendar. */
export const INFORMED: RsvpAnswer[] = ['pending', 'attend', 'delegate', 'maybe', 'waitlist'];

/** What a change does: the fields it sets, the calendar fields it changes (which mail invitees), whether it fixes the time. */
export function plannedChange(meeting: MeetingRow, change: MeetingChange) {
  const set = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<MeetingRow>;
  const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : value);
  const changed = CALENDAR_FIELDS.filter((field) => field in set && comparable(set[field]) !== comparable(meeting[field]));
  const timeFixed = meeting.startsAt === null && set.startsAt !== undefined;
  /** Mail goes out when a calendar field changes on a meeting that has (or now gets) a time. */
  const mails = changed.length > 0 && Boolean(set.startsAt ?? meeting.startsAt);
  return { set, changed, timeFixed, mails };
}

/**
 * Changes a meeting. A change to its time or place raises SEQUENCE and mails an update (same UID) saying what
 * changed to everyone who has not declined; fixing the time of a poll sends the calendar invitations; more seats promote from the waitlist.
 */
export async function updateMeeting(deps: Deps, actor: Actor, id: string, change: MeetingChange): Promise<Result<MeetingRow, MeetingError>> {
  const meeting = await findMeeting(deps, id);
  if (!meeting) return fail('not_found');
  if (meeting.status === 'cancelled') return fail('cancelled');
  if (change.roundId && !(await roundExists(deps, change.roundId))) return fail('unknown_round');
  const { set, changed, timeFixed } = plannedChange(meeting, change);
  const sequence = changed.length > 0 ? meeting.sequence + 1 : meeting.sequence;
  const next: MeetingRow = { ...meeting, ...set, sequence, updatedAt: deps.clock() };
  const statements: Statement[] = [
    deps.db.update(meetings).set({ ...set, sequence, updatedAt: next.updatedAt }).where(eq(meetings.id, id)),
    auditStatement(deps, { actor, action: 'meeting.update', entityType: 'meeting', entityId: id, detail: { fields: Object.keys(set), sequence } }),
  ];
  if (changed.length > 0 && next.startsAt) {
    const to = await recipients(deps, id, INFORMED);
    if (timeFixed) await mailEach(deps, 'meeting_invitation', next, to, statements);
    else await mailEach(deps, 'meeting_update', next, to, statements, { before: meeting, changed });
  } else {
    await deps.db.batch(statements as [Statement, ...Statement[]]);
  }
  if (set.capacity !== undefined && set.capacity > meeting.capacity) await promoteFromWaitlist(deps, next);
  return ok(next);
}

/** Cancels a meeting and mails METHOD:CANCEL to everyone who still expects it. */
export async function cancelMeeting(deps: Deps, actor: Actor, id: string): Promise<Result<MeetingRow, MeetingError>> {
  const meeting = await findMeeting(deps, id);
  if (!meeting) return fail('not_found');
  const now = deps.clock();
  const next: MeetingRow = { ...meeting, status: 'cancelled', sequence: meeting.sequence + 1, cancelledAt: now, updatedAt: now };
  // The claim: only the request that moves it from scheduled sends the cancellations.
  const [moved] = await deps.db.batch([
    deps.db
      .update(meetings)
      .set({ status: 'cancelled', sequence: next.sequence, cancelledAt: now, updatedAt: now })
      .where(and(eq(meetings.id, id), eq(meetings.status, 'scheduled')))
      .returning({ id: meetings.id }),
    auditStatement(deps, { actor, action: 'meeting.cancel', entityType: 'meeting', entityId: id }),
  ]);
  if (moved.length === 0) return fail('cancelled');
  if (next.startsAt) await mailEach(deps, 'meeting_cancel', next, await recipients(deps, id, INFORMED));
  return ok(next);
}

export function meetingJson(meeting: MeetingRow) {
  return {
    id: meeting.id,
    series: meeting.series,
    number: meeting.number,
    title: meeting.title,
    topic: meeting.topic,
    startsAt: meeting.startsAt?.toISOString() ?? null,
    durationMinutes: meeting.durationMinutes,
    venue: meeting.venue,
    address: meeting.address,
    directions: meeting.directions,
    capacity: meeting.capacity,
    agenda: meeting.agenda,
    host: meeting.host,
    roundId: meeting.roundId,
    status: meeting.status,
    sequence: meeting.sequence,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
  };
}

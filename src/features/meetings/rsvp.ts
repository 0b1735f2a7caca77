/** RSVP behind the personal link: seats are taken atomically, a full meeting answers with the waitlist, a freed seat promotes. */
import { eq } from 'drizzle-orm';
import { columnsAs, rowFrom } from '../../db/plain-rows';
import { meetingAttendees, meetings, stakeholders, type RsvpAnswer } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { presentedTokenHash } from '../../lib/tokens';
import { commitWithMail } from '../mail/outbox';
import { deputyLabel, meetingMail, recipientOf, type MeetingRow } from './mail';
import type { RsvpInput } from './schemas';
import { mailEach, recipients } from './service';

export type AttendeeRow = typeof meetingAttendees.$inferSelect;
/**
 * `token`: the link's own token, so that the confirmation mail can carry the link the invitee used; null when the
 * answer came another way (a calendar reply), and the mail derives the link.
 */
export type RsvpLink = { attendee: AttendeeRow; meeting: MeetingRow; email: string | null; token: string | null };
export type RsvpPhase = 'open' | 'closed' | 'cancelled';

/** The link's attendee, meeting and (unless erased) email, in one statement; `match` picks the attendee (a.…). */
const linkSql = (match: string) =>
  `SELECT ${columnsAs(meetingAttendees, 'a', 'a_')}, ${columnsAs(meetings, 'm', 'm_')}, s.email AS s_email
   FROM meeting_attendees a
   JOIN meetings m ON m.id = a.meeting_id
   LEFT JOIN stakeholders s ON s.id = a.stakeholder_id AND s.erased_at IS NULL
   WHERE ${match} AND a.revoked_at IS NULL`;
const LINK_BY_TOKEN_SQL = linkSql('a.token_hash = ?1');
const LINK_BY_ID_SQL = linkSql('a.id = ?1');

async function linkRow(deps: Deps, sql: string, value: string) {
  const plain = await deps.d1.prepare(sql).bind(value).first<Record<string, unknown>>();
  if (!plain) return null;
  return { attendee: rowFrom(meetingAttendees, plain, 'a_'), meeting: rowFrom(meetings, plain, 'm_'), email: plain.s_email as string | null };
}

/** Unknown and revoked tokens are the same to the caller: nothing. */
export async function findRsvpLink(deps: Deps, token: string): Promise<RsvpLink | null> {
  const row = await linkRow(deps, LINK_BY_TOKEN_SQL, await presentedTokenHash(token));
  return row ? { ...row, token } : null;
}

/** The link of an invitee found another way (their calendar's organizer address); null once revoked. */
export async function findRsvpLinkOf(deps: Deps, attendeeId: string): Promise<RsvpLink | null> {
  const row = await linkRow(deps, LINK_BY_ID_SQL, attendeeId);
  return row ? { ...row, token: null } : null;
}

/** Answers are taken until the meeting starts; a cancelled or held meeting is read-only. */
export function rsvpPhase(meeting: MeetingRow, now: Date): RsvpPhase {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (meeting.status === 'held' || (meeting.startsAt && now.getTime() >= meeting.startsAt.getTime())) return 'closed';
  return 'open';
}

/**
 * Fills free seats from the waitlist, first come first served, in one statement: two runs at once cannot promote
 * the same person twice or more people than there are seats. RETURNING tells the caller whom it promoted.
 * A waiting 委派出席 is recognised by its deputy (only that answer keeps one) and is promoted as such.
 */
function promoteStatement(deps: Deps, meetingId: string, now: number) {
  return deps.d1
    .prepare(
      `UPDATE meeting_attendees SET rsvp = CASE WHEN deputy_name <> '' THEN 'delegate' ELSE 'attend' END, waitlisted_at = NULL, updated_at = ?2
       WHERE id IN (
         SELECT id FROM meeting_attendees WHERE meeting_id = ?1 AND rsvp = 'waitlist' AND revoked_at IS NULL
         ORDER BY waitlisted_at, id
         LIMIT max(0, (SELECT capacity FROM meetings WHERE id = ?1 AND status = 'scheduled')
           - (SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?1 AND rsvp IN ('attend', 'delegate') AND revoked_at IS NULL)))
       RETURNING id`,
    )
    .bind(meetingId, now);
}

/**
 * Records an answer. "attend" and "delegate" take a seat only if one is free and nobody is waiting; otherwise they
 * join the waitlist (a seat already held is kept when switching between the two). The seat count is read inside the UPDATE itself, and the answer, its waitlist time and the promotion of
 * whoever a freed seat goes to run as one batch (one transaction), so two people can never both take the last seat.
 */
export async function answerRsvp(
  deps: Deps,
  link: RsvpLink,
  input: RsvpInput,
  mailOptions: { answeredInCalendar?: boolean } = {},
): Promise<Result<{ rsvp: RsvpAnswer; attendee: AttendeeRow }, 'cancelled' | 'closed'>> {
  const phase = rsvpPhase(link.meeting, deps.clock());
  if (phase !== 'open') return fail(phase);
  const now = deps.clock().getTime();
  const { id, meetingId } = link.attendee;
  // Only a 委派出席 keeps a deputy: a deputy left over from an earlier answer would be promoted as a delegate.
  const deputyName = input.answer === 'delegate' ? input.deputy.name : '';
  const deputyTitle = input.answer === 'delegate' ? input.deputy.title : '';
  const results = await deps.d1.batch<{ id: string; rsvp?: RsvpAnswer }>([
    deps.d1
      .prepare(
        `UPDATE meeting_attendees SET
           rsvp = CASE
             WHEN ?3 NOT IN ('attend', 'delegate') THEN ?3
             WHEN rsvp IN ('attend', 'delegate') THEN ?3
             WHEN (SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?2 AND rsvp IN ('attend', 'delegate') AND revoked_at IS NULL)
                    < (SELECT capacity FROM meetings WHERE id = ?2)
               AND NOT EXISTS (SELECT 1 FROM meeting_attendees WHERE meeting_id = ?2 AND rsvp = 'waitlist' AND revoked_at IS NULL AND id <> ?1)
               THEN ?3
             ELSE 'waitlist' END,
           note = ?4, deputy_name = ?5, deputy_title = ?6, responded_at = ?7, updated_at = ?7
         WHERE id = ?1`,
      )
      .bind(id, meetingId, input.answer, input.note, deputyName, deputyTitle, now),
    deps.d1
      .prepare(`UPDATE meeting_attendees SET waitlisted_at = CASE WHEN rsvp = 'waitlist' THEN coalesce(waitlisted_at, ?2) ELSE NULL END WHERE id = ?1`)
      .bind(id, now),
    promoteStatement(deps, meetingId, now),
    deps.d1.prepare('SELECT id, rsvp FROM meeting_attendees WHERE id = ?1').bind(id),
  ]);
  const promoted = results[2]!.results.map((r) => r.id).filter((promotedId) => promotedId !== id);
  const rsvp = results[3]!.results[0]!.rsvp!;
  const attendee = (await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.id, id)).get())!;
  const messages = [];
  if (link.email) {
    const deputy = rsvp === 'delegate' || (rsvp === 'waitlist' && attendee.deputyName) ? deputyLabel(attendee) : undefined;
    messages.push(await meetingMail(deps, 'meeting_rsvp', link.meeting, recipientOf(attendee, link.email), { answerKey: `meetings.rsvp.${rsvp}`, token: link.token, deputy, ...mailOptions }));
  }
  await commitWithMail(deps, [], messages);
  if (promoted.length) await mailEach(deps, 'meeting_waitlist_promoted', link.meeting, await recipients(deps, meetingId, null, promoted));
  return ok({ rsvp, attendee });
}

/** After more seats (a larger capacity): promotes whoever waits, and tells them. */
export async function promoteFromWaitlist(deps: Deps, meeting: MeetingRow): Promise<string[]> {
  const result = await promoteStatement(deps, meeting.id, deps.clock().getTime()).all<{ id: string }>();
  const promoted = result.results.map((r) => r.id);
  if (promoted.length) await mailEach(deps, 'meeting_waitlist_promoted', meeting, await recipients(deps, meeting.id, null, promoted));
  return promoted;
}

/** Inviting stakeholders to a meeting: each gets a personal RSVP link, a check-in code and (once timed) a calendar file. */
import { eq } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { meetingAttendees } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { commitWithMail, type OutboxMessage, type Statement } from '../mail/outbox';
import { audienceMembers, type AudienceMember } from '../rounds/audience';
import { newCheckInCode } from './check-in';
import { meetingMail, type MeetingRow, type Recipient } from './mail';
import { deriveRsvpToken } from './rsvp-token';
import type { InvitationSelection } from './schemas';
import { findMeeting, isUniqueViolation, type Actor } from './service';

/** Invitees per D1 batch: their rows plus two outbox statements each stay a modest transaction. */
const INVITE_BATCH_SIZE = 40;
/** Every column is bound (drizzle sends defaults as parameters too). */
const ATTENDEE_COLUMNS = 21;
const FIRST_ISSUE = 1;
/** A batch that loses a race (the same invitee, or a check-in code taken) is recomputed this many times. */
const MAX_SEND_ATTEMPTS = 3;

/** The invitation with a personal RSVP link (and the calendar file once the time is fixed); also used to reissue a link. */
export async function invitationMail(deps: Deps, meeting: MeetingRow, to: Recipient, token: string): Promise<OutboxMessage> {
  return meetingMail(deps, 'meeting_invitation', meeting, to, { token, poll: meeting.startsAt === null });
}

async function inviteBatch(deps: Deps, actor: Actor, meeting: MeetingRow, members: AudienceMember[], takenCodes: Set<string>): Promise<void> {
  const now = deps.clock();
  const rows: (typeof meetingAttendees.$inferInsert)[] = [];
  const messages: OutboxMessage[] = [];
  for (const member of members) {
    const id = deps.newId();
    const token = await deriveRsvpToken(deps, id, FIRST_ISSUE);
    const tokenHash = await sha256Hex(token);
    const checkInCode = newCheckInCode(takenCodes);
    rows.push({ id, meetingId: meeting.id, stakeholderId: member.id, name: member.name, organization: member.organization, tokenHash, linkIssue: FIRST_ISSUE, checkInCode, invitedAt: now, createdAt: now, updatedAt: now });
    const to: Recipient = { attendeeId: id, stakeholderId: member.id, name: member.name, email: member.email!, checkInCode, rsvp: 'pending', linkIssue: FIRST_ISSUE, tokenHash };
    messages.push(await invitationMail(deps, meeting, to, token));
  }
  // A plain INSERT: if another send invited one of these meanwhile, the unique index fails the whole batch, mail included.
  const statements: Statement[] = chunk(rows, rowsPerStatement(ATTENDEE_COLUMNS)).map((part) => deps.db.insert(meetingAttendees).values(part));
  statements.push(auditStatement(deps, { actor, action: 'meeting.invite', entityType: 'meeting', entityId: meeting.id, detail: { count: rows.length } }));
  await commitWithMail(deps, statements, messages);
}

/**
 * Invites the stakeholders the selection names (categories, tags, ids) who are not invited yet and can be mailed.
 * Idempotent: a second call invites no one; two calls at once cannot invite anyone twice.
 */
export async function inviteToMeeting(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  selection: InvitationSelection,
): Promise<Result<{ invited: number; skipped: number }, 'not_found' | 'cancelled'>> {
  const meeting = await findMeeting(deps, meetingId);
  if (!meeting) return fail('not_found');
  if (meeting.status !== 'scheduled') return fail('cancelled');
  let invited = 0;
  for (let attempt = 1; ; attempt++) {
    // The rounds' audience query selects the stakeholders; its round invitation column does not concern meetings.
    const members = await audienceMembers(deps, meeting.roundId ?? '', selection);
    const existing = await deps.db.select({ stakeholderId: meetingAttendees.stakeholderId, code: meetingAttendees.checkInCode }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, meeting.id));
    const already = new Set(existing.map((e) => e.stakeholderId));
    const takenCodes = new Set(existing.map((e) => e.code));
    const pending = members.filter((m) => m.mailable && !already.has(m.id));
    try {
      for (const part of chunk(pending, INVITE_BATCH_SIZE)) {
        await inviteBatch(deps, actor, meeting, part, takenCodes);
        invited += part.length;
      }
      return ok({ invited, skipped: members.length - invited });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_SEND_ATTEMPTS) throw error;
    }
  }
}

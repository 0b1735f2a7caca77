/** Revoking an invitee's RSVP link, and reissuing it: a new link (the old stops working) mailed with the invitation. */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { meetingAttendees, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { commitWithMail } from '../mail/outbox';
import { invitationMail } from './invitations';
import { meetingMail, recipientOf } from './mail';
import { deriveRsvpToken } from './rsvp-token';
import { rsvpPhase } from './rsvp';
import { findMeeting, type Actor } from './service';

/** An invitee of this meeting (walk-ins have no link, so they are not found). Not in a batch: a join. */
async function findInvitee(deps: Deps, meetingId: string, attendeeId: string) {
  return deps.db
    .select({ attendee: meetingAttendees, stakeholder: stakeholders })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .where(and(eq(meetingAttendees.id, attendeeId), eq(meetingAttendees.meetingId, meetingId), isNotNull(meetingAttendees.tokenHash)))
    .get();
}

/**
 * The link stops working at once; the answer given so far is kept (a revoked invitee no longer counts for seats).
 * An invitee who may have the event in their calendar gets METHOD:CANCEL for it, in the same batch.
 */
export async function revokeRsvpLink(deps: Deps, actor: Actor, meetingId: string, attendeeId: string): Promise<Result<void, 'not_found' | 'already_revoked'>> {
  const meeting = await findMeeting(deps, meetingId);
  const found = meeting ? await findInvitee(deps, meetingId, attendeeId) : undefined;
  if (!meeting || !found) return fail('not_found');
  if (found.attendee.revokedAt) return fail('already_revoked');
  const { attendee, stakeholder } = found;
  const now = deps.clock();
  const tellsCalendar = meeting.status === 'scheduled' && meeting.startsAt && attendee.rsvp !== 'decline' && isMailable(stakeholder);
  // Two revokes at once may both mail the cancellation: harmless, a calendar applies CANCEL once.
  await commitWithMail(
    deps,
    [
      deps.db.update(meetingAttendees).set({ revokedAt: now, updatedAt: now }).where(and(eq(meetingAttendees.id, attendeeId), isNull(meetingAttendees.revokedAt))),
      auditStatement(deps, { actor, action: 'meeting.link.revoke', entityType: 'meeting', entityId: meetingId, detail: { attendeeId, stakeholderId: attendee.stakeholderId } }),
    ],
    tellsCalendar ? [await meetingMail(deps, 'meeting_revoked', meeting, recipientOf(attendee, stakeholder.email!))] : [],
  );
  return ok(undefined);
}

function isMailable(stakeholder: typeof stakeholders.$inferSelect): boolean {
  return Boolean(stakeholder.email && !stakeholder.erasedAt && !stakeholder.unmailableReason && stakeholder.consent);
}

/** A new link replaces the old one (revoked or not) and is mailed with the invitation; the answer so far is kept. */
export async function reissueRsvpLink(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  attendeeId: string,
): Promise<Result<void, 'not_found' | 'cancelled' | 'closed' | 'not_mailable'>> {
  const meeting = await findMeeting(deps, meetingId);
  const found = meeting ? await findInvitee(deps, meetingId, attendeeId) : undefined;
  if (!meeting || !found) return fail('not_found');
  const phase = rsvpPhase(meeting, deps.clock());
  if (phase !== 'open') return fail(phase);
  const { attendee, stakeholder } = found;
  if (!isMailable(stakeholder)) return fail('not_mailable');
  const linkIssue = attendee.linkIssue + 1;
  const token = await deriveRsvpToken(deps, attendeeId, linkIssue);
  const tokenHash = await sha256Hex(token);
  const to = { ...recipientOf(attendee, stakeholder.email!), linkIssue, tokenHash };
  await commitWithMail(
    deps,
    [
      deps.db.update(meetingAttendees).set({ tokenHash, linkIssue, revokedAt: null, updatedAt: deps.clock() }).where(eq(meetingAttendees.id, attendeeId)),
      auditStatement(deps, { actor, action: 'meeting.link.reissue', entityType: 'meeting', entityId: meetingId, detail: { attendeeId, stakeholderId: stakeholder.id } }),
    ],
    [await invitationMail(deps, meeting, to, token)],
  );
  return ok(undefined);
}

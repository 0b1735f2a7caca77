/** Revoking an invitee's RSVP link, and reissuing it: a new link (the old stops working) mailed with the invitation. */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { meetingAttendees, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { commitWithMail } from '../mail/outbox';
import { invitationMail } from './invitations';
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

/** The link stops working at once; the answer given so far is kept (a revoked invitee no longer counts for seats). */
export async function revokeRsvpLink(deps: Deps, actor: Actor, meetingId: string, attendeeId: string): Promise<Result<void, 'not_found' | 'already_revoked'>> {
  const found = await findInvitee(deps, meetingId, attendeeId);
  if (!found) return fail('not_found');
  const now = deps.clock();
  const [revoked] = await deps.db.batch([
    deps.db
      .update(meetingAttendees)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(meetingAttendees.id, attendeeId), isNull(meetingAttendees.revokedAt)))
      .returning({ id: meetingAttendees.id }),
    auditStatement(deps, { actor, action: 'meeting.link.revoke', entityType: 'meeting', entityId: meetingId, detail: { attendeeId, stakeholderId: found.attendee.stakeholderId } }),
  ]);
  return revoked.length ? ok(undefined) : fail('already_revoked');
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
  if (!stakeholder.email || stakeholder.erasedAt || stakeholder.unmailableReason || !stakeholder.consent) return fail('not_mailable');
  const token = randomToken();
  const to = { attendeeId, stakeholderId: stakeholder.id, name: attendee.name, email: stakeholder.email, checkInCode: attendee.checkInCode };
  await commitWithMail(
    deps,
    [
      deps.db.update(meetingAttendees).set({ tokenHash: await sha256Hex(token), revokedAt: null, updatedAt: deps.clock() }).where(eq(meetingAttendees.id, attendeeId)),
      auditStatement(deps, { actor, action: 'meeting.link.reissue', entityType: 'meeting', entityId: meetingId, detail: { attendeeId, stakeholderId: stakeholder.id } }),
    ],
    [await invitationMail(deps, meeting, to, token)],
  );
  return ok(undefined);
}

/** Reference data, breakfast meetings: created, invited by name, and answered behind each invitee's RSVP link. */
import { and, eq, inArray } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { meetingAttendees, stakeholders } from '../../db/schema';
import { inviteToMeeting } from '../../features/meetings/invitations';
import { answerRsvp, findRsvpLink } from '../../features/meetings/rsvp';
import { currentRsvpToken } from '../../features/meetings/rsvp-token';
import type { MeetingInput, RsvpInput } from '../../features/meetings/schemas';
import { createMeeting } from '../../features/meetings/service';
import type { Deps } from '../../lib/deps';
import { at, organizer, unwrap } from './context';

const LOOKUP_CHUNK = 90;

export type MeetingStep = { createdAt: Date; meeting: MeetingInput; invitees: string[]; rsvps: { email: string; at: Date; answer: RsvpInput }[] };

async function stakeholderIds(deps: Deps, emails: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunk(emails, LOOKUP_CHUNK)) {
    const rows = await deps.db.select({ id: stakeholders.id, email: stakeholders.emailNormalized }).from(stakeholders).where(inArray(stakeholders.emailNormalized, part));
    for (const row of rows) ids.set(row.email!, row.id);
  }
  return ids;
}

/** The invitee's working RSVP token, derived as the invitation mail derived it. */
export async function rsvpTokenOf(deps: Deps, attendee: typeof meetingAttendees.$inferSelect): Promise<string | null> {
  return currentRsvpToken(deps, { attendeeId: attendee.id, linkIssue: attendee.linkIssue, tokenHash: attendee.tokenHash });
}

export async function seedMeeting(deps: Deps, input: MeetingStep) {
  const actor = await organizer(deps);
  const created = unwrap(await createMeeting(at(deps, input.createdAt), actor, input.meeting), 'create meeting');
  const ids = await stakeholderIds(deps, input.invitees);
  const selection = { categories: [], tags: [], stakeholderIds: [...ids.values()] };
  const { invited } = unwrap(await inviteToMeeting(at(deps, input.createdAt), actor, created.id, selection), 'invite to meeting');
  for (const rsvp of input.rsvps) {
    const attendee = await deps.db
      .select()
      .from(meetingAttendees)
      .where(and(eq(meetingAttendees.meetingId, created.id), eq(meetingAttendees.stakeholderId, ids.get(rsvp.email) ?? '')))
      .get();
    const token = attendee ? await rsvpTokenOf(deps, attendee) : null;
    const link = token ? await findRsvpLink(deps, token) : null;
    if (!link) throw new Error(`reference data: ${rsvp.email} has no RSVP link to meeting ${created.number}`);
    unwrap(await answerRsvp(at(deps, rsvp.at), link, rsvp.answer), 'answer RSVP');
  }
  return { id: created.id, number: created.number, invited };
}

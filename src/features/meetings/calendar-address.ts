/**
 * The per-invitee ORGANIZER address of a meeting's calendar when INBOUND_DOMAIN is set:
 * `meeting+m1-<attendee id>-<mac>@<INBOUND_DOMAIN>`. Accept and Decline in Outlook, 钉钉 or Gmail answer to it with an
 * iMIP REPLY, which the email handler turns into the invitee's RSVP. Like a round invitation's reply address it cannot
 * be guessed (an HMAC over the attendee and the RSVP link's token hash) and lives as long as the link: revoking the
 * link stops it, reissuing the link gives a new one. Lower case: mail systems may fold an address's local part.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { meetingAttendees } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { constantTimeEqual } from '../../lib/tokens';
import { macHex } from '../inbound/reference';

const meetingLocalRe = /^meeting\+m1-([0-9a-hjkmnp-tv-z]{26})-([0-9a-f]{20})$/i;

function macInput(attendee: { attendeeId: string; tokenHash: string }): string {
  return `meeting-organizer:${attendee.attendeeId}:${attendee.tokenHash}`;
}

/** Null without INBOUND_DOMAIN, and for an attendee without a link (a walk-in): their calendar stays PUBLISH. */
export async function meetingReplyAddress(deps: Deps, attendee: { attendeeId: string; tokenHash: string | null }): Promise<string | null> {
  if (!deps.config.inboundDomain || !attendee.tokenHash) return null;
  const mac = await macHex(deps.config.signingSecret, macInput({ attendeeId: attendee.attendeeId, tokenHash: attendee.tokenHash }));
  return `meeting+m1-${attendee.attendeeId.toLowerCase()}-${mac}@${deps.config.inboundDomain}`;
}

/** Whether an address is a meeting address of ours at all (forged or revoked ones included). */
export function isMeetingAddress(deps: Deps, address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0 || !deps.config.inboundDomain) return false;
  return address.slice(at + 1).toLowerCase() === deps.config.inboundDomain.toLowerCase() && meetingLocalRe.test(address.slice(0, at));
}

/** The invitee a meeting address names; null for a forged address or a revoked or reissued link. */
export async function findByMeetingAddress(deps: Deps, address: string) {
  if (!isMeetingAddress(deps, address)) return null;
  const match = meetingLocalRe.exec(address.slice(0, address.lastIndexOf('@')))!;
  const id = match[1]!.toUpperCase();
  const row = await deps.db.select().from(meetingAttendees).where(and(eq(meetingAttendees.id, id), isNull(meetingAttendees.revokedAt))).get();
  if (!row?.tokenHash) return null;
  const expected = await macHex(deps.config.signingSecret, macInput({ attendeeId: row.id, tokenHash: row.tokenHash }));
  return constantTimeEqual(expected, match[2]!.toLowerCase()) ? row : null;
}

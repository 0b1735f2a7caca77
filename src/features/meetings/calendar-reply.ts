/**
 * An RSVP given with a calendar's buttons: the iMIP REPLY that Outlook, 钉钉, QQ Mail or Gmail send to the invitee's
 * organizer address (calendar-address.ts) is recorded like an answer on the RSVP page, waitlist rules included (an
 * accept when the meeting is full joins the waitlist). The reply must be for this invitee's event and from them: an
 * invitation forwarded to a colleague, accepted there, answers nothing.
 */
import { stakeholders, type RsvpAnswer } from '../../db/schema';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../lib/deps';
import { calendarUid } from './calendar';
import { findByMeetingAddress } from './calendar-address';
import { parseCalendarReply, type CalendarReply, type ReplyAttendee } from './imip';
import { answerRsvp, findRsvpLinkOf } from './rsvp';
import { NOTE_MAX } from './schemas';

/** Calendar answers an RSVP takes; DELEGATED (to another calendar user) and NEEDS-ACTION are left to staff. */
const ANSWER_OF_PARTSTAT: Record<string, Extract<RsvpAnswer, 'attend' | 'maybe' | 'decline'>> = {
  ACCEPTED: 'attend',
  TENTATIVE: 'maybe',
  DECLINED: 'decline',
};

export type CalendarReplyMail = {
  /** The envelope recipient: the organizer address the client answered to. */
  to: string;
  /** The envelope sender and the From header's address. */
  senders: string[];
  /** The text of every text/calendar part and .ics attachment. */
  calendars: string[];
};

export type CalendarReplyReason =
  | 'unknown_address'
  | 'not_a_calendar_reply'
  | 'unknown_event'
  | 'unknown_sender'
  | 'unsupported_answer'
  | 'meeting_closed'
  | `rsvp_${RsvpAnswer}`;

export type CalendarReplyOutcome = {
  status: 'confirmed' | 'unmatched' | 'ignored';
  reason: CalendarReplyReason;
  meetingId: string | null;
  stakeholderId: string | null;
};

/** The invitee's line of the reply: the one with their address, else the only one when they sent the mail. */
function inviteeLine(reply: CalendarReply, inviteeEmail: string | null, senders: string[]): ReplyAttendee | null {
  if (!inviteeEmail) return null;
  const own = reply.attendees.find((a) => a.email === inviteeEmail);
  if (own) return own;
  return reply.attendees.length === 1 && senders.some((s) => s.toLowerCase() === inviteeEmail) ? reply.attendees[0]! : null;
}

export async function recordCalendarReply(deps: Deps, mail: CalendarReplyMail): Promise<CalendarReplyOutcome> {
  const attendee = await findByMeetingAddress(deps, mail.to);
  if (!attendee) return { status: 'unmatched', reason: 'unknown_address', meetingId: null, stakeholderId: null };
  const ids = { meetingId: attendee.meetingId, stakeholderId: attendee.stakeholderId };
  const outcome = (status: CalendarReplyOutcome['status'], reason: CalendarReplyReason): CalendarReplyOutcome => ({ status, reason, ...ids });

  const reply = mail.calendars.map(parseCalendarReply).find((r) => r?.method === 'REPLY');
  if (!reply) return outcome('unmatched', 'not_a_calendar_reply');
  if (reply.uid !== calendarUid(attendee.meetingId, attendee.id)) return outcome('unmatched', 'unknown_event');
  const person = attendee.stakeholderId ? await deps.db.select().from(stakeholders).where(eq(stakeholders.id, attendee.stakeholderId)).get() : undefined;
  const line = inviteeLine(reply, person?.emailNormalized ?? null, mail.senders);
  if (!line) return outcome('unmatched', 'unknown_sender');
  const answer = ANSWER_OF_PARTSTAT[line.partstat];
  if (!answer) return outcome('unmatched', 'unsupported_answer');

  const link = await findRsvpLinkOf(deps, attendee.id);
  if (!link) return outcome('unmatched', 'unknown_address');
  const current = link.attendee.rsvp;
  // A second press of the same button changes nothing and mails nothing; nor does Accept from someone who waits for a
  // seat (they keep their place) or whose deputy holds one (委派出席 stays).
  const unchanged = current === answer || (answer === 'attend' && (current === 'waitlist' || current === 'delegate'));
  if (unchanged) return outcome('confirmed', `rsvp_${current}`);
  const answered = await answerRsvp(
    deps,
    link,
    { answer, note: (reply.comment || link.attendee.note).slice(0, NOTE_MAX), deputy: { name: '', title: '' } },
    { answeredInCalendar: true },
  );
  if (!answered.ok) return outcome('ignored', 'meeting_closed');
  return outcome('confirmed', `rsvp_${answered.value.rsvp}`);
}

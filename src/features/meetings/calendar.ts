/** Calendar files (.ics) for invitations, updates and cancellations, one per invitee, made with ical-generator. */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { OutboxAttachment } from '../../db/schema';
import { MINUTE_MS } from '../../lib/clock';
import { headerSafe } from '../../lib/single-line';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export type CalendarEvent = {
  meetingId: string;
  attendeeId: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  /** No address (an invitee reached by phone): the event is written without an ATTENDEE line. */
  attendee: { name: string; email: string | null };
  stamp: Date;
};

/** One UID per meeting and invitee: an update or a cancellation replaces the event the invitee already has. */
export function calendarUid(meetingId: string, attendeeId: string): string {
  return `${meetingId}-${attendeeId}@roundtable`;
}

/** `"Roundtable 征求意见 <noreply@example.gov.cn>"` → name and address. */
export function parseMailbox(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1]!.trim(), email: match[2]!.trim() } : { name: '', email: from.trim() };
}

/**
 * A parameter value such as `CN="…"`: RFC 5545 has no escape for `"` inside one, so a quote would end it early and let
 * the rest of a name inject `ROLE=` or another address. Quotes become apostrophes; controls and line breaks go.
 */
export function parameterValue(text: string): string {
  return headerSafe(text).replace(/"/g, "'");
}

/**
 * Times are written in UTC (`…Z`): every calendar accepts them and shows them in the reader's zone. ical-generator
 * would print a plain Date's UTC fields under a TZID without a date library, which is wrong for Asia/Shanghai.
 * Its folding counts UTF-8 octets and keeps surrogate pairs whole, so Chinese text is never split mid-character.
 */
export function meetingCalendar(event: CalendarEvent, method: CalendarMethod): string {
  const calendar = ical({ prodId: { company: 'roundtable', product: 'meetings', language: 'ZH' }, method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  calendar.createEvent({
    id: calendarUid(event.meetingId, event.attendeeId),
    sequence: event.sequence,
    stamp: event.stamp,
    start: event.startsAt,
    end: new Date(event.startsAt.getTime() + event.durationMinutes * MINUTE_MS),
    summary: event.summary,
    description: event.description || null,
    location: event.location || null,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: parameterValue(event.organizer.name) || event.organizer.email, email: event.organizer.email },
    attendees: event.attendee.email
      ? [
          {
            name: parameterValue(event.attendee.name) || undefined,
            email: event.attendee.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: method === 'REQUEST',
          },
        ]
      : [],
  });
  return calendar.toString();
}

function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function calendarAttachment(event: CalendarEvent, method: CalendarMethod): OutboxAttachment {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; method=${method}; charset=utf-8`,
    contentBase64: utf8Base64(meetingCalendar(event, method)),
  };
}

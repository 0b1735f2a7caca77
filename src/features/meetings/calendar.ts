/** Calendar files (.ics) for invitations, updates and cancellations, one per invitee, made with ical-generator. */
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { OutboxAttachment } from '../../db/schema';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/clock';

/**
 * PUBLISH, not REQUEST: a REQUEST makes mail clients offer Accept/Decline buttons whose replies go to the
 * organizer address (noreply@), where nobody reads them. Answers go through the personal RSVP link instead.
 */
export type CalendarMethod = 'PUBLISH' | 'CANCEL';

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
  /** Only a held seat is CONFIRMED; an invitee who has not answered, or waits for a seat, gets a TENTATIVE event. */
  confirmed: boolean;
  /** The text of the reminder the evening before. */
  reminder: string;
  stamp: Date;
};

const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
/** The reminder rings at 20:00 Beijing time the evening before: breakfast meetings start too early for a same-day alarm. */
const REMINDER_HOUR = 20;

/** One UID per meeting and invitee: an update or a cancellation replaces the event the invitee already has. */
export function calendarUid(meetingId: string, attendeeId: string): string {
  return `${meetingId}-${attendeeId}@roundtable`;
}

/** `"Roundtable 征求意见 <noreply@example.gov.cn>"` → name and address. */
export function parseMailbox(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1]!.trim(), email: match[2]!.trim() } : { name: '', email: from.trim() };
}

/** 20:00 Beijing time on the day before the meeting's (Beijing) date. */
export function eveningBefore(startsAt: Date): Date {
  const shanghaiMidnight = Math.floor((startsAt.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return new Date(shanghaiMidnight - DAY_MS + REMINDER_HOUR * HOUR_MS);
}

/**
 * Times are written in UTC (`…Z`): every calendar accepts them and shows them in the reader's zone. ical-generator
 * would print a plain Date's UTC fields under a TZID without a date library, which is wrong for Asia/Shanghai.
 * Its folding counts UTF-8 octets and keeps surrogate pairs whole, so Chinese text is never split mid-character.
 * No ATTENDEE: RFC 5546 forbids it in a PUBLISH, and it is what makes clients offer replies.
 */
export function meetingCalendar(event: CalendarEvent, method: CalendarMethod): string {
  const calendar = ical({ prodId: { company: 'roundtable', product: 'meetings', language: 'ZH' }, method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH });
  const status = method === 'CANCEL' ? ICalEventStatus.CANCELLED : event.confirmed ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE;
  const created = calendar.createEvent({
    id: calendarUid(event.meetingId, event.attendeeId),
    sequence: event.sequence,
    stamp: event.stamp,
    start: event.startsAt,
    end: new Date(event.startsAt.getTime() + event.durationMinutes * MINUTE_MS),
    summary: event.summary,
    description: event.description || null,
    location: event.location || null,
    status,
    organizer: { name: event.organizer.name || event.organizer.email, email: event.organizer.email },
  });
  if (method !== 'CANCEL') {
    // A relative trigger (seconds before the start) moves with the event if a client shifts it.
    const secondsBefore = Math.round((event.startsAt.getTime() - eveningBefore(event.startsAt).getTime()) / 1000);
    created.createAlarm({ type: ICalAlarmType.display, trigger: secondsBefore, description: event.reminder });
  }
  return calendar.toString();
}

function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function calendarContentType(method: CalendarMethod): string {
  return `text/calendar; method=${method}; charset=utf-8`;
}

export function calendarAttachment(event: CalendarEvent, method: CalendarMethod): OutboxAttachment {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: calendarContentType(method),
    contentBase64: utf8Base64(meetingCalendar(event, method)),
  };
}

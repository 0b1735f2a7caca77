/** Calendar files (.ics) for invitations, updates and cancellations, one per invitee, made with ical-generator. */
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { OutboxAttachment } from '../../db/schema';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/clock';
import { headerSafe } from '../../lib/single-line';
import { bytesToBase64 } from '../../lib/tokens';

/**
 * REQUEST when the invitee has an organizer address of their own on INBOUND_DOMAIN (see calendar-address.ts): mail
 * clients then offer Accept/Decline buttons, whose iMIP replies reach the email handler and become the RSVP.
 * PUBLISH otherwise: a REQUEST would offer buttons whose replies go to noreply@, where nobody reads them; answers then
 * go through the personal RSVP link alone.
 */
export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

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
  /** Only a held seat is CONFIRMED; an invitee who has not answered, or waits for a seat, gets a TENTATIVE event. */
  confirmed: boolean;
  /** The invitee has not answered yet: in a REQUEST their PARTSTAT is NEEDS-ACTION. */
  awaitingAnswer: boolean;
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
 * A parameter value such as `CN="…"`: RFC 5545 has no escape for `"` inside one, so a quote would end it early and let
 * the rest of a name inject `ROLE=` or another address. Quotes become apostrophes; controls and line breaks go.
 */
export function parameterValue(text: string): string {
  return headerSafe(text).replace(/"/g, "'");
}

const METHODS: Record<CalendarMethod, ICalCalendarMethod> = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

function participation(event: CalendarEvent, method: CalendarMethod): ICalAttendeeStatus {
  if (method === 'CANCEL') return ICalAttendeeStatus.DECLINED;
  if (event.confirmed) return ICalAttendeeStatus.ACCEPTED;
  return method === 'REQUEST' && event.awaitingAnswer ? ICalAttendeeStatus.NEEDSACTION : ICalAttendeeStatus.TENTATIVE;
}

/**
 * Times are written in UTC (`…Z`): every calendar accepts them and shows them in the reader's zone. ical-generator
 * would print a plain Date's UTC fields under a TZID without a date library, which is wrong for Asia/Shanghai.
 * Its folding counts UTF-8 octets and keeps surrogate pairs whole, so Chinese text is never split mid-character.
 * PUBLISH names the invitee with RSVP=FALSE: clients file the event without offering replies to a no-reply sender.
 * REQUEST asks for a reply (RSVP=TRUE) addressed to the invitee's own organizer address.
 */
export function meetingCalendar(event: CalendarEvent, method: CalendarMethod): string {
  const calendar = ical({ prodId: { company: 'roundtable', product: 'meetings', language: 'ZH' }, method: METHODS[method] });
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
    organizer: { name: parameterValue(event.organizer.name) || event.organizer.email, email: event.organizer.email },
    // PUBLISH and CANCEL name the invitee for their own calendar only (RSVP=FALSE, a settled PARTSTAT): no client
    // offers Accept/Decline. A REQUEST asks for the answer, which goes to the invitee's own organizer address.
    attendees: event.attendee.email
      ? [
          {
            name: parameterValue(event.attendee.name) || undefined,
            email: event.attendee.email,
            role: ICalAttendeeRole.REQ,
            status: participation(event, method),
            rsvp: method === 'REQUEST',
          },
        ]
      : [],
  });
  if (method !== 'CANCEL') {
    // A relative trigger (seconds before the start) moves with the event if a client shifts it.
    const secondsBefore = Math.round((event.startsAt.getTime() - eveningBefore(event.startsAt).getTime()) / 1000);
    created.createAlarm({ type: ICalAlarmType.display, trigger: secondsBefore, description: event.reminder });
  }
  return calendar.toString();
}


export function calendarContentType(method: CalendarMethod): string {
  return `text/calendar; method=${method}; charset=utf-8`;
}

export function calendarAttachment(event: CalendarEvent, method: CalendarMethod): OutboxAttachment {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: calendarContentType(method),
    contentBase64: bytesToBase64(new TextEncoder().encode(meetingCalendar(event, method))),
  };
}

/** When a meeting may be worked on: check-in from its day (Shanghai), minutes from its start, a start in the past only on purpose. */
import { startOfShanghaiDay } from '../../lib/time';
import type { MeetingRow } from './mail';

/** Midnight in Shanghai of the meeting's day; null while the time is not fixed. */
export function checkInOpensAt(meeting: Pick<MeetingRow, 'startsAt'>): Date | null {
  return meeting.startsAt ? startOfShanghaiDay(meeting.startsAt) : null;
}

export function isCheckInOpen(meeting: Pick<MeetingRow, 'startsAt'>, now: Date): boolean {
  const opens = checkInOpensAt(meeting);
  return opens !== null && opens <= now;
}

export function canEnterMinutes(meeting: Pick<MeetingRow, 'startsAt'>, now: Date): boolean {
  return meeting.startsAt !== null && meeting.startsAt <= now;
}

/**
 * A start that needs the organizer to say "this meeting is already past": a new meeting starting before now, or a
 * change that moves the start to before now (a past meeting whose start is left alone needs nothing).
 */
export function startsInPastUnsaid(startsAt: Date | null | undefined, before: Date | null, now: Date, recordPast: boolean): boolean {
  if (recordPast || !startsAt || startsAt >= now) return false;
  return before === null || startsAt.getTime() !== before.getTime();
}

/** Reminders to those attending: the day before and on the morning, each at most once per attendee. */
import { and, eq, gt, lte } from 'drizzle-orm';
import { meetings } from '../../db/schema';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { parseShanghaiLocal } from '../../lib/time';
import { mailEach, recipients, type MeetingRow } from './service';

export type ReminderKey = 'day_before' | 'morning';

/** 06:30 in Shanghai on the meeting's day, but at least an hour before it starts. */
export function morningReminderAt(startsAt: Date): Date {
  const day = new Date(startsAt.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
  const morning = parseShanghaiLocal(`${day}T06:30`)!;
  return new Date(Math.min(morning.getTime(), startsAt.getTime() - HOUR_MS));
}

/** The reminder due now, tightest first: a meeting found on its morning gets the morning one, not both. */
export function dueReminder(startsAt: Date, now: Date): ReminderKey | null {
  if (now.getTime() >= startsAt.getTime()) return null;
  if (now.getTime() >= morningReminderAt(startsAt).getTime()) return 'morning';
  if (now.getTime() >= startsAt.getTime() - DAY_MS) return 'day_before';
  return null;
}

/**
 * Claims the reminder for every attendee who has a seat: the primary key (attendee, reminder) lets only one of two
 * overlapping runs insert a row, and RETURNING tells each run which rows are its own to mail.
 */
async function claimReminders(deps: Deps, meetingId: string, key: ReminderKey): Promise<string[]> {
  const result = await deps.d1
    .prepare(
      `INSERT INTO meeting_reminders (attendee_id, reminder_key, sent_at)
       SELECT a.id, ?2, ?3 FROM meeting_attendees a JOIN stakeholders s ON s.id = a.stakeholder_id
       WHERE a.meeting_id = ?1 AND a.rsvp IN ('attend', 'delegate') AND a.revoked_at IS NULL
         AND s.erased_at IS NULL AND s.email IS NOT NULL AND s.unmailable_reason IS NULL AND s.consent = 1
       ON CONFLICT DO NOTHING
       RETURNING attendee_id AS id`,
    )
    .bind(meetingId, key, deps.clock().getTime())
    .all<{ id: string }>();
  return result.results.map((r) => r.id);
}

async function remindMeeting(deps: Deps, meeting: MeetingRow & { startsAt: Date }): Promise<number> {
  const key = dueReminder(meeting.startsAt, deps.clock());
  if (!key) return 0;
  const claimed = await claimReminders(deps, meeting.id, key);
  if (claimed.length === 0) return 0;
  await mailEach(deps, 'meeting_reminder', meeting, await recipients(deps, meeting.id, null, claimed));
  return claimed.length;
}

/** Cron: every scheduled meeting starting within a day. Safe to run twice at once. */
export async function sendMeetingReminders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const due = await deps.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + DAY_MS + MINUTE_MS))));
  let sent = 0;
  for (const meeting of due) sent += await remindMeeting(deps, meeting as MeetingRow & { startsAt: Date });
  return sent;
}

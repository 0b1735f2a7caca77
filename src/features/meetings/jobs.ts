/** Timed work of the meetings slice, run by the minute cron; each claims its rows so overlapping runs do not double up. */
import type { Deps } from '../../lib/deps';
import { sendMeetingReminders } from './reminders';

export const meetingJobs: { name: string; run(deps: Deps): Promise<void> }[] = [
  { name: 'meetings.reminders', run: async (deps) => void (await sendMeetingReminders(deps)) },
];

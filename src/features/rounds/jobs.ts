/** Timed work of the rounds slice, run by the minute cron; each claims its rows so overlapping runs do not double up. */
import type { Deps } from '../../lib/deps';
import { sendScheduledReminders } from './reminders';
import { closeDueRounds } from './service';

/**
 * Rounds close by the clock. They open by hand only: the schema has no mark for "scheduled to open", and a draft
 * whose open time passes must not go live before the organizer has checked its sections and audience.
 */
export const roundJobs: { name: string; run(deps: Deps): Promise<void> }[] = [
  { name: 'rounds.close_due', run: async (deps) => void (await closeDueRounds(deps)) },
  { name: 'rounds.scheduled_reminders', run: async (deps) => void (await sendScheduledReminders(deps)) },
];

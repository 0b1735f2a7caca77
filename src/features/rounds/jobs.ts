/** Timed work of the rounds slice, run by the minute cron; each claims its rows so overlapping runs do not double up. */
import type { Deps } from '../../lib/deps';
import { sendScheduledReminders } from './reminders';
import { openDueRounds } from './schedule';
import { closeDueRounds } from './service';

/**
 * Scheduled rounds open (and invite their audience) by the clock; a draft that was never scheduled waits for the
 * organizer, who must have checked its sections and audience. Open rounds close by the clock.
 */
export const roundJobs: { name: string; run(deps: Deps): Promise<void> }[] = [
  { name: 'rounds.open_due', run: async (deps) => void (await openDueRounds(deps)) },
  { name: 'rounds.close_due', run: async (deps) => void (await closeDueRounds(deps)) },
  { name: 'rounds.scheduled_reminders', run: async (deps) => void (await sendScheduledReminders(deps)) },
];

/** Timed work run by the cron trigger; each job claims its rows so that overlapping runs do not double up. */
import { lt } from 'drizzle-orm';
import { signInTokens } from './db/schema';
import type { Bindings } from './env';
import { sweepOutbox } from './features/mail/service';
import { roundJobs } from './features/rounds/jobs';
import { meetingJobs } from './features/meetings/jobs';
import { DAY_MS } from './lib/clock';
import { createDeps, type Deps } from './lib/deps';
import { pruneRateLimits } from './lib/rate-limit';

export type ScheduledJob = { name: string; run: (deps: Deps) => Promise<unknown> };

/** Rate-limit windows are minutes to an hour long; a day of history is more than any rule looks at. */
const RATE_LIMIT_RETENTION_MS = DAY_MS;
const EXPIRED_SIGN_IN_TOKEN_RETENTION_MS = DAY_MS;

/** Every job of the minute cron. Features add theirs here; each runs even if an earlier one fails. */
export const scheduledJobs: ScheduledJob[] = [
  { name: 'outbox.sweep', run: sweepOutbox },
  { name: 'rate_limits.prune', run: (deps) => pruneRateLimits(deps.d1, deps.clock, RATE_LIMIT_RETENTION_MS) },
  {
    name: 'sign_in_tokens.prune',
    run: (deps) =>
      deps.db.delete(signInTokens).where(lt(signInTokens.expiresAt, new Date(deps.clock().getTime() - EXPIRED_SIGN_IN_TOKEN_RETENTION_MS))),
  },
  ...roundJobs,
  ...meetingJobs,
];

export async function runScheduledJobs(env: Bindings, now: Date, jobs: ScheduledJob[] = scheduledJobs): Promise<void> {
  const deps = createDeps(env, () => now);
  for (const job of jobs) {
    try {
      await job.run(deps);
    } catch (error) {
      console.error(`scheduled job ${job.name} failed`, error);
    }
  }
}

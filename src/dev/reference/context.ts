/** What every reference-data step shares: deps whose clock stands where the story is, and the organizer who acts. */
import { eq } from 'drizzle-orm';
import { staffUsers } from '../../db/schema';
import type { CurrentStaff } from '../../features/auth/guard';
import type { Clock } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { createIdFactory } from '../../lib/ids';
import { DEMO_STAFF } from '../seed';

/** The staff member in whose name the reference data is created (the demo's organizer). */
export const REFERENCE_ORGANIZER_EMAIL = DEMO_STAFF[1].email;

/** Deps whose clock stands at `when`, so that each step happens at its own time in the data's history. */
export function at(deps: Deps, when: Date | number): Deps {
  const time = new Date(when);
  const clock: Clock = () => new Date(time);
  return { ...deps, clock, newId: createIdFactory(clock) };
}

export async function organizer(deps: Deps): Promise<CurrentStaff> {
  const row = await deps.db.select().from(staffUsers).where(eq(staffUsers.email, REFERENCE_ORGANIZER_EMAIL)).get();
  if (!row) throw new Error('reference data: run the staff step first');
  return { id: row.id, email: row.email, name: row.name, role: row.role, sessionId: null };
}

/** A service's expected failure is a bug in the reference data: stop with its code. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }, step: string): T {
  if (!result.ok) throw new Error(`reference data: ${step} failed: ${result.error}`);
  return result.value;
}

/** Reference data, people: the staff who sign in (a session and an API token for scripts) and stakeholders by import. */
import { createSession } from '../../features/auth/sessions';
import { createApiToken } from '../../features/settings/service';
import { applyImportPlan, planImport } from '../../features/stakeholders/import';
import type { Deps } from '../../lib/deps';
import { insertDemoStaff } from '../seed';
import { organizer, unwrap } from './context';

const BENCH_USER_AGENT = 'roundtable-reference-data';

/** The demo's staff, plus a session cookie and an API token of the organizer for the benchmark's requests. */
export async function seedStaff(deps: Deps): Promise<{ sessionCookie: string; apiToken: string }> {
  await insertDemoStaff(deps);
  const actor = await organizer(deps);
  const sessionCookie = await createSession(deps, actor.id, BENCH_USER_AGENT);
  const { token } = await createApiToken(deps, actor, 'reference data');
  return { sessionCookie, apiToken: token };
}

/** One chunk of the stakeholder file, imported as an organizer would: planned, then applied in one batch. */
export async function importStakeholders(deps: Deps, input: { csv: string }): Promise<{ created: number; refused: number }> {
  const plan = unwrap(await planImport(deps, new TextEncoder().encode(input.csv), 'zh-CN'), 'plan import');
  if (plan.errors.length) throw new Error(`reference data: import refused rows: ${JSON.stringify(plan.errors.slice(0, 3))}`);
  const counts = unwrap(await applyImportPlan(deps, await organizer(deps), plan, 'import'), 'import');
  return { created: counts.created, refused: counts.refused };
}

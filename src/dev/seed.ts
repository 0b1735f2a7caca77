/** Demo data for local development: loaded on the first request in development, idempotently. */
import { eq } from 'drizzle-orm';
import { appMeta, staffUsers } from '../db/schema';
import type { Deps } from '../lib/deps';
import { applyImportPlan, planImport } from '../features/stakeholders/import';
import { demoFileBytes, type DemoFile } from './demo-data';
import { seedDemoRounds } from './demo-rounds';

/** Bump when the demo data changes, so that existing local databases get the new rows. */
export const DEMO_DATA_VERSION = '3';
const DEMO_META_KEY = 'demo_data_version';

export const DEMO_STAFF = [
  { email: 'admin@example.gov.cn', name: '管理员（演示）', role: 'admin' },
  { email: 'organizer@example.gov.cn', name: '谢佼（演示）', role: 'organizer' },
  { email: 'viewer@example.gov.cn', name: '查看者（演示）', role: 'viewer' },
] as const;

// Once this isolate has seen the demo data in place, later requests skip the check: development only, and a
// restarted `wrangler dev` (the only way to wipe the local D1 under it) starts a new isolate.
let demoDataSeen = false;

export async function ensureDemoData(deps: Deps): Promise<void> {
  if (demoDataSeen) return;
  const loaded = await deps.db.select().from(appMeta).where(eq(appMeta.key, DEMO_META_KEY)).get();
  if (loaded?.value !== DEMO_DATA_VERSION) await seedDemoData(deps);
  demoDataSeen = true;
}

/** Adds what is missing and never duplicates: running it twice changes nothing the second time. */
export async function seedDemoData(deps: Deps): Promise<void> {
  const now = deps.clock();
  await insertDemoStaff(deps);
  await seedDemoStakeholders(deps);
  await seedDemoRounds(deps);
  await deps.db
    .insert(appMeta)
    .values({ key: DEMO_META_KEY, value: DEMO_DATA_VERSION, updatedAt: now })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: DEMO_DATA_VERSION, updatedAt: now } });
}

/** The demo's admin, organizer and viewer; an address already there is left as it is. */
export async function insertDemoStaff(deps: Deps): Promise<void> {
  const now = deps.clock();
  for (const staff of DEMO_STAFF) {
    await deps.db
      .insert(staffUsers)
      .values({ id: deps.newId(), email: staff.email, name: staff.name, role: staff.role, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: staffUsers.email });
  }
}

/** The UTF-8 demo file; the GBK one is left for a newcomer to import (the bad one is for tests). Matched by email: re-running adds nothing. */
const DEMO_STAKEHOLDER_FILES: DemoFile[] = ['stakeholdersUtf8'];

async function seedDemoStakeholders(deps: Deps): Promise<void> {
  for (const file of DEMO_STAKEHOLDER_FILES) {
    const plan = await planImport(deps, demoFileBytes(file), 'zh-CN');
    if (!plan.ok || plan.value.counts.created + plan.value.counts.updated === 0) continue;
    await applyImportPlan(deps, null, plan.value, 'demo');
  }
}

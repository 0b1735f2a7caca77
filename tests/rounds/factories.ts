/** Small factories for the rounds tests: stakeholders, rounds through the service, outbox lookups. */
import { and, eq } from 'drizzle-orm';
import { outbox, stakeholders, stakeholderTags, type StakeholderCategory } from '../../src/db/schema';
import { demoFileText } from '../../src/dev/demo-data';
import { createRound, openRound } from '../../src/features/rounds/service';
import type { RoundInput } from '../../src/features/rounds/schemas';
import { DAY_MS } from '../../src/lib/clock';
import type { Deps } from '../../src/lib/deps';
import { testDeps, testNow } from '../helpers';

export const uniqueTag = () => `t-${crypto.randomUUID().slice(0, 8)}`;

export async function aStakeholder(
  deps: Deps,
  overrides: { name?: string; category?: StakeholderCategory; email?: string | null; tags?: string[]; archived?: boolean; erased?: boolean; consent?: boolean; organization?: string } = {},
) {
  const id = deps.newId();
  const now = deps.clock();
  const email = overrides.email === undefined ? `${id.toLowerCase()}@example.com` : overrides.email;
  await deps.db.insert(stakeholders).values({
    id,
    name: overrides.name ?? `林晓雯 ${id.slice(-4)}`,
    organization: overrides.organization ?? '区政协',
    category: overrides.category ?? 'street',
    email,
    emailNormalized: email?.toLowerCase() ?? null,
    consent: overrides.consent ?? true,
    source: 'manual',
    archivedAt: overrides.archived ? now : null,
    erasedAt: overrides.erased ? now : null,
    createdAt: now,
    updatedAt: now,
  });
  for (const tag of overrides.tags ?? []) await deps.db.insert(stakeholderTags).values({ stakeholderId: id, tag });
  return { id, email };
}

export function roundInput(overrides: Partial<RoundInput> = {}, now = testNow()): RoundInput {
  return {
    title: '三年行动方案征求意见',
    purpose: '',
    draft: demoFileText('draftActionPlan'),
    opensAt: now,
    closesAt: new Date(now.getTime() + 40 * DAY_MS),
    contactName: '王老师',
    contactPhone: '021-52380000',
    contactAddress: '长宁路 1 号',
    audience: { categories: [], tags: [], stakeholderIds: [] },
    ...overrides,
  };
}

/** An open round whose audience is the given tag. */
export async function anOpenRound(deps: Deps, overrides: Partial<RoundInput> = {}) {
  const created = await createRound(deps, null, roundInput(overrides, deps.clock()));
  if (!created.ok) throw new Error(created.error);
  const opened = await openRound(deps, null, created.value.id, 'test');
  if (!opened.ok) throw new Error(opened.error);
  return created.value.id;
}

export async function mailFor(roundId: string, kind: string) {
  return testDeps().db.select().from(outbox).where(and(eq(outbox.roundId, roundId), eq(outbox.kind, kind)));
}

/** The `/f/<token>` link in a mail's text. */
export function linkToken(text: string): string | null {
  return /\/f\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}

/** Rows for feedback tests, inserted directly: a round on the demo draft, a stakeholder, an invitation with a known token. */
import { eq } from 'drizzle-orm';
import { invitations, rounds, roundSections, stakeholders, type StakeholderCategory } from '../../src/db/schema';
import { chunk, rowsPerStatement } from '../../src/db/client';
import { demoFileText } from '../../src/dev/demo-data';
import { splitDraft } from '../../src/features/rounds/split-draft';
import { DAY_MS } from '../../src/lib/clock';
import { randomToken, sha256Hex } from '../../src/lib/tokens';
import { testDeps, testNow } from '../helpers';

type RoundOverrides = Partial<Pick<typeof rounds.$inferInsert, 'status' | 'opensAt' | 'closesAt' | 'closedAt' | 'title'>> & { openLinkToken?: string };

export async function aRound(overrides: RoundOverrides = {}) {
  const deps = testDeps();
  const now = testNow().getTime();
  const draft = demoFileText('draftActionPlan');
  const id = deps.newId();
  const { openLinkToken, ...fields } = overrides;
  await deps.db.insert(rounds).values({
    id,
    title: '“上海硅巷”三年行动方案征求意见',
    purpose: '请各单位对行动方案提出修改意见。',
    draftSource: draft,
    status: 'open',
    opensAt: new Date(now - DAY_MS),
    closesAt: new Date(now + 14 * DAY_MS),
    contactName: '张老师',
    contactPhone: '021-52380000',
    contactAddress: '长宁区某路 1 号',
    audience: { categories: [], tags: [], stakeholderIds: [] },
    openLinkTokenHash: openLinkToken ? await sha256Hex(openLinkToken) : null,
    createdAt: new Date(now),
    updatedAt: new Date(now),
    ...fields,
  });
  const sections = splitDraft(draft).sections.map((s) => ({ ...s, id: deps.newId(), roundId: id }));
  for (const rows of chunk(sections, rowsPerStatement(9))) await deps.db.insert(roundSections).values(rows);
  return { id, sections, section: (number: string) => sections.find((s) => s.number === number)! };
}

export async function aStakeholder(overrides: { category?: StakeholderCategory; email?: string | null; name?: string } = {}) {
  const deps = testDeps();
  const now = deps.clock();
  const email = overrides.email === undefined ? `s-${crypto.randomUUID().slice(0, 8)}@example.com` : overrides.email;
  const row = {
    id: deps.newId(),
    name: overrides.name ?? '赵敏',
    organization: '区商务委',
    category: overrides.category ?? ('department' as const),
    email,
    emailNormalized: email?.toLowerCase() ?? null,
    source: 'manual' as const,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(stakeholders).values(row);
  return row;
}

/** A stakeholder invited to a round, and the token of their personal link. */
export async function anInvitation(round: { id: string }, stakeholder?: { id: string }, overrides: { revoked?: boolean } = {}) {
  const deps = testDeps();
  const person = stakeholder ?? (await aStakeholder());
  const token = randomToken();
  const id = deps.newId();
  await deps.db.insert(invitations).values({
    id,
    roundId: round.id,
    stakeholderId: person.id,
    tokenHash: await sha256Hex(token),
    invitedAt: deps.clock(),
    revokedAt: overrides.revoked ? deps.clock() : null,
  });
  return { id, token, stakeholderId: person.id, path: `/f/${token}` };
}

export async function invitationRow(id: string) {
  return testDeps().db.select().from(invitations).where(eq(invitations.id, id)).get();
}

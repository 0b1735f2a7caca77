import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, invitations, roundSections, rounds } from '../../src/db/schema';
import { demoFileText } from '../../src/dev/demo-data';
import { DAY_MS } from '../../src/lib/clock';
import { sha256Hex } from '../../src/lib/tokens';
import { bearerFor, daysFromNow, postJson, request, shanghaiLocal, signedInAs, testDeps, testNow } from '../helpers';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { anOpenRound, aStakeholder, linkToken, mailFor, uniqueTag } from './factories';

const inDays = (days: number, from = testNow().getTime()) => new Date(from + days * DAY_MS).toISOString().replace('Z', '+00:00');

async function createViaApi(authorization: string, overrides: Record<string, unknown> = {}) {
  const res = await postJson(
    '/api/v1/rounds',
    { title: '三年行动方案（征求意见稿）', draft: demoFileText('draftActionPlan'), opensAt: inDays(0), closesAt: inDays(40), audience: { categories: [], tags: [] }, ...overrides },
    { authorization },
  );
  return { res, body: (await res.json()) as Record<string, any> };
}

describe('creating a round through the API', () => {
  it('returns the round with the demo draft split into numbered, nested sections', async () => {
    const { authorization } = await bearerFor('organizer');
    const { res, body } = await createViaApi(authorization, { contact: { name: '王老师', phone: '021-1234', address: '长宁路1号' } });
    expect(res.status).toBe(201);
    expect(body.status).toBe('draft');
    expect(body.draftTitle).toBe('长宁区全面推进“上海硅巷”科创街区建设三年行动方案（征求意见稿）');
    expect(body.contact).toEqual({ name: '王老师', phone: '021-1234', address: '长宁路1号' });
    const sections = body.sections as { id: string; number: string; heading: string; parentId: string | null; depth: number }[];
    expect(sections.filter((s) => s.depth === 1).map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六']);
    const item = sections.find((s) => s.number === '五（一）1')!;
    expect(item.heading).toBe('助力重点产业创新');
    expect(sections.find((s) => s.id === item.parentId)!.number).toBe('五（一）');
    const stored = await testDeps().db.select().from(roundSections).where(eq(roundSections.roundId, body.id));
    expect(stored).toHaveLength(sections.length);
    const audit = await testDeps().db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(audit.map((a) => a.action)).toContain('round.create');
  });

  it('refuses a time without an offset, a close before the open and a missing draft, storing nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const title = `bad-${uniqueTag()}`;
    const noOffset = await createViaApi(authorization, { title, opensAt: shanghaiLocal(daysFromNow(10, '09:00')) });
    expect(noOffset.res.status).toBe(422);
    expect(noOffset.body.error.fields.opensAt).toMatch(/ISO 8601/);
    const backwards = await createViaApi(authorization, { title, opensAt: inDays(10), closesAt: inDays(5) });
    expect(backwards.res.status).toBe(422);
    expect(Object.keys(backwards.body.error.fields)).toEqual(['closesAt']);
    const noDraft = await createViaApi(authorization, { title, draft: '   ' });
    expect(noDraft.res.status).toBe(422);
    expect(noDraft.body.error.fields.draft).toBeTruthy();
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);
  });
});

describe('opening a round', () => {
  it('refuses a comment period under 30 days without a reason and changes nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const { body } = await createViaApi(authorization, { closesAt: inDays(14) });
    const res = await postJson(`/api/v1/rounds/${body.id}/open`, {}, { authorization });
    expect(res.status).toBe(422);
    const error = ((await res.json()) as any).error;
    expect(error.code).toBe('reason_required');
    expect(error.fields.shortPeriodReason).toContain('30');
    const row = await testDeps().db.select().from(rounds).where(eq(rounds.id, body.id)).get();
    expect(row!.status).toBe('draft');
    expect(row!.openedAt).toBeNull();
  });

  it('opens a short round with its reason kept, and a 30-day round without one', async () => {
    const { authorization } = await bearerFor('organizer');
    const short = await createViaApi(authorization, { closesAt: inDays(14) });
    const res = await postJson(`/api/v1/rounds/${short.body.id}/open`, { shortPeriodReason: '上级要求月底前报送' }, { authorization });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).shortPeriodReason).toBe('上级要求月底前报送');
    const long = await createViaApi(authorization, { closesAt: inDays(31) });
    const plain = await request(`/api/v1/rounds/${long.body.id}/open`, { method: 'POST', headers: { authorization } });
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as any).status).toBe('open');
    const again = await postJson(`/api/v1/rounds/${long.body.id}/open`, {}, { authorization });
    expect(again.status).toBe(409);
  });
});

describe('inviting the audience', () => {
  it('invites each reachable member once, with one mail whose /f/ link hashes to the stored token', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    const a = await aStakeholder(deps, { tags: [tag], category: 'street' });
    const b = await aStakeholder(deps, { tags: [tag], category: 'enterprise' });
    const picked = await aStakeholder(deps, { category: 'expert' });
    await aStakeholder(deps, { tags: [tag], email: null });
    await aStakeholder(deps, { tags: [tag], archived: true });
    await aStakeholder(deps, { tags: [tag], erased: true });
    await aStakeholder(deps, { tags: [tag], consent: false });
    const { authorization } = await bearerFor('organizer');
    const { body } = await createViaApi(authorization, { contact: { name: '王老师' }, audience: { categories: [], tags: [tag], stakeholderIds: [picked.id] } });

    const early = await postJson(`/api/v1/rounds/${body.id}/invitations`, {}, { authorization });
    expect(early.status).toBe(409);
    await postJson(`/api/v1/rounds/${body.id}/open`, {}, { authorization });

    const first = await postJson(`/api/v1/rounds/${body.id}/invitations`, {}, { authorization });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ invited: 3, skipped: 2 });
    const second = await postJson(`/api/v1/rounds/${body.id}/invitations`, {}, { authorization });
    expect(await second.json()).toEqual({ invited: 0, skipped: 5 });

    const mails = await mailFor(body.id, 'invitation');
    expect(mails.map((m) => m.toEmail).sort()).toEqual([a.email, b.email, picked.email].sort());
    const stored = await testDeps().db.select().from(invitations).where(eq(invitations.roundId, body.id));
    expect(stored).toHaveLength(3);
    for (const mail of mails) {
      expect(mail.transactional).toBe(false);
      expect(mail.subject).toContain('三年行动方案');
      expect(mail.text).toContain('截止时间');
      expect(mail.text).toContain('北京时间');
      expect(mail.text).toContain('联系人: 王老师');
      expect(mail.text.indexOf('诚邀')).toBeLessThan(mail.text.indexOf('Your opinion'));
      const token = linkToken(mail.text)!;
      expect(mail.text).toContain(`https://roundtable.test/f/${token}`);
      const invitation = stored.find((i) => i.stakeholderId === mail.stakeholderId)!;
      expect(invitation.tokenHash).toBe(await sha256Hex(token));
      expect(invitation.status).toBe('invited');
    }
  });

  it('revokes a link and reissues a new one by mail, the old hash replaced', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    const s = await aStakeholder(deps, { tags: [tag] });
    const { authorization } = await bearerFor('organizer');
    const { body } = await createViaApi(authorization, { audience: { categories: [], tags: [tag] } });
    await postJson(`/api/v1/rounds/${body.id}/open`, {}, { authorization });
    await postJson(`/api/v1/rounds/${body.id}/invitations`, {}, { authorization });
    const before = (await deps.db.select().from(invitations).where(eq(invitations.roundId, body.id)))[0]!;

    const revoked = await postJson(`/api/v1/rounds/${body.id}/invitations/${before.id}/revoke`, {}, { authorization });
    expect(revoked.status).toBe(200);
    expect((await deps.db.select().from(invitations).where(eq(invitations.id, before.id)).get())!.revokedAt).toBeInstanceOf(Date);
    expect((await postJson(`/api/v1/rounds/${body.id}/invitations/${before.id}/revoke`, {}, { authorization })).status).toBe(409);

    const reissued = await postJson(`/api/v1/rounds/${body.id}/invitations/${before.id}/reissue`, {}, { authorization });
    expect(reissued.status).toBe(200);
    const after = (await deps.db.select().from(invitations).where(eq(invitations.id, before.id)).get())!;
    expect(after.revokedAt).toBeNull();
    expect(after.tokenHash).not.toBe(before.tokenHash);
    const mails = await mailFor(body.id, 'invitation');
    expect(mails).toHaveLength(2);
    const hashes = await Promise.all(mails.map((m) => sha256Hex(linkToken(m.text)!)));
    expect(hashes).toContain(after.tokenHash);
    expect(mails.every((m) => m.stakeholderId === s.id)).toBe(true);
    const actions = (await deps.db.select().from(auditLog).where(eq(auditLog.entityId, before.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.revoke', 'invitation.reissue']));
  });
});

describe('who may use the rounds API', () => {
  it('lets viewers read and refuses them (403) and anonymous callers (401) any change', async () => {
    const { authorization: org } = await bearerFor('organizer');
    const { body } = await createViaApi(org);
    const { authorization: viewer } = await bearerFor('viewer');
    for (const path of [`/api/v1/rounds/${body.id}`, `/api/v1/rounds/${body.id}/stats`, `/api/v1/rounds/${body.id}/opinions`, '/api/v1/rounds']) {
      expect((await request(path, { headers: { authorization: viewer } })).status).toBe(200);
      expect((await request(path)).status).toBe(401);
    }
    const writes = ['/api/v1/rounds', `/api/v1/rounds/${body.id}/open`, `/api/v1/rounds/${body.id}/invitations`, `/api/v1/rounds/${body.id}/opinions`, `/api/v1/rounds/${body.id}/reminders`, `/api/v1/rounds/${body.id}/close`];
    for (const path of writes) {
      expect((await postJson(path, {}, { authorization: viewer })).status).toBe(403);
      expect((await postJson(path, {})).status).toBe(401);
    }
    const { cookie } = await signedInAs('admin');
    expect((await request(`/api/v1/rounds/${body.id}/stats`, { headers: { cookie } })).status).toBe(200);
    expect((await request('/api/v1/rounds/nope', { headers: { authorization: viewer } })).status).toBe(404);
  });
});

describe('two sends at once', () => {
  it('never invite anyone twice: the loser of the race recomputes and invites no one', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    for (let i = 0; i < 3; i++) await aStakeholder(deps, { tags: [tag] });
    const roundId = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
    const results = await Promise.all([sendInvitations(deps, null, roundId), sendInvitations(deps, null, roundId)]);
    const invited = results.map((r) => (r.ok ? r.value.invited : -1)).sort();
    expect(invited).toEqual([0, 3]);
    expect(await mailFor(roundId, 'invitation')).toHaveLength(3);
  });
});

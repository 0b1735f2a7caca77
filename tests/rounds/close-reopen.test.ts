import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, rounds } from '../../src/db/schema';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { DAY_MS, HOUR_MS } from '../../src/lib/clock';
import { fixedClock, postForm, request, signedInAs, testDeps, testNow, useAppClock } from '../helpers';
import { anOpenRound, aStakeholder, uniqueTag } from './factories';

const roundRow = async (id: string) => (await testDeps().db.select().from(rounds).where(eq(rounds.id, id)).get())!;

async function anOpenRoundWithInvitees(count: number, closesInMs = 40 * DAY_MS) {
  const deps = testDeps();
  const tag = uniqueTag();
  for (let i = 0; i < count; i++) await aStakeholder(deps, { tags: [tag] });
  const id = await anOpenRound(deps, { closesAt: new Date(testNow().getTime() + closesInMs), audience: { categories: [], tags: [tag], stakeholderIds: [] } });
  await sendInvitations(deps, null, id);
  return id;
}

afterEach(() => useAppClock(null));

describe('closing a round asks first', () => {
  it('says what closing does and who has not answered, closes nothing without the confirmation, then closes', async () => {
    const id = await anOpenRoundWithInvitees(2);
    const { cookie } = await signedInAs('organizer');
    const page = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(page).toContain(`action="/rounds/${id}/close"`);

    const asked = await postForm(`/rounds/${id}/close`, {}, { cookie });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('受邀者的个人链接和公开链接都不能再提交或修改意见');
    expect(html).toContain('已邀请的 2 人中，还有 2 人尚未反馈。');
    expect(html).toContain('在此之前，可以在本轮页面重新开放。');
    expect(html).toContain('name="confirm" value="1"');
    expect((await roundRow(id)).status).toBe('open');

    const closed = await postForm(`/rounds/${id}/close`, { confirm: '1' }, { cookie });
    expect(closed.headers.get('location')).toBe(`/rounds/${id}?done=closed`);
    expect((await roundRow(id)).status).toBe('closed');
  });
});

describe('reopening a round closed by mistake', () => {
  it('reopens before the planned end, keeps the planned end, and is audit-logged', async () => {
    const id = await anOpenRoundWithInvitees(1);
    const { staff, cookie } = await signedInAs('organizer');
    await postForm(`/rounds/${id}/close`, { confirm: '1' }, { cookie });
    const planned = (await roundRow(id)).closesAt;

    const page = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(page).toContain(`action="/rounds/${id}/reopen"`);
    expect(page).toContain('本轮提前截止了');

    const reopened = await postForm(`/rounds/${id}/reopen`, {}, { cookie });
    expect(reopened.headers.get('location')).toBe(`/rounds/${id}?done=reopened`);
    const row = await roundRow(id);
    expect(row).toMatchObject({ status: 'open', closedAt: null, closesAt: planned });
    const audit = await testDeps().db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'round.reopen')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorStaffId).toBe(staff.id);
    expect(await (await request(`/rounds/${id}?done=reopened`, { headers: { cookie } })).text()).toContain('已重新开放');
  });

  it('is refused after the planned end with a clear message, and not offered', async () => {
    const id = await anOpenRoundWithInvitees(1, 2 * HOUR_MS);
    const { cookie } = await signedInAs('organizer');
    await postForm(`/rounds/${id}/close`, { confirm: '1' }, { cookie });
    useAppClock(fixedClock(new Date(testNow().getTime() + 3 * HOUR_MS)));

    const page = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(page).not.toContain(`action="/rounds/${id}/reopen"`);
    const refused = await postForm(`/rounds/${id}/reopen`, {}, { cookie });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('原定截止时间已过，不能重新开放。');
    expect((await roundRow(id)).status).toBe('closed');
  });

  it('is refused for a round that ran its course', async () => {
    const id = await anOpenRoundWithInvitees(0);
    await testDeps().db.update(rounds).set({ status: 'closed', closedAt: (await roundRow(id)).closesAt }).where(eq(rounds.id, id));
    const { cookie } = await signedInAs('organizer');
    const refused = await postForm(`/rounds/${id}/reopen`, {}, { cookie });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('本轮不是提前截止的，不能重新开放。');
  });
});

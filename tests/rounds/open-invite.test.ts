import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, rounds } from '../../src/db/schema';
import { createRound } from '../../src/features/rounds/service';
import { postForm, request, signedInAs, testDeps } from '../helpers';
import { anOpenRound, aStakeholder, mailFor, roundInput, uniqueTag } from './factories';

async function aDraftRoundFor(tag: string, title = `开始即邀请-${tag}`) {
  const created = await createRound(testDeps(), null, roundInput({ title, audience: { categories: [], tags: [tag], stakeholderIds: [] } }));
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

const invitationsOf = (roundId: string) => testDeps().db.select().from(invitations).where(eq(invitations.roundId, roundId));

describe('opening a round invites its audience in the same step', () => {
  it('states how many will be emailed, opens nothing without the confirmation, then opens and invites at once', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    await aStakeholder(deps, { tags: [tag] });
    await aStakeholder(deps, { tags: [tag] });
    await aStakeholder(deps, { tags: [tag], email: null });
    const id = await aDraftRoundFor(tag);
    const { cookie } = await signedInAs('organizer');

    const confirmation = await (await request(`/rounds/${id}/open`, { headers: { cookie } })).text();
    expect(confirmation).toContain('开始后，将立即向 2 人发送邀请邮件。');
    expect(confirmation).toContain('另有 1 人无法发邮件');
    expect(confirmation).toContain('开始征求并发送 2 封邀请');

    const unconfirmed = await postForm(`/rounds/${id}/open`, { shortPeriodReason: '' }, { cookie });
    expect(unconfirmed.status).toBe(200);
    expect(await unconfirmed.text()).toContain('开始后，将立即向 2 人发送邀请邮件。');
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!.status).toBe('draft');
    expect(await invitationsOf(id)).toHaveLength(0);

    const opened = await postForm(`/rounds/${id}/open`, { shortPeriodReason: '', confirm: '1' }, { cookie });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/rounds/${id}?done=openedInvited&invited=2&skipped=1`);
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!.status).toBe('open');
    expect(await invitationsOf(id)).toHaveLength(2);
    expect(await mailFor(id, 'invitation')).toHaveLength(2);
    const page = await (await request(opened.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('征求已开始，已发送 2 份邀请，1 人无法发邮件，未邀请。');
    expect(page).toContain('征求对象中可以发邮件的人都已邀请（已邀请 2 人）。');
  });

  it('a draft round page says how many opening will email', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    for (let i = 0; i < 3; i++) await aStakeholder(deps, { tags: [tag] });
    const id = await aDraftRoundFor(tag);
    const { cookie } = await signedInAs('viewer');
    expect(await (await request(`/rounds/${id}`, { headers: { cookie } })).text()).toContain('开始征求时，将向 3 人发送邀请邮件。');
  });
});

describe('inviting those not yet invited from the round page', () => {
  it('offers the count of the rest, invites only them, and never anyone twice', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    const first = await aStakeholder(deps, { tags: [tag] });
    const id = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
    expect(await invitationsOf(id)).toHaveLength(0);
    const { cookie } = await signedInAs('organizer');

    const before = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(before).toContain('征求对象中有 1 人尚未邀请。');
    expect(before).toContain('向尚未邀请的 1 人发送邀请');
    expect(before).toContain(`action="/rounds/${id}/invitations"`);

    const sent = await postForm(`/rounds/${id}/invitations`, {}, { cookie });
    expect(sent.headers.get('location')).toBe(`/rounds/${id}?done=invited&invited=1&skipped=0`);
    const late = await aStakeholder(deps, { tags: [tag] });
    expect(await (await request(`/rounds/${id}`, { headers: { cookie } })).text()).toContain('向尚未邀请的 1 人发送邀请');

    await Promise.all([postForm(`/rounds/${id}/invitations`, {}, { cookie }), postForm(`/rounds/${id}/invitations`, {}, { cookie })]);
    const invited = await invitationsOf(id);
    expect(invited.map((i) => i.stakeholderId).sort()).toEqual([first.id, late.id].sort());
    expect(await mailFor(id, 'invitation')).toHaveLength(2);
    const after = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(after).not.toContain('向尚未邀请的');
    expect(after).toContain('已邀请 2 人');
  });

  it('shows a viewer the count without the button', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    await aStakeholder(deps, { tags: [tag] });
    const id = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(page).toContain('征求对象中有 1 人尚未邀请。');
    expect(page).not.toContain(`action="/rounds/${id}/invitations"`);
  });
});

describe('the previous round', () => {
  it('is shown by its title, not its id', async () => {
    const deps = testDeps();
    const title = `上一轮-${uniqueTag()}`;
    const id = await anOpenRound(deps, { title });
    const { cookie } = await signedInAs('organizer');
    const copied = await postForm(`/rounds/${id}/copy`, {}, { cookie });
    const copyId = /\/rounds\/([^/]+)\/edit/.exec(copied.headers.get('location')!)![1]!;
    await deps.db.update(rounds).set({ title: '第二轮' }).where(eq(rounds.id, copyId));
    const page = await (await request(`/rounds/${copyId}`, { headers: { cookie } })).text();
    expect(page).toContain(`<a href="/rounds/${id}">${title}</a>`);
    expect(page).not.toContain(`>${id}</a>`);
  });
});

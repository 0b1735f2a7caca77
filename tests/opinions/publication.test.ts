import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, roundMailings, rounds } from '../../src/db/schema';
import { setDisposition, setRedaction } from '../../src/features/opinions/service';
import { publishRound } from '../../src/features/publication/service';
import { postForm, request, signedInAs, testDeps, testNow } from '../helpers';
import { anOnlineResponse, anOpinion, aRound } from './factories';

async function roundRow(id: string) {
  return testDeps().db.select().from(rounds).where(eq(rounds.id, id)).get();
}

/** A closed round with three online respondents (one per publication choice) and one opinion heard by phone. */
async function aClosedRoundWithOpinions() {
  const round = await aRound({ status: 'closed', closedAt: testNow() });
  const s = round.section('五（一）1');
  const named = await anOnlineResponse(round, { publication: 'name_and_unit', name: '王芳', organization: '区商务委', texts: [{ sectionId: s.id, text: '园区周边停车难，建议增加停车位。' }] });
  const unit = await anOnlineResponse(round, { publication: 'unit_only', name: '李建国', organization: '新华路街道', category: 'street', texts: [{ sectionId: null, text: '建议延长征求意见期限。' }] });
  const anon = await anOnlineResponse(round, { publication: 'anonymous', name: '陈思远', organization: '思远科技有限公司', category: 'enterprise', texts: [{ sectionId: s.id, text: '我的手机号是13800001111，请联系我谈房租补贴。' }] });
  const offline = await anOpinion(round.id, { channel: 'phone', authorName: '周敏', authorOrganization: '区青联', text: '电话中提出：建议加快人才公寓建设。' });
  return { round, named, unit, anon, offline };
}

describe('publishing results', () => {
  it('is refused while the round is open, and nothing is published', async () => {
    const round = await aRound({ status: 'open' });
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/publish`, { revisedDraft: '', confirm: '1' }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('轮次尚未结束，不能发布处理结果。');
    expect((await roundRow(round.id))!.publishedAt).toBeNull();
    expect((await request(`/p/${round.id}`)).status).toBe(404);
  });

  it('publishes a closed round with its revised draft; unpublishing takes the page down again', async () => {
    const { round } = await aClosedRoundWithOpinions();
    const { cookie } = await signedInAs('organizer');
    const revisedDraft = '修改稿：第五条增加停车设施内容。';
    const asked = await postForm(`/rounds/${round.id}/publish`, { revisedDraft }, { cookie });
    expect(asked.status).toBe(200);
    const confirmation = await asked.text();
    expect(confirmation).toContain(`公开页面 https://roundtable.test/p/${round.id} 上对所有人可见`);
    expect(confirmation).toContain('将向 3 位提出意见的人各发送一封邮件');
    expect(confirmation).toContain(`name="revisedDraft" value="${revisedDraft}"`);
    expect((await roundRow(round.id))!.publishedAt).toBeNull();
    const res = await postForm(`/rounds/${round.id}/publish`, { revisedDraft, confirm: '1' }, { cookie });
    expect(res.status).toBe(303);
    const again = await (await postForm(`/rounds/${round.id}/publish`, { revisedDraft }, { cookie })).text();
    expect(again).toContain('没有需要告知的意见提出者，不会发送邮件。');
    expect((await roundRow(round.id))!.publishedAt).toBeInstanceOf(Date);
    const page = await request(`/p/${round.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('修改稿：第五条增加停车设施内容。');
    await postForm(`/rounds/${round.id}/unpublish`, {}, { cookie });
    expect((await request(`/p/${round.id}`)).status).toBe(404);
  });

  it('emails each author once with their own dispositions and the public link, even when published twice', async () => {
    const { round, named, anon } = await aClosedRoundWithOpinions();
    const deps = testDeps();
    await setDisposition(deps, null, named.opinionIds[0]!, { disposition: 'adopted', reply: '已采纳，见修改稿第五条。' });
    const first = await publishRound(deps, null, round.id, {});
    expect(first).toEqual({ ok: true, value: { mailed: 3 } });
    const second = await publishRound(deps, null, round.id, { revisedDraft: '第二版' });
    expect(second).toEqual({ ok: true, value: { mailed: 0 } });
    const mails = await deps.db.select().from(outbox).where(and(eq(outbox.roundId, round.id), eq(outbox.kind, 'dispositions_published')));
    expect(mails).toHaveLength(3);
    expect(mails.every((m) => !m.transactional)).toBe(true);
    const toNamed = mails.find((m) => m.toEmail === named.person.email)!;
    expect(toNamed.text).toContain('已采纳，见修改稿第五条。');
    expect(toNamed.text).toContain(`https://roundtable.test/p/${round.id}`);
    expect(toNamed.text).not.toMatch(/\/f\//);
    // Each author reads only their own opinions.
    expect(toNamed.text).not.toContain('房租补贴');
    expect(mails.find((m) => m.toEmail === anon.person.email)!.text).toContain('房租补贴');
    expect(await deps.db.select().from(roundMailings).where(eq(roundMailings.roundId, round.id))).toHaveLength(3);
  });
});

describe('the public page', () => {
  it('needs no sign-in and is 404 for an unknown or unpublished round', async () => {
    const round = await aRound({ status: 'closed' });
    expect((await request(`/p/${round.id}`)).status).toBe(404);
    expect((await request('/p/unknown-round')).status).toBe(404);
    await publishRound(testDeps(), null, round.id, {});
    expect((await request(`/p/${round.id}`)).status).toBe(200);
  });

  it('shows every author as they chose, the redacted text instead of the original, and the counts', async () => {
    const { round, anon, named } = await aClosedRoundWithOpinions();
    const deps = testDeps();
    await setRedaction(deps, null, anon.opinionIds[0]!, '【已删除个人信息】，请联系我谈房租补贴。');
    await setDisposition(deps, null, named.opinionIds[0]!, { disposition: 'partly_adopted', reply: '部分采纳：将研究增设公共停车位。' });
    await publishRound(deps, null, round.id, {});
    const html = await (await request(`/p/${round.id}`)).text();
    expect(html).toContain('王芳（区商务委）');
    expect(html).toContain('新华路街道');
    expect(html).not.toContain('李建国');
    expect(html).toContain('一位企业代表');
    expect(html).not.toContain('陈思远');
    expect(html).not.toContain('思远科技');
    // Offline opinions: unit only.
    expect(html).toContain('区青联');
    expect(html).not.toContain('周敏');
    expect(html).toContain('【已删除个人信息】');
    expect(html).not.toContain('13800001111');
    expect(html).toContain('部分采纳：将研究增设公共停车位。');
    expect(html).toMatch(/<dt>意见<\/dt>\s*<dd>4<\/dd>/);
    expect(html).toMatch(/<dt>反馈<\/dt>\s*<dd>0<\/dd>/);
    expect(html).toMatch(/<dt>部分采纳<\/dt>\s*<dd>1<\/dd>/);
    expect(html).toMatch(/<dt>待处理<\/dt>\s*<dd>3<\/dd>/);
  });

  it('staff still see the original words and the real author in triage', async () => {
    const { round, anon } = await aClosedRoundWithOpinions();
    await setRedaction(testDeps(), null, anon.opinionIds[0]!, '【已删除个人信息】');
    const { cookie } = await signedInAs('viewer');
    const html = await (await request(`/rounds/${round.id}/triage`, { headers: { cookie } })).text();
    expect(html).toContain('13800001111');
    expect(html).toContain('陈思远（思远科技有限公司）');
  });
});

describe('a stakeholder’s link after the results are published', () => {
  it('shows what became of each of their opinions only once published', async () => {
    const { round, named } = await aClosedRoundWithOpinions();
    const deps = testDeps();
    await setDisposition(deps, null, named.opinionIds[0]!, { disposition: 'not_adopted', reply: '与上位规划不符，暂不采纳。' });
    const before = await (await request(named.invitation.path)).text();
    expect(before).not.toContain('与上位规划不符');
    await publishRound(deps, null, round.id, {});
    const after = await (await request(named.invitation.path)).text();
    expect(after).toContain('您的意见处理结果');
    expect(after).toContain('未采纳');
    expect(after).toContain('与上位规划不符，暂不采纳。');
    expect(after).toContain('园区周边停车难');
    expect(after).toContain(`/p/${round.id}`);
  });
});

import { describe, expect, it } from 'vitest';
import { bulkSetDisposition, setDisposition } from '../../src/features/opinions/service';
import { aStaffMember, bearerFor, postForm, postJson, request, signedInAs, testDeps } from '../helpers';
import { anOpinion, aRound, auditFor, historyOf, opinionRow } from './factories';

describe('disposition rules', () => {
  it.each(['partly_adopted', 'not_adopted', 'noted'] as const)('%s without a reply is refused, naming the reply field, and nothing changes', async (disposition) => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const result = await setDisposition(testDeps(), null, id, { disposition, reply: '  ', assignee: '区商务委' });
    expect(result).toMatchObject({ ok: false, error: 'reply_required' });
    expect(await opinionRow(id)).toMatchObject({ disposition: 'pending', reply: '', assignee: '' });
    expect(await historyOf(id)).toHaveLength(0);
  });

  it('adopted needs no reply; the change is recorded with who, when, from and to, and audited', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const staff = await aStaffMember('organizer');
    const result = await setDisposition(testDeps(), staff, id, { disposition: 'adopted', reply: '', assignee: '区科委' });
    expect(result.ok).toBe(true);
    expect(await opinionRow(id)).toMatchObject({ disposition: 'adopted', assignee: '区科委', dispositionByStaffId: staff.id });
    const history = await historyOf(id);
    expect(history).toEqual([expect.objectContaining({ staffId: staff.id, fromDisposition: 'pending', toDisposition: 'adopted', fromAssignee: '', toAssignee: '区科委' })]);
    expect((await auditFor(id)).map((a) => a.action)).toContain('opinion.disposition');
  });

  it('keeps every change in order, and setting pending again clears nothing but is recorded', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const deps = testDeps();
    await setDisposition(deps, null, id, { disposition: 'not_adopted', reply: '不属于本方案范围，已转交相关部门。', assignee: '区建管委' });
    await setDisposition(deps, null, id, { disposition: 'pending', reply: '', assignee: '' });
    expect(await opinionRow(id)).toMatchObject({ disposition: 'pending', reply: '不属于本方案范围，已转交相关部门。', assignee: '区建管委' });
    const history = await historyOf(id);
    expect(history.map((h) => [h.fromDisposition, h.toDisposition])).toEqual([
      ['pending', 'not_adopted'],
      ['not_adopted', 'pending'],
    ]);
  });

  it('the single-opinion form refuses a missing reply with a message naming the field and keeps what was typed', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/opinions/${id}`, { disposition: 'noted', reply: '', assignee: '区规资局' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('选择“留作参考”时必须填写答复/理由说明。');
    expect(html).toContain('value="区规资局"');
    expect(await opinionRow(id)).toMatchObject({ disposition: 'pending', assignee: '' });
  });

  it('the single-opinion form saves and shows the history', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const { cookie, staff } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/opinions/${id}`, { disposition: 'partly_adopted', reply: '已部分采纳，见修改稿第五条。', assignee: '' }, { cookie });
    expect(res.status).toBe(303);
    const page = await (await request(res.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('已部分采纳，见修改稿第五条。');
    expect(page).toContain(staff.name);
    expect(page).toMatch(/待处理 → 部分采纳/);
  });

  it('without a typed reply, the chosen template’s text is used (no JavaScript needed)', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const { cookie } = await signedInAs('organizer');
    await postForm(`/rounds/${round.id}/templates`, { prefix: 'new-', 'new-label': '转交', 'new-text': '不属于本方案范围，已转交相关部门。', 'new-disposition': 'not_adopted', 'new-scope': 'round' }, { cookie });
    const page = await (await request(`/rounds/${round.id}/opinions/${id}`, { headers: { cookie } })).text();
    const templateId = /<option value="([^"]+)" data-text="不属于本方案范围/.exec(page)?.[1];
    expect(templateId).toBeTruthy();
    const res = await postForm(`/rounds/${round.id}/opinions/${id}`, { disposition: 'not_adopted', templateId: templateId!, reply: '', assignee: '' }, { cookie });
    expect(res.status).toBe(303);
    expect(await opinionRow(id)).toMatchObject({ disposition: 'not_adopted', reply: '不属于本方案范围，已转交相关部门。' });
  });
});

describe('bulk triage', () => {
  it('sets one disposition, reply and assignee on every selected opinion in one go', async () => {
    const round = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id), await anOpinion(round.id), await anOpinion(round.id)];
    const result = await bulkSetDisposition(testDeps(), null, round.id, ids.slice(0, 2), { disposition: 'adopted', reply: '已采纳，见修改稿第X条。', assignee: '区科委' });
    expect(result).toEqual({ ok: true, value: { updated: 2 } });
    expect((await opinionRow(ids[0]!))!.disposition).toBe('adopted');
    expect((await opinionRow(ids[1]!))!.reply).toBe('已采纳，见修改稿第X条。');
    expect((await opinionRow(ids[2]!))!.disposition).toBe('pending');
    expect(await historyOf(ids[1]!)).toHaveLength(1);
  });

  it('is all or nothing: one id from another round changes none of them', async () => {
    const round = await aRound({ status: 'closed' });
    const other = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id), await anOpinion(round.id)];
    const stranger = await anOpinion(other.id);
    const result = await bulkSetDisposition(testDeps(), null, round.id, [...ids, stranger], { disposition: 'adopted', reply: '', assignee: '' });
    expect(result).toMatchObject({ ok: false, error: 'unknown_opinion' });
    for (const id of [...ids, stranger]) expect((await opinionRow(id))!.disposition).toBe('pending');
  });

  it('is all or nothing through the page: an invalid reply changes nothing and keeps the selection', async () => {
    const round = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id), await anOpinion(round.id)];
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/triage`, { opinionIds: ids, disposition: 'not_adopted', reply: '', assignee: '' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('选择“未采纳”时必须填写答复/理由说明。');
    for (const id of ids) {
      expect(html).toMatch(new RegExp(`id="op-${id}"[^>]*checked`));
      expect(await historyOf(id)).toHaveLength(0);
    }
  });

  it('through the page, applies to the selection and comes back to the same filters with the count', async () => {
    const round = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id, { channel: 'phone' }), await anOpinion(round.id, { channel: 'letter' })];
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/triage?channel=phone`, { opinionIds: [ids[0]!], disposition: 'noted', reply: '留作参考，后续研究。', assignee: '区发改委' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/rounds/${round.id}/triage?channel=phone&updated=1&selected=1&to=noted`);
    expect(await opinionRow(ids[0]!)).toMatchObject({ disposition: 'noted', assignee: '区发改委' });
    expect(await (await request(res.headers.get('location')!, { headers: { cookie } })).text()).toContain('已将 1 条意见设为“留作参考”。');
  });

  it('the "apply to group" button covers the whole group and says what it did, counting those that already were so', async () => {
    const round = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id), await anOpinion(round.id, { text: '停车位不足，企业员工停车难，希望增设停车位。' }), await anOpinion(round.id, { text: '园区周边停车难，建议增加停车位。' })];
    await setDisposition(testDeps(), null, ids[2]!, { disposition: 'partly_adopted', reply: '已部分采纳。', assignee: '' });
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/triage?group=1`, { groupIds: ids.join(' '), disposition: 'partly_adopted', reply: '已部分采纳。', assignee: '' }, { cookie });
    expect(res.status).toBe(303);
    for (const id of ids) expect((await opinionRow(id))!.disposition).toBe('partly_adopted');
    const page = await (await request(res.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('已将 2 条意见设为“部分采纳”；选中的 3 条中，1 条原已如此，未改动。');
  });

  it('through the API: bulk-disposition answers {updated}; a bad id answers 422 and changes nothing', async () => {
    const round = await aRound({ status: 'closed' });
    const ids = [await anOpinion(round.id), await anOpinion(round.id)];
    const { authorization } = await bearerFor('organizer');
    const bad = await postJson(`/api/v1/rounds/${round.id}/opinions/bulk-disposition`, { opinionIds: [...ids, 'nope'], disposition: 'adopted' }, { authorization });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as any).error.fields.opinionIds).toBeTruthy();
    expect((await opinionRow(ids[0]!))!.disposition).toBe('pending');
    const good = await postJson(`/api/v1/rounds/${round.id}/opinions/bulk-disposition`, { opinionIds: ids, disposition: 'adopted', assignee: '区科委' }, { authorization });
    expect(await good.json()).toEqual({ updated: 2 });
  });
});

describe('the dispositions API', () => {
  it('PATCH sets one opinion; a missing reply names the field; the history lists the change', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const { authorization } = await bearerFor('organizer');
    const refused = await postJson(`/api/v1/opinions/${id}`, { disposition: 'not_adopted' }, { authorization }, 'PATCH');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as any).error).toMatchObject({ code: 'reply_required', fields: { reply: expect.stringContaining('未采纳') } });
    const res = await postJson(`/api/v1/opinions/${id}`, { disposition: 'not_adopted', reply: '与上位规划不符。', assignee: '区规资局' }, { authorization }, 'PATCH');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, disposition: 'not_adopted', reply: '与上位规划不符。', assignee: '区规资局' });
    const history = (await (await request(`/api/v1/opinions/${id}/history`, { headers: { authorization } })).json()) as any;
    expect(history.items).toEqual([expect.objectContaining({ fromDisposition: 'pending', toDisposition: 'not_adopted', toReply: '与上位规划不符。' })]);
  });

  it('an over-long assignee is refused with the limit', async () => {
    const round = await aRound({ status: 'closed' });
    const id = await anOpinion(round.id);
    const { authorization } = await bearerFor('organizer');
    const res = await postJson(`/api/v1/opinions/${id}`, { disposition: 'adopted', assignee: '部'.repeat(101) }, { authorization }, 'PATCH');
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).error.fields.assignee).toContain('100');
  });
});

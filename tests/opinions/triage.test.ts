import { describe, expect, it } from 'vitest';
import { setDisposition } from '../../src/features/opinions/service';
import { filtersFrom, loadTriagePage } from '../../src/features/opinions/triage';
import { bearerFor, postForm, postJson, request, signedInAs, testDeps } from '../helpers';
import { anOpinion, aRound, opinionRow } from './factories';

async function aTriagedRound() {
  const round = await aRound({ status: 'closed' });
  const s1 = round.section('五（一）1').id;
  const s2 = round.section('五（二）1').id;
  const ids = {
    parking1: await anOpinion(round.id, { sectionId: s1, channel: 'phone', authorCategory: 'enterprise', text: '园区周边停车难，建议增加停车位。' }),
    parking2: await anOpinion(round.id, { sectionId: s1, channel: 'letter', authorCategory: 'street', text: '停车位不足，企业员工停车难，希望增设停车位。' }),
    parking3: await anOpinion(round.id, { sectionId: s2, channel: 'phone', authorCategory: 'enterprise', text: '建议解决园区停车难问题，增加公共停车位。' }),
    housing: await anOpinion(round.id, { sectionId: s2, channel: 'meeting', authorCategory: 'young_entrepreneur', text: '建议加快人才公寓建设，解决青年人才住房问题。' }),
    whole: await anOpinion(round.id, { sectionId: null, channel: 'in_person', authorCategory: 'proposer', text: '建议延长征求意见期限。' }),
  };
  const deps = testDeps();
  await setDisposition(deps, null, ids.parking1, { disposition: 'adopted', reply: '', assignee: '区建管委' });
  await setDisposition(deps, null, ids.housing, { disposition: 'noted', reply: '留作参考。', assignee: '区房管局' });
  return { round, s1, s2, ids };
}

describe('triage filters and counts', () => {
  it('filters by section, category, channel, disposition and assignee', async () => {
    const { round, s1, ids } = await aTriagedRound();
    const pick = async (query: Record<string, string>) => (await loadTriagePage(testDeps(), round.id, filtersFrom(query), 0)).items.map((i) => i.id).sort();
    expect(await pick({ section: s1 })).toEqual([ids.parking1, ids.parking2].sort());
    expect(await pick({ section: 'whole' })).toEqual([ids.whole]);
    expect(await pick({ category: 'enterprise' })).toEqual([ids.parking1, ids.parking3].sort());
    expect(await pick({ channel: 'phone' })).toEqual([ids.parking1, ids.parking3].sort());
    expect(await pick({ disposition: 'pending' })).toEqual([ids.parking2, ids.parking3, ids.whole].sort());
    expect(await pick({ assignee: '区房管局' })).toEqual([ids.housing]);
    expect(await pick({ assignee: 'none' })).toHaveLength(3);
    expect(await pick({ channel: 'phone', disposition: 'adopted' })).toEqual([ids.parking1]);
  });

  it('counts by disposition under the other filters, whatever disposition is picked', async () => {
    const { round } = await aTriagedRound();
    const counts = async (query: Record<string, string>) => (await loadTriagePage(testDeps(), round.id, filtersFrom(query), 0)).counts;
    expect(await counts({})).toMatchObject({ total: 5, pending: 3, adopted: 1, noted: 1, not_adopted: 0 });
    expect(await counts({ channel: 'phone', disposition: 'noted' })).toMatchObject({ total: 2, pending: 1, adopted: 1, noted: 0 });
  });

  it('the page shows the counts, lists opinions with section, author and channel, and groups similar ones on request', async () => {
    const { round, ids } = await aTriagedRound();
    const { cookie } = await signedInAs('viewer');
    const html = await (await request(`/rounds/${round.id}/triage?channel=phone`, { headers: { cookie } })).text();
    expect(html).toMatch(/data-disposition="pending">待处理 <strong>1<\/strong>/);
    expect(html).toMatch(/data-disposition="total">合计 <strong>2<\/strong>/);
    expect(html).toContain('电话');
    expect(html).not.toContain('人才公寓');
    const grouped = await (await request(`/rounds/${round.id}/triage?group=1`, { headers: { cookie } })).text();
    expect(grouped).toContain('相近意见 1（3 条）');
    const group = grouped.slice(grouped.indexOf('相近意见 1'), grouped.indexOf('</tbody>', grouped.indexOf('相近意见 1')));
    for (const id of [ids.parking1, ids.parking2, ids.parking3]) expect(group).toContain(id);
    expect(group).not.toContain(ids.housing);
  });
});

describe('who may triage', () => {
  it('a viewer reads triage and an opinion, without forms, and is refused changes with 403', async () => {
    const { round, ids } = await aTriagedRound();
    const { cookie } = await signedInAs('viewer');
    const page = await request(`/rounds/${round.id}/triage`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('name="opinionIds"');
    expect((await request(`/rounds/${round.id}/opinions/${ids.whole}`, { headers: { cookie } })).status).toBe(200);
    const post = await postForm(`/rounds/${round.id}/triage`, { opinionIds: [ids.whole], disposition: 'adopted' }, { cookie });
    expect(post.status).toBe(403);
    const { authorization } = await bearerFor('viewer');
    expect((await postJson(`/api/v1/opinions/${ids.whole}`, { disposition: 'adopted' }, { authorization }, 'PATCH')).status).toBe(403);
    expect((await request(`/api/v1/opinions/${ids.whole}/history`, { headers: { authorization } })).status).toBe(200);
    expect((await opinionRow(ids.whole))!.disposition).toBe('pending');
  });

  it('anonymous callers are sent to sign in (pages) or get 401 (API and posts); the public page needs no sign-in', async () => {
    const { round, ids } = await aTriagedRound();
    const page = await request(`/rounds/${round.id}/triage`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/auth\/sign-in/);
    expect((await postForm(`/rounds/${round.id}/triage`, { opinionIds: [ids.whole], disposition: 'adopted' })).status).toBe(401);
    expect((await postJson(`/api/v1/opinions/${ids.whole}`, { disposition: 'adopted' }, {}, 'PATCH')).status).toBe(401);
    expect((await postForm(`/rounds/${round.id}/publish`, {})).status).toBe(401);
    const { cookie } = await signedInAs('organizer');
    await postForm(`/rounds/${round.id}/publish`, { revisedDraft: '', confirm: '1' }, { cookie });
    expect((await request(`/p/${round.id}`)).status).toBe(200);
  });

  it('an opinion of another round is not found under this round', async () => {
    const { round } = await aTriagedRound();
    const other = await aRound({ status: 'closed' });
    const stranger = await anOpinion(other.id);
    const { cookie } = await signedInAs('organizer');
    expect((await request(`/rounds/${round.id}/opinions/${stranger}`, { headers: { cookie } })).status).toBe(404);
    expect((await postForm(`/rounds/${round.id}/opinions/${stranger}`, { disposition: 'adopted' }, { cookie })).status).toBe(404);
  });
});

describe('reply templates', () => {
  it('are created, edited and deleted on their page; global ones appear in every round', async () => {
    const { round } = await aTriagedRound();
    const other = await aRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    const created = await postForm(`/rounds/${round.id}/templates`, { prefix: 'new-', 'new-label': '通用转交', 'new-text': '不属于本方案范围，已转交相关部门。', 'new-disposition': '', 'new-scope': 'global' }, { cookie });
    expect(created.status).toBe(303);
    const empty = await postForm(`/rounds/${round.id}/templates`, { prefix: 'new-', 'new-label': '', 'new-text': '已采纳', 'new-disposition': 'adopted', 'new-scope': 'round' }, { cookie });
    expect(empty.status).toBe(422);
    const refused = await empty.text();
    expect(refused).toContain('此项为必填项。');
    expect(refused).toContain('>已采纳</textarea>');
    const otherPage = await (await request(`/rounds/${other.id}/templates`, { headers: { cookie } })).text();
    expect(otherPage).toContain('通用转交');
    const id = /action="\/rounds\/[^/]+\/templates\/([^"/]+)"/.exec(otherPage)![1]!;
    const edited = await postForm(`/rounds/${other.id}/templates/${id}`, { prefix: `t${id}-`, [`t${id}-label`]: '转交', [`t${id}-text`]: '已转交区相关部门研究。', [`t${id}-disposition`]: 'noted', [`t${id}-scope`]: 'global' }, { cookie });
    expect(edited.status).toBe(303);
    const triage = await (await request(`/rounds/${round.id}/triage`, { headers: { cookie } })).text();
    expect(triage).toContain('data-text="已转交区相关部门研究。"');
    await postForm(`/rounds/${round.id}/templates/${id}/delete`, {}, { cookie });
    expect(await (await request(`/rounds/${round.id}/templates`, { headers: { cookie } })).text()).not.toContain('已转交区相关部门研究。');
  });
});

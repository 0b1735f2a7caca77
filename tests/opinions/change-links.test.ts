import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinionChanges, rounds } from '../../src/db/schema';
import { reviseDraft } from '../../src/features/rounds/versions';
import { bearerFor, postForm, postJson, request, signedInAs, testDeps } from '../helpers';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import { aLegalRound } from '../rounds/legal-factories';
import { anOnlineResponse, opinionRow } from './factories';

/** A closed round on the measure, revised once, with two authors' opinions on the area threshold (old 第四条). */
async function aRevisedRound() {
  const round = await aLegalRound({ status: 'closed' });
  const result = await reviseDraft(testDeps(), null, round.id, { draft: revised });
  if (!result.ok) throw new Error(result.error);
  const area = result.value.changes.find((c) => c.kind === 'modified' && c.afterSectionId === round.section('第四条').id)!;
  const days = result.value.changes.find((c) => c.kind === 'modified' && c.afterSectionId === round.section('第六条').id)!;
  const first = await anOnlineResponse(round, { publication: 'name_and_unit', texts: [{ sectionId: round.section('第四条').id, text: '二千平方米门槛过高，建议降低。' }] });
  const second = await anOnlineResponse(round, { publication: 'unit_only', texts: [{ sectionId: round.section('第四条').id, text: '小型载体难以达到面积要求。' }] });
  return { round, area, days, first, second };
}

const patch = (id: string, body: unknown, authorization: string) => postJson(`/api/v1/opinions/${id}`, body, { authorization }, 'PATCH');
const linksOf = async (opinionId: string) => (await testDeps().db.select().from(opinionChanges).where(eq(opinionChanges.opinionId, opinionId))).map((l) => l.changeId).sort();

describe('linking opinions to the changes that carry them out', () => {
  it('links one opinion to two changes and one change to two opinions through PATCH /api/v1/opinions/<id>', async () => {
    const { area, days, first, second } = await aRevisedRound();
    const { authorization } = await bearerFor('organizer');
    const res = await patch(first.opinionIds[0]!, { disposition: 'adopted', reply: '已采纳，降低面积要求。', changes: [area.id, days.id] }, authorization);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { changes: string[] }).changes.sort()).toEqual([area.id, days.id].sort());
    expect((await patch(second.opinionIds[0]!, { disposition: 'partly_adopted', reply: '部分采纳。', changes: [area.id] }, authorization)).status).toBe(200);
    expect(await linksOf(first.opinionIds[0]!)).toEqual([area.id, days.id].sort());
    expect(await linksOf(second.opinionIds[0]!)).toEqual([area.id]);
  });

  it('refuses a change of another round naming the field, and changes neither the disposition nor the links', async () => {
    const { first } = await aRevisedRound();
    const other = await aRevisedRound();
    const { authorization } = await bearerFor('organizer');
    const res = await patch(first.opinionIds[0]!, { disposition: 'adopted', changes: [other.area.id] }, authorization);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('unknown_change');
    expect(body.error.fields.changes).toContain('不属于本轮次');
    expect((await opinionRow(first.opinionIds[0]!))!.disposition).toBe('pending');
    expect(await linksOf(first.opinionIds[0]!)).toEqual([]);
  });

  it('refuses changes on an opinion that is not adopted, and drops the links when an adopted opinion is later not adopted', async () => {
    const { area, first } = await aRevisedRound();
    const { authorization } = await bearerFor('organizer');
    const refused = await patch(first.opinionIds[0]!, { disposition: 'not_adopted', reply: '不予采纳。', changes: [area.id] }, authorization);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('changes_need_adoption');

    await patch(first.opinionIds[0]!, { disposition: 'adopted', changes: [area.id] }, authorization);
    await patch(first.opinionIds[0]!, { disposition: 'noted', reply: '留作参考。' }, authorization);
    expect(await linksOf(first.opinionIds[0]!)).toEqual([]);
  });

  it('drops the links of opinions moved in bulk to a disposition that leads to no change', async () => {
    const { round, area, first, second } = await aRevisedRound();
    const { authorization } = await bearerFor('organizer');
    await patch(first.opinionIds[0]!, { disposition: 'adopted', changes: [area.id] }, authorization);
    await patch(second.opinionIds[0]!, { disposition: 'adopted', changes: [area.id] }, authorization);
    const res = await postJson(`/api/v1/rounds/${round.id}/opinions/bulk-disposition`, { opinionIds: [first.opinionIds[0]], disposition: 'noted', reply: '留作参考。' }, { authorization });
    expect(res.status).toBe(200);
    expect(await linksOf(first.opinionIds[0]!)).toEqual([]);
    expect(await linksOf(second.opinionIds[0]!)).toEqual([area.id]);
  });

  it('lets staff tick the changes on the opinion page, and untick them all', async () => {
    const { round, area, first } = await aRevisedRound();
    const { cookie } = await signedInAs('organizer');
    const path = `/rounds/${round.id}/opinions/${first.opinionIds[0]}`;
    const form = await (await request(path, { headers: { cookie } })).text();
    expect(form).toContain(`name="changes" value="${area.id}"`);
    expect(form).toContain('<ins><span class="visually-hidden">插入：</span>一千五百</ins>');

    expect((await postForm(path, { disposition: 'adopted', reply: '', assignee: '', changesShown: '1', changes: area.id }, { cookie })).status).toBe(303);
    expect(await linksOf(first.opinionIds[0]!)).toEqual([area.id]);
    expect(await (await request(path, { headers: { cookie } })).text()).toMatch(new RegExp(`name="changes" value="${area.id}" checked`));

    expect((await postForm(path, { disposition: 'adopted', reply: '', assignee: '', changesShown: '1' }, { cookie })).status).toBe(303);
    expect(await linksOf(first.opinionIds[0]!)).toEqual([]);
  });
});

describe('“your opinion led to this change” for the public and the author', () => {
  it('shows the diff of the linked change under the opinion on the published page and behind the author’s link', async () => {
    const { round, area, first, second } = await aRevisedRound();
    const { authorization } = await bearerFor('organizer');
    await patch(first.opinionIds[0]!, { disposition: 'adopted', changes: [area.id] }, authorization);
    await patch(second.opinionIds[0]!, { disposition: 'noted', reply: '留作参考。' }, authorization);
    await testDeps().db.update(rounds).set({ publishedAt: testDeps().clock() }).where(eq(rounds.id, round.id));

    const page = await (await request(`/p/${round.id}`)).text();
    const opinionAt = page.indexOf('二千平方米门槛过高');
    const block = page.indexOf('您的意见促成了这处修改', opinionAt);
    expect(block).toBeGreaterThan(opinionAt);
    expect(page.indexOf('<del><span class="visually-hidden">删除：</span>二千</del>', block)).toBeGreaterThan(block);
    // Only the adopted opinion carries the block.
    expect(page.split('您的意见促成了这处修改')).toHaveLength(2);

    const own = await (await request(first.invitation.path)).text();
    expect(own).toContain('您的意见促成了这处修改');
    expect(own).toContain('<ins><span class="visually-hidden">插入：</span>一千五百</ins>');
    expect(await (await request(second.invitation.path)).text()).not.toContain('您的意见促成了这处修改');
  });
});

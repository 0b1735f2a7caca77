import { describe, expect, it } from 'vitest';
import { ADDRESSEE_SEARCH_MAX, ADDRESSEES_SHOWN } from '../../src/features/summaries/letters';
import { TABLE_PAGE_SIZE } from '../../src/features/summaries/views';
import { countedRequest, request, signedInAs, testDeps } from '../helpers';
import { aBusyRound } from '../perf/factories';
import { anInvitee, anOpinion, aRound } from './factories';

/**
 * The sign-in, the summary's head, then one batch with the table's page, the addressees and their count; two more
 * on the first view after a change, when the figures are counted again and kept.
 */
const SUMMARY_TRIPS = 3;
const RECOUNT_TRIPS = 2;

/** The reply letter's addressee select: each stakeholder offered, as value and label (the empty "all units" left out). */
function offered(html: string): { id: string; label: string }[] {
  const select = html.match(/<select id="reply-to" name="stakeholder">([\s\S]*?)<\/select>/);
  expect(select).not.toBeNull();
  return [...select![1]!.matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].map((m) => ({ id: m[1]!, label: m[2]! }));
}

async function summaryHtml(path: string) {
  const { cookie } = await signedInAs('viewer');
  const res = await request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** 1,200 authors 委员1…委员1200 of units 单位0…单位39 (i % 40), one opinion each. */
const AUTHORS = 1_200;
const bigRound = () => aBusyRound({ invitees: AUTHORS, opinions: AUTHORS });
const authorId = (roundId: string, i: number) => `${roundId}-s${String(i).padStart(5, '0')}`;

describe('the reply letter addressee on the summary page of a big round', () => {
  it('offers only the first fifty authors by name, says how many there are, within the page batch', async () => {
    const { id } = await bigRound();
    const { cookie } = await signedInAs('viewer');
    const first = await countedRequest(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(first.trips).toBeLessThanOrEqual(SUMMARY_TRIPS + RECOUNT_TRIPS);
    const { res, trips } = await countedRequest(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(trips).toBeLessThanOrEqual(SUMMARY_TRIPS);
    const html = await res.text();
    const firstByName = Array.from({ length: AUTHORS }, (_, k) => `委员${k + 1}`)
      .sort()
      .slice(0, ADDRESSEES_SHOWN);
    expect(offered(html).map((o) => o.label.split(' ')[1])).toEqual(firstByName);
    expect(html).toContain('共 1,200 位提出意见者，输入姓名或单位查找');
  });

  it('finds an author beyond the first fifty by name or by unit, and keeps the table page', async () => {
    const { id } = await bigRound();
    const beyond = authorId(id, 999);
    expect(offered(await summaryHtml(`/rounds/${id}/summary`)).map((o) => o.id)).not.toContain(beyond);

    const byName = await summaryHtml(`/rounds/${id}/summary?page=2&replyQ=${encodeURIComponent(' 委员999 ')}`);
    expect(offered(byName)).toEqual([{ id: beyond, label: '单位39 委员999' }]);
    expect(byName).toContain('<input type="hidden" name="page" value="2"/>');
    expect(byName).toContain('value="委员999"');
    expect(byName).toContain(`第 ${TABLE_PAGE_SIZE + 1}–${2 * TABLE_PAGE_SIZE} 条，共 1200 条`);
    // Still the total of the round, not of the search.
    expect(byName).toContain('共 1,200 位提出意见者');

    const byUnit = offered(await summaryHtml(`/rounds/${id}/summary?replyQ=${encodeURIComponent('单位7')}`));
    expect(byUnit).toHaveLength(AUTHORS / 40);
    expect(byUnit.every((o) => o.label.startsWith('单位7 '))).toBe(true);
  });

  it('refuses a search longer than the limit, naming it, and offers the first fifty instead', async () => {
    const { id } = await bigRound();
    const html = await summaryHtml(`/rounds/${id}/summary?replyQ=${encodeURIComponent('委'.repeat(ADDRESSEE_SEARCH_MAX + 1))}`);
    expect(html).toContain(`不能超过 ${ADDRESSEE_SEARCH_MAX} 个字符。`);
    expect(offered(html)).toHaveLength(ADDRESSEES_SHOWN);
  });
});

describe('the reply letter addressee search', () => {
  it('matches % and _ as typed, not as wildcards, and says when nobody matches', async () => {
    const deps = testDeps();
    const { id } = await aRound(deps);
    const people = {} as Record<string, string>;
    for (const [name, organization] of [['达标率100%', '区商务委'], ['达标率1000', '区商务委'], ['a_b', '区科委'], ['axb', '区科委'], ['王磊', 'x%y_z']]) {
      const { stakeholderId } = await anInvitee(deps, id, { name: name!, organization: organization!, category: 'enterprise', status: 'responded' });
      await anOpinion(deps, id, { text: `${name}的意见`, stakeholderId });
      people[name!] = stakeholderId;
    }
    const search = async (q: string) => offered(await summaryHtml(`/rounds/${id}/summary?replyQ=${encodeURIComponent(q)}`)).map((o) => o.id);
    expect(await search('100%')).toEqual([people['达标率100%']]);
    expect(await search('a_b')).toEqual([people['a_b']]);
    expect(await search('%y_')).toEqual([people['王磊']]);
    const none = await summaryHtml(`/rounds/${id}/summary?replyQ=${encodeURIComponent('%%')}`);
    expect(offered(none)).toEqual([]);
    expect(none).toContain('没有姓名或单位包含“%%”的提出意见者。');
    expect(await search('')).toHaveLength(5);
  });
});

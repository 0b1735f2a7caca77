import { describe, expect, it } from 'vitest';
import { TRIAGE_PAGE_SIZE } from '../../src/features/opinions/triage';
import { pageWindow } from '../../src/ui/page-window';
import { countedRequest, signedInAs } from '../helpers';
import { aBusyRound } from './factories';

/** Round trips of a triage page: sign-in, the round, one batch (a stale page number may add one). */
const TRIAGE_TRIPS = 4;

const opinionIds = (html: string) => [...html.matchAll(/data-opinion="([^"]+)"/g)].map((m) => m[1]!);
const idOf = (roundId: string, i: number) => `${roundId}-o${String(i).padStart(6, '0')}`;

/**
 * The factory's opinion i sits on the whole draft when i % 4 = 0, else on section i % 4 (in draft order), was heard at
 * i seconds and came by phone when i % 3 = 1: triage's list order, worked out by hand.
 */
function listOrder(roundId: string, total: number, keep: (i: number) => boolean = () => true): string[] {
  const ids: string[] = [];
  for (const rest of [0, 1, 2, 3]) for (let i = 1; i <= total; i++) if (i % 4 === rest && keep(i)) ids.push(idOf(roundId, i));
  return ids;
}

describe('triage of a busy round', () => {
  it('shows one page of opinions in list order; page 2 holds the next ones; in at most four round trips', async () => {
    const { id } = await aBusyRound({ invitees: 20, opinions: 700 });
    const { cookie } = await signedInAs('organizer');
    const order = listOrder(id, 700);
    const first = await countedRequest(`/rounds/${id}/triage`, { headers: { cookie } });
    const second = await countedRequest(`/rounds/${id}/triage?page=1`, { headers: { cookie } });
    for (const { trips } of [first, second]) expect(trips).toBeLessThanOrEqual(TRIAGE_TRIPS);
    expect(opinionIds(await first.res.text())).toEqual(order.slice(0, TRIAGE_PAGE_SIZE));
    const html = await second.res.text();
    expect(opinionIds(html)).toEqual(order.slice(TRIAGE_PAGE_SIZE, 2 * TRIAGE_PAGE_SIZE));
    // Each row shows the opinion's own number in the round (the factory's opinion i is 意见 i), not its place on the page.
    const firstOfPage2 = Number(order[TRIAGE_PAGE_SIZE]!.slice(-6));
    expect(firstOfPage2).not.toBe(TRIAGE_PAGE_SIZE + 1);
    expect(html).toContain(`<td data-label="序号">${firstOfPage2}</td>`);
    expect(html).toContain(`显示 ${TRIAGE_PAGE_SIZE} 条意见`);
  });

  it('keeps the filters in the page links and on every page, and counts by disposition as SQL does', async () => {
    const { deps, id } = await aBusyRound({ invitees: 20, opinions: 1000 });
    const { cookie } = await signedInAs('organizer');
    const filters = 'channel=phone&assignee=none';
    const byPhone = (i: number) => i % 3 === 1 && i % 10 !== 0 && i % 10 !== 1;
    const order = listOrder(id, 1000, byPhone);
    expect(order.length).toBeGreaterThan(TRIAGE_PAGE_SIZE);
    const { res, trips } = await countedRequest(`/rounds/${id}/triage?${filters}`, { headers: { cookie } });
    expect(trips).toBeLessThanOrEqual(TRIAGE_TRIPS);
    const html = await res.text();
    expect(opinionIds(html)).toEqual(order.slice(0, TRIAGE_PAGE_SIZE));
    expect(html.includes(`href="/rounds/${id}/triage?channel=phone&amp;assignee=none&amp;page=1"`), 'a page link keeps the filters').toBe(true);
    const page2 = await (await countedRequest(`/rounds/${id}/triage?${filters}&page=1`, { headers: { cookie } })).res.text();
    expect(opinionIds(page2)).toEqual(order.slice(TRIAGE_PAGE_SIZE, 2 * TRIAGE_PAGE_SIZE));

    const truth = await deps.d1
      .prepare("SELECT disposition, count(*) AS n FROM opinions WHERE round_id = ?1 AND channel = 'phone' AND assignee = '' GROUP BY disposition")
      .bind(id)
      .all<{ disposition: string; n: number }>();
    for (const { disposition, n } of truth.results) expect(html).toMatch(new RegExp(`data-disposition="${disposition}">[^<]+<strong>${n}</strong>`));
    expect(html).toMatch(new RegExp(`data-disposition="total">合计 <strong>${order.length}</strong>`));

    // With a disposition picked, the pages hold only those, and the counts still say what each choice would show.
    const adopted = await (await countedRequest(`/rounds/${id}/triage?${filters}&disposition=adopted`, { headers: { cookie } })).res.text();
    expect(opinionIds(adopted)).toEqual(listOrder(id, 1000, (i) => byPhone(i) && i % 5 === 1).slice(0, TRIAGE_PAGE_SIZE));
    expect(adopted).toMatch(new RegExp(`data-disposition="total">合计 <strong>${order.length}</strong>`));
  });

  it('groups similar opinions within the page only, and says so', async () => {
    const { id } = await aBusyRound({ invitees: 0, opinions: 700 });
    const { cookie } = await signedInAs('organizer');
    const { res, trips } = await countedRequest(`/rounds/${id}/triage?group=1&page=1`, { headers: { cookie } });
    expect(trips).toBeLessThanOrEqual(TRIAGE_TRIPS);
    const html = await res.text();
    expect(new Set(opinionIds(html))).toEqual(new Set(listOrder(id, 700).slice(TRIAGE_PAGE_SIZE, 2 * TRIAGE_PAGE_SIZE)));
    expect(html).toContain(`相近意见只在本页（每页最多 ${TRIAGE_PAGE_SIZE} 条）内归并`);
    expect(html).toContain('相近意见 1（');
  });
});

describe('the triage pager', () => {
  it('links the first and last pages and a few around the current one, not every page', () => {
    expect(pageWindow(0, 1)).toEqual([0]);
    expect(pageWindow(0, 4)).toEqual([0, 1, 2, 3]);
    expect(pageWindow(0, 240)).toEqual([0, 1, 2, 'gap', 239]);
    expect(pageWindow(120, 240)).toEqual([0, 'gap', 118, 119, 120, 121, 122, 'gap', 239]);
    expect(pageWindow(239, 240)).toEqual([0, 'gap', 237, 238, 239]);
    // No gap where it would hide a single page.
    expect(pageWindow(3, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('on a round of 60 pages shows a handful of links, with the current page marked', async () => {
    const { id } = await aBusyRound({ invitees: 0, opinions: 60 * TRIAGE_PAGE_SIZE });
    const { cookie } = await signedInAs('viewer');
    const html = await (await countedRequest(`/rounds/${id}/triage?page=30`, { headers: { cookie } })).res.text();
    const pager = html.slice(html.indexOf('<nav class="pager"'), html.indexOf('</nav>', html.indexOf('<nav class="pager"')));
    const links = [...pager.matchAll(/page=(\d+)"( aria-current="page")?>(\d+)</g)].map((m) => [Number(m[1]), Boolean(m[2])]);
    expect(links).toEqual([[0, false], [28, false], [29, false], [30, true], [31, false], [32, false], [59, false]]);
  });
});

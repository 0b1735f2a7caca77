import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rounds } from '../../src/db/schema';
import { figuresOf } from '../../src/features/summaries/figures-cache';
import { ADDRESSEES_SHOWN } from '../../src/features/summaries/letters';
import { TABLE_PAGE_SIZE } from '../../src/features/summaries/views';
import { bearerFor, countedRequest, signedInAs } from '../helpers';
import { aBusyRound } from './factories';

/** Sign-in, the summary's head, then one batch for the table's page and the lists (more only when the draft changed). */
const SUMMARY_TRIPS = 4;
/** The first view after a change counts the figures again and keeps them. */
const RECOUNT_TRIPS = 2;

const tableSeqs = (html: string) => [...html.matchAll(/<th scope="row">(\d+)<\/th><td>/g)].map((m) => Number(m[1]));
const draftOrder = (total: number) => [0, 1, 2, 3].flatMap((rest) => Array.from({ length: total }, (_, k) => k + 1).filter((i) => i % 4 === rest));

describe('the summary page of a busy round', () => {
  it('shows one page of the table in draft order, the next page on ?page=2, in at most four round trips', async () => {
    const { id } = await aBusyRound({ invitees: 40, opinions: 1_200 });
    const { cookie } = await signedInAs('organizer');
    const order = draftOrder(1_200);
    const first = await countedRequest(`/rounds/${id}/summary`, { headers: { cookie } });
    const second = await countedRequest(`/rounds/${id}/summary?page=2`, { headers: { cookie } });
    for (const { res } of [first, second]) expect(res.status).toBe(200);
    expect(first.trips).toBeLessThanOrEqual(SUMMARY_TRIPS + RECOUNT_TRIPS);
    expect(second.trips).toBeLessThanOrEqual(SUMMARY_TRIPS);
    expect(tableSeqs(await first.res.text())).toEqual(order.slice(0, TABLE_PAGE_SIZE));
    const html = await second.res.text();
    expect(tableSeqs(html)).toEqual(order.slice(TABLE_PAGE_SIZE, 2 * TABLE_PAGE_SIZE));
    expect(html).toContain(`第 ${TABLE_PAGE_SIZE + 1}–${2 * TABLE_PAGE_SIZE} 条，共 1200 条`);
    expect(html).toContain('href="?page=3#table-heading"');
  });

  it('stays light at the end of a big round: one page of the table and a bounded list of addressees, not 1,500', async () => {
    const { deps, id } = await aBusyRound({ invitees: 1_500, opinions: 3_001 });
    await figuresOf(deps, id);
    const { cookie } = await signedInAs('organizer');
    const { res, trips } = await countedRequest(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(trips).toBeLessThanOrEqual(SUMMARY_TRIPS);
    const html = await res.text();
    expect(tableSeqs(html)).toHaveLength(TABLE_PAGE_SIZE);
    expect(html.match(/<option value="[^"]+-s\d{5}">/g)).toHaveLength(ADDRESSEES_SHOWN);
    // The chart's coordinates to a tenth: sixteen digits each made a long draft's chart 60 KB.
    expect(html).toContain('<svg class="summary-chart"');
    expect(html).not.toMatch(/ (x|width)="\d+\.\d{2,}"/);
    // 500 rows and an option per author made this page several hundred kilobytes.
    expect(new TextEncoder().encode(html).length).toBeLessThan(100_000);
  });

  it('counts the mailable audience in SQL: erased, unmailable, unconsenting and address-less invitees are left out', async () => {
    const { deps, id } = await aBusyRound({ invitees: 40, opinions: 10 });
    // The send form (and the count on it) shows once the results are published.
    await deps.db.update(rounds).set({ publishedAt: deps.clock() }).where(eq(rounds.id, id));
    await deps.db.run(sql`UPDATE stakeholders SET erased_at = 1 WHERE id = ${`${id}-s00001`}`);
    await deps.db.run(sql`UPDATE stakeholders SET unmailable_reason = 'bounced' WHERE id = ${`${id}-s00002`}`);
    await deps.db.run(sql`UPDATE stakeholders SET consent = 0 WHERE id = ${`${id}-s00003`}`);
    await deps.db.run(sql`UPDATE stakeholders SET email = NULL, email_normalized = NULL WHERE id = ${`${id}-s00004`}`);
    await deps.db.run(sql`UPDATE invitations SET revoked_at = 1 WHERE id = ${`${id}-i00005`}`);
    const { cookie } = await signedInAs('organizer');
    const html = await (await countedRequest(`/rounds/${id}/summary`, { headers: { cookie } })).res.text();
    expect(html).toContain('本轮征求对象（有电子邮箱的 35 人）');
  });

  it('pages the JSON API in SQL: offset, limit and the next offset, with the total', async () => {
    const { deps, id } = await aBusyRound({ invitees: 0, opinions: 1_200 });
    await figuresOf(deps, id);
    const { authorization } = await bearerFor('viewer');
    const { res, trips } = await countedRequest(`/api/v1/rounds/${id}/summary?offset=1000&limit=150`, { headers: { authorization } });
    // The token (and its first use noted), the head, the page.
    expect(trips).toBeLessThanOrEqual(4);
    const json = (await res.json()) as { opinionsTotal: number; nextOffset: number | null; opinions: { seq: number }[] };
    expect(json.opinionsTotal).toBe(1_200);
    expect(json.nextOffset).toBe(1_150);
    expect(json.opinions.map((o) => o.seq)).toEqual(draftOrder(1_200).slice(1_000, 1_150));
    const last = (await (await countedRequest(`/api/v1/rounds/${id}/summary?offset=1150&limit=150`, { headers: { authorization } })).res.json()) as typeof json;
    expect(last.nextOffset).toBeNull();
    expect(last.opinions).toHaveLength(50);
  });
});

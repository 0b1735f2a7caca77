import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rounds } from '../../src/db/schema';
import { INVITEES_PER_PAGE, LATEST_OPINIONS } from '../../src/features/rounds/round-board';
import { countedRequest, signedInAs } from '../helpers';
import { aBusyRound } from './factories';

/** The most D1 round trips the round page may take, the sign-in check included (issue 13). */
const ROUND_PAGE_TRIPS = 6;

const inviteeNames = (html: string) => [...html.matchAll(/<td>(委员\d+)（单位\d+）<\/td>/g)].map((m) => m[1]!);

describe('the round page of a busy round', () => {
  it('takes at most six D1 round trips, with or without a previous round, and stays small', async () => {
    const { deps, id } = await aBusyRound({ invitees: 250, opinions: 700 });
    const next = await aBusyRound({ invitees: 10, opinions: 20, status: 'open' });
    await deps.db.update(rounds).set({ previousRoundId: id }).where(eq(rounds.id, next.id));
    const { cookie } = await signedInAs('organizer');
    for (const path of [`/rounds/${id}`, `/rounds/${id}?invitees=3`, `/rounds/${next.id}`]) {
      const { res, trips } = await countedRequest(path, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(trips, path).toBeLessThanOrEqual(ROUND_PAGE_TRIPS);
      const html = await res.text();
      // 700 opinions in full and 250 invitees would be several hundred kilobytes.
      expect(html.length, path).toBeLessThan(150_000);
      if (path.includes(next.id)) {
        // The earlier round's 175 opinions a unit: five shown under each, the rest one link away.
        expect(html.match(/另有 170 条意见/g)).toHaveLength(4);
        expect(html).toContain(`href="/rounds/${id}/triage?section=whole"`);
      }
    }
  });

  it('lists the invitees a page at a time in board order; page 2 holds the next ones and the last page the rest', async () => {
    // Two full pages and a half one.
    const total = INVITEES_PER_PAGE * 2 + INVITEES_PER_PAGE / 2;
    const { id } = await aBusyRound({ invitees: total, opinions: 0 });
    const { cookie } = await signedInAs('viewer');
    const pageOf = async (n: number) => (await (await countedRequest(`/rounds/${id}?invitees=${n}`, { headers: { cookie } })).res.text());
    const [first, second, third] = [await pageOf(1), await pageOf(2), await pageOf(3)];
    expect(inviteeNames(first)).toHaveLength(INVITEES_PER_PAGE);
    expect(inviteeNames(second)).toHaveLength(INVITEES_PER_PAGE);
    expect(inviteeNames(third)).toHaveLength(total - 2 * INVITEES_PER_PAGE);
    const all = [...inviteeNames(first), ...inviteeNames(second), ...inviteeNames(third)];
    expect(new Set(all).size).toBe(total);
    expect(first).toContain(`第 1–${INVITEES_PER_PAGE} 位，共 ${total} 位`);
    expect(second).toContain(`第 ${INVITEES_PER_PAGE + 1}–${2 * INVITEES_PER_PAGE} 位，共 ${total} 位`);
    expect(second).toContain(`href="/rounds/${id}?invitees=1#invitees-heading"`);
    expect(second).toContain(`href="/rounds/${id}?invitees=3#invitees-heading"`);
    // A page past the end shows the last one.
    expect(inviteeNames(await pageOf(9))).toEqual(inviteeNames(third));
  });

  it('counts opinions by section as SQL does and shows only the latest ones, newest first, as excerpts', async () => {
    const { deps, id, sections } = await aBusyRound({ invitees: 20, opinions: 700 });
    const { cookie } = await signedInAs('viewer');
    const html = await (await countedRequest(`/rounds/${id}`, { headers: { cookie } })).res.text();
    const truth = await deps.d1
      .prepare('SELECT coalesce(section_id, \'\') AS section, count(*) AS n FROM opinions WHERE round_id = ?1 GROUP BY section_id')
      .bind(id)
      .all<{ section: string; n: number }>();
    const count = (section: string) => truth.results.find((r) => r.section === section)!.n;
    const row = (label: string) => new RegExp(`${label}</th><td>(\\d+)</td>`).exec(html)?.[1];
    expect(Number(row('整体意见'))).toBe(count(''));
    expect(Number(row('一 总体要求'))).toBe(count(sections.general));
    expect(Number(row('二（一） 专项行动'))).toBe(count(sections.actions));
    expect(html).toContain(`按听取时间显示最新的 ${LATEST_OPINIONS} 条意见（共 700 条）`);
    const shown = [...html.matchAll(/<p class="opinion-list__text">第(\d+)条意见/g)].map((m) => Number(m[1]));
    // Heard one second apart in number order: the latest are the highest numbers.
    expect(shown).toEqual(Array.from({ length: LATEST_OPINIONS }, (_, i) => 700 - i));
    expect(html).toContain(`href="/rounds/${id}/triage"`);
  });
});

import { describe, expect, it } from 'vitest';
import { requestErasure } from '../../src/features/stakeholders/erasure-requests';
import { ERASURE_REQUESTS_PATH } from '../../src/features/stakeholders/erasure-views';
import { findStakeholder } from '../../src/features/stakeholders/queries';
import { PAGE_SIZE } from '../../src/features/stakeholders/schemas';
import { createStakeholder } from '../../src/features/stakeholders/service';
import { countedRequest, signedInAs, testDeps } from '../helpers';

/** The sign-in check, then one batch: the page of stakeholders with their tags, and the open erasure requests (issue 13). */
const DIRECTORY_TRIPS = 2;

/** Tags given out of order, so the page must sort them as before (byte order: A, b, 乙, 甲). */
const TAG_SETS = [['甲', 'b', '乙', 'A'], [], ['沪港青年']];

/** Each listed stakeholder's id and the tags shown in its row. */
function listedTags(html: string): { id: string; tags: string[] }[] {
  return [...html.matchAll(/<tr><td><input type="checkbox" name="ids" value="([0-9A-Z]{26})"[\s\S]*?<\/tr>/g)].map((row) => ({
    id: row[1]!,
    tags: [...row[0].matchAll(/<span class="tag">([^<]*)<\/span>/g)].map((m) => m[1]!),
  }));
}

describe('the stakeholder directory search', () => {
  it('lists a page of matches with their tags and the erasure banner in one round trip after the sign-in check', async () => {
    const deps = testDeps();
    const unit = `检索单位${crypto.randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      const input = { name: `人员${i}`, organization: unit, title: '', category: 'expert' as const, email: `d${i}-${unit}@example.com`, phone: '', tags: TAG_SETS[i % 3]!, notes: '', consent: true };
      const created = await createStakeholder(deps, null, input);
      if (!created.ok) throw new Error(created.error);
      ids.push(created.value.id);
    }
    const asker = (await findStakeholder(deps, ids[0]!))!;
    await requestErasure(deps, asker, { via: 'feedback_link', roundId: null });
    const { cookie } = await signedInAs('organizer');

    const first = await countedRequest(`/stakeholders?q=${encodeURIComponent(unit)}`, { headers: { cookie } });
    expect(first.res.status).toBe(200);
    expect(first.trips).toBeLessThanOrEqual(DIRECTORY_TRIPS);
    const html = await first.res.text();
    expect(html).toContain(`href="${ERASURE_REQUESTS_PATH}"`);
    const next = /href="(\/stakeholders\?[^"]*cursor=[0-9A-Z]{26}[^"]*)"/.exec(html);
    expect(next).not.toBeNull();
    const second = await countedRequest(next![1]!.replaceAll('&amp;', '&'), { headers: { cookie } });
    expect(second.trips).toBeLessThanOrEqual(DIRECTORY_TRIPS);

    const rows = [...listedTags(html), ...listedTags(await second.res.text())];
    expect(rows.map((r) => r.id)).toEqual([...ids].sort().reverse());
    expect(rows.find((r) => r.id === ids[0])!.tags).toEqual(['A', 'b', '乙', '甲']);
    // The same tags, in the same order, as the stakeholder's own page reads them.
    for (const row of rows) expect(row.tags, row.id).toEqual((await findStakeholder(deps, row.id))!.tags);
  });
});

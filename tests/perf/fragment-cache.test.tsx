import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { keptFragment, keptFragmentCount } from '../../src/ui/fragment-cache';
import { request, signedInAs } from '../helpers';
import { aBusyRound } from './factories';

function Part({ name }: { name: string }) {
  return (
    <p class="part">
      {name} &amp; <strong>{'<b>'}</strong>
    </p>
  );
}

describe('kept page parts', () => {
  it('render once per key, exactly as rendered directly, and again for another key', () => {
    let renders = 0;
    const render = (name: string) => () => {
      renders += 1;
      return <Part name={name} />;
    };
    const direct = String((<Part name="第一章" />).toString());
    const key = `test-${crypto.randomUUID()}`;
    expect(String(keptFragment(key, render('第一章')))).toBe(direct);
    expect(String(keptFragment(key, render('第一章')))).toBe(direct);
    expect(renders).toBe(1);
    expect(String(keptFragment(`${key}-other`, render('第二章')))).toContain('第二章');
    expect(renders).toBe(2);
  });

  it('keep a bounded number of parts, forgetting the least recently used', () => {
    const first = `bounded-${crypto.randomUUID()}`;
    let firstRenders = 0;
    const renderFirst = () => {
      firstRenders += 1;
      return <Part name="first" />;
    };
    keptFragment(first, renderFirst);
    for (let i = 0; i < 40; i++) keptFragment(`bounded-${i}-${crypto.randomUUID()}`, () => <Part name={String(i)} />);
    expect(keptFragmentCount()).toBeLessThanOrEqual(32);
    keptFragment(first, renderFirst);
    expect(firstRenders).toBe(2);
  });

  it('refuse a part that renders asynchronously rather than keep "[object Promise]"', () => {
    async function Slow() {
      return <p>later</p>;
    }
    expect(() => keptFragment(`async-${crypto.randomUUID()}`, () => <Slow />)).toThrow(/synchronous/);
  });

  it('never show a summary page its old section counts after a disposition changes', async () => {
    const { id, sections } = await aBusyRound({ invitees: 10, opinions: 40 });
    const { cookie } = await signedInAs('viewer');
    const adoptedIn = async () => {
      const html = await (await request(`/rounds/${id}/summary`, { headers: { cookie } })).text();
      const table = html.slice(html.indexOf('<caption>各章节意见及采纳情况</caption>'));
      // The row of section "一 总体要求": total, then one cell per disposition (pending, adopted, …).
      const row = new RegExp(`<th scope="row">一 总体要求</th><td>(\\d+)</td><td>(\\d+)</td><td>(\\d+)</td>`).exec(table);
      expect(row, 'the section row').not.toBeNull();
      return Number(row![3]);
    };
    const before = await adoptedIn();
    expect(await adoptedIn()).toBe(before);
    await env.DB.prepare(`UPDATE opinions SET disposition = 'adopted' WHERE round_id = ?1 AND section_id = ?2 AND disposition = 'pending'`)
      .bind(id, sections.general)
      .run();
    expect(await adoptedIn()).toBeGreaterThan(before);
  });
});

import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { keptFragment, keptFragments, keptFragmentStats } from '../../src/ui/fragment-cache';
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

  it('keep a bounded amount of HTML, forgetting the least recently used part first', () => {
    const first = `bounded-${crypto.randomUUID()}`;
    let firstRenders = 0;
    const renderFirst = () => {
      firstRenders += 1;
      return <Part name="first" />;
    };
    keptFragment(first, renderFirst);
    // Forty parts of 400,000 characters: far more than is kept.
    const big = '意'.repeat(400_000);
    for (let i = 0; i < 40; i++) keptFragment(`bounded-${i}-${crypto.randomUUID()}`, () => <Part name={`${i}${big}`} />);
    expect(keptFragmentStats().chars).toBeLessThanOrEqual(8_000_000);
    expect(keptFragmentStats().keys).toBeGreaterThan(1);
    keptFragment(first, renderFirst);
    expect(firstRenders).toBe(2);
  });

  it('keep several parts under one key, each as rendered alone', () => {
    let renders = 0;
    const key = `several-${crypto.randomUUID()}`;
    const render = () => {
      renders += 1;
      return ['第一条', '第二条', '第三条'].map((name) => <Part name={name} />);
    };
    const parts = keptFragments(key, render).map(String);
    expect(keptFragments(key, render).map(String)).toEqual(parts);
    expect(renders).toBe(1);
    expect(parts).toEqual(['第一条', '第二条', '第三条'].map((name) => String((<Part name={name} />).toString())));
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

  it('never show the round page its old counts after an opinion is added', async () => {
    const { id, sections } = await aBusyRound({ invitees: 10, opinions: 40 });
    const { cookie } = await signedInAs('viewer');
    const counts = async () => {
      const html = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
      const section = /一 总体要求<\/th><td>(\d+)<\/td>/.exec(html);
      const offline = /<p>共 \d+ 条意见（线上 \d+ 条，线下 (\d+) 条）<\/p>/.exec(html);
      expect(section, 'the section row').not.toBeNull();
      expect(offline, 'the opinions line').not.toBeNull();
      return { section: Number(section![1]), offline: Number(offline![1]) };
    };
    const before = await counts();
    expect(await counts()).toEqual(before);
    await env.DB.prepare(
      `INSERT INTO opinions (id, round_id, number, section_id, author_name, channel, heard_at, text, created_at, updated_at)
       VALUES (?1 || '-phone', ?1, 9999, ?2, '电话来电者', 'phone', 0, '电话意见', 0, 0)`,
    )
      .bind(id, sections.general)
      .run();
    expect(await counts()).toEqual({ section: before.section + 1, offline: before.offline + 1 });
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rounds, roundSections } from '../../src/db/schema';
import { FIX_LEVELS } from '../../src/features/rounds/split-draft';
import { daysFromNow, postForm, request, shanghaiLocal, signedInAs, testDeps } from '../helpers';
import { uniqueTag } from './factories';

const draft = '街区管理办法（征求意见稿）\n\n第一条　为了加强管理，制定本办法。\n第二条　本办法适用于本区。\n附则\n本办法自发布之日起施行。';

function form(title: string, extra: Record<string, string | string[]> = {}) {
  return { title, purpose: '', draft, opensAt: shanghaiLocal(daysFromNow(0)), closesAt: shanghaiLocal(daysFromNow(30)), contactName: '', contactPhone: '', contactAddress: '', tags: '', ...extra };
}

describe('fixing the split in the round form’s preview', () => {
  it('makes a line a heading from the preview without changing the text, and saves the fix with the round', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `修正-${uniqueTag()}`;
    const fixed = await postForm('/rounds', form(title, { intent: 'fix', fixLine: '附则', fixLevel: String(FIX_LEVELS.chapter) }), { cookie });
    expect(fixed.status).toBe(200);
    const html = await fixed.text();
    expect(html).toContain(`name="fix" value="${FIX_LEVELS.chapter}|附则"`);
    expect(html).toContain('“附则”设为章');
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);

    const saved = await postForm('/rounds', form(title, { intent: 'save', fix: `${FIX_LEVELS.chapter}|附则` }), { cookie });
    expect(saved.status).toBe(303);
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!;
    expect(row.draftSource).toBe(draft);
    const sections = await testDeps().db.select().from(roundSections).where(eq(roundSections.roundId, row.id));
    expect(sections.map((s) => [s.number, s.heading]).sort()).toEqual([['第一条', ''], ['第二条', ''], ['', '附则']].sort());

    const edit = await (await request(`/rounds/${row.id}/edit`, { headers: { cookie } })).text();
    expect(edit).toContain(`name="fix" value="${FIX_LEVELS.chapter}|附则"`);
  });

  it('turns a heading back into text with its button, and undoes a fix', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `撤销-${uniqueTag()}`;
    const res = await postForm('/rounds', form(title, { addFix: `${FIX_LEVELS.body}|第二条　本办法适用于本区。` }), { cookie });
    const html = await res.text();
    expect(html).toContain('共 1 个章节');
    const undone = await postForm('/rounds', form(title, { fix: `${FIX_LEVELS.body}|第二条　本办法适用于本区。`, dropFix: `${FIX_LEVELS.body}|第二条　本办法适用于本区。` }), { cookie });
    expect(await undone.text()).toContain('共 2 个章节');
  });
});

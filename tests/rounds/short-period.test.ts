import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema';
import { demoFileText } from '../../src/dev/demo-data';
import { DAY_MS } from '../../src/lib/clock';
import { toShanghaiLocalInput } from '../../src/lib/time';
import { postForm, request, signedInAs, testDeps, testNow } from '../helpers';
import { anOpenRound, uniqueTag } from './factories';

const local = (days: number) => toShanghaiLocalInput(new Date(testNow().getTime() + days * DAY_MS));

function roundForm(title: string, days: number, intent = 'save') {
  return { title, purpose: '', draft: demoFileText('draftActionPlan'), opensAt: local(1), closesAt: local(1 + days), contactName: '', contactPhone: '', contactAddress: '', tags: '', intent };
}

describe('the 30-day rule is shown when saving, not only when opening', () => {
  it('warns on the preview and after saving a draft whose planned period is shorter, and not for a full period', async () => {
    const { cookie } = await signedInAs('organizer');
    const preview = await (await postForm('/rounds', roundForm(`短期-${uniqueTag()}`, 14, 'preview'), { cookie })).text();
    expect(preview).toContain('征求期只有 14 天，少于 30 天。可以保存，但开始征求时须说明理由。');

    const title = `短期-${uniqueTag()}`;
    const saved = await postForm('/rounds', roundForm(title, 14), { cookie });
    const id = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!.id;
    expect(saved.headers.get('location')).toBe(`/rounds/${id}?done=createdShort&days=14`);
    const page = await (await request(saved.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('已创建草稿。注意：征求期只有 14 天，少于 30 天；开始征求时须说明理由。');
    expect(page).toContain('notice--warning');

    const resaved = await postForm(`/rounds/${id}`, roundForm(title, 20), { cookie });
    expect(resaved.headers.get('location')).toBe(`/rounds/${id}?done=savedShort&days=20`);

    const full = `足期-${uniqueTag()}`;
    const fine = await postForm('/rounds', roundForm(full, 30), { cookie });
    expect(fine.headers.get('location')).toMatch(/\?done=created$/);
    expect(await (await postForm('/rounds', roundForm(full, 30, 'preview'), { cookie })).text()).not.toContain('少于 30 天。可以保存');
  });

  it('warns when an open round’s close is brought forward under the minimum', async () => {
    const id = await anOpenRound(testDeps());
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${id}`, { closesAt: local(10), contactName: '', contactPhone: '', contactAddress: '' }, { cookie });
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.id, id)).get())!;
    // The form has minutes, the opening had seconds: a little under ten days, in whole days.
    const days = Math.floor((row.closesAt.getTime() - row.opensAt.getTime()) / DAY_MS);
    expect(days).toBeLessThan(30);
    expect(res.headers.get('location')).toBe(`/rounds/${id}?done=savedShortOpen&days=${days}`);
    expect(await (await request(res.headers.get('location')!, { headers: { cookie } })).text()).toContain(`已保存。注意：征求期缩短为 ${days} 天，少于 30 天。`);
  });
});

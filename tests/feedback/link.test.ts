import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { draftOpinions, responses, rounds } from '../../src/db/schema';
import { DAY_MS } from '../../src/lib/clock';
import { formatDate } from '../../src/lib/time';
import { daysFromNow, linkedScript, postForm, request, shanghaiLocal, testDeps, testNow } from '../helpers';
import { aRound, anInvitation, invitationRow } from './factories';

/** How the pages show an instant: Shanghai time as YYYY/MM/DD HH:mm. */
const shown = (date: Date) => shanghaiLocal(date).replace('T', ' ').replace(/-/g, '/');

const db = () => testDeps().db;

async function draftsOf(invitationId: string) {
  const response = await db().select().from(responses).where(eq(responses.invitationId, invitationId)).get();
  if (!response) return {};
  const rows = await db().select().from(draftOpinions).where(eq(draftOpinions.responseId, response.id));
  return Object.fromEntries(rows.map((r) => [r.slot, r.text]));
}

describe('a personal link page', () => {
  it('is never cached, indexed or referred on', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await request(link.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(await linkedScript(html)).toContain('/* feedback.js */');
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('shows the round, its deadline in Shanghai time, the contact and every section with a comment field', async () => {
    const round = await aRound({ closesAt: daysFromNow(30, '17:00') });
    const link = await anInvitation(round);
    const html = await (await request(link.path)).text();
    expect(html).toContain('“上海硅巷”三年行动方案征求意见');
    // The deadline with its weekday, in Beijing time (see page-top.test.ts).
    expect(html).toContain(`${formatDate(daysFromNow(30, '17:00'), 'zh-CN')}（`);
    expect(html).toContain('17:00（北京时间）');
    expect(html).toContain('021-52380000');
    const section = round.section('五（二）1');
    expect(html).toContain('五（二）1');
    expect(html).toContain(`name="s_${section.id}"`);
    expect(html).toContain('name="whole"');
    expect(html).toContain('maxlength="5000"');
    expect(html).toContain('最多 5000 个字');
    expect(html).toContain('value="unit_only" checked');
  });

  it('answers an unknown and a revoked token with the same plain 404', async () => {
    const round = await aRound();
    const revoked = await anInvitation(round, undefined, { revoked: true });
    const unknown = await request('/f/not-a-token-at-all');
    const gone = await request(revoked.path);
    expect(unknown.status).toBe(404);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('x-robots-tag')).toBe('noindex');
    const strip = (html: string) => html.replace(/next=[^"]*/g, '');
    expect(strip(await gone.text())).toBe(strip(await unknown.text()));
  });

  it('marks the invitation opened on the first visit only', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    expect((await invitationRow(link.id))!.status).toBe('invited');
    await request(link.path);
    const first = await invitationRow(link.id);
    expect(first!.status).toBe('opened');
    expect(first!.openedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await request(link.path);
    expect((await invitationRow(link.id))!.openedAt).toEqual(first!.openedAt);
  });

  it('says when a round that is not open yet opens', async () => {
    const round = await aRound({ status: 'draft', opensAt: daysFromNow(5, '09:00'), closesAt: daysFromNow(36, '09:00') });
    const link = await anInvitation(round);
    const res = await request(link.path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('征求意见尚未开始');
    expect(html).toContain(shown(daysFromNow(5, '09:00')));
    expect(html).not.toContain('<textarea');
  });
});

describe('saving', () => {
  it('keeps a saved comment for when the stakeholder comes back', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const section = round.section('五（一）1');
    const res = await postForm(link.path, { action: 'save', [`s_${section.id}`]: '建议增加对初创企业的房租补贴。', stance: 'amend' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link.path}?done=saved`);
    const html = await (await request(res.headers.get('location')!)).text();
    expect(html).toContain('建议增加对初创企业的房租补贴。');
    expect(html).toContain('value="amend" checked');
    expect(html).toContain('草稿已于');
    expect((await invitationRow(link.id))!.lastActivityAt).not.toBeNull();
  });

  it('keeps both of two saves sent at once to different sections, on one response', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('一');
    const b = round.section('六');
    const [first, second] = await Promise.all([
      postForm(`${link.path}/autosave`, { [`s_${a.id}`]: '甲' }),
      postForm(`${link.path}/autosave`, { [`s_${b.id}`]: '乙' }),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await draftsOf(link.id)).toEqual({ [a.id]: '甲', [b.id]: '乙' });
    expect(await db().$count(responses, eq(responses.invitationId, link.id))).toBe(1);
  });

  it('does not let a stale tab overwrite a section it did not change', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('一');
    const b = round.section('二');
    // Both tabs load the empty form, with the fingerprints of what they show.
    const page = await (await request(link.path)).text();
    const bases = Object.fromEntries([...page.matchAll(/name="(b_[^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    // Blank sections carry no fields of their own: the form says they were rendered blank.
    expect(bases[`b_s_${a.id}`]).toBeUndefined();
    expect(bases.b__blank).toBe('1');
    await postForm(link.path, { ...bases, action: 'save', [`s_${a.id}`]: '第一个标签页', [`s_${b.id}`]: '' });
    await postForm(link.path, { ...bases, action: 'save', [`s_${a.id}`]: '', [`s_${b.id}`]: '第二个标签页' });
    expect(await draftsOf(link.id)).toEqual({ [a.id]: '第一个标签页', [b.id]: '第二个标签页' });
  });

  it('refuses a too-long comment with everything typed still in the form, and saves nothing', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('二');
    const b = round.section('三');
    const tooLong = '长'.repeat(5001);
    const res = await postForm(link.path, { action: 'save', [`s_${a.id}`]: tooLong, [`s_${b.id}`]: '这段要保留' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('不能超过 5000 个字（现为 5001 个字）');
    expect(html).toContain(tooLong);
    expect(html).toContain('这段要保留');
    expect(html).toContain(`href="#s_${a.id}"`);
    expect(await draftsOf(link.id)).toEqual({});
  });

  it('counts a line break once, as the browser’s maxlength does', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const text = `${'字'.repeat(2500)}\r\n${'字'.repeat(2499)}`;
    const res = await postForm(`${link.path}/autosave`, { whole: text });
    expect(res.status).toBe(200);
    expect((await draftsOf(link.id)).whole).toHaveLength(5000);
  });

  it('answers autosave with JSON naming the revision and the time saved', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const first = await (await postForm(`${link.path}/autosave`, { whole: '一' })).json<{ ok: boolean; revision: number; savedAt: string }>();
    const second = await (await postForm(`${link.path}/autosave`, { whole: '一二' })).json<{ ok: boolean; revision: number }>();
    expect(first.ok).toBe(true);
    expect(second.revision).toBe(first.revision + 1);
    expect(Number.isNaN(Date.parse(first.savedAt))).toBe(false);
  });
});

describe('a closed round', () => {
  it('shows what was submitted, read-only, with the closing date', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const section = round.section('四');
    await postForm(link.path, { action: 'submit', [`s_${section.id}`]: '目标应量化。' });
    await db()
      .update(rounds)
      .set({ status: 'closed', closedAt: daysFromNow(-3, '10:00'), closesAt: daysFromNow(0, '10:00') })
      .where(eq(rounds.id, round.id));
    const res = await request(link.path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('本轮征求意见已结束');
    expect(html).toContain(shown(daysFromNow(-3, '10:00')));
    expect(html).toContain('目标应量化。');
    expect(html).not.toContain('<textarea');
  });

  it('refuses a save after the close with a clear message, keeps what was typed on screen and changes nothing', async () => {
    const round = await aRound({ closesAt: new Date(testNow().getTime() - DAY_MS), opensAt: new Date(testNow().getTime() - 30 * DAY_MS) });
    const link = await anInvitation(round);
    const section = round.section('四');
    const res = await postForm(link.path, { action: 'save', [`s_${section.id}`]: '来晚了的意见' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('无法再保存或提交');
    expect(html).toContain('来晚了的意见');
    expect(await db().$count(responses, eq(responses.invitationId, link.id))).toBe(0);
    const auto = await postForm(`${link.path}/autosave`, { whole: 'x' });
    expect(auto.status).toBe(409);
    expect(((await auto.json()) as { error: { code: string } }).error.code).toBe('round_closed');
  });
});

/** The top of a feedback page on a phone: who asks, until when, whom to call; the draft's length and tools. */
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { officeSettings, rounds } from '../../src/db/schema';
import { daysFromNow, fixedClock, request, testDeps, useAppClock } from '../helpers';
import { aRound, anInvitation } from './factories';

const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const shanghaiWeekday = (date: Date) => new Date(date.getTime() + 8 * 3600_000).getUTCDay();
const shanghaiDay = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function setOffice(fields: Partial<typeof officeSettings.$inferInsert>) {
  const row = { officeName: '长宁区科学技术协会', contactName: '李老师', contactPhone: '021-62510000', address: '长宁区长宁路 1 号', ...fields, updatedAt: new Date() };
  await testDeps().db.insert(officeSettings).values({ id: 'office', ...row }).onConflictDoUpdate({ target: officeSettings.id, set: row });
}

async function pageOf(path: string, headers: Record<string, string> = {}) {
  const res = await request(path, { headers });
  expect(res.status).toBe(200);
  return res.text();
}

/** The top facts only (the contact block at the foot of the page names the contact too). */
const topOf = (html: string) => /<dl class="facts fb-facts fb-top">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';

describe('the top of the feedback page', () => {
  it('names the consulting office and the round’s contact, with a number a phone can dial', async () => {
    await setOffice({});
    const round = await aRound();
    const link = await anInvitation(round);
    const top = topOf(await pageOf(link.path));
    expect(top).toContain('征求意见单位');
    expect(top).toContain('长宁区科学技术协会');
    expect(top).toContain('张老师');
    expect(top).toContain('<a href="tel:02152380000"');
  });

  it('falls back to the office’s contact when the round names none', async () => {
    await setOffice({});
    const round = await aRound();
    await testDeps().db.update(rounds).set({ contactName: '', contactPhone: '', contactAddress: '' }).where(eq(rounds.id, round.id));
    const link = await anInvitation(round);
    const html = await pageOf(link.path);
    expect(topOf(html)).toContain('李老师');
    expect(topOf(html)).toContain('href="tel:02162510000"');
    expect(html).toContain('长宁区长宁路 1 号');
  });

  it('gives the deadline with its weekday in Beijing time and the days left', async () => {
    useAppClock(fixedClock(daysFromNow(0, '10:00')));
    const closesAt = daysFromNow(12, '17:00');
    const round = await aRound({ closesAt });
    const link = await anInvitation(round);
    const top = topOf(await pageOf(link.path));
    expect(top).toContain(`（${ZH_WEEKDAYS[shanghaiWeekday(closesAt)]}）17:00（北京时间）`);
    expect(top).toContain('还剩 12 天');

    const english = topOf(await pageOf(link.path, { cookie: 'lang=en' }));
    expect(english).toContain(`${EN_WEEKDAYS[shanghaiWeekday(closesAt)]} ${shanghaiDay(closesAt)}, 17:00 (Beijing time)`);
    expect(english).toContain('12 days left');
  });

  it('says 今天截止 on the closing day, whatever the hour, and 明天截止 the day before', async () => {
    const round = await aRound({ closesAt: daysFromNow(1, '09:00') });
    const link = await anInvitation(round);
    useAppClock(fixedClock(daysFromNow(0, '23:30')));
    expect(topOf(await pageOf(link.path))).toContain('明天截止');
    useAppClock(fixedClock(daysFromNow(1, '00:10')));
    expect(topOf(await pageOf(link.path))).toContain('今天截止');
  });
});

describe('the draft’s length and tools', () => {
  it('says how many sections and characters the draft has', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const chars = round.sections.reduce((sum, s) => sum + [...`${s.number}${s.heading}${s.body}`.replace(/\s+/g, '')].length, 0);
    const html = await pageOf(link.path);
    expect(html).toContain(`全文共 ${round.sections.length} 节，${chars.toLocaleString('zh-CN')} 字。`);
  });

  it('offers open-all (a link that works without scripts), print and a Word download', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await pageOf(link.path);
    expect(html).toContain(`href="${link.path}?expand=all#fb-draft"`);
    expect(html).toMatch(/<button type="button" class="button button--quiet" data-print(="[^"]*")? hidden/);
    expect(html).toContain(`href="${link.path}/draft.docx"`);
    // A long draft folds into its headings; the open-all link brings every section back open.
    const folded = (html.match(/<details class="fb-section[^"]*">/g) ?? []).length;
    expect(folded).toBeGreaterThan(0);
    const all = await pageOf(`${link.path}?expand=all`);
    expect(all.match(/<details class="fb-section[^"]*">/g) ?? []).toEqual([]);
    expect(all.match(/<details class="fb-section[^"]*" open="">/g)).toHaveLength(round.sections.length);
  });

  it('downloads the draft as a Word document holding every section', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await request(`${link.path}/draft.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain('attachment;');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
    const section = round.section('五（二）1');
    expect(xml).toContain(section.heading);
    expect(xml).toContain(section.body.split('\n')[0]!.slice(0, 20));
  });

  it('does not hand out the draft of a round that has not opened', async () => {
    const round = await aRound({ status: 'draft', opensAt: daysFromNow(3, '09:00'), closesAt: daysFromNow(30, '09:00') });
    const link = await anInvitation(round);
    expect((await request(`${link.path}/draft.docx`)).status).toBe(404);
  });
});

describe('the overall stance', () => {
  it('is asked before the draft, each choice with a line saying what it means', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await pageOf(link.path);
    expect(html.indexOf('<fieldset id="stance"')).toBeGreaterThan(0);
    expect(html.indexOf('<fieldset id="stance"')).toBeLessThan(html.indexOf('id="fb-draft"'));
    expect(html).toMatch(/基本同意<span class="fb-radio__explain">总体赞成，有个别文字或细节上的建议。<\/span>/);
    expect(html).toMatch(/有修改意见<span class="fb-radio__explain">[^<]+<\/span>/);
  });
});

describe('the autosave status', () => {
  it('sits in the sticky bar with the buttons, and knows how to say "offline" in the page’s language', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await pageOf(link.path);
    const bar = /<div class="fb-bar">([\s\S]*?)<\/div>\s*<\/div>/.exec(html)?.[1] ?? '';
    expect(bar).toContain('id="fb-autosave-status"');
    expect(bar).toContain('name="action" value="submit"');
    expect(bar).toContain('data-offline="网络已断开，修改保留在本页，恢复联网后自动保存。');
    const english = await pageOf(link.path, { cookie: 'lang=en' });
    expect(english).toContain('data-offline="You are offline.');
    expect(english).not.toContain('Failed to fetch');
  });
});

describe('the open link', () => {
  it('has the same top and tools, and its draft downloads in Word', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const html = await pageOf(`/o/${token}`);
    expect(topOf(html)).toMatch(/还剩 \d+ 天/);
    expect(html).toContain(`href="/o/${token}/draft.docx"`);
    expect(html.indexOf('<fieldset id="stance"')).toBeLessThan(html.indexOf('id="fb-draft"'));
    const res = await request(`/o/${token}/draft.docx`);
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain(round.section('五（二）1').heading);
    expect((await request('/o/no-such-token/draft.docx')).status).toBe(404);
  });
});

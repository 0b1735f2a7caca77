import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, rounds, roundSections } from '../../src/db/schema';
import { demoFileText } from '../../src/dev/demo-data';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { createRound } from '../../src/features/rounds/service';
import { DAY_MS } from '../../src/lib/clock';
import { toShanghaiLocalInput } from '../../src/lib/time';
import { sha256Hex } from '../../src/lib/tokens';
import { BASE_URL, daysFromNow, postForm, request, shanghaiLocal, signedInAs, testDeps, testNow } from '../helpers';
import { anOpenRound, aStakeholder, roundInput, uniqueTag } from './factories';

const local = (days: number) => toShanghaiLocalInput(new Date(testNow().getTime() + days * DAY_MS));

function roundForm(overrides: Record<string, string | string[]> = {}) {
  return {
    title: '三年行动方案（第一轮）',
    purpose: '征求各部门意见',
    draft: demoFileText('draftActionPlan'),
    opensAt: local(0),
    closesAt: local(14),
    contactName: '王老师',
    contactPhone: '021-52380000',
    contactAddress: '',
    categories: ['street', 'department'],
    tags: '硅巷，孵化',
    intent: 'save',
    ...overrides,
  };
}

describe('the round form', () => {
  it('previews the section tree without saving, then saves the draft with its audience', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `表单-${uniqueTag()}`;
    const preview = await postForm('/rounds', roundForm({ title, intent: 'preview' }), { cookie });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('章节预览');
    expect(html).toContain('五（一）1');
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);

    const saved = await postForm('/rounds', roundForm({ title }), { cookie });
    expect(saved.status).toBe(303);
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!;
    // Fourteen days is under the usual thirty: the save says so.
    expect(saved.headers.get('location')).toBe(`/rounds/${row.id}?done=createdShort&days=14`);
    expect(row.audience).toEqual({ categories: ['street', 'department'], tags: ['硅巷', '孵化'], stakeholderIds: [] });
    expect(row.closesAt.getTime() - row.opensAt.getTime()).toBe(14 * DAY_MS);
  });

  it('keeps what was typed and names the field when input is bad', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `坏-${uniqueTag()}`;
    const res = await postForm('/rounds', roundForm({ title, closesAt: 'tomorrow' }), { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请输入有效的日期和时间');
    expect(html).toContain(`value="${title}"`);
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);
  });

  it('reads an uploaded .md draft in place of the pasted text', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `上传-${uniqueTag()}`;
    const body = new FormData();
    for (const [key, value] of Object.entries(roundForm({ title, draft: '' }))) for (const v of [value].flat()) body.append(key, v);
    body.append('draftFile', new File([demoFileText('draftActionPlan')], 'plan.md', { type: 'text/markdown' }));
    const res = await request('/rounds', { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    expect(res.status).toBe(303);
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!;
    const sections = await testDeps().db.select().from(roundSections).where(eq(roundSections.roundId, row.id));
    expect(sections.some((s) => s.number === '六')).toBe(true);
  });

  it('reads an uploaded Word draft, and refuses a file that only pretends to be one, keeping what was typed', async () => {
    const { cookie } = await signedInAs('organizer');
    const send = async (title: string, file: File) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(roundForm({ title, draft: '' }))) for (const v of [value].flat()) body.append(key, v);
      body.append('draftFile', file);
      return request('/rounds', { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    };
    const word = new Document({
      sections: [{ children: [new Paragraph({ text: '一、建设基础', heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: '划定硅巷四至范围。' }), new Paragraph({ text: '二、指导思想', heading: HeadingLevel.HEADING_1 })] }],
    });
    const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const title = `Word-${uniqueTag()}`;
    expect((await send(title, new File([await Packer.toArrayBuffer(word)], '方案.docx', { type: docxType }))).status).toBe(303);
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!;
    const sections = await testDeps().db.select().from(roundSections).where(eq(roundSections.roundId, row.id));
    expect(sections.map((s) => [s.number, s.heading, s.body])).toEqual([
      ['一', '建设基础', '划定硅巷四至范围。'],
      ['二', '指导思想', ''],
    ]);

    const fake = `假的-${uniqueTag()}`;
    const refused = await send(fake, new File(['一、不是 Word'], 'fake.docx', { type: docxType }));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Word .docx 文件（不超过 5 MB）');
    expect(html).toContain(`value="${fake}"`);
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, fake))).toHaveLength(0);
  });
});

describe('opening and editing from the pages', () => {
  it('asks for a reason when the period is under 30 days, changes nothing without it, and keeps it', async () => {
    const deps = testDeps();
    const created = await createRound(deps, null, roundInput({ closesAt: new Date(testNow().getTime() + 10 * DAY_MS) }));
    const id = created.ok ? created.value.id : '';
    const { cookie } = await signedInAs('organizer');
    const form = await request(`/rounds/${id}/open`, { headers: { cookie } });
    expect(await form.text()).toContain('征求期不足 30 天的理由');
    const refused = await postForm(`/rounds/${id}/open`, { shortPeriodReason: '', confirm: '1' }, { cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('征求期不足 30 天，请说明理由。');
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!.status).toBe('draft');
    const opened = await postForm(`/rounds/${id}/open`, { shortPeriodReason: '年底前须报区政府', confirm: '1' }, { cookie });
    expect(opened.status).toBe(303);
    const page = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(page).toContain('年底前须报区政府');
  });

  it('lets only the close time and contact change once open', async () => {
    const deps = testDeps();
    const id = await anOpenRound(deps);
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${id}`, { title: '改了标题', closesAt: local(50), contactName: '李老师', contactPhone: '', contactAddress: '' }, { cookie });
    expect(res.status).toBe(303);
    const row = (await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!;
    expect(row.title).toBe('三年行动方案征求意见');
    expect(row.contactName).toBe('李老师');
  });

  it('copies a round into a new draft with the same audience and the previous round linked', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    const id = await anOpenRound(deps, { audience: { categories: ['expert'], tags: [tag], stakeholderIds: [] } });
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${id}/copy`, {}, { cookie });
    expect(res.status).toBe(303);
    const copyId = /\/rounds\/([^/]+)\/edit/.exec(res.headers.get('location')!)![1]!;
    const copy = (await deps.db.select().from(rounds).where(eq(rounds.id, copyId)).get())!;
    expect(copy).toMatchObject({ status: 'draft', previousRoundId: id, audience: { categories: ['expert'], tags: [tag], stakeholderIds: [] } });
  });
});

describe('the round page and its board', () => {
  it('shows counts, an accessible SVG chart, the invitees and opinions by section', async () => {
    const deps = testDeps();
    const tag = uniqueTag();
    await aStakeholder(deps, { tags: [tag], name: '陈海燕', category: 'street' });
    const id = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
    await sendInvitations(deps, null, id);
    const { cookie } = await signedInAs('viewer');
    const html = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(html).toContain('<svg');
    expect(html).toContain('<title id="funnel-title">各类别反馈情况</title>');
    expect(html).toContain('陈海燕');
    expect(html).toContain('整体意见');
    // A viewer sees no buttons that change anything.
    expect(html).not.toContain('/reminders');
    expect(html).not.toContain(`/rounds/${id}/close`);
  });

  it('logs an offline opinion from the form, refuses a too long one keeping the text, and lists it in the contact log', async () => {
    const deps = testDeps();
    const person = await aStakeholder(deps, { name: '周立群' });
    const id = await anOpenRound(deps);
    const { cookie } = await signedInAs('organizer');
    const long = '很'.repeat(5001);
    const refused = await postForm(`/rounds/${id}/opinions`, { stakeholderId: person.id, channel: 'phone', heardAt: shanghaiLocal(daysFromNow(-2, '10:00')), sectionId: 'whole', text: long }, { cookie });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('不能超过 5000 个字符');
    expect(html).toContain(long);
    const ok = await postForm(`/rounds/${id}/opinions`, { stakeholderId: person.id, channel: 'in_person', heardAt: shanghaiLocal(daysFromNow(-2, '10:00')), sectionId: 'whole', text: '当面听取：赞成' }, { cookie });
    expect(ok.status).toBe(303);
    const stored = await deps.db.select().from(opinions).where(eq(opinions.roundId, id));
    expect(stored.map((o) => [o.channel, o.heardAt.toISOString()])).toEqual([['in_person', daysFromNow(-2, '10:00').toISOString()]]);
    const log = await (await request(`/rounds/contacts/${person.id}`, { headers: { cookie } })).text();
    expect(log).toContain('当面听取：赞成');
    expect(log).toContain('当面');
  });

  it('shows a new open link with its QR code once, storing only its hash', async () => {
    const deps = testDeps();
    const id = await anOpenRound(deps);
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${id}/open-link`, {}, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const token = /https:\/\/roundtable\.test\/o\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    expect(html).toContain('<svg');
    const row = (await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!;
    expect(row.openLinkTokenHash).toBe(await sha256Hex(token));
    const later = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(later).not.toContain(token);
    await postForm(`/rounds/${id}/open-link/disable`, {}, { cookie });
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!.openLinkTokenHash).toBeNull();
  });
});

describe('who may use the round pages', () => {
  it('sends anonymous visitors to sign in, lets viewers read and refuses them changes', async () => {
    const deps = testDeps();
    const id = await anOpenRound(deps);
    const anonymous = await request('/rounds');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/auth/sign-in');
    const { cookie } = await signedInAs('viewer');
    for (const path of ['/rounds', `/rounds/${id}`, `/rounds/${id}/audience`]) expect((await request(path, { headers: { cookie } })).status).toBe(200);
    for (const path of ['/rounds/new', `/rounds/${id}/edit`, `/rounds/${id}/opinions/new`, `/rounds/${id}/open`]) expect((await request(path, { headers: { cookie } })).status).toBe(403);
    for (const path of ['/rounds', `/rounds/${id}/close`, `/rounds/${id}/invitations`, `/rounds/${id}/copy`, `/rounds/${id}/open-link`, `/rounds/${id}/reminders`]) {
      expect((await postForm(path, {}, { cookie })).status).toBe(403);
    }
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, id)).get())!.status).toBe('open');
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, outbox, responses, stakeholders } from '../../src/db/schema';
import { postForm, request, testDeps } from '../helpers';
import { aRound, aStakeholder } from './factories';

const db = () => testDeps().db;
let ipCounter = 0;
const anIp = () => `203.0.113.${++ipCounter}`;

describe('the open link', () => {
  it('asks who is commenting and shows every section with a comment field', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const res = await request(`/o/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = await res.text();
    for (const name of ['name', 'organization', 'category', 'email', 'website']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain(`name="s_${round.section('五（六）2').id}"`);
  });

  it('submits at once as open-link feedback, linked to a directory stakeholder by email but creating none', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const known = await aStakeholder({ category: 'young_entrepreneur', email: `ye-${crypto.randomUUID().slice(0, 6)}@example.org` });
    const before = await db().$count(stakeholders);
    const section = round.section('五（五）1');
    const res = await postForm(
      `/o/${token}`,
      { name: '陈家明', organization: '港湾机器人', category: 'young_entrepreneur', email: known.email!.toUpperCase(), [`s_${section.id}`]: '希望简化人才公寓申请。', stance: 'amend' },
      { 'cf-connecting-ip': anIp() },
    );
    expect(res.status).toBe(303);
    expect(await (await request(res.headers.get('location')!)).text()).toContain('感谢您的意见');

    const response = await db().select().from(responses).where(eq(responses.roundId, round.id)).get();
    expect(response).toMatchObject({ invitationId: null, stakeholderId: known.id, status: 'submitted', respondentName: '陈家明', publication: 'anonymous', stance: 'amend' });
    const given = await db().select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({ channel: 'open_link', sectionId: section.id, authorName: '陈家明', authorOrganization: '港湾机器人', stakeholderId: known.id });
    expect(await db().$count(stakeholders)).toBe(before);
    expect(await db().$count(outbox, eq(outbox.roundId, round.id))).toBe(1);
  });

  it('sends no mail to an address that is not in the directory', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    await postForm(`/o/${token}`, { name: '路人', category: 'other', email: 'stranger@example.net', whole: '支持。' }, { 'cf-connecting-ip': anIp() });
    expect(await db().$count(opinions, eq(opinions.roundId, round.id))).toBe(1);
    expect(await db().$count(outbox, eq(outbox.roundId, round.id))).toBe(0);
  });

  it('refuses a submission without a name, keeping what was typed', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const res = await postForm(`/o/${token}`, { name: '', category: 'expert', whole: '这段话不能丢。' }, { 'cf-connecting-ip': anIp() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('此项为必填项');
    expect(html).toContain('这段话不能丢。');
    expect(await db().$count(responses, eq(responses.roundId, round.id))).toBe(0);
  });

  it('keeps nothing a bot leaves in the trap field', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const res = await postForm(`/o/${token}`, { name: 'bot', category: 'other', whole: 'spam', website: 'http://spam.example' }, { 'cf-connecting-ip': anIp() });
    expect(res.status).toBe(303);
    expect(await db().$count(responses, eq(responses.roundId, round.id))).toBe(0);
  });

  it('answers 429 stating the limit after ten submissions from one address in ten minutes', async () => {
    const token = `open-${crypto.randomUUID()}`;
    const round = await aRound({ openLinkToken: token });
    const ip = anIp();
    for (let i = 0; i < 10; i++) {
      const ok = await postForm(`/o/${token}`, { name: `人${i}`, category: 'other', whole: `意见${i}` }, { 'cf-connecting-ip': ip });
      expect(ok.status).toBe(303);
    }
    const res = await postForm(`/o/${token}`, { name: '第十一', category: 'other', whole: '超出' }, { 'cf-connecting-ip': ip });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('10 分钟内最多提交 10 次');
    expect(await db().$count(responses, eq(responses.roundId, round.id))).toBe(10);
    const other = await postForm(`/o/${token}`, { name: '别处', category: 'other', whole: '另一网络' }, { 'cf-connecting-ip': anIp() });
    expect(other.status).toBe(303);
  });

  it('answers an unknown open link with 404', async () => {
    expect((await request('/o/unknown-open-link')).status).toBe(404);
  });
});

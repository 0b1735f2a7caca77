import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, outbox, responses, stakeholders } from '../../src/db/schema';
import { EMAIL_CONFIRM_HOURS, EMAIL_CONFIRM_KIND, EMAIL_CONFIRM_MAILS_PER_DAY } from '../../src/features/feedback/open-confirmation';
import { OPEN_LINK_ADDRESS_LIMIT, openLinkRules } from '../../src/features/feedback/open-link';
import { HOUR_MS, MINUTE_MS } from '../../src/lib/clock';
import { hitRateLimits } from '../../src/lib/rate-limit';
import { sha256Hex } from '../../src/lib/tokens';
import { bearerFor, daysFromNow, fixedClock, postForm, request, signedInAs, testDeps, testNow, useAppClock } from '../helpers';
import { aRound, aStakeholder } from './factories';

const db = () => testDeps().db;
let ipCounter = 0;
const anIp = () => `203.0.113.${++ipCounter}`;
const confirmLinkRe = /https:\/\/roundtable\.test\/o\/confirm\/([A-Za-z0-9_-]+)/;

/** A round open for two weeks around the test's now, with an open link. */
async function anOpenRound(overrides: Parameters<typeof aRound>[0] = {}) {
  const token = `open-${crypto.randomUUID()}`;
  const round = await aRound({ openLinkToken: token, opensAt: daysFromNow(-1), closesAt: daysFromNow(14), ...overrides });
  return { ...round, token, path: `/o/${token}` };
}

/** The idempotency key a freshly rendered form carries. */
async function formKey(path: string): Promise<string> {
  const html = await (await request(path)).text();
  return html.match(/name="submission" value="([A-Za-z0-9_-]+)"/)![1]!;
}

const roundResponses = (roundId: string) => db().select().from(responses).where(eq(responses.roundId, roundId));

describe('the open link', () => {
  it('asks who is commenting and shows every section with a comment field and a submission key', async () => {
    const round = await anOpenRound();
    const res = await request(round.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = await res.text();
    for (const name of ['name', 'organization', 'category', 'email', 'website', 'submission']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain(`name="s_${round.section('五（六）2').id}"`);
    expect(await formKey(round.path)).not.toBe(await formKey(round.path));
  });

  it('keeps nothing a bot leaves in the trap field', async () => {
    const round = await anOpenRound();
    const res = await postForm(round.path, { name: 'bot', category: 'other', whole: 'spam', website: 'http://spam.example' }, { 'cf-connecting-ip': anIp() });
    expect(res.status).toBe(303);
    expect(await roundResponses(round.id)).toHaveLength(0);
  });

  it('answers an unknown open link with 404', async () => {
    expect((await request('/o/unknown-open-link')).status).toBe(404);
  });
});

describe('a second press of submit', () => {
  it('is one submission answered with the same receipt (Back and submit again)', async () => {
    const round = await anOpenRound();
    const fields = { name: '陈家明', category: 'expert', whole: '建议增加中期评估。', submission: await formKey(round.path) };
    const first = await postForm(round.path, fields, { 'cf-connecting-ip': anIp() });
    const again = await postForm(round.path, fields, { 'cf-connecting-ip': anIp() });
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    const [given] = await roundResponses(round.id);
    expect(await roundResponses(round.id)).toHaveLength(1);
    expect(first.headers.get('location')).toContain(`receipt=${given!.id}`);
    expect(again.headers.get('location')).toContain(`receipt=${given!.id}`);

    const receipt = await (await request(again.headers.get('location')!)).text();
    expect(receipt).toContain('感谢您的意见');
    expect(receipt).toContain(`回执编号：${given!.id.slice(-8)}`);
    expect(receipt).toContain('这份意见已经收到，没有重复提交。');
  });

  it('is one submission even when both presses arrive at once (double tap)', async () => {
    const round = await anOpenRound();
    const fields = { name: '林', category: 'other', whole: '双击也只算一次。', submission: await formKey(round.path) };
    const ip = anIp();
    const answers = await Promise.all([postForm(round.path, fields, { 'cf-connecting-ip': ip }), postForm(round.path, fields, { 'cf-connecting-ip': ip })]);
    expect(answers.map((r) => r.status)).toEqual([303, 303]);
    expect(await roundResponses(round.id)).toHaveLength(1);
    expect(await db().$count(opinions, eq(opinions.roundId, round.id))).toBe(1);
    expect(answers[0]!.headers.get('location')!.split('&again')[0]).toBe(answers[1]!.headers.get('location')!.split('&again')[0]);
  });

  it('does not merge two people who each load the form', async () => {
    const round = await anOpenRound();
    const ip = anIp();
    await postForm(round.path, { name: '甲', category: 'other', whole: '一', submission: await formKey(round.path) }, { 'cf-connecting-ip': ip });
    await postForm(round.path, { name: '乙', category: 'other', whole: '二', submission: await formKey(round.path) }, { 'cf-connecting-ip': ip });
    expect(await roundResponses(round.id)).toHaveLength(2);
  });
});

describe('limits on the open link', () => {
  it('takes the 11th and the 200th person on one Wi-Fi at a briefing', async () => {
    const round = await anOpenRound();
    const ip = anIp();
    for (let i = 0; i < 200; i++) {
      const res = await postForm(round.path, { name: `听众${i}`, category: 'other', whole: `意见${i}` }, { 'cf-connecting-ip': ip });
      expect(res.status).toBe(303);
    }
    expect(await roundResponses(round.id)).toHaveLength(200);
  }, 60_000);

  it('refuses one address past its cap with the limit stated, keeping every word typed, and lets others through', async () => {
    const round = await anOpenRound();
    const ip = anIp();
    // Early in a counting window, so that the test cannot straddle two.
    const windowMs = OPEN_LINK_ADDRESS_LIMIT.windowMinutes * MINUTE_MS;
    const clock = fixedClock(new Date(testNow().getTime() - (testNow().getTime() % windowMs) + MINUTE_MS));
    useAppClock(clock);
    const deps = testDeps(clock);
    // The address's earlier submissions, counted in one batch on the same counter the route uses.
    const [, perAddress] = await openLinkRules(round.token, ip);
    await hitRateLimits(deps.d1, deps.clock, Array(OPEN_LINK_ADDRESS_LIMIT.limit).fill(perAddress));

    const section = round.section('五（五）1');
    const res = await postForm(
      round.path,
      { name: '超出者', organization: '某单位', category: 'expert', email: 'late@example.net', [`s_${section.id}`]: '这段话不能因为限流而丢失。', submission: await formKey(round.path) },
      { 'cf-connecting-ip': ip },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(OPEN_LINK_ADDRESS_LIMIT.windowMinutes * 60));
    const html = await res.text();
    expect(html).toContain(`最多 ${OPEN_LINK_ADDRESS_LIMIT.limit} 次`);
    for (const typed of ['这段话不能因为限流而丢失。', '超出者', '某单位', 'late@example.net']) expect(html).toContain(typed);
    expect(html).toContain('type="submit"');
    expect(await roundResponses(round.id)).toHaveLength(0);

    expect((await postForm(round.path, { name: '别处', category: 'other', whole: '另一网络' }, { 'cf-connecting-ip': anIp() })).status).toBe(303);
  });

  it('counts only a hash of the link, never the token', async () => {
    const round = await anOpenRound();
    await postForm(round.path, { name: '某人', category: 'other', whole: '意见' }, { 'cf-connecting-ip': anIp() });
    const keys = await env.DB.prepare("SELECT key FROM rate_limit_hits WHERE key LIKE 'open_link:%'").all<{ key: string }>();
    expect(keys.results.length).toBeGreaterThan(0);
    expect(keys.results.every((k) => !k.key.includes(round.token))).toBe(true);
  });
});

describe('refusals keep what was typed', () => {
  it('refuses a submission without a name, keeping the text and the submission key', async () => {
    const round = await anOpenRound();
    const key = await formKey(round.path);
    const res = await postForm(round.path, { name: '', category: 'expert', whole: '这段话不能丢。', submission: key }, { 'cf-connecting-ip': anIp() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('此项为必填项');
    expect(html).toContain('这段话不能丢。');
    expect(html).toContain(`value="${key}"`);
    expect(await roundResponses(round.id)).toHaveLength(0);
  });

  it('refuses a round that closed while the person typed, showing the closing time and the text to copy', async () => {
    const clock = fixedClock();
    const round = await anOpenRound({ closesAt: new Date(clock().getTime() + HOUR_MS) });
    useAppClock(clock);
    const key = await formKey(round.path);
    clock.advance(2 * HOUR_MS);
    const res = await postForm(round.path, { name: '迟到者', category: 'street', whole: '会后才写完的意见。', submission: key }, { 'cf-connecting-ip': anIp() });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('本轮征求意见已于');
    expect(html).toContain('会后才写完的意见。');
    expect(html).toContain('迟到者');
    expect(html).not.toContain('type="submit"');
    expect(await roundResponses(round.id)).toHaveLength(0);
  });
});

describe('a typed email address on the open link', () => {
  async function submitAs(round: Awaited<ReturnType<typeof anOpenRound>>, email: string, text = '希望简化人才公寓申请。') {
    const section = round.section('五（五）1');
    return postForm(
      round.path,
      { name: '陈家明', organization: '港湾机器人', category: 'young_entrepreneur', email, [`s_${section.id}`]: text, stance: 'amend', submission: await formKey(round.path) },
      { 'cf-connecting-ip': anIp() },
    );
  }
  const confirmMail = async (roundId: string) => db().select().from(outbox).where(and(eq(outbox.roundId, roundId), eq(outbox.kind, EMAIL_CONFIRM_KIND))).get();

  it('attributes nothing to the directory member and mails them only a request to confirm, without the typed text', async () => {
    const round = await anOpenRound();
    const known = await aStakeholder({ category: 'young_entrepreneur', email: `ye-${crypto.randomUUID().slice(0, 6)}@example.org` });
    const before = await db().$count(stakeholders);
    expect((await submitAs(round, known.email!.toUpperCase(), '这句话只属于网页，不进邮件。')).status).toBe(303);

    const [response] = await roundResponses(round.id);
    expect(response).toMatchObject({ invitationId: null, stakeholderId: null, respondentEmail: known.email, emailConfirmedAt: null, respondentName: '陈家明' });
    const [given] = await db().select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(given).toMatchObject({ channel: 'open_link', stakeholderId: null, authorName: '陈家明' });
    expect(await db().$count(stakeholders)).toBe(before);

    const mails = await db().select().from(outbox).where(eq(outbox.roundId, round.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: EMAIL_CONFIRM_KIND, toEmail: known.email });
    for (const body of [mails[0]!.html, mails[0]!.text, mails[0]!.subject]) {
      expect(body).not.toContain('这句话只属于网页');
      expect(body).not.toContain('陈家明');
      expect(body).not.toContain('港湾机器人');
    }
    const token = mails[0]!.text.match(confirmLinkRe)![1]!;
    expect(response!.emailConfirmTokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(response)).not.toContain(token);
  });

  it('sends no mail at all to an address that is not in the directory', async () => {
    const round = await anOpenRound();
    await submitAs(round, 'stranger@example.net');
    expect(await db().$count(opinions, eq(opinions.roundId, round.id))).toBe(1);
    expect(await db().$count(outbox, eq(outbox.roundId, round.id))).toBe(0);
    expect((await roundResponses(round.id))[0]).toMatchObject({ respondentEmail: 'stranger@example.net', stakeholderId: null });
  });

  it('is confirmed by POST only (GET shows what was given), then attributed and marked as confirmed', async () => {
    const round = await anOpenRound();
    const known = await aStakeholder({ email: `c-${crypto.randomUUID().slice(0, 6)}@example.org` });
    await submitAs(round, known.email!, '请把孵化器补贴写清楚。');
    const token = (await confirmMail(round.id))!.text.match(confirmLinkRe)![1]!;

    const page = await request(`/o/confirm/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('请把孵化器补贴写清楚。');
    expect(html).toContain(`action="/o/confirm/${token}"`);
    expect((await roundResponses(round.id))[0]!.stakeholderId).toBeNull();

    const confirmed = await postForm(`/o/confirm/${token}`, {});
    expect(confirmed.status).toBe(303);
    expect(await (await request(confirmed.headers.get('location')!)).text()).toContain('已确认');
    const [response] = await roundResponses(round.id);
    expect(response!.stakeholderId).toBe(known.id);
    expect(response!.emailConfirmedAt).not.toBeNull();
    expect((await db().select().from(opinions).where(eq(opinions.roundId, round.id)))[0]!.stakeholderId).toBe(known.id);

    const twice = await postForm(`/o/confirm/${token}`, {});
    expect(twice.status).toBe(200);
    expect(await request('/o/confirm/not-a-real-token')).toHaveProperty('status', 404);
  });

  it('cannot be confirmed once the link has expired', async () => {
    const clock = fixedClock();
    useAppClock(clock);
    const round = await anOpenRound();
    const known = await aStakeholder({ email: `x-${crypto.randomUUID().slice(0, 6)}@example.org` });
    await submitAs(round, known.email!);
    const token = (await confirmMail(round.id))!.text.match(confirmLinkRe)![1]!;
    // The app's clock runs on from each request's start, so step well past the expiry.
    clock.advance(EMAIL_CONFIRM_HOURS * HOUR_MS + 60_000);
    const res = await postForm(`/o/confirm/${token}`, {});
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('已过期');
    expect((await roundResponses(round.id))[0]).toMatchObject({ stakeholderId: null, emailConfirmedAt: null });
  });

  it('sends one person at most the daily number of requests however often their address is typed', async () => {
    const round = await anOpenRound();
    const known = await aStakeholder({ email: `m-${crypto.randomUUID().slice(0, 6)}@example.org` });
    for (let i = 0; i <= EMAIL_CONFIRM_MAILS_PER_DAY; i++) expect((await submitAs(round, known.email!, `第${i}条`)).status).toBe(303);
    expect(await roundResponses(round.id)).toHaveLength(EMAIL_CONFIRM_MAILS_PER_DAY + 1);
    expect(await db().$count(outbox, and(eq(outbox.roundId, round.id), eq(outbox.toEmail, known.email!)))).toBe(EMAIL_CONFIRM_MAILS_PER_DAY);
  });

  it('shows staff the unconfirmed state: "confirmed": false in the API, a badge on the triage page', async () => {
    const round = await anOpenRound();
    const known = await aStakeholder({ email: `a-${crypto.randomUUID().slice(0, 6)}@example.org` });
    await submitAs(round, known.email!, '待确认的意见');
    await postForm(round.path, { name: '无邮箱', category: 'other', whole: '没有填写邮箱' }, { 'cf-connecting-ip': anIp() });
    const { authorization } = await bearerFor('viewer');
    type Item = { text: string; confirmed: boolean | null; stakeholderId: string | null };
    const list = async () => ((await (await request(`/api/v1/rounds/${round.id}/opinions`, { headers: { authorization } })).json()) as { items: Item[] }).items;
    const summary = async () => ((await (await request(`/api/v1/rounds/${round.id}/summary`, { headers: { authorization } })).json()) as { opinions: Item[] }).opinions;

    const byText = (items: Item[]) => Object.fromEntries(items.map((o) => [o.text, o.confirmed]));
    expect(byText(await list())).toEqual({ 待确认的意见: false, 没有填写邮箱: null });
    expect(byText(await summary())).toEqual({ 待确认的意见: false, 没有填写邮箱: null });
    const { cookie } = await signedInAs('viewer');
    expect(await (await request(`/rounds/${round.id}/triage`, { headers: { cookie } })).text()).toContain('邮箱未确认');

    const token = (await confirmMail(round.id))!.text.match(confirmLinkRe)![1]!;
    await postForm(`/o/confirm/${token}`, {});
    expect(byText(await list())).toEqual({ 待确认的意见: true, 没有填写邮箱: null });
    expect(byText(await summary())).toEqual({ 待确认的意见: true, 没有填写邮箱: null });
    expect((await list()).find((o) => o.text === '待确认的意见')!.stakeholderId).toBe(known.id);
  });
});

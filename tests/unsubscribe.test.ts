import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mailSuppressions } from '../src/db/schema';
import { readUnsubscribeToken, unsubscribeToken } from '../src/features/unsubscribe/tokens';
import { request, testDeps } from './helpers';
import { anOutboxRow, consume, outboxRow, uniqueEmail } from './mail-factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };

async function suppressionsOf(email: string) {
  return testDeps().db.select({ kind: mailSuppressions.kind, reason: mailSuppressions.reason }).from(mailSuppressions).where(eq(mailSuppressions.email, email));
}

/** Sends one invitation through the consumer and returns the one-click URL from its List-Unsubscribe header. */
async function unsubscribeUrlFromSentMail(email: string): Promise<string> {
  const id = await anOutboxRow(testDeps(), { kind: 'invitation', to: { email } });
  const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(Response.json({ id: 're_1' }));
  await consume([id], withResend);
  const body = JSON.parse(String(spy.mock.calls[0]![1]?.body)) as { headers: Record<string, string> };
  spy.mockRestore();
  return /^<([^>]+)>/.exec(body.headers['List-Unsubscribe']!)![1]!;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('unsubscribe tokens', () => {
  it('stand for an address and a kind, and refuse any change', async () => {
    const secret = testDeps().config.signingSecret;
    const token = await unsubscribeToken(secret, { email: 'Li@Example.com', kind: 'rounds' });
    expect(await readUnsubscribeToken(secret, token)).toEqual({ email: 'li@example.com', kind: 'rounds' });
    const [email, , signature] = token.split('.');
    expect(await readUnsubscribeToken(secret, `${email}.*.${signature}`)).toBeNull();
    expect(await readUnsubscribeToken('another-secret', token)).toBeNull();
    expect(await readUnsubscribeToken(secret, 'garbage')).toBeNull();
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  it('a POST from the mail client with List-Unsubscribe=One-Click unsubscribes without sign-in or CSRF token', async () => {
    const email = uniqueEmail('oneclick');
    const url = await unsubscribeUrlFromSentMail(email);
    expect(url.startsWith('https://roundtable.test/u/')).toBe(true);

    const res = await request(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    expect(res.status).toBe(200);
    expect(await suppressionsOf(email)).toEqual([{ kind: 'rounds', reason: 'unsubscribe' }]);
  });

  it('a forged token is refused and changes nothing', async () => {
    const email = uniqueEmail('forged');
    const url = await unsubscribeUrlFromSentMail(email);
    const res = await request(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(404);
    expect(await suppressionsOf(email)).toEqual([]);
  });
});

describe('unsubscribe page', () => {
  it('GET shows a confirm page and unsubscribes no one (mail scanners open links)', async () => {
    const email = uniqueEmail('scanner');
    const url = await unsubscribeUrlFromSentMail(email);
    const res = await request(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(email);
    expect(html).toContain('确认退订');
    expect(html).toContain(`action="${new URL(url).pathname}"`);
    expect(await suppressionsOf(email)).toEqual([]);
  });

  it('the page\'s second button unsubscribes from every kind of notification', async () => {
    const email = uniqueEmail('all');
    const url = await unsubscribeUrlFromSentMail(email);
    const res = await request(url, { method: 'POST', body: new URLSearchParams({ scope: 'all' }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('已退订');
    expect(await suppressionsOf(email)).toEqual([{ kind: '*', reason: 'unsubscribe' }]);
  });
});

describe('sending to unsubscribed addresses', () => {
  it('skips invitations and reminders with a visible reason, still sends other kinds and transactional mail', async () => {
    const deps = testDeps();
    const email = uniqueEmail('skip');
    const url = await unsubscribeUrlFromSentMail(email);
    await request(url, { method: 'POST', body: 'List-Unsubscribe=One-Click' });

    const reminder = await anOutboxRow(deps, { kind: 'reminder', to: { email } });
    const meeting = await anOutboxRow(deps, { kind: 'meeting_invitation', to: { email } });
    const copy = await anOutboxRow(deps, { kind: 'feedback_copy', transactional: true, to: { email } });
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ data: [{ id: 're_a' }, { id: 're_b' }] }));
    await consume([reminder, meeting, copy], withResend);

    expect(await outboxRow(deps, reminder)).toMatchObject({ status: 'failed', lastError: 'suppressed: unsubscribe' });
    expect((await outboxRow(deps, meeting))?.status).toBe('sent');
    expect((await outboxRow(deps, copy))?.status).toBe('sent');
    const sentTo = (JSON.parse(String(spy.mock.calls[0]![1]?.body)) as { to: string[] }[]).map((e) => e.to[0]);
    expect(sentTo).toHaveLength(2);
  });
});

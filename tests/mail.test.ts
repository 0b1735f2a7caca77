import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appMeta, outbox } from '../src/db/schema';
import { MAX_SEND_ATTEMPTS, retryDelaySeconds } from '../src/features/mail/consumer';
import { commitWithMail } from '../src/features/mail/outbox';
import { moveOutbox } from '../src/features/mail/status';
import { request, signedInAs, testDeps, testNow } from './helpers';
import { aMailMessage, anOutboxRow, aStakeholder, consume, eventsOf, outboxRow, uniqueEmail } from './mail-factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };

function resendReplies(...replies: (() => Response)[]) {
  const spy = vi.spyOn(globalThis, 'fetch');
  for (const reply of replies) spy.mockImplementationOnce(async () => reply());
  return spy;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('outbox atomicity', () => {
  it('a failing statement leaves no outbox rows and nothing else behind', async () => {
    const enqueued: string[] = [];
    const deps = testDeps(undefined, { enqueueMail: async (ids) => void enqueued.push(...ids) });
    const key = `atomicity-${crypto.randomUUID()}`;
    const email = uniqueEmail('atomic');
    const insertMeta = () => deps.db.insert(appMeta).values({ key, value: 'x', updatedAt: deps.clock() });

    await expect(commitWithMail(deps, [insertMeta(), insertMeta()], [aMailMessage({ to: { email } })])).rejects.toThrow();

    expect(await deps.db.select().from(outbox).where(eq(outbox.toEmail, email))).toEqual([]);
    expect(await deps.db.select().from(appMeta).where(eq(appMeta.key, key))).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it('a successful change writes the outbox row, its queued event, and enqueues it', async () => {
    const enqueued: string[] = [];
    const deps = testDeps(undefined, { enqueueMail: async (ids) => void enqueued.push(...ids) });
    const id = await anOutboxRow(deps);
    expect((await outboxRow(deps, id))?.status).toBe('queued');
    expect((await eventsOf(deps, id)).map((e) => e.status)).toEqual(['queued']);
    expect(enqueued).toEqual([id]);
  });
});

describe('outbox status moves', () => {
  it('of two consumers claiming the same row only one gets it, and one event is written', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    const claims = await Promise.all([moveOutbox(deps, id, 'queued', 'sending', null), moveOutbox(deps, id, 'queued', 'sending', null)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await eventsOf(deps, id)).map((e) => e.status)).toEqual(['queued', 'sending']);
  });

  it('a move from a status the row is not in changes nothing', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    expect(await moveOutbox(deps, id, 'sending', 'sent', null)).toBeNull();
    expect((await outboxRow(deps, id))?.status).toBe('queued');
    expect(await eventsOf(deps, id)).toHaveLength(1);
  });

  it('refuses moves that are not in the table', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    await expect(moveOutbox(deps, id, 'queued', 'sent', null)).rejects.toThrow(/not allowed/);
  });
});

describe('mail consumer with Resend', () => {
  it('sends a row with an attachment alone to /emails with the exact request, keyed <kind>/<row id>, and marks it sent', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps, {
      kind: 'meeting_invitation',
      to: { email: 'zhang@example.com', name: '张三' },
      subject: '邀请您参加早餐会',
      html: '<html><body><p>您好</p></body></html>',
      text: '您好',
      attachments: [{ filename: '议程.ics', contentType: 'text/calendar', contentBase64: 'QkVHSU4=' }],
      headers: { 'X-Entity-Ref-ID': 'meeting-1' },
    });
    const fetchSpy = resendReplies(json(200, { id: 're_msg_123' }));

    const { result, messageIds } = await consume([id], withResend);

    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('https://api.resend.com/emails');
    expect(init?.method).toBe('POST');
    const headers = new Headers(init?.headers);
    expect(headers.get('authorization')).toBe('Bearer re_test');
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('idempotency-key')).toBe(`meeting_invitation/${id}`);
    const body = JSON.parse(String(init?.body));
    expect(body).toMatchObject({
      from: env.MAIL_FROM,
      to: ['张三 <zhang@example.com>'],
      subject: '邀请您参加早餐会',
      attachments: [{ filename: '议程.ics', content: 'QkVHSU4=', content_type: 'text/calendar' }],
    });
    expect(body.headers['X-Entity-Ref-ID']).toBe('meeting-1');
    expect(body.headers['List-Unsubscribe']).toMatch(/^<https:\/\/roundtable\.test\/u\/[^>]+>, <mailto:noreply@example\.gov\.cn\?subject=unsubscribe>$/);
    expect(body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(body.html).toMatch(/<p>您好<\/p><p [^>]*><a href="https:\/\/roundtable\.test\/u\/[^"]+"[^>]*>不想再收到此类邮件/);
    expect(body.text).toContain('不想再收到此类邮件');
    const row = await outboxRow(deps, id);
    expect(row).toMatchObject({ status: 'sent', provider: 'resend', providerMessageId: 're_msg_123', attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.text).toBe('您好');
    expect(result.explicitAcks).toEqual(messageIds);
    expect((await eventsOf(deps, id)).map((e) => e.status)).toEqual(['queued', 'sending', 'sent']);
  });

  it('sends transactional mail without unsubscribe headers or footer, and a bare address when there is no name', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps, { kind: 'sign_in', transactional: true, to: { email: 'bare@example.com' }, text: '登录链接' });
    const fetchSpy = resendReplies(json(200, { id: 're_bare' }));
    await consume([id], withResend);
    const body = JSON.parse(String(fetchSpy.mock.calls[0]![1]?.body));
    expect(body.to).toEqual(['bare@example.com']);
    expect(body.text).toBe('登录链接');
    expect(body).not.toHaveProperty('attachments');
    expect(body).not.toHaveProperty('headers');
  });

  it('a 429 with a long Retry-After puts the row back to wait it out and retries the message after it', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    resendReplies(json(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': '120' }));

    const { result, retryDelays, messageIds } = await consume([id], withResend);

    const row = await outboxRow(deps, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row?.lastError).toContain('429');
    expect(row!.notBefore!.getTime() - row!.statusChangedAt.getTime()).toBe(120_000);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(messageIds);
    expect(retryDelays).toEqual([120]);
    expect(result.explicitAcks).toEqual([]);
  });

  it('a 429 with a short Retry-After is waited out in place and the same request sent again', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    const fetchSpy = resendReplies(
      json(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': '2' }),
      json(200, { id: 're_after_wait' }),
    );
    const { waits, result } = await consume([id], withResend);
    expect(waits).toEqual([2000]);
    const keys = fetchSpy.mock.calls.map(([, init]) => new Headers(init?.headers).get('idempotency-key'));
    expect(keys).toEqual([`invitation/${id}`, `invitation/${id}`]);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 're_after_wait' });
    expect(result.retryMessages).toEqual([]);
  });

  it('a 500 retries with exponential backoff and jitter, and the next delivery sends it', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    resendReplies(json(500, { statusCode: 500, name: 'internal_server_error', message: 'oops' }), json(200, { id: 're_after_retry' }));

    const first = await consume([id], withResend, undefined, { random: () => 0 });
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(first.result.retryMessages.map((m) => m.msgId)).toEqual(first.messageIds);
    // Backoff 30 s for the first failure; jitter keeps it between half and all of it.
    expect(first.retryDelays).toEqual([15]);
    expect(retryDelaySeconds(1, undefined, () => 0.999)).toBe(30);
    expect(retryDelaySeconds(3, undefined, () => 0)).toBe(60);

    await deps.db.update(outbox).set({ notBefore: null }).where(eq(outbox.id, id));
    await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: 're_after_retry', lastError: null });
  });

  it('a message redelivered before its retry delay is over comes back later and sends nothing', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ notBefore: new Date(testNow().getTime() + 40_000) }).where(eq(outbox.id, id));
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { retryDelays } = await consume([id], withResend);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(retryDelays[0]).toBeGreaterThanOrEqual(39);
    expect((await outboxRow(deps, id))?.status).toBe('queued');
  });

  it('a network failure is retried', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('Network connection lost'));
    const { result } = await consume([id], withResend);
    const row = await outboxRow(deps, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row?.lastError).toContain('network');
    expect(result.retryMessages).toHaveLength(1);
  });

  it('a 422 fails the row for good with Resend\'s message, shown on the mail page, and acks the message', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    resendReplies(json(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }));
    const { result, messageIds } = await consume([id], withResend);
    const row = await outboxRow(deps, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('Invalid `to` field.');
    expect(result.explicitAcks).toEqual(messageIds);
    expect(result.retryMessages).toEqual([]);
    const { cookie } = await signedInAs('viewer');
    expect(await (await request(`/mail/${id}`, { headers: { cookie } })).text()).toContain('Invalid `to` field.');
  });

  it(`gives up after ${MAX_SEND_ATTEMPTS} attempts`, async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ attempts: MAX_SEND_ATTEMPTS - 1 }).where(eq(outbox.id, id));
    resendReplies(json(503, { statusCode: 503, name: 'application_error', message: 'unavailable' }));
    const { result } = await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS });
    expect(result.retryMessages).toEqual([]);
  });

  it('a message delivered twice is sent once', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    const fetchSpy = resendReplies(json(200, { id: 're_once' }), json(200, { id: 're_twice' }));
    const { result, messageIds } = await consume([id, id], withResend);
    await consume([id], withResend);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(result.explicitAcks).toEqual(messageIds);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 're_once' });
  });
});

describe('mail consumer without a Resend key', () => {
  it('marks the row sent by the local provider without any request', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { result, messageIds } = await consume([id]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'sent', provider: 'local', attempts: 1 });
    expect(result.explicitAcks).toEqual(messageIds);
  });

  it('acks a message whose outbox row does not exist', async () => {
    const { result, messageIds } = await consume(['01NOSUCHROW0000000000000000']);
    expect(result.explicitAcks).toEqual(messageIds);
  });
});

describe('mail to unmailable stakeholders', () => {
  it('skips bulk mail to a stakeholder whose address bounced', async () => {
    const deps = testDeps();
    const stakeholderId = await aStakeholder(deps, 'bounce');
    const id = await anOutboxRow(deps, { stakeholderId });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await consume([id], withResend);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'failed', lastError: 'suppressed: bounce' });
  });

  it('still sends transactional mail to that stakeholder', async () => {
    const deps = testDeps();
    const stakeholderId = await aStakeholder(deps, 'complaint');
    const id = await anOutboxRow(deps, { stakeholderId, transactional: true, kind: 'confirmation' });
    const fetchSpy = resendReplies(json(200, { id: 're_copy' }));
    await consume([id], withResend);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect((await outboxRow(deps, id))?.status).toBe('sent');
  });
});

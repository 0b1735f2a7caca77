import { env } from 'cloudflare:test';
import { Resend } from 'resend';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESEND_USER_AGENT, sendBatchRequest, sendEmailRequest, type ResendEmail } from '../src/features/mail/resend-api';
import { testDeps } from './helpers';
import { anOutboxRow, consume, outboxRow } from './mail-factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };

type Sent = { url: string; method: string | undefined; headers: [string, string][]; body: unknown };

/** Records every outgoing request as the network would see it, answering each with `reply`. */
function recordRequests(reply: () => Response = () => Response.json({ id: 're_1' })) {
  const sent: Sent[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    sent.push({ url: String(input), method: init?.method, headers: [...new Headers(init?.headers)].sort(), body: init?.body });
    return reply();
  });
  return { sent, spy };
}

const FULL: ResendEmail = {
  replyTo: 'reply+r1@reply.example.gov.cn',
  from: 'Roundtable 征求意见 <noreply@example.gov.cn>',
  to: ['"张, 三" <zhang@example.com>'],
  subject: '邀请您参加早餐会',
  html: '<p>您好</p>',
  text: '您好',
  attachments: [{ filename: '议程.ics', content: 'QkVHSU4=', contentType: 'text/calendar' }],
  headers: { 'List-Unsubscribe': '<https://roundtable.test/u/x>', 'X-Entity-Ref-ID': 'meeting-1' },
};
const { attachments: _, ...NO_ATTACHMENTS } = FULL;
const BARE: ResendEmail = { from: 'noreply@example.gov.cn', to: ['bare@example.com'], subject: '登录链接', text: '登录链接', html: '<p>登录链接</p>' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Resend requests without the SDK', () => {
  it('POST /emails is byte for byte the request the resend SDK made (URL, headers, snake_case body)', async () => {
    const deps = testDeps();
    for (const email of [FULL, BARE]) {
      const { sent } = recordRequests();
      await sendEmailRequest(deps, 're_test', email, 'invitation/01ROW');
      await new Resend('re_test', { baseUrl: deps.config.resendBaseUrl }).emails.send(email, { idempotencyKey: 'invitation/01ROW' });
      expect(sent).toHaveLength(2);
      expect(sent[0]).toEqual(sent[1]);
      vi.restoreAllMocks();
    }
  });

  it('POST /emails/batch is byte for byte the SDK request, permissive validation included', async () => {
    const deps = testDeps();
    const { sent } = recordRequests(() => Response.json({ data: [{ id: 're_1' }, { id: 're_2' }] }));
    await sendBatchRequest(deps, 're_test', [BARE, NO_ATTACHMENTS], 'batch/abc');
    await new Resend('re_test', { baseUrl: deps.config.resendBaseUrl }).batch.send([BARE, NO_ATTACHMENTS], {
      idempotencyKey: 'batch/abc',
      batchValidation: 'permissive',
    });
    expect(sent[0]).toEqual(sent[1]);
    expect(sent[0]!.url).toBe('https://api.resend.com/emails/batch');
    expect(Object.fromEntries(sent[0]!.headers)).toMatchObject({ 'user-agent': RESEND_USER_AGENT, 'x-batch-validation': 'permissive', 'idempotency-key': 'batch/abc' });
  });
});

describe('Resend answers that are not a success', () => {
  it('an error body that is not JSON (a proxy page) keeps its status and Retry-After: a 502 is retried, the page start kept', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    recordRequests(() => new Response('<html><body>\n  502 Bad Gateway\n</body></html>', { status: 502, headers: { 'retry-after': '120' } }));
    const { result, retryDelays } = await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'resend 502: <html><body> 502 Bad Gateway </body></html>' });
    expect(result.retryMessages).toHaveLength(1);
    expect(retryDelays).toEqual([120]);
  });

  it('a 4xx whose body is not JSON fails the row for good', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    recordRequests(() => new Response('Request Entity Too Large', { status: 413 }));
    const { result } = await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'failed', lastError: 'resend 413: Request Entity Too Large' });
    expect(result.retryMessages).toEqual([]);
  });

  it('a JSON error without statusCode takes the HTTP status: a 404 is not retried', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    recordRequests(() => Response.json({ name: 'not_found', message: 'The requested endpoint does not exist.' }, { status: 404 }));
    await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'failed', lastError: 'resend 404 not_found: The requested endpoint does not exist.' });
  });

  it('no answer in time is a network failure and is retried', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const { result } = await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'queued', lastError: 'network: no answer within 30 s' });
    expect(result.retryMessages).toHaveLength(1);
  });

  it('a success whose body is not JSON is treated as no answer and retried (the idempotency key prevents a second send)', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps);
    recordRequests(() => new Response('OK', { status: 200 }));
    const { result } = await consume([id], withResend);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'queued', lastError: 'network: HTTP 200 with a body that is not JSON' });
    expect(result.retryMessages).toHaveLength(1);
  });
});

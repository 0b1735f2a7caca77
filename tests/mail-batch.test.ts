import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../src/db/schema';
import type { MailQueueMessage } from '../src/features/mail/consumer';
import { DEAD_LETTER_ERROR } from '../src/features/mail/dead-letter';
import { holdSendsUntil, reserveSendSlot, SEND_INTERVAL_MS } from '../src/features/mail/pacer';
import { batchIdempotencyKey } from '../src/features/mail/sender';
import { idIn } from '../src/features/mail/status';
import { sha256Hex } from '../src/lib/tokens';
import worker from '../src/index';
import { fixedClock, testDeps, testNow } from './helpers';
import { anOutboxRow, consume, eventsOf, outboxRow } from './mail-factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };
const ICS = [{ filename: 'meeting.ics', contentType: 'text/calendar', contentBase64: 'QkVHSU4=' }];

type Call = { url: string; key: string | null; validation: string | null; body: unknown };

/** Stands in for Resend: answers /emails and /emails/batch, numbering emails, and records every call. */
function resendStandIn(answer?: (call: Call, n: number) => Response | undefined) {
  const calls: Call[] = [];
  let emails = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const headers = new Headers(init?.headers);
    const call = { url: String(input), key: headers.get('idempotency-key'), validation: headers.get('x-batch-validation'), body: JSON.parse(String(init?.body)) };
    calls.push(call);
    const special = answer?.(call, calls.length);
    if (special) return special;
    if (call.url.endsWith('/emails/batch')) {
      return Response.json({ data: (call.body as unknown[]).map(() => ({ id: `re_${++emails}` })) });
    }
    return Response.json({ id: `re_${++emails}` });
  });
  /** Every email that reached the stand-in, by recipient. */
  const received = () => calls.flatMap((c) => (Array.isArray(c.body) ? c.body : [c.body]) as { to: string[] }[]).map((e) => e.to[0]!);
  return { calls, received };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('batch sending', () => {
  it('sends rows without attachments in one /emails/batch call keyed by the sorted row ids', async () => {
    const deps = testDeps();
    const ids = [await anOutboxRow(deps, { to: { email: 'a@example.com', name: '甲' } }), await anOutboxRow(deps, { to: { email: 'b@example.com' } }), await anOutboxRow(deps, { kind: 'sign_in', transactional: true, to: { email: 'c@example.com' } })];
    const { calls } = resendStandIn();

    const { result, messageIds } = await consume(ids, withResend);

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://api.resend.com/emails/batch');
    expect(call!.key).toBe(`batch/${await sha256Hex([...ids].sort().join(','))}`);
    expect(call!.validation).toBe('permissive');
    const body = call!.body as { to: string[]; from: string; headers?: Record<string, string> }[];
    expect(body.map((e) => e.to)).toEqual([['甲 <a@example.com>'], ['b@example.com'], ['c@example.com']]);
    expect(body.every((e) => e.from === env.MAIL_FROM)).toBe(true);
    expect(body[0]!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(body[2]).not.toHaveProperty('headers');
    const rows = await Promise.all(ids.map((id) => outboxRow(deps, id)));
    expect(rows.map((r) => [r?.status, r?.providerMessageId])).toEqual([
      ['sent', 're_1'],
      ['sent', 're_2'],
      ['sent', 're_3'],
    ]);
    expect(result.explicitAcks).toEqual(messageIds);
  });

  it('sends a row with attachments on its own, the others together', async () => {
    const deps = testDeps();
    const plain = [await anOutboxRow(deps), await anOutboxRow(deps)];
    const withFile = await anOutboxRow(deps, { kind: 'meeting_invitation', attachments: ICS });
    const { calls } = resendStandIn();
    await consume([...plain, withFile], withResend);
    expect(calls.map((c) => [c.url.replace('https://api.resend.com', ''), c.key])).toEqual([
      ['/emails', `meeting_invitation/${withFile}`],
      ['/emails/batch', await batchIdempotencyKey(plain)],
    ]);
  });

  it('splits 150 rows into calls of 100 and 50', async () => {
    const deps = testDeps();
    const ids = await Promise.all(Array.from({ length: 150 }, () => anOutboxRow(deps)));
    const { calls } = resendStandIn();
    await consume(ids, withResend);
    expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([100, 50]);
    const rows = await deps.db.select({ status: outbox.status }).from(outbox).where(idIn(ids));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(150);
  });

  it('an email Resend refuses inside a batch fails alone, with Resend\'s message', async () => {
    const deps = testDeps();
    const ids = [await anOutboxRow(deps), await anOutboxRow(deps), await anOutboxRow(deps)];
    resendStandIn(() => Response.json({ data: [{ id: 're_a' }, { id: 're_c' }], errors: [{ index: 1, message: 'Invalid `to` field.' }] }));
    await consume(ids, withResend);
    const rows = await Promise.all(ids.map((id) => outboxRow(deps, id)));
    expect(rows.map((r) => [r?.status, r?.providerMessageId])).toEqual([
      ['sent', 're_a'],
      ['failed', null],
      ['sent', 're_c'],
    ]);
    expect(rows[1]?.lastError).toContain('Invalid `to` field.');
  });

  it('a batch that failed is sent again as the same group under the same key, whichever message comes back first', async () => {
    const deps = testDeps();
    const ids = [await anOutboxRow(deps), await anOutboxRow(deps)];
    const { calls } = resendStandIn((_call, n) => (n === 1 ? Response.json({ statusCode: 500, name: 'internal_server_error', message: 'oops' }, { status: 500 }) : undefined));

    const first = await consume(ids, withResend);
    expect(first.result.retryMessages).toHaveLength(2);
    await deps.db.update(outbox).set({ notBefore: null }).where(idIn(ids));

    await consume([ids[1]!], withResend);
    await consume([ids[0]!], withResend);

    expect(calls).toHaveLength(2);
    expect(calls[1]!.key).toBe(calls[0]!.key);
    expect(calls[1]!.body).toEqual(calls[0]!.body);
    for (const id of ids) expect(await outboxRow(deps, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('redelivery of every kind of message', () => {
  it('sends each message once however often and in whatever groups the queue delivers it', async () => {
    const deps = testDeps();
    const kinds = [
      { kind: 'sign_in', transactional: true },
      { kind: 'feedback_copy', transactional: true },
      { kind: 'invitation' },
      { kind: 'reminder' },
      { kind: 'summary' },
      { kind: 'meeting_invitation', attachments: ICS },
      { kind: 'meeting_reminder' },
    ];
    const ids: string[] = [];
    for (const k of kinds) ids.push(await anOutboxRow(deps, k));
    const { received } = resendStandIn();

    await consume([...ids, ...ids], withResend);
    await consume(ids.slice(0, 3), withResend);
    await consume([...ids].reverse(), withResend);

    const recipients = received();
    expect(recipients).toHaveLength(kinds.length);
    expect(new Set(recipients).size).toBe(kinds.length);
    for (const id of ids) expect((await eventsOf(deps, id)).map((e) => e.status)).toEqual(['queued', 'sending', 'sent']);
  });
});

describe('dead letters', () => {
  it('the dead-letter queue\'s consumer fails the row, visibly, wherever it was left', async () => {
    const deps = testDeps();
    const queued = await anOutboxRow(deps);
    const sending = await anOutboxRow(deps);
    const sent = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ status: 'sending' }).where(eq(outbox.id, sending));
    await deps.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, sent));
    const batch = createMessageBatch<MailQueueMessage>(
      'roundtable-mail-dlq',
      [queued, sending, sent].map((outboxId, i) => ({ id: `dlq-${i}`, timestamp: testNow(), attempts: 1, body: { outboxId } })),
    );
    const ctx = createExecutionContext();

    await worker.queue(batch, env);

    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);
    expect(await outboxRow(deps, queued)).toMatchObject({ status: 'failed', lastError: DEAD_LETTER_ERROR });
    expect(await outboxRow(deps, sending)).toMatchObject({ status: 'failed', lastError: DEAD_LETTER_ERROR });
    expect((await outboxRow(deps, sent))?.status).toBe('sent');
    expect((await eventsOf(deps, queued)).at(-1)).toMatchObject({ status: 'failed' });
  });
});

describe('pacing', () => {
  it('hands out provider call slots at least one interval apart, shared through D1', async () => {
    const clock = fixedClock('2026-05-01T00:00:00Z');
    const deps = testDeps(clock);
    const key = `pacer-${crypto.randomUUID()}`;
    expect(await reserveSendSlot(deps, SEND_INTERVAL_MS, key)).toBe(0);
    expect(await reserveSendSlot(deps, SEND_INTERVAL_MS, key)).toBe(SEND_INTERVAL_MS);
    expect(await reserveSendSlot(deps, SEND_INTERVAL_MS, key)).toBe(2 * SEND_INTERVAL_MS);
    clock.advance(10_000);
    expect(await reserveSendSlot(deps, SEND_INTERVAL_MS, key)).toBe(0);
    await holdSendsUntil(deps, new Date(clock().getTime() + 3000), key);
    expect(await reserveSendSlot(deps, SEND_INTERVAL_MS, key)).toBe(3000);
  });

  it('the consumer waits for its slot before every call to Resend', async () => {
    const deps = testDeps();
    const ids = [await anOutboxRow(deps), await anOutboxRow(deps, { attachments: ICS })];
    resendStandIn();
    const { waits } = await consume(ids, withResend, undefined, { reserveSlot: async () => 400 });
    expect(waits).toEqual([400, 400]);
  });
});

import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { Webhook } from 'svix';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mailSuppressions, outbox, stakeholders, webhookEvents } from '../src/db/schema';
import { createApp } from '../src/app';
import type { OutboxStatus } from '../src/db/schema';
import { TEST_NOW_HEADER } from '../src/lib/clock';
import { BASE_URL, daysFromNow, request, signedInAs, testDeps, testNow } from './helpers';
import { anOutboxRow, aStakeholder, consume, eventsOf, outboxRow } from './mail-factories';

const SECRET = `whsec_${btoa('roundtable-test-webhook-secret-32b')}`;
const bindings = { ...env, RESEND_WEBHOOK_SECRET: SECRET, RESEND_API_KEY: 're_test' };
const app = createApp();

function signedHeaders(body: string, options: { id?: string; at?: Date; secret?: string } = {}) {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  // Signed by the svix library itself, at the app's now unless told otherwise.
  const at = options.at ?? testNow();
  const signature = new Webhook(options.secret ?? SECRET).sign(id, at, body);
  return { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature, 'content-type': 'application/json' };
}

/** Posts to the app running at `appNow` (the test's now unless told otherwise). */
function post(body: string, headers: Record<string, string>, appNow: Date = testNow()) {
  return app.request(`${BASE_URL}/webhooks/resend`, { method: 'POST', body, headers: { ...headers, [TEST_NOW_HEADER]: appNow.toISOString() } }, bindings);
}

function event(type: string, emailId: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ type, created_at: testNow().toISOString(), data: { email_id: emailId, to: ['x@example.com'], ...extra } });
}

/** An outbox row Resend accepted, with the id it gave. */
async function aSentRow(overrides: { stakeholderId?: string; status?: OutboxStatus } = {}) {
  const deps = testDeps();
  const id = await anOutboxRow(deps, { stakeholderId: overrides.stakeholderId ?? null });
  const providerMessageId = `re_${crypto.randomUUID()}`;
  await deps.db.update(outbox).set({ status: overrides.status ?? 'sent', providerMessageId, provider: 'resend' }).where(eq(outbox.id, id));
  return { id, providerMessageId };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('webhook signature', () => {
  it('a correctly signed delivered event moves the row to delivered with a timestamped event', async () => {
    const { id, providerMessageId } = await aSentRow();
    const body = event('email.delivered', providerMessageId);
    const res = await post(body, signedHeaders(body));
    expect(res.status).toBe(200);
    expect((await outboxRow(testDeps(), id))?.status).toBe('delivered');
    expect((await eventsOf(testDeps(), id)).at(-1)).toMatchObject({ status: 'delivered', detail: 'webhook email.delivered' });
  });

  it('refuses unsigned, wrongly signed and too old calls, and changes nothing', async () => {
    const { id, providerMessageId } = await aSentRow();
    const body = event('email.delivered', providerMessageId);
    const tenMinutesAgo = new Date(testNow().getTime() - 10 * 60_000);
    const attempts = [
      { 'content-type': 'application/json' },
      signedHeaders(body, { secret: `whsec_${btoa('some-other-secret-of-32-bytes!!')}` }),
      signedHeaders(body, { at: tenMinutesAgo }),
      { ...signedHeaders(body), 'svix-signature': 'v1,AAAA' },
    ];
    for (const headers of attempts) expect((await post(body, headers)).status).toBe(401);
    // A body changed after signing does not verify either.
    const headers = signedHeaders(body);
    expect((await post(body.replace('delivered', 'bounced'), headers)).status).toBe(401);
    expect((await outboxRow(testDeps(), id))?.status).toBe('sent');
    expect(await eventsOf(testDeps(), id)).toHaveLength(1);
  });

  it('judges svix-timestamp by the app clock, not the machine clock: a replay stale for the app is refused', async () => {
    const { id, providerMessageId } = await aSentRow();
    const appNow = daysFromNow(-30);
    const body = event('email.delivered', providerMessageId);
    expect((await post(body, signedHeaders(body, { at: testNow() }), appNow)).status).toBe(401);
    expect((await outboxRow(testDeps(), id))?.status).toBe('sent');
    expect((await post(body, signedHeaders(body, { at: appNow }), appNow)).status).toBe(200);
    expect((await outboxRow(testDeps(), id))?.status).toBe('delivered');
  });

  it('a validly signed body that is not JSON is a bad payload (400), not a bad signature (401), and is not remembered', async () => {
    for (const body of ['{"type":"email.delivered",', 'not json', '[1,2]']) {
      const headers = signedHeaders(body);
      const res = await post(body, headers);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_payload');
      expect(await testDeps().db.select().from(webhookEvents).where(eq(webhookEvents.id, headers['svix-id']))).toEqual([]);
    }
  });

  it('refuses a replayed event (same svix-id) and changes nothing more', async () => {
    const { id, providerMessageId } = await aSentRow();
    const body = event('email.delivered', providerMessageId);
    const headers = signedHeaders(body);
    expect((await post(body, headers)).status).toBe(200);
    const replay = await post(body, headers);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('replayed');
    expect((await eventsOf(testDeps(), id)).filter((e) => e.status === 'delivered')).toHaveLength(1);
    const seen = await testDeps().db.select().from(webhookEvents).where(eq(webhookEvents.id, headers['svix-id']));
    expect(seen).toHaveLength(1);
  });
});

describe('delivery statuses from webhooks', () => {
  it('statuses never move backward: a late delivered after a bounce is kept in the history only', async () => {
    const { id, providerMessageId } = await aSentRow();
    const bounced = event('email.bounced', providerMessageId, { bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' } });
    await post(bounced, signedHeaders(bounced));
    const late = event('email.delivered', providerMessageId);
    expect((await post(late, signedHeaders(late))).status).toBe(200);
    expect((await outboxRow(testDeps(), id))?.status).toBe('bounced');
    const history = await eventsOf(testDeps(), id);
    expect(history.map((e) => e.status)).toEqual(['queued', 'bounced', 'bounced']);
    expect(history.at(-1)?.detail).toBe('webhook email.delivered');
    expect(history[1]?.detail).toContain('mailbox does not exist');
  });

  it('a delay is recorded without changing the status; a soft bounce neither moves nor suppresses', async () => {
    const stakeholderId = await aStakeholder(testDeps());
    const { id, providerMessageId } = await aSentRow({ stakeholderId });
    const delayed = event('email.delivery_delayed', providerMessageId);
    await post(delayed, signedHeaders(delayed));
    const soft = event('email.bounced', providerMessageId, { bounce: { type: 'Transient', subType: 'MailboxFull' } });
    await post(soft, signedHeaders(soft));
    expect((await outboxRow(testDeps(), id))?.status).toBe('sent');
    expect((await eventsOf(testDeps(), id)).map((e) => e.detail)).toContain('webhook email.delivery_delayed');
    const stakeholder = await testDeps().db.select().from(stakeholders).where(eq(stakeholders.id, stakeholderId)).get();
    expect(stakeholder?.unmailableReason).toBeNull();
  });
});

describe('bounces and complaints suppress the address', () => {
  it('a hard bounce marks the stakeholder not mailable, shows it in the directory, and later bulk mail is skipped with the reason', async () => {
    const deps = testDeps();
    const stakeholderId = await aStakeholder(deps);
    const { providerMessageId } = await aSentRow({ stakeholderId });
    const body = event('email.bounced', providerMessageId, { bounce: { type: 'Permanent' } });
    expect((await post(body, signedHeaders(body))).status).toBe(200);

    const stakeholder = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, stakeholderId)).get();
    expect(stakeholder?.unmailableReason).toBe('bounce');
    const row = await outboxRow(deps, (await deps.db.select().from(outbox).where(eq(outbox.providerMessageId, providerMessageId)).get())!.id);
    const suppression = await deps.db.select().from(mailSuppressions).where(eq(mailSuppressions.email, row!.toEmail.toLowerCase())).get();
    expect(suppression).toMatchObject({ kind: '*', reason: 'bounce' });

    const { cookie } = await signedInAs('viewer');
    expect(await (await request(`/stakeholders/${stakeholderId}`, { headers: { cookie } })).text()).toContain('退信');

    const later = await anOutboxRow(deps, { stakeholderId, kind: 'reminder' });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await consume([later], bindings);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await outboxRow(deps, later)).toMatchObject({ status: 'failed', lastError: 'suppressed: bounce' });
    const { cookie: staff } = await signedInAs('viewer');
    expect(await (await request(`/mail/${later}`, { headers: { cookie: staff } })).text()).toContain('退信');
  });

  it('a complaint after delivery moves the row to complained and suppresses the address; transactional mail still goes', async () => {
    const deps = testDeps();
    const stakeholderId = await aStakeholder(deps);
    const { id, providerMessageId } = await aSentRow({ stakeholderId, status: 'delivered' });
    const body = event('email.complained', providerMessageId);
    await post(body, signedHeaders(body));
    expect((await outboxRow(deps, id))?.status).toBe('complained');

    const copy = await anOutboxRow(deps, { stakeholderId, kind: 'feedback_copy', transactional: true });
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(Response.json({ id: 're_copy' }));
    await consume([copy], bindings);
    expect((await outboxRow(deps, copy))?.status).toBe('sent');
  });
});

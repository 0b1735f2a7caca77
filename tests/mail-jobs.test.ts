import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, rateLimitHits, signInTokens } from '../src/db/schema';
import { STUCK_SENDING_ERROR } from '../src/features/mail/service';
import { runScheduledJobs } from '../src/jobs';
import { DAY_MS, MINUTE_MS } from '../src/lib/clock';
import { aStaffMember, fixedClock, testDeps, testNow } from './helpers';
import { anOutboxRow, eventsOf, outboxRow } from './mail-factories';

/** An env whose mail queue records what is sent to it. */
function capturingEnv() {
  const sent: string[] = [];
  const MAIL_QUEUE = {
    send: async () => {},
    sendBatch: async (messages: Iterable<MessageSendRequest<{ outboxId: string }>>) => {
      for (const message of messages) sent.push(message.body.outboxId);
    },
  } as unknown as Queue;
  return { bindings: { ...env, MAIL_QUEUE }, sent };
}

describe('outbox sweep', () => {
  it('re-enqueues rows queued for more than two minutes, once per stale period', async () => {
    const clock = fixedClock('2026-03-01T02:00:00Z');
    const deps = testDeps(clock);
    const stale = await anOutboxRow(deps);
    clock.advance(90_000);
    const fresh = await anOutboxRow(deps);
    const { bindings, sent } = capturingEnv();

    await runScheduledJobs(bindings, new Date(clock().getTime() + 60_000));
    expect(sent).toContain(stale);
    expect(sent).not.toContain(fresh);

    sent.length = 0;
    await runScheduledJobs(bindings, new Date(clock().getTime() + 60_000));
    expect(sent).not.toContain(stale);
    expect((await outboxRow(deps, stale))?.status).toBe('queued');
  });

  it('fails rows stuck in sending for more than ten minutes as a technical failure, without sending them again', async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const deps = testDeps(clock);
    const stuck = await anOutboxRow(deps);
    const busy = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ status: 'sending', statusChangedAt: new Date(clock().getTime() - 11 * MINUTE_MS) }).where(eq(outbox.id, stuck));
    await deps.db.update(outbox).set({ status: 'sending', statusChangedAt: new Date(clock().getTime() - 5 * MINUTE_MS) }).where(eq(outbox.id, busy));
    const { bindings, sent } = capturingEnv();

    await runScheduledJobs(bindings, clock());

    expect(await outboxRow(deps, stuck)).toMatchObject({ status: 'failed', lastError: STUCK_SENDING_ERROR });
    expect((await outboxRow(deps, busy))?.status).toBe('sending');
    expect(await eventsOf(deps, stuck)).toContainEqual(expect.objectContaining({ status: 'failed', detail: STUCK_SENDING_ERROR }));
    expect(sent).not.toContain(stuck);
    expect(sent).not.toContain(busy);
  });

  it('leaves rows waiting out a retry delay alone, and enqueues them once the delay is long past', async () => {
    const clock = fixedClock('2026-03-06T02:00:00Z');
    const deps = testDeps(clock);
    const waiting = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ notBefore: new Date(clock().getTime() + 30 * MINUTE_MS) }).where(eq(outbox.id, waiting));
    const { bindings, sent } = capturingEnv();

    await runScheduledJobs(bindings, new Date(clock().getTime() + 10 * MINUTE_MS));
    expect(sent).not.toContain(waiting);

    await runScheduledJobs(bindings, new Date(clock().getTime() + 33 * MINUTE_MS));
    expect(sent).toContain(waiting);
  });

  it('two overlapping sweeps claim each stale row once', async () => {
    const clock = fixedClock('2026-03-07T02:00:00Z');
    const deps = testDeps(clock);
    const stale = await Promise.all([anOutboxRow(deps), anOutboxRow(deps), anOutboxRow(deps)]);
    const stuck = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ status: 'sending' }).where(eq(outbox.id, stuck));
    const { bindings, sent } = capturingEnv();

    const later = new Date(clock().getTime() + 20 * MINUTE_MS);
    await Promise.all([runScheduledJobs(bindings, later), runScheduledJobs(bindings, later)]);

    for (const id of stale) expect(sent.filter((s) => s === id)).toHaveLength(1);
    expect((await eventsOf(deps, stuck)).filter((e) => e.status === 'failed')).toHaveLength(1);
  });

  it('leaves sent and failed rows alone', async () => {
    const clock = fixedClock('2026-03-03T02:00:00Z');
    const deps = testDeps(clock);
    const failed = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ status: 'failed' }).where(eq(outbox.id, failed));
    const { bindings, sent } = capturingEnv();
    await runScheduledJobs(bindings, new Date(clock().getTime() + DAY_MS));
    expect(sent).not.toContain(failed);
    expect((await outboxRow(deps, failed))?.status).toBe('failed');
  });
});

describe('scheduled pruning', () => {
  it('drops rate-limit windows older than a day and keeps recent ones', async () => {
    const now = new Date('2026-03-04T02:00:00Z');
    const deps = testDeps(() => now);
    const key = `prune-${crypto.randomUUID()}`;
    await deps.db.insert(rateLimitHits).values([
      { key, windowStart: now.getTime() - 2 * DAY_MS, count: 3 },
      { key, windowStart: now.getTime() - MINUTE_MS, count: 1 },
    ]);
    await runScheduledJobs(env, now);
    const left = await deps.db.select().from(rateLimitHits).where(eq(rateLimitHits.key, key));
    expect(left.map((row) => row.windowStart)).toEqual([now.getTime() - MINUTE_MS]);
  });

  it('drops sign-in tokens expired for more than a day and keeps the others', async () => {
    const now = new Date('2026-03-05T02:00:00Z');
    const deps = testDeps(() => now);
    const staff = await aStaffMember('viewer');
    const row = (id: string, expiresAt: Date) => ({ id, tokenHash: crypto.randomUUID(), staffId: staff.id, expiresAt, createdAt: now });
    const oldId = deps.newId();
    const recentId = deps.newId();
    await deps.db.insert(signInTokens).values([row(oldId, new Date(now.getTime() - 2 * DAY_MS)), row(recentId, new Date(now.getTime() - MINUTE_MS))]);
    await runScheduledJobs(env, now);
    const left = await deps.db.select({ id: signInTokens.id }).from(signInTokens).where(eq(signInTokens.staffId, staff.id));
    expect(left.map((r) => r.id)).toEqual([recentId]);
  });

  it('a failing job does not stop the jobs after it', async () => {
    const ran: string[] = [];
    await runScheduledJobs(env, testNow(), [
      { name: 'broken', run: async () => Promise.reject(new Error('boom')) },
      { name: 'next', run: async () => void ran.push('next') },
    ]);
    expect(ran).toEqual(['next']);
  });
});

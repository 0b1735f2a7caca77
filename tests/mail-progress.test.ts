import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../src/db/schema';
import { sendInvitations } from '../src/features/rounds/invitations';
import { linkedScript, postForm, request, signedInAs, testDeps } from './helpers';
import { consume, outboxRow } from './mail-factories';
import { anOpenRound, aStakeholder, uniqueTag } from './rounds/factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };

/** An open round whose three invitees have been invited (their mail queued, not sent yet). */
async function aRoundWithInvitations() {
  const enqueued: string[] = [];
  const deps = testDeps(undefined, { enqueueMail: async (ids) => void enqueued.push(...ids) });
  const tag = uniqueTag();
  for (let i = 0; i < 3; i++) await aStakeholder(deps, { tags: [tag] });
  const roundId = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
  await sendInvitations(deps, null, roundId);
  const ids = (await deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.roundId, roundId))).map((r) => r.id).sort();
  return { deps, roundId, ids, enqueued };
}

type Progress = { total: number; sent: number; failed: number; remaining: number; retryable: number };

async function progressOf(roundId: string, cookie: string): Promise<Progress> {
  const res = await request(`/api/v1/rounds/${roundId}/mail-progress`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as Progress;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a round's mail progress", () => {
  it('counts sent, failed and remaining as the queue works through the invitations', async () => {
    const { roundId, ids } = await aRoundWithInvitations();
    const { cookie } = await signedInAs('viewer');
    expect(await progressOf(roundId, cookie)).toMatchObject({ total: 3, sent: 0, failed: 0, remaining: 3 });

    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(Response.json({ data: [{ id: 're_1' }, { id: 're_3' }], errors: [{ index: 1, message: 'Invalid `to` field.' }] }));
    await consume(ids, withResend);

    expect(await progressOf(roundId, cookie)).toMatchObject({ total: 3, sent: 2, failed: 1, remaining: 0, retryable: 1 });
  });

  it("the round's page has the live panel (script and JSON address) and a link that works without the script", async () => {
    const { roundId } = await aRoundWithInvitations();
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/rounds/${roundId}`, { headers: { cookie } })).text();
    expect(page).toContain(`data-mail-progress="/api/v1/rounds/${roundId}/mail-progress"`);
    expect(await linkedScript(page)).toContain('/* mail.js */');
    expect(page).toContain(`href="/rounds/${roundId}/mail"`);

    const mailPage = await (await request(`/rounds/${roundId}/mail`, { headers: { cookie } })).text();
    expect(mailPage).toContain('邮件发送进度');
    expect(mailPage).toContain('共 3 封');
  });
});

describe("sending a round's failed mail again", () => {
  it('an organizer puts the failed ones back in the queue; suppressed ones stay as they are', async () => {
    const { deps, roundId, ids } = await aRoundWithInvitations();
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(Response.json({ statusCode: 422, name: 'validation_error', message: 'Invalid `from` field.' }, { status: 422 }));
    await consume(ids, withResend);
    await deps.db.update(outbox).set({ lastError: 'suppressed: bounce' }).where(eq(outbox.id, ids[2]!));
    const { cookie } = await signedInAs('organizer');

    const page = await (await request(`/rounds/${roundId}/mail`, { headers: { cookie } })).text();
    expect(page).toContain('Invalid `from` field.');
    const res = await postForm(`/rounds/${roundId}/mail/retry-failed`, {}, { cookie });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/rounds/${roundId}/mail?retried=2`);
    expect(await outboxRow(deps, ids[0]!)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await outboxRow(deps, ids[1]!)).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await outboxRow(deps, ids[2]!))?.status).toBe('failed');
  });

  it('a viewer may not', async () => {
    const { roundId } = await aRoundWithInvitations();
    const { cookie } = await signedInAs('viewer');
    expect((await postForm(`/rounds/${roundId}/mail/retry-failed`, {}, { cookie })).status).toBe(403);
  });
});

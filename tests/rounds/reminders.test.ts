import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitationReminders, invitations, rounds } from '../../src/db/schema';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { roundJobs } from '../../src/features/rounds/jobs';
import { sendManualReminders, sendScheduledReminders } from '../../src/features/rounds/reminders';
import { DAY_MS, HOUR_MS } from '../../src/lib/clock';
import { sha256Hex } from '../../src/lib/tokens';
import { daysFromNow, fixedClock, testDeps } from '../helpers';
import { anOpenRound, aStakeholder, linkToken, mailFor, uniqueTag } from './factories';

/** Five invitees, a round closing in ten days: one responded, one declined, one revoked, two still owe an answer. */
async function roundWithAnswers() {
  const clock = fixedClock(daysFromNow(0, '09:00'));
  const deps = testDeps(clock);
  const tag = uniqueTag();
  const people: { id: string }[] = [];
  for (let i = 0; i < 5; i++) people.push(await aStakeholder(deps, { tags: [tag] }));
  const roundId = await anOpenRound(deps, { closesAt: new Date(clock().getTime() + 10 * DAY_MS), audience: { categories: [], tags: [tag], stakeholderIds: [] } });
  await sendInvitations(deps, null, roundId);
  const rows = await deps.db.select().from(invitations).where(eq(invitations.roundId, roundId));
  const of = (i: number) => rows.find((r) => r.stakeholderId === people[i]!.id)!;
  await deps.db.update(invitations).set({ status: 'responded', respondedAt: clock() }).where(eq(invitations.id, of(0).id));
  await deps.db.update(invitations).set({ status: 'declined', declinedAt: clock() }).where(eq(invitations.id, of(1).id));
  await deps.db.update(invitations).set({ revokedAt: clock() }).where(eq(invitations.id, of(2).id));
  await deps.db.update(invitations).set({ status: 'opened', openedAt: clock() }).where(eq(invitations.id, of(3).id));
  return { clock, deps, roundId, people, of };
}

describe('scheduled reminders', () => {
  it('go out once to each non-responder even when two cron runs overlap, and never to those who answered', async () => {
    const { clock, deps, roundId, people, of } = await roundWithAnswers();
    clock.set(new Date((await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get())!.closesAt.getTime() - 3 * DAY_MS + HOUR_MS));

    await Promise.all([sendScheduledReminders(deps), sendScheduledReminders(deps)]);
    let mails = await mailFor(roundId, 'reminder');
    expect(mails.map((m) => m.stakeholderId).sort()).toEqual([people[3]!.id, people[4]!.id].sort());
    const claims = await deps.db.select().from(invitationReminders).where(inArray(invitationReminders.invitationId, [of(3).id, of(4).id]));
    expect(claims.map((c) => c.reminderKey)).toEqual(['before:3d', 'before:3d']);

    // The never-opened invitee gets a fresh working link; the one who opened keeps theirs and gets none.
    const fresh = mails.find((m) => m.stakeholderId === people[4]!.id)!;
    const updated = (await deps.db.select().from(invitations).where(eq(invitations.id, of(4).id)).get())!;
    expect(updated.tokenHash).toBe(await sha256Hex(linkToken(fresh.text)!));
    expect(linkToken(mails.find((m) => m.stakeholderId === people[3]!.id)!.text)).toBeNull();
    expect((await deps.db.select().from(invitations).where(eq(invitations.id, of(3).id)).get())!.tokenHash).toBe(of(3).tokenHash);

    clock.advance(HOUR_MS);
    await sendScheduledReminders(deps);
    expect(await mailFor(roundId, 'reminder')).toHaveLength(2);

    clock.advance(2 * DAY_MS);
    await Promise.all(roundJobs.map((job) => job.run(deps)));
    mails = await mailFor(roundId, 'reminder');
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.text.includes('截止时间'))).toBe(true);
  });
});

describe('manual reminders', () => {
  it('go to all non-responders, or only to the selected ones, each a new reminder', async () => {
    const { deps, roundId, people, of } = await roundWithAnswers();
    const selected = await sendManualReminders(deps, null, roundId, [of(4).id, of(0).id]);
    expect(selected).toEqual({ ok: true, value: { sent: 1 } });
    const all = await sendManualReminders(deps, null, roundId, null);
    expect(all).toEqual({ ok: true, value: { sent: 2 } });
    const mails = await mailFor(roundId, 'reminder');
    expect(mails.map((m) => m.stakeholderId).sort()).toEqual([people[3]!.id, people[4]!.id, people[4]!.id].sort());
  });
});

describe('rounds close by the clock', () => {
  it('closes open rounds past their closing time and leaves others alone', async () => {
    const { clock, deps, roundId } = await roundWithAnswers();
    const job = roundJobs.find((j) => j.name === 'rounds.close_due')!;
    await job.run(deps);
    expect((await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get())!.status).toBe('open');
    clock.advance(11 * DAY_MS);
    await Promise.all([job.run(deps), job.run(deps)]);
    const row = (await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get())!;
    expect(row.status).toBe('closed');
    expect(row.closedAt).toEqual(clock());
    expect(await sendManualReminders(deps, null, roundId, null)).toEqual({ ok: false, error: 'round_not_open' });
  });
});

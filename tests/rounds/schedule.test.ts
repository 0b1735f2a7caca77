import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, rounds } from '../../src/db/schema';
import { roundJobs } from '../../src/features/rounds/jobs';
import { openDueRounds, scheduleRound, unscheduleRound } from '../../src/features/rounds/schedule';
import { createRound, updateDraftRound } from '../../src/features/rounds/service';
import { DAY_MS, HOUR_MS } from '../../src/lib/clock';
import { bearerFor, daysFromNow, fixedClock, postJson, testDeps } from '../helpers';
import { aStakeholder, mailFor, roundInput, uniqueTag } from './factories';

async function aDraftRound(opensInMs: number, periodMs = 40 * DAY_MS) {
  const clock = fixedClock(daysFromNow(0, '09:00'));
  const deps = testDeps(clock);
  const tag = uniqueTag();
  const people = [await aStakeholder(deps, { tags: [tag] }), await aStakeholder(deps, { tags: [tag] })];
  const opensAt = new Date(clock().getTime() + opensInMs);
  const input = roundInput({ opensAt, closesAt: new Date(opensAt.getTime() + periodMs), audience: { categories: [], tags: [tag], stakeholderIds: [] } }, clock());
  const created = await createRound(deps, null, input);
  if (!created.ok) throw new Error(created.error);
  const round = async () => (await deps.db.select().from(rounds).where(eq(rounds.id, created.value.id)).get())!;
  return { clock, deps, id: created.value.id, people, input, round };
}

describe('rounds opened by the clock', () => {
  it('a scheduled round opens at its opening time and invites its audience, once, under overlapping cron runs', async () => {
    const { clock, deps, id, people, round } = await aDraftRound(2 * DAY_MS);
    expect((await scheduleRound(deps, null, id, '')).ok).toBe(true);
    expect((await round()).scheduledAt).not.toBeNull();

    clock.advance(DAY_MS);
    expect(await openDueRounds(deps)).toEqual([]);
    expect((await round()).status).toBe('draft');

    clock.advance(DAY_MS);
    await Promise.all([Promise.all(roundJobs.map((job) => job.run(deps))), Promise.all(roundJobs.map((job) => job.run(deps)))]);
    const opened = await round();
    expect(opened.status).toBe('open');
    expect(opened.openedAt).toEqual(clock());
    const invited = await deps.db.select().from(invitations).where(eq(invitations.roundId, id));
    expect(invited.map((i) => i.stakeholderId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(await mailFor(id, 'invitation')).toHaveLength(2);
  });

  it('a draft that was never scheduled waits for the organizer even after its opening time', async () => {
    const { clock, deps, id, round } = await aDraftRound(HOUR_MS);
    clock.advance(2 * HOUR_MS);
    await Promise.all(roundJobs.map((job) => job.run(deps)));
    expect((await round()).status).toBe('draft');
  });

  it('asks for the reason of a short comment period when scheduling, and refuses an opening time already past', async () => {
    const short = await aDraftRound(DAY_MS, 10 * DAY_MS);
    expect(await scheduleRound(short.deps, null, short.id, '')).toEqual({ ok: false, error: 'reason_required' });
    expect((await short.round()).scheduledAt).toBeNull();
    expect((await scheduleRound(short.deps, null, short.id, '年底前须报区政府')).ok).toBe(true);
    expect((await short.round()).shortPeriodReason).toBe('年底前须报区政府');

    const past = await aDraftRound(-HOUR_MS);
    expect(await scheduleRound(past.deps, null, past.id, '')).toEqual({ ok: false, error: 'opens_in_past' });
  });

  it('editing a scheduled round, or unscheduling it, keeps it from opening by itself', async () => {
    const edited = await aDraftRound(DAY_MS);
    await scheduleRound(edited.deps, null, edited.id, '');
    expect((await updateDraftRound(edited.deps, null, edited.id, { ...edited.input, title: '修改后的标题' })).ok).toBe(true);
    expect((await edited.round()).scheduledAt).toBeNull();

    const unscheduled = await aDraftRound(DAY_MS);
    await scheduleRound(unscheduled.deps, null, unscheduled.id, '');
    expect((await unscheduleRound(unscheduled.deps, null, unscheduled.id)).ok).toBe(true);
    expect(await unscheduleRound(unscheduled.deps, null, unscheduled.id)).toEqual({ ok: false, error: 'not_scheduled' });
    unscheduled.clock.advance(2 * DAY_MS);
    expect(await openDueRounds(unscheduled.deps)).not.toContain(unscheduled.id);
    expect((await unscheduled.round()).status).toBe('draft');
  });

  it('can be scheduled through the API, which refuses a past opening time naming the field', async () => {
    const { authorization } = await bearerFor('organizer');
    const future = await aDraftRound(30 * DAY_MS);
    const res = await postJson(`/api/v1/rounds/${future.id}/schedule`, {}, { authorization });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scheduledAt: string | null }).scheduledAt).not.toBeNull();

    const past = await aDraftRound(-30 * DAY_MS);
    const refused = await postJson(`/api/v1/rounds/${past.id}/schedule`, {}, { authorization });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields.opensAt).toBeTruthy();
    expect((await past.round()).scheduledAt).toBeNull();
  });
});

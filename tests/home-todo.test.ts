import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, outbox } from '../src/db/schema';
import { homeTodo } from '../src/features/home/todo';
import { daysFromNow, postJson, request, signedInAs, testDeps } from './helpers';
import { aRound, anInvitation, anOpinion } from './opinions/factories';
import { aMeetingWithInvitees } from './meetings/factories';
import { anOutboxRow } from './mail-factories';

describe('the home page shows what needs doing', () => {
  it('open rounds with 反馈率 and days left, opinions without a disposition, the next meeting’s answers, failed mail', async () => {
    const deps = testDeps();
    const title = `征求意见-${crypto.randomUUID().slice(0, 6)}`;
    const round = await aRound({ title });
    const invited = [];
    for (let i = 0; i < 4; i++) invited.push(await anInvitation(round));
    await anInvitation(round, undefined, { revoked: true });
    await deps.db.update(invitations).set({ status: 'responded' }).where(eq(invitations.id, invited[0]!.id));
    await anOpinion(round.id);
    await anOpinion(round.id);

    const later = await aMeetingWithInvitees(deps, 1, { startsAt: daysFromNow(9, '07:30'), title: '较晚的早餐会' });
    const next = await aMeetingWithInvitees(deps, 3, { startsAt: daysFromNow(3, '07:30'), title: '最近的早餐会', capacity: 1 });
    await postJson(`/api/v1/rsvp/${next.tokens[0]}`, { answer: 'attend' }, {}, 'PUT');
    await postJson(`/api/v1/rsvp/${next.tokens[1]}`, { answer: 'attend' }, {}, 'PUT');
    expect(later.meetingId).not.toBe(next.meetingId);

    const failed = await anOutboxRow(deps);
    await deps.db.update(outbox).set({ status: 'failed' }).where(eq(outbox.id, failed));

    const todo = await homeTodo(deps);
    expect(todo.openRounds.find((r) => r.id === round.id)).toMatchObject({ invited: 4, responded: 1, daysLeft: 14 });
    expect(todo.pendingOpinions.find((o) => o.roundId === round.id)).toMatchObject({ pending: 2 });
    expect(todo.nextMeeting).toMatchObject({ id: next.meetingId, seated: 1, waitlist: 1, noAnswer: 1 });
    expect(todo.failedMail).toBeGreaterThanOrEqual(1);

    const { cookie } = await signedInAs('viewer');
    const html = await (await request('/', { headers: { cookie } })).text();
    expect(html).toContain(`${title}：反馈率 25%（1/4），还剩 14 天`);
    expect(html).toContain(`href="/rounds/${round.id}/triage"`);
    expect(html).toContain('出席 1 人 · 候补 1 人 · 未回复 1 人');
    expect(html).toContain(`href="/meetings/${next.meetingId}"`);
    expect(html).toContain('href="/mail?status=failed"');
    // The erasure-requests block is still there.
    expect(html).toContain('home-erasure-heading');
  });
});

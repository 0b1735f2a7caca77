import { afterEach, describe, expect, it } from 'vitest';
import { bearerFor, daysFromNow, fixedClock, postJson, request, shanghaiIso, shanghaiLocal, testDeps, useAppClock } from '../helpers';
import { aStakeholder, mailFor, rsvpToken, uniqueSeries, uniqueTag } from './factories';

const breakfast = (days: number) => daysFromNow(days, '07:30');

async function createViaApi(authorization: string, overrides: Record<string, unknown> = {}) {
  const res = await postJson(
    '/api/v1/meetings',
    { series: uniqueSeries(), title: '第二期早餐会', startsAt: shanghaiIso(breakfast(90)), durationMinutes: 90, venue: '区科协会议室', capacity: 1, agenda: '意见交流', roundId: null, ...overrides },
    { authorization },
  );
  return { res, body: (await res.json()) as Record<string, unknown> };
}

afterEach(() => useAppClock(null));

describe('meetings API', () => {
  it('creates a numbered meeting, invites by tag idempotently, lists attendees, answers by token, checks in, reschedules and cancels', async () => {
    const { authorization } = await bearerFor('organizer');
    const series = uniqueSeries();
    const first = await createViaApi(authorization, { series });
    expect(first.res.status).toBe(201);
    expect(first.body).toMatchObject({ series, number: 1, startsAt: breakfast(90).toISOString(), capacity: 1, status: 'scheduled' });
    const second = await createViaApi(authorization, { series });
    expect(second.body.number).toBe(2);
    const id = first.body.id as string;

    const deps = testDeps();
    const tag = uniqueTag();
    const a = await aStakeholder(deps, { tags: [tag] });
    const b = await aStakeholder(deps, { tags: [tag] });
    await aStakeholder(deps, { tags: [tag], email: null });
    const invite = () => postJson(`/api/v1/meetings/${id}/invitations`, { tags: [tag] }, { authorization });
    expect(await (await invite()).json()).toEqual({ invited: 2, skipped: 1 });
    expect(await (await invite()).json()).toEqual({ invited: 0, skipped: 3 });

    const mails = await mailFor(id, 'meeting_invitation');
    const tokenOf = (stakeholderId: string) => rsvpToken(mails.find((m) => m.stakeholderId === stakeholderId)!.text)!;
    const put = (token: string, json: unknown) => postJson(`/api/v1/rsvp/${token}`, json, {}, 'PUT');
    const answerA = await put(tokenOf(a.id), { answer: 'delegate', note: '清真', deputy: '张伟' });
    expect(answerA.status).toBe(200);
    expect(answerA.headers.get('cache-control')).toBe('no-store');
    expect(await answerA.json()).toMatchObject({ answer: 'delegate', note: '清真', deputy: { name: '张伟', title: '' }, waitlisted: false });
    const answerB = await put(tokenOf(b.id), { answer: 'attend', deputy: { name: '李娜', title: '科长' } });
    expect(await answerB.json()).toMatchObject({ answer: 'waitlist', waitlisted: true, checkInCode: null, deputy: null });
    expect((await put('not-a-token', { answer: 'attend' })).status).toBe(404);
    expect((await put(tokenOf(a.id), { answer: 'perhaps' })).status).toBe(422);

    const list = (await (await request(`/api/v1/meetings/${id}/attendees`, { headers: { authorization } })).json()) as { items: { stakeholderId: string; rsvp: string; checkInCode: string }[] };
    expect(list.items.map((i) => i.rsvp).sort()).toEqual(['delegate', 'waitlist']);
    const code = list.items.find((i) => i.stakeholderId === a.id)!.checkInCode;

    const early = await postJson(`/api/v1/meetings/${id}/check-in`, { code }, { authorization });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('check_in_not_open');
    // Check-in opens on the meeting's day (Shanghai).
    useAppClock(fixedClock(daysFromNow(90, '00:05')));
    const once = await postJson(`/api/v1/meetings/${id}/check-in`, { code: code.toLowerCase() }, { authorization });
    expect(await once.json()).toMatchObject({ alreadyCheckedIn: false, attendee: { stakeholderId: a.id } });
    const twice = await postJson(`/api/v1/meetings/${id}/check-in`, { code }, { authorization });
    expect(await twice.json()).toMatchObject({ alreadyCheckedIn: true });
    expect((await postJson(`/api/v1/meetings/${id}/check-in`, { code: 'XXXXXX' }, { authorization })).status).toBe(404);

    const moved = await postJson(`/api/v1/meetings/${id}`, { startsAt: shanghaiIso(breakfast(91)) }, { authorization }, 'PATCH');
    expect(await moved.json()).toMatchObject({ sequence: 1, startsAt: breakfast(91).toISOString() });
    expect(await mailFor(id, 'meeting_update')).toHaveLength(2);

    const cancelled = await postJson(`/api/v1/meetings/${id}/cancel`, {}, { authorization });
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect(await mailFor(id, 'meeting_cancel')).toHaveLength(2);
    expect((await postJson(`/api/v1/meetings/${id}/cancel`, {}, { authorization })).status).toBe(409);
    expect((await put(tokenOf(a.id), { answer: 'decline' })).status).toBe(409);
  });

  it('refuses bad input with field errors and viewers with 403', async () => {
    const { authorization } = await bearerFor('organizer');
    const bad = await createViaApi(authorization, { capacity: 0, title: '' });
    expect(bad.res.status).toBe(422);
    expect(Object.keys((bad.body.error as { fields: object }).fields).sort()).toEqual(['capacity', 'title']);
    const badTime = await createViaApi(authorization, { startsAt: 'tomorrow' });
    expect(badTime.res.status).toBe(422);
    expect((badTime.body.error as { fields: Record<string, string> }).fields.startsAt).toBe('请输入有效的日期和时间（北京时间）。');
    const viewer = await bearerFor('viewer');
    expect((await createViaApi(viewer.authorization)).res.status).toBe(403);
  });

  it('creates a meeting with a time poll and no start', async () => {
    const { authorization } = await bearerFor('organizer');
    const { res, body } = await createViaApi(authorization, { startsAt: undefined, pollTimes: [shanghaiLocal(breakfast(90)), shanghaiLocal(breakfast(91))] });
    expect(res.status).toBe(201);
    expect(body.startsAt).toBeNull();
    const one = await createViaApi(authorization, { startsAt: undefined, pollTimes: [shanghaiLocal(breakfast(90))] });
    expect(one.res.status).toBe(422);
  });
});

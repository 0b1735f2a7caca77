import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { meetings, opinions, roundSections } from '../../src/db/schema';
import { daysFromNow, fixedClock, postForm, request, shanghaiLocal, signedInAs, testDeps, useAppClock } from '../helpers';
import { anOpenRound } from '../rounds/factories';
import { aMeetingWithInvitees, attendeesOf, mailFor, uniqueSeries } from './factories';

afterEach(() => useAppClock(null));

const meetingRow = async (id: string) => (await testDeps().db.select().from(meetings).where(eq(meetings.id, id)).get())!;

/** The edit form's fields for a meeting, as the page posts them. */
function editFields(overrides: Record<string, string> = {}) {
  return { title: '三年行动方案早餐会', topic: '', startsAt: shanghaiLocal(daysFromNow(2, '07:30')), durationMinutes: '90', venue: '区科协 3 楼会议室', address: '长宁路 1 号', directions: '地铁 2 号线中山公园站 3 号口，步行 5 分钟', capacity: '10', agenda: '一、情况通报；二、意见交流', host: '王老师', roundId: '', ...overrides };
}

describe('changing a meeting asks first when it emails the invitees', () => {
  it('says how many are emailed and what changed, saves nothing without the confirmation, then saves and mails', async () => {
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 3);
    const { cookie } = await signedInAs('organizer');
    const moved = editFields({ venue: '区政府 2 号楼 201 室', startsAt: shanghaiLocal(daysFromNow(3, '08:00')) });

    const asked = await postForm(`/meetings/${meetingId}`, moved, { cookie });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('将向 3 位受邀者各发送一封更新邮件（附日历更新），说明以下变化：时间、地点。');
    expect(html).toContain('保存并发送 3 封邮件');
    expect(html).toContain('name="venue" value="区政府 2 号楼 201 室"');
    expect((await meetingRow(meetingId)).venue).toBe('区科协 3 楼会议室');
    expect(await mailFor(meetingId, 'meeting_update')).toHaveLength(0);

    const saved = await postForm(`/meetings/${meetingId}`, { ...moved, confirm: '1' }, { cookie });
    expect(saved.headers.get('location')).toBe(`/meetings/${meetingId}?done=updated`);
    expect((await meetingRow(meetingId)).venue).toBe('区政府 2 号楼 201 室');
    expect(await mailFor(meetingId, 'meeting_update')).toHaveLength(3);
  });

  it('saves a change that emails no one without asking', async () => {
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 2);
    const { cookie } = await signedInAs('organizer');
    const saved = await postForm(`/meetings/${meetingId}`, editFields({ agenda: '一、情况通报；二、意见交流；三、合影' }), { cookie });
    expect(saved.headers.get('location')).toBe(`/meetings/${meetingId}?done=saved`);
    expect((await meetingRow(meetingId)).agenda).toBe('一、情况通报；二、意见交流；三、合影');
  });

  it('cancelling says how many invitees are told, cancels nothing without the confirmation, then cancels', async () => {
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 2);
    const { cookie } = await signedInAs('organizer');
    const asked = await postForm(`/meetings/${meetingId}/cancel`, {}, { cookie });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('将向 2 位仍在等待此会的受邀者各发送一封取消通知');
    expect(html).toContain('取消后不能恢复');
    expect((await meetingRow(meetingId)).status).toBe('scheduled');

    const cancelled = await postForm(`/meetings/${meetingId}/cancel`, { confirm: '1' }, { cookie });
    expect(cancelled.headers.get('location')).toBe(`/meetings/${meetingId}?done=cancelled`);
    expect((await meetingRow(meetingId)).status).toBe('cancelled');
    expect(await mailFor(meetingId, 'meeting_cancel')).toHaveLength(2);
  });
});

describe('a start in the past', () => {
  it('is refused for a new meeting with a clear message, unless recorded as a past meeting on purpose', async () => {
    const { cookie } = await signedInAs('organizer');
    const series = uniqueSeries();
    const past = daysFromNow(-3, '07:30');
    const fields = { series, title: '补录的早餐会', startsAt: shanghaiLocal(past), durationMinutes: '90', venue: '区政府 3 楼', capacity: '12', agenda: '', roundId: '' };
    const refused = await postForm('/meetings', fields, { cookie });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(`开始时间 ${shanghaiLocal(past).replace(/-/g, '/').replace('T', ' ')} 已经过去。`);
    expect(html).toContain('name="recordPast"');
    expect(html).toContain('value="补录的早餐会"');
    expect(await testDeps().db.select().from(meetings).where(eq(meetings.series, series))).toHaveLength(0);

    const recorded = await postForm('/meetings', { ...fields, recordPast: '1' }, { cookie });
    expect(recorded.status).toBe(303);
    expect(await testDeps().db.select().from(meetings).where(eq(meetings.series, series))).toHaveLength(1);
  });

  it('is refused when a meeting is moved into the past, and nothing changes', async () => {
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 1);
    const { cookie } = await signedInAs('organizer');
    const refused = await postForm(`/meetings/${meetingId}`, editFields({ startsAt: shanghaiLocal(daysFromNow(-1, '07:30')), confirm: '1' }), { cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('如果是补录已经开过的会议，请勾选“补录已开过的会议”后再保存。');
    expect((await meetingRow(meetingId)).startsAt).toEqual(daysFromNow(2, '07:30'));
  });
});

describe('check-in opens on the meeting’s day', () => {
  it('before that day the page says when it opens and refuses codes and walk-ins; from midnight in Shanghai it works', async () => {
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 1, { startsAt: daysFromNow(5, '07:30') });
    const [attendee] = await attendeesOf(meetingId);
    const eve = fixedClock(daysFromNow(4, '23:55'));
    useAppClock(eve);
    const { cookie } = await signedInAs('organizer', eve);

    const page = await (await request(`/meetings/${meetingId}/check-in`, { headers: { cookie } })).text();
    expect(page).toContain('签到在会议当天');
    expect(page).toContain('07:30 开始');
    expect(page).not.toContain('name="code"');
    const early = await postForm(`/meetings/${meetingId}/check-in`, { code: attendee!.checkInCode }, { cookie });
    expect(early.status).toBe(409);
    expect((await postForm(`/meetings/${meetingId}/walk-ins`, { name: '陈海燕', organization: '' }, { cookie })).status).toBe(409);
    expect((await attendeesOf(meetingId)).filter((a) => a.checkedInAt)).toHaveLength(0);

    eve.set(daysFromNow(5, '00:01'));
    const onTheDay = await postForm(`/meetings/${meetingId}/check-in`, { code: attendee!.checkInCode }, { cookie });
    expect(onTheDay.status).toBe(200);
    expect(await onTheDay.text()).toContain('签到成功');
  });
});

describe('minutes', () => {
  it('are refused before the meeting starts, saying when; from the start each opinion can name a section of the round', async () => {
    const deps = testDeps();
    const roundId = await anOpenRound(deps);
    const section = (await deps.db.select().from(roundSections).where(and(eq(roundSections.roundId, roundId), eq(roundSections.number, '五（一）1'))).get())!;
    const { meetingId } = await aMeetingWithInvitees(deps, 1, { roundId, startsAt: daysFromNow(1, '07:30') });
    const clock = fixedClock(daysFromNow(1, '07:29'));
    useAppClock(clock);
    const { cookie } = await signedInAs('organizer', clock);
    const row = (sectionId: string, text: string) => ({ summary: '', 'opinions.0.attendeeId': '', 'opinions.0.sectionId': sectionId, 'opinions.0.name': '周先生', 'opinions.0.organization': '', 'opinions.0.text': text });

    const before = await (await request(`/meetings/${meetingId}/minutes`, { headers: { cookie } })).text();
    expect(before).toContain('开始后才能填写纪要');
    expect(before).not.toContain('name="summary"');
    const refused = await postForm(`/meetings/${meetingId}/minutes`, row(section.id, '太早记下的意见'), { cookie });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('太早记下的意见');
    expect(await deps.db.select().from(opinions).where(eq(opinions.meetingId, meetingId))).toHaveLength(0);

    clock.set(daysFromNow(1, '07:30'));
    const form = await (await request(`/meetings/${meetingId}/minutes`, { headers: { cookie } })).text();
    expect(form).toContain('涉及章节');
    expect(form).toContain(`value="${section.id}"`);
    const unknown = await postForm(`/meetings/${meetingId}/minutes`, row('not-a-section', '停车难'), { cookie });
    expect(unknown.status).toBe(422);
    expect(await deps.db.select().from(opinions).where(eq(opinions.meetingId, meetingId))).toHaveLength(0);
    const saved = await postForm(`/meetings/${meetingId}/minutes`, row(section.id, '建议增加停车位。'), { cookie });
    expect(saved.status).toBe(303);
    const [logged] = await deps.db.select().from(opinions).where(eq(opinions.meetingId, meetingId));
    expect(logged).toMatchObject({ sectionId: section.id, text: '建议增加停车位。', channel: 'meeting' });
  });
});

import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { meetingAttendees } from '../../src/db/schema';
import { eq } from 'drizzle-orm';
import { daysFromNow, fixedClock, postForm, request, shanghaiLocal, signedInAs, testDeps, useAppClock } from '../helpers';
import { anOpenRound } from '../rounds/factories';
import { aMeetingWithInvitees, aStakeholder, attendeesOf, uniqueSeries } from './factories';

const locationOf = (res: Response) => res.headers.get('location') ?? '';

afterEach(() => useAppClock(null));

describe('meeting pages', () => {
  it('schedule by form (re-rendered with the values on bad input), invite by hand, see the answers', async () => {
    const { cookie } = await signedInAs('organizer');
    const series = uniqueSeries();
    const fields = { series, title: '营商环境早餐会', startsAt: shanghaiLocal(daysFromNow(90, '07:30')), durationMinutes: '90', venue: '区政府 3 楼', capacity: '', agenda: '', roundId: '' };
    const bad = await postForm('/meetings', fields, { cookie });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('营商环境早餐会');
    expect(badHtml).toContain('error-summary');

    const created = await postForm('/meetings', { ...fields, capacity: '12' }, { cookie });
    expect(created.status).toBe(303);
    const path = locationOf(created).split('?')[0]!;
    const page = await (await request(locationOf(created), { headers: { cookie } })).text();
    expect(page).toContain(`${series}第1期`);
    expect(page).toContain('已安排：第 1 期。');

    const person = await aStakeholder(testDeps(), { name: '林晓雯' });
    const invited = await postForm(`${path}/invitations`, { stakeholderIds: person.id }, { cookie });
    expect(locationOf(invited)).toContain('invited=1');
    const after = await (await request(path, { headers: { cookie } })).text();
    expect(after).toContain('林晓雯');
    expect(after).toContain('未回复');

    const list = await (await request('/meetings', { headers: { cookie } })).text();
    expect(list).toContain(`${series}第1期`);
  });

  it('the RSVP link: capability headers, unknown token 404, answer by form, QR and code once attending', async () => {
    const deps = testDeps();
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: daysFromNow(90, '07:30') });
    const page = await request(`/m/${tokens[0]}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
    expect(await page.text()).not.toContain('<svg');
    const unknown = await request('/m/unknown-token');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');

    const answered = await postForm(`/m/${tokens[0]}`, { answer: 'attend', note: '', deputyName: '', deputyTitle: '' });
    expect(answered.status).toBe(303);
    const html = await (await request(locationOf(answered))).text();
    const [attendee] = await attendeesOf(meetingId);
    expect(html).toContain(attendee!.checkInCode);
    expect(html).toContain('<svg');
    expect(html).toContain('已确认出席');
    const ics = await request(`/m/${tokens[0]}/invite.ics`);
    expect(ics.headers.get('content-type')).toBe('text/calendar; method=PUBLISH; charset=utf-8');
    expect(await ics.text()).toContain(`UID:${meetingId}-${attendee!.id}@roundtable`);

    const invalid = await postForm(`/m/${tokens[0]}`, { answer: '', note: '素食' });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('素食');
  });

  it('check-in by code on the page says when a second scan was first checked in; walk-ins join the sheet and the XLSX', async () => {
    const deps = testDeps();
    const { meetingId } = await aMeetingWithInvitees(deps, 1, { startsAt: daysFromNow(2, '07:30') });
    // The meeting's day, when check-in is open.
    const clock = fixedClock(daysFromNow(2, '07:00'));
    useAppClock(clock);
    const { cookie } = await signedInAs('organizer', clock);
    const [attendee] = await attendeesOf(meetingId);
    // 07:58 in Shanghai.
    await deps.db.update(meetingAttendees).set({ rsvp: 'attend', checkedInAt: daysFromNow(90, '07:58') }).where(eq(meetingAttendees.id, attendee!.id));
    const prefilled = await (await request(`/meetings/${meetingId}/check-in?code=${attendee!.checkInCode}`, { headers: { cookie } })).text();
    expect(prefilled).toContain(`value="${attendee!.checkInCode}"`);
    const again = await postForm(`/meetings/${meetingId}/check-in`, { code: attendee!.checkInCode.toLowerCase() }, { cookie });
    expect(await again.text()).toContain(`已于 07:58 签到`);
    const wrong = await postForm(`/meetings/${meetingId}/check-in`, { code: '222222' }, { cookie });
    expect(wrong.status).toBe(404);

    const walkIn = await postForm(`/meetings/${meetingId}/walk-ins`, { name: '陈海燕', organization: '华阳路街道' }, { cookie });
    expect(walkIn.status).toBe(303);
    const sheet = await (await request(`/meetings/${meetingId}/sign-in-sheet`, { headers: { cookie } })).text();
    expect(sheet).toContain('陈海燕');
    expect(sheet).toContain('签到表');

    const xlsx = await request(`/meetings/${meetingId}/attendance.xlsx`, { headers: { cookie } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(strings).toContain('陈海燕');
    expect(strings).toContain(attendee!.name);
  });

  it('minutes by form log opinions on the round', async () => {
    const deps = testDeps();
    const { cookie } = await signedInAs('organizer');
    const roundId = await anOpenRound(deps);
    const { meetingId } = await aMeetingWithInvitees(deps, 1, { roundId, startsAt: daysFromNow(-300, '08:00') });
    const [attendee] = await attendeesOf(meetingId);
    const saved = await postForm(`/meetings/${meetingId}/minutes`, {
      summary: '纪要正文',
      present: attendee!.id,
      'opinions.0.attendeeId': attendee!.id,
      'opinions.0.name': '',
      'opinions.0.organization': '',
      'opinions.0.text': '建议设立青年创业服务站。',
      'opinions.1.attendeeId': '',
      'opinions.1.name': '',
      'opinions.1.organization': '',
      'opinions.1.text': '',
    }, { cookie });
    expect(saved.status).toBe(303);
    const opinions = (await (await request(`/api/v1/rounds/${roundId}/opinions`, { headers: { cookie } })).json()) as { items: { text: string; channel: string }[] };
    expect(opinions.items.filter((o) => o.channel === 'meeting').map((o) => o.text)).toEqual(['建议设立青年创业服务站。']);
    const page = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(page).toContain('纪要正文');
    expect(page).toContain('已举行');

    const who = await postForm(`/meetings/${meetingId}/minutes`, { summary: '', 'opinions.0.attendeeId': '', 'opinions.0.name': '', 'opinions.0.organization': '', 'opinions.0.text': '没有署名的意见' }, { cookie });
    expect(who.status).toBe(422);
    expect(await who.text()).toContain('没有署名的意见');
  });

  it('a viewer sees the meeting but not the organizer actions, and cannot check in', async () => {
    const { cookie } = await signedInAs('viewer');
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 0);
    const page = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(page).not.toContain(`/meetings/${meetingId}/check-in`);
    expect((await postForm(`/meetings/${meetingId}/check-in`, { code: 'ABCDEF' }, { cookie })).status).toBe(403);
  });
});

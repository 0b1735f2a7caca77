import { strFromU8, unzipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingAttendees, stakeholders } from '../../src/db/schema';
import { WALK_IN_BLANK_ROWS } from '../../src/features/meetings/sign-in-sheet';
import { daysFromNow, linkedScript, request, signedInAs, testDeps } from '../helpers';
import { aMeetingWithInvitees, attendeesOf } from './factories';

/** A meeting with three invitees: one attending (with title and phone in the directory), one sending a deputy, one declined. */
async function aMeetingToSignIn() {
  const deps = testDeps();
  const { meetingId, people } = await aMeetingWithInvitees(deps, 3, { venue: '区科协 3 楼会议室', startsAt: daysFromNow(5, '07:30') });
  const [a, b, c] = await attendeesOf(meetingId);
  await deps.db.update(stakeholders).set({ title: '副主任', phone: '13800138000' }).where(eq(stakeholders.id, a!.stakeholderId!));
  await deps.db.update(meetingAttendees).set({ rsvp: 'attend' }).where(eq(meetingAttendees.id, a!.id));
  await deps.db.update(meetingAttendees).set({ rsvp: 'attend', deputyName: '代表甲', deputyTitle: '科长' }).where(eq(meetingAttendees.id, b!.id));
  await deps.db.update(meetingAttendees).set({ rsvp: 'decline' }).where(eq(meetingAttendees.id, c!.id));
  return { meetingId, people, attending: a!, deputized: b!, declined: c! };
}

describe('the 签到表', () => {
  it('prints a title with time and place, the six columns, the expected with 职务 and 联系电话, blank rows for walk-ins and a print button', async () => {
    const { meetingId, attending, deputized, declined } = await aMeetingToSignIn();
    const { cookie } = await signedInAs('viewer');
    const html = await (await request(`/meetings/${meetingId}/sign-in-sheet`, { headers: { cookie } })).text();
    expect(html).toMatch(/<h1>[^<]*签到表<\/h1>/);
    expect(html).toContain('地点：区科协 3 楼会议室');
    expect(html).toContain('07:30');
    const headers = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['序号', '姓名', '单位', '职务', '联系电话', '签名']);
    expect(html).toContain('副主任');
    expect(html).toContain('13800138000');
    expect(html).toContain(attending.name);
    expect(html).toContain('代表甲');
    expect(html).toContain('科长');
    // Names are unique per stakeholder: the declined invitee is not expected, and the deputy signs instead of the invitee.
    expect(html).not.toContain(declined.name);
    expect(html).not.toContain(deputized.name);
    const rows = [...html.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: 2 + WALK_IN_BLANK_ROWS }, (_, i) => i + 1));
    // The button needs app.js (no inline script under the CSP), so it stays hidden until the script shows it.
    expect(html).toMatch(/<button type="button" class="button" data-print(="[^"]*")? hidden/);
    expect(await linkedScript(html)).toContain('/* app.js */');
    expect(html).toContain(`/meetings/${meetingId}/sign-in-sheet.xlsx`);
  });

  it('as XLSX: a title row, the header repeated on every printed page, rows of 30 pt to sign in, formulas never run', async () => {
    const { meetingId, attending } = await aMeetingToSignIn();
    await testDeps().db.update(meetingAttendees).set({ organization: '=HYPERLINK("http://evil.example")' }).where(eq(meetingAttendees.id, attending.id));
    const { cookie } = await signedInAs('viewer');
    const res = await request(`/meetings/${meetingId}/sign-in-sheet.xlsx`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/第\d+期-签到表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(strings).toContain("三年行动方案早餐会签到表");
    for (const header of ['序号', '姓名', '单位', '职务', '联系电话', '签名']) expect(strings).toContain(`>${header}<`);
    expect(strings).toContain('13800138000');
    expect(sheet).toContain('ht="30"');
    expect(sheet).toContain('fitToWidth="1"');
    expect(workbook).toContain('_xlnm.Print_Titles');
    expect(sheet).not.toContain('<f>');
    expect(strings).toContain("'=HYPERLINK");
  });

  it('the attendance XLSX gets a title with the meeting, time and place above its table', async () => {
    const { meetingId } = await aMeetingToSignIn();
    const { cookie } = await signedInAs('viewer');
    const files = unzipSync(new Uint8Array(await (await request(`/meetings/${meetingId}/attendance.xlsx`, { headers: { cookie } })).arrayBuffer()));
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(strings).toContain("三年行动方案早餐会参会名单");
    expect(strings).toContain('地点：区科协 3 楼会议室');
  });
});

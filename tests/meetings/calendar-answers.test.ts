import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { findRsvpLink } from '../../src/features/meetings/rsvp';
import { revokeRsvpLink } from '../../src/features/meetings/links';
import { updateMeeting } from '../../src/features/meetings/service';
import { daysFromNow, fixedClock, request, requestWith, signedInAs, testDeps } from '../helpers';
import { aMeetingWithInvitees, attendeesOf, calendarParts, depsWithoutInboundDomain, mailFor, rsvpToken, WITHOUT_INBOUND_DOMAIN } from './factories';

const at = (days: number, hhmm: string) => daysFromNow(days, hhmm);
type Mail = Awaited<ReturnType<typeof mailFor>>[number];

/** The calendar file of a mail, parsed with ical.js, or null when the mail carries none. */
function calendarOf(mail: Mail) {
  const parts = calendarParts(mail);
  if (!parts) return null;
  const { component, event } = parts;
  return { method: component.getFirstPropertyValue('method'), status: event.getFirstPropertyValue('status'), uid: event.getFirstPropertyValue('uid') as string, event };
}

/** These tests are the case without INBOUND_DOMAIN (PUBLISH calendars); calendar-request.test.ts covers REQUEST. */
const put = (token: string, json: unknown) =>
  requestWith(WITHOUT_INBOUND_DOMAIN, `/api/v1/rsvp/${token}`, { method: 'PUT', body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const mailOf = (mails: Mail[], stakeholderId: string) => mails.filter((m) => m.stakeholderId === stakeholderId);

describe('calendar files follow the answers', () => {
  it('a waitlisted person gets no confirmed event until promoted, then one; a decline cancels the decliner’s event', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 2, { capacity: 1, startsAt: at(10, '07:30') });
    const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
    expect(await (await put(tokens[0]!, { answer: 'attend' })).json()).toMatchObject({ answer: 'attend' });
    expect(await (await put(tokens[1]!, { answer: 'attend' })).json()).toMatchObject({ answer: 'waitlist' });

    const confirmations = await mailFor(meetingId, 'meeting_rsvp');
    const seatedCal = calendarOf(mailOf(confirmations, a.id)[0]!)!;
    expect(seatedCal).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED' });
    expect(calendarOf(mailOf(confirmations, b.id)[0]!)).toBeNull();

    // An update reaches the waiting invitee too, but not as a confirmed seat.
    await updateMeeting(deps, null, meetingId, { venue: '区政府 2 号楼', roundId: undefined });
    const updates = await mailFor(meetingId, 'meeting_update');
    expect(calendarOf(mailOf(updates, b.id)[0]!)).toMatchObject({ method: 'PUBLISH', status: 'TENTATIVE' });
    expect(calendarOf(mailOf(updates, a.id)[0]!)).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED' });

    await put(tokens[0]!, { answer: 'decline' });
    const declined = mailOf(await mailFor(meetingId, 'meeting_rsvp'), a.id).find((m) => m.text.includes('不出席'))!;
    const cancel = calendarOf(declined)!;
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: seatedCal.uid });
    expect(declined.attachments![0]!.contentType).toBe('text/calendar; method=CANCEL; charset=utf-8');

    const [promoted] = await mailFor(meetingId, 'meeting_waitlist_promoted');
    expect(promoted!.stakeholderId).toBe(b.id);
    expect(calendarOf(promoted!)).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED' });
  });

  it('a revoked seat sends METHOD:CANCEL for that person alone, without a link', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 2, { startsAt: at(10, '07:30') });
    await put(tokens[0]!, { answer: 'attend' });
    const attendee = (await attendeesOf(meetingId)).find((r) => r.stakeholderId === people[0]!.id)!;
    expect((await revokeRsvpLink(deps, null, meetingId, attendee.id)).ok).toBe(true);
    const revoked = await mailFor(meetingId, 'meeting_revoked');
    expect(revoked.map((m) => m.stakeholderId)).toEqual([people[0]!.id]);
    const cancel = calendarOf(revoked[0]!)!;
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: `${meetingId}-${attendee.id}@roundtable` });
    expect(rsvpToken(revoked[0]!.text)).toBeNull();
    expect(await revokeRsvpLink(deps, null, meetingId, attendee.id)).toEqual({ ok: false, error: 'already_revoked' });
    expect(await mailFor(meetingId, 'meeting_revoked')).toHaveLength(1);
  });

  it('events ring the evening before (20:00 Beijing time), not at the 07:30 start', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId } = await aMeetingWithInvitees(deps, 1, { startsAt: at(10, '07:30') });
    const [invitation] = await mailFor(meetingId, 'meeting_invitation');
    const { event } = calendarOf(invitation!)!;
    const alarm = event.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
    const ringsAt = new Date(at(10, '07:30').getTime() + trigger.toSeconds() * 1000);
    expect(ringsAt.toISOString()).toBe(at(9, '20:00').toISOString());
    expect(String(alarm.getFirstPropertyValue('description'))).toContain('早餐会');
  });
});

describe('mails carry the personal link', () => {
  it('the update mail says what changed (before and after) and carries the invitee’s working link', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: at(10, '07:30'), venue: '区科协 3 楼会议室' });
    await updateMeeting(deps, null, meetingId, { venue: '区政府 2 号楼 201 室', startsAt: at(11, '08:00'), roundId: undefined });
    const [update] = await mailFor(meetingId, 'meeting_update');
    expect(update!.text).toContain('变更内容');
    expect(update!.text).toContain('由“区科协 3 楼会议室”改为“区政府 2 号楼 201 室”');
    expect(update!.text).toMatch(/07:30.*改为.*08:00/s);
    expect(update!.text).toContain('What changed');
    expect(rsvpToken(update!.text)).toBe(tokens[0]);
    expect(await findRsvpLink(deps, tokens[0]!)).not.toBeNull();
  });

  it('the confirmation email carries the RSVP link that was used', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: at(10, '07:30') });
    await put(tokens[0]!, { answer: 'maybe' });
    const [confirmation] = await mailFor(meetingId, 'meeting_rsvp');
    expect(rsvpToken(confirmation!.text)).toBe(tokens[0]);
    expect(calendarOf(confirmation!)).toBeNull();
  });
});

describe('委派出席: a deputy comes instead', () => {
  it('is kept, takes the seat, and shows on the attendee list, the sign-in sheet and the confirmation email', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 2, { capacity: 1, startsAt: at(10, '07:30') });
    const delegated = await put(tokens[0]!, { answer: 'delegate', deputy: { name: '周明远', title: '副主任' } });
    expect(delegated.status).toBe(200);
    const body = (await delegated.json()) as { answer: string; deputy: unknown; checkInCode: string | null };
    expect(body).toMatchObject({ answer: 'delegate', deputy: { name: '周明远', title: '副主任' } });
    expect(body.checkInCode).toMatch(/\w+/);
    // The deputy holds the only seat.
    expect(await (await put(tokens[1]!, { answer: 'attend' })).json()).toMatchObject({ answer: 'waitlist' });

    const [confirmation] = mailOf(await mailFor(meetingId, 'meeting_rsvp'), people[0]!.id);
    expect(confirmation!.text).toContain('委派出席');
    expect(confirmation!.text).toContain('周明远，副主任');
    expect(confirmation!.text).toContain(body.checkInCode!);
    expect(rsvpToken(confirmation!.text)).toBe(tokens[0]);

    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(page).toContain('周明远，副主任');
    expect(page).toContain('委派出席');
    const sheet = await (await request(`/meetings/${meetingId}/sign-in-sheet`, { headers: { cookie } })).text();
    // The deputy signs under their own name, their title in the 职务 column.
    expect(sheet).toContain('周明远');
    expect(sheet).toContain('副主任');
  });

  it('without a deputy’s name is refused, naming the field, and changes nothing', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: at(10, '07:30') });
    const refused = await put(tokens[0]!, { answer: 'delegate', deputy: { name: ' ', title: '科长' } });
    expect(refused.status).toBe(422);
    const error = ((await refused.json()) as { error: { fields: Record<string, string> } }).error;
    expect(error.fields.deputy).toBe('委派出席时请填写出席人姓名。');
    expect((await attendeesOf(meetingId))[0]!.rsvp).toBe('pending');
  });

  it('a waiting delegate is promoted as a delegate, deputy kept', async () => {
    const deps = depsWithoutInboundDomain(testDeps(fixedClock(at(0, '10:00'))));
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 2, { capacity: 1, startsAt: at(10, '07:30') });
    await put(tokens[0]!, { answer: 'attend' });
    expect(await (await put(tokens[1]!, { answer: 'delegate', deputy: '李娜' })).json()).toMatchObject({ answer: 'waitlist' });
    await put(tokens[0]!, { answer: 'decline' });
    const row = (await attendeesOf(meetingId)).find((r) => r.stakeholderId === people[1]!.id)!;
    expect(row).toMatchObject({ rsvp: 'delegate', deputyName: '李娜' });
  });
});

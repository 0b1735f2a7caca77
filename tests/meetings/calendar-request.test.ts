import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inboundItems, meetingAttendees } from '../../src/db/schema';
import { findByMeetingAddress } from '../../src/features/meetings/calendar-address';
import { parseCalendarReply } from '../../src/features/meetings/imip';
import { revokeRsvpLink } from '../../src/features/meetings/links';
import { cancelMeeting } from '../../src/features/meetings/service';
import { bearerFor, daysFromNow, fixedClock, postJson, request, testDeps } from '../helpers';
import { deliver, fillFixture } from '../inbound/mail';
import { aMeetingWithInvitees, attendeesOf, calendarParts, mailFor } from './factories';
import outlookReply from '../fixtures/mail/outlook-imip-reply.eml?raw';
import dingtalkReply from '../fixtures/mail/dingtalk-imip-reply.eml?raw';

const at = (days: number, hhmm: string) => daysFromNow(days, hhmm);
type Mail = Awaited<ReturnType<typeof mailFor>>[number];

function calendarOf(mail: Mail) {
  const parts = calendarParts(mail);
  if (!parts) return null;
  const { attachment, component, event } = parts;
  const attendee = event.getFirstProperty('attendee')!;
  return {
    contentType: attachment.contentType,
    method: component.getFirstPropertyValue('method') as string,
    uid: event.getFirstPropertyValue('uid') as string,
    organizer: String(event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, ''),
    rsvp: attendee.getParameter('rsvp'),
    partstat: attendee.getParameter('partstat'),
  };
}

/** A meeting with invitees, each with the organizer address and UID their invitation's calendar carries. */
async function invited(count: number, capacity = 10) {
  const deps = testDeps(fixedClock(at(0, '10:00')));
  const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, count, { capacity, startsAt: at(10, '07:30') });
  const mails = await mailFor(meetingId, 'meeting_invitation');
  const rows = await attendeesOf(meetingId);
  const invitees = people.map((p, i) => {
    const calendar = calendarOf(mails.find((m) => m.stakeholderId === p.id)!)!;
    return { ...p, token: tokens[i]!, attendeeId: rows.find((r) => r.stakeholderId === p.id)!.id, address: calendar.organizer, uid: calendar.uid };
  });
  return { deps, meetingId, invitees };
}

async function answerByCalendar(fixture: string, invitee: { email: string | null; address: string; uid: string }, partstat: string, from = invitee.email!) {
  await deliver(fillFixture(fixture, { from, to: invitee.address, uid: invitee.uid, partstat }), { from, to: invitee.address });
  return testDeps().db.select().from(inboundItems).where(eq(inboundItems.toAddress, invitee.address)).orderBy(desc(inboundItems.createdAt)).get();
}

const rsvpOf = async (attendeeId: string) => (await testDeps().db.select().from(meetingAttendees).where(eq(meetingAttendees.id, attendeeId)).get())!.rsvp;

describe('with INBOUND_DOMAIN, meeting calendars ask for an answer', () => {
  it('the invitation is METHOD:REQUEST, RSVP=TRUE and NEEDS-ACTION, its ORGANIZER an address of the invitee’s own on the domain', async () => {
    const { meetingId, invitees } = await invited(2);
    const [a, b] = invitees as [(typeof invitees)[0], (typeof invitees)[0]];
    const mail = (await mailFor(meetingId, 'meeting_invitation')).find((m) => m.stakeholderId === a.id)!;
    expect(calendarOf(mail)).toMatchObject({ contentType: 'text/calendar; method=REQUEST; charset=utf-8', method: 'REQUEST', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' });
    expect(a.address).toMatch(/^meeting\+m1-[0-9a-z]{26}-[0-9a-f]{20}@reply\.example\.gov\.cn$/);
    expect(b.address).not.toBe(a.address);
    // The address opens nothing by itself: it is not the RSVP token.
    expect(a.address).not.toContain(a.token.toLowerCase());
    expect((await findByMeetingAddress(testDeps(), a.address))?.id).toBe(a.attendeeId);
    expect(await findByMeetingAddress(testDeps(), a.address.replace(/-[0-9a-f]{20}@/, '-00000000000000000000@'))).toBeNull();
  });
});

describe('an answer with the calendar’s buttons (iMIP REPLY) is the RSVP', () => {
  it('Outlook’s Accept (text/calendar in multipart/alternative, and invite.ics) records attend; the confirmation carries no calendar', async () => {
    const { meetingId, invitees } = await invited(1);
    const [a] = invitees as [(typeof invitees)[0]];
    const item = (await answerByCalendar(outlookReply, a, 'ACCEPTED'))!;
    expect(await rsvpOf(a.attendeeId)).toBe('attend');
    expect(item).toMatchObject({ status: 'confirmed', reason: 'rsvp_attend', meetingId, stakeholderId: a.id, roundId: null });
    expect(item.files.map((f) => f.filename)).toContain('invite.ics');
    const [confirmation] = await mailFor(meetingId, 'meeting_rsvp');
    expect(confirmation!.text).toContain('出席');
    expect(calendarOf(confirmation!)).toBeNull();

    // Pressing Accept again changes nothing and mails nothing.
    await answerByCalendar(outlookReply, a, 'ACCEPTED');
    expect(await mailFor(meetingId, 'meeting_rsvp')).toHaveLength(1);
  });

  it('an accept when the meeting is full joins the waitlist; 钉钉’s Decline (UTF-8, base64, folded CN) frees the seat, which goes to the waiting one', async () => {
    const { meetingId, invitees } = await invited(2, 1);
    const [a, b] = invitees as [(typeof invitees)[0], (typeof invitees)[0]];
    await answerByCalendar(outlookReply, a, 'ACCEPTED');
    const waiting = (await answerByCalendar(outlookReply, b, 'ACCEPTED'))!;
    expect(await rsvpOf(b.attendeeId)).toBe('waitlist');
    expect(waiting.reason).toBe('rsvp_waitlist');

    const declined = (await answerByCalendar(dingtalkReply, a, 'DECLINED'))!;
    expect(declined).toMatchObject({ status: 'confirmed', reason: 'rsvp_decline' });
    expect(await rsvpOf(a.attendeeId)).toBe('decline');
    // The comment typed in 钉钉 is kept as the note.
    expect((await testDeps().db.select().from(meetingAttendees).where(eq(meetingAttendees.id, a.attendeeId)).get())!.note).toBe('抱歉，当天另有会议，请转告会务组。');
    expect(await rsvpOf(b.attendeeId)).toBe('attend');
    expect((await mailFor(meetingId, 'meeting_waitlist_promoted')).map((m) => m.stakeholderId)).toEqual([b.id]);
  });

  it('Accept from someone whose deputy holds the seat keeps 委派出席 and its deputy', async () => {
    const { meetingId, invitees } = await invited(1);
    const [a] = invitees as [(typeof invitees)[0]];
    const put = await postJson(`/api/v1/rsvp/${a.token}`, { answer: 'delegate', deputy: { name: '周明远', title: '副主任' } }, {}, 'PUT');
    expect(put.status).toBe(200);
    const item = (await answerByCalendar(outlookReply, a, 'ACCEPTED'))!;
    expect(item.reason).toBe('rsvp_delegate');
    const row = (await testDeps().db.select().from(meetingAttendees).where(eq(meetingAttendees.id, a.attendeeId)).get())!;
    expect([row.rsvp, row.deputyName]).toEqual(['delegate', '周明远']);
    expect(await mailFor(meetingId, 'meeting_rsvp')).toHaveLength(1);
  });

  it('Tentative records maybe', async () => {
    const { invitees } = await invited(1);
    const item = (await answerByCalendar(dingtalkReply, invitees[0]!, 'TENTATIVE'))!;
    expect(item.reason).toBe('rsvp_maybe');
    expect(await rsvpOf(invitees[0]!.attendeeId)).toBe('maybe');
  });
});

describe('calendar replies that answer nothing', () => {
  it('to a revoked link’s address, or a forged one, changes nothing and waits as unmatched', async () => {
    const { deps, meetingId, invitees } = await invited(1);
    const [a] = invitees as [(typeof invitees)[0]];
    expect((await revokeRsvpLink(deps, null, meetingId, a.attendeeId)).ok).toBe(true);
    expect(await answerByCalendar(outlookReply, a, 'ACCEPTED')).toMatchObject({ status: 'unmatched', reason: 'unknown_address' });
    const forged = { ...a, address: a.address.replace(/-[0-9a-f]{20}@/, '-0123456789abcdef0123@') };
    expect(await answerByCalendar(outlookReply, forged, 'ACCEPTED')).toMatchObject({ status: 'unmatched', reason: 'unknown_address' });
    expect(await rsvpOf(a.attendeeId)).toBe('pending');
    const { authorization } = await bearerFor('viewer');
    const list = (await (await request('/api/v1/inbound', { headers: { authorization } })).json()) as { items: { to: string; reason: string }[] };
    expect(list.items.filter((i) => i.to === a.address).map((i) => i.reason)).toContain('unknown_address');
  });

  it('accepted by a colleague the invitation was forwarded to (another ATTENDEE, another sender) answers nothing', async () => {
    const { invitees } = await invited(1);
    const [a] = invitees as [(typeof invitees)[0]];
    const item = await answerByCalendar(outlookReply, a, 'ACCEPTED', 'colleague@example.com');
    expect(item).toMatchObject({ status: 'unmatched', reason: 'unknown_sender' });
    expect(await rsvpOf(a.attendeeId)).toBe('pending');
  });

  it('for another event (a UID that is not this invitee’s) answers nothing', async () => {
    const { invitees } = await invited(2);
    const [a, b] = invitees as [(typeof invitees)[0], (typeof invitees)[0]];
    expect(await answerByCalendar(outlookReply, { ...a, uid: b.uid }, 'ACCEPTED')).toMatchObject({ status: 'unmatched', reason: 'unknown_event' });
    expect(await rsvpOf(a.attendeeId)).toBe('pending');
  });

  it('after the meeting was cancelled is recorded as ignored, the answer unchanged', async () => {
    const { deps, meetingId, invitees } = await invited(1);
    await cancelMeeting(deps, null, meetingId);
    expect(await answerByCalendar(outlookReply, invitees[0]!, 'ACCEPTED')).toMatchObject({ status: 'ignored', reason: 'meeting_closed' });
    expect(await rsvpOf(invitees[0]!.attendeeId)).toBe('pending');
  });
});

describe('reading an iMIP reply', () => {
  it('unfolds lines, reads quoted parameters holding “:” and “;”, and takes the first event only', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'UID:M1-A1@roundtable',
      'ATTENDEE;CN="钱立群: 区商务委; 科长";PARTSTAT=TENTATIVE:MAILTO:Qian@Example.com',
      'COMMENT:晚到十分钟\\, 请留座\\n谢谢',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:other',
      'ATTENDEE;PARTSTAT=DECLINED:mailto:other@example.com',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseCalendarReply(ics)).toEqual({
      method: 'REPLY',
      uid: 'M1-A1@roundtable',
      attendees: [{ email: 'qian@example.com', partstat: 'TENTATIVE' }],
      comment: '晚到十分钟, 请留座\n谢谢',
    });
    expect(parseCalendarReply('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR')).toBeNull();
  });
});

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { updateMeeting, cancelMeeting } from '../../src/features/meetings/service';
import { meetingCalendar } from '../../src/features/meetings/calendar';
import { eq } from 'drizzle-orm';
import { stakeholders } from '../../src/db/schema';
import { daysFromNow, fixedClock, request, testDeps } from '../helpers';
import { aMeetingWithInvitees, decodeAttachment, depsWithoutInboundDomain, mailFor } from './factories';

/** Days from today in Shanghai, at a Shanghai time of day: every date here is relative to the tests' now. */
const at = (days: number, hhmm: string) => daysFromNow(days, hhmm);

function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const event = component.getFirstSubcomponent('vevent')!;
  return { component, event, method: component.getFirstPropertyValue('method') };
}

function icsOf(mail: { attachments: { contentType: string; contentBase64: string }[] | null }) {
  const attachment = mail.attachments!.find((a) => a.contentType.startsWith('text/calendar'))!;
  return { ics: decodeAttachment(attachment.contentBase64), contentType: attachment.contentType };
}

describe('calendar files', () => {
  it('invite with METHOD:PUBLISH and RSVP=FALSE (no Accept/Decline to noreply@), 07:30 Shanghai as 23:30Z the day before; updates keep the UID and raise SEQUENCE; a cancel says CANCEL', async () => {
    const clock = fixedClock(at(0, '10:00'));
    // Without INBOUND_DOMAIN: no address to answer to (calendar-request.test.ts covers the REQUEST case).
    const deps = depsWithoutInboundDomain(testDeps(clock));
    const { meetingId, people } = await aMeetingWithInvitees(deps, 1, { startsAt: at(6, '07:30') });
    const [invitation] = await mailFor(meetingId, 'meeting_invitation');
    const first = icsOf(invitation!);
    expect(first.contentType).toBe('text/calendar; method=PUBLISH; charset=utf-8');
    const parsed = parse(first.ics);
    expect(parsed.method).toBe('PUBLISH');
    // The invitee is named for their own calendar, with no reply asked for.
    const attendees = parsed.event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(attendees[0]!.getParameter('rsvp')).toBe('FALSE');
    expect(first.ics).not.toMatch(/RSVP=TRUE/);
    // Nobody has answered yet: the event is not a confirmed seat.
    expect(parsed.event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const start = parsed.event.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe(at(6, '07:30').toISOString());
    expect(first.ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(String(parsed.event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:noreply@example.gov.cn');
    expect(people).toHaveLength(1);
    const uid = parsed.event.getFirstPropertyValue('uid');
    expect(uid).toMatch(new RegExp(`^${meetingId}-\\w+@roundtable$`));
    expect(parsed.event.getFirstPropertyValue('sequence')).toBe(0);

    clock.advance(60_000);
    const moved = await updateMeeting(deps, null, meetingId, { startsAt: at(7, '07:30'), roundId: undefined });
    expect(moved.ok).toBe(true);
    const [update] = await mailFor(meetingId, 'meeting_update');
    const second = parse(icsOf(update!).ics);
    expect(second.method).toBe('PUBLISH');
    expect(second.event.getFirstPropertyValue('uid')).toBe(uid);
    expect(second.event.getFirstPropertyValue('sequence')).toBe(1);
    expect((second.event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(at(7, '07:30').toISOString());

    // A change invitees are not told about (the agenda) keeps the sequence.
    await updateMeeting(deps, null, meetingId, { agenda: '新议程', roundId: undefined });
    expect(await mailFor(meetingId, 'meeting_update')).toHaveLength(1);

    await cancelMeeting(deps, null, meetingId);
    const [cancel] = await mailFor(meetingId, 'meeting_cancel');
    const third = icsOf(cancel!);
    expect(third.contentType).toBe('text/calendar; method=CANCEL; charset=utf-8');
    const cancelled = parse(third.ics);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.event.getFirstPropertyValue('uid')).toBe(uid);
    expect(cancelled.event.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancelled.event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('folds long Chinese lines at 75 octets without splitting a character', () => {
    const summary = '第二期早餐会：关于三年行动方案的意见征求与讨论，欢迎各位委员、街道和企业代表参加共同商讨'.repeat(3);
    const description = '议程：一、情况通报；二、意见交流；三、总结。'.repeat(12);
    const ics = meetingCalendar(
      {
        meetingId: 'M1',
        attendeeId: 'A1',
        sequence: 3,
        startsAt: at(6, '07:30'),
        durationMinutes: 90,
        summary,
        description,
        location: '长宁区政府 3 楼会议室（长宁路 599 号）'.repeat(4),
        organizer: { name: 'Roundtable 征求意见', email: 'noreply@example.gov.cn' },
        attendee: { name: '王五', email: 'wang@example.com' },
        confirmed: true,
        awaitingAnswer: false,
        reminder: '明早：第二期早餐会',
        stamp: at(0, '10:00'),
      },
      'PUBLISH',
    );
    const lines = ics.split('\r\n');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // Every physical line is valid UTF-8 on its own: no character was cut in two.
    for (const line of lines) expect(() => new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(new TextEncoder().encode(line))).not.toThrow();
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${summary}`);
    const event = parse(ics).event;
    expect(event.getFirstPropertyValue('summary')).toBe(summary);
    expect(event.getFirstPropertyValue('description')).toBe(description);
    const icsUtc = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTAMP:${icsUtc(at(0, '10:00'))}`);
    expect(ics).toContain(`DTSTART:${icsUtc(at(6, '07:30'))}`);
  });

  it('a quote in an invitee\'s name cannot end CN early and inject a role or a second address: one attendee, its own address', () => {
    const name = '张三", ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:evil@example.com\r\nATTENDEE;CN="x';
    const ics = meetingCalendar(
      {
        meetingId: 'M1',
        attendeeId: 'A1',
        sequence: 0,
        startsAt: daysFromNow(7, '07:30'),
        durationMinutes: 90,
        summary: '早餐会',
        description: '',
        location: '',
        organizer: { name: 'Roundtable "征求意见"', email: 'noreply@example.gov.cn' },
        attendee: { name, email: 'zhang@example.com' },
        confirmed: false,
        awaitingAnswer: true,
        reminder: '明早：早餐会',
        stamp: daysFromNow(0),
      },
      'PUBLISH',
    );
    const { event } = parse(ics);
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe('mailto:zhang@example.com');
    expect(attendees[0]!.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendees[0]!.getParameter('partstat')).toBe('TENTATIVE');
    expect(attendees[0]!.getParameter('rsvp')).toBe('FALSE');
    expect(attendees[0]!.getParameter('cn')).toBe("张三', ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:evil@example.com ATTENDEE;CN='x");
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe("Roundtable '征求意见'");
    expect(ics).not.toContain('evil@example.com\r\n');
  });

  it('GET /m/<token>/invite.ics for an invitee without an email answers 200 with the event and no attendee line, not 500', async () => {
    const deps = testDeps();
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: daysFromNow(10, '07:30') });
    await deps.db.update(stakeholders).set({ email: null, emailNormalized: null }).where(eq(stakeholders.id, people[0]!.id));
    const res = await request(`/m/${tokens[0]}/invite.ics`);
    expect(res.status).toBe(200);
    const { event, method } = parse(await res.text());
    expect(method).toBe('PUBLISH');
    expect(event.getFirstPropertyValue('uid')).toMatch(new RegExp(`^${meetingId}-`));
    expect(event.getAllProperties('attendee')).toHaveLength(0);
  });
});

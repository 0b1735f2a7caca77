import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingAttendees, meetingReminders, opinions } from '../../src/db/schema';
import { addWalkIn, checkIn, CHECK_IN_ALPHABET } from '../../src/features/meetings/check-in';
import { meetingJobs } from '../../src/features/meetings/jobs';
import { saveMinutes } from '../../src/features/meetings/minutes';
import { answerRsvp, findRsvpLink } from '../../src/features/meetings/rsvp';
import { createMeeting } from '../../src/features/meetings/service';
import { sendMeetingReminders } from '../../src/features/meetings/reminders';
import { figuresOf } from '../../src/features/summaries/figures-cache';
import { HOUR_MS } from '../../src/lib/clock';
import { daysFromNow, fixedClock, testDeps } from '../helpers';
import { anOpenRound } from '../rounds/factories';
import { aMeetingWithInvitees, attendeesOf, mailFor, meetingInput, uniqueSeries } from './factories';

/** Days from today in Shanghai, at a Shanghai time of day: every date here is relative to the tests' now. */
const at = (days: number, hhmm: string) => daysFromNow(days, hhmm);

const attend = { answer: 'attend' as const, note: '', deputy: { name: '', title: '' } };

describe('numbering within a series', () => {
  it('numbers meetings 1, 2, 3… per series, distinct even when created at once', async () => {
    const deps = testDeps();
    const series = uniqueSeries();
    const created = await Promise.all(Array.from({ length: 5 }, () => createMeeting(deps, null, meetingInput({ series }))));
    const numbers = created.map((c) => (c.ok ? c.value.number : -1)).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    const other = await createMeeting(deps, null, meetingInput({ series: uniqueSeries() }));
    expect(other.ok && other.value.number).toBe(1);
  });
});

describe('reminders', () => {
  it('go once to each attendee the day before and once on the morning, even when cron runs overlap', async () => {
    const clock = fixedClock(at(0, '10:00'));
    const deps = testDeps(clock);
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 3, { startsAt: at(6, '07:30') });
    for (const token of tokens.slice(0, 2)) await answerRsvp(deps, (await findRsvpLink(deps, token))!, attend);

    await Promise.all([sendMeetingReminders(deps), sendMeetingReminders(deps)]);
    expect(await mailFor(meetingId, 'meeting_reminder')).toHaveLength(0);

    clock.set(at(5, '08:00'));
    await Promise.all([sendMeetingReminders(deps), sendMeetingReminders(deps), ...meetingJobs.map((j) => j.run(deps))]);
    let mails = await mailFor(meetingId, 'meeting_reminder');
    expect(mails.map((m) => m.stakeholderId).sort()).toEqual([people[0]!.id, people[1]!.id].sort());
    expect(mails[0]!.text).toContain('地铁 2 号线中山公园站');

    clock.set(at(6, '06:35'));
    await Promise.all([sendMeetingReminders(deps), sendMeetingReminders(deps)]);
    clock.advance(HOUR_MS / 2);
    await sendMeetingReminders(deps);
    mails = await mailFor(meetingId, 'meeting_reminder');
    expect(mails).toHaveLength(4);
    const attendees = await attendeesOf(meetingId);
    const claims = await deps.db.select().from(meetingReminders).where(eq(meetingReminders.attendeeId, attendees.find((a) => a.stakeholderId === people[0]!.id)!.id));
    expect(claims.map((c) => c.reminderKey).sort()).toEqual(['day_before', 'morning']);
  });
});

describe('reminders to a large meeting', () => {
  it('reach every one of more attendees than one statement can name', async () => {
    const clock = fixedClock(at(0, '10:00'));
    const deps = testDeps(clock);
    const { meetingId } = await aMeetingWithInvitees(deps, 95, { capacity: 200, startsAt: at(6, '07:30') });
    await deps.db.update(meetingAttendees).set({ rsvp: 'attend' }).where(eq(meetingAttendees.meetingId, meetingId));
    clock.set(at(5, '08:00'));
    expect(await sendMeetingReminders(deps)).toBe(95);
    expect(await mailFor(meetingId, 'meeting_reminder')).toHaveLength(95);
  });
});

describe('check-in', () => {
  it('checks in by code once; a second scan says when the first was; codes avoid confusable characters', async () => {
    const clock = fixedClock(at(6, '07:58'));
    const deps = testDeps(clock);
    const { meetingId } = await aMeetingWithInvitees(deps, 2);
    const [first] = await attendeesOf(meetingId);
    expect(first!.checkInCode).toMatch(new RegExp(`^[${CHECK_IN_ALPHABET}]{6}$`));
    const once = await checkIn(deps, null, meetingId, first!.checkInCode);
    expect(once.ok && once.value.alreadyCheckedIn).toBe(false);
    clock.advance(5 * 60_000);
    const twice = await checkIn(deps, null, meetingId, first!.checkInCode);
    expect(twice.ok && twice.value).toMatchObject({ alreadyCheckedIn: true, checkedInAt: at(6, '07:58') });
    expect(await checkIn(deps, null, meetingId, 'ZZZZZZ')).toEqual({ ok: false, error: 'unknown_code' });

    const walkIn = await addWalkIn(deps, null, meetingId, { name: '陈海燕', organization: '华阳路街道' });
    expect(walkIn.ok && walkIn.value).toMatchObject({ walkIn: true, rsvp: 'attend', stakeholderId: null });
    expect((await attendeesOf(meetingId)).filter((a) => a.checkedInAt)).toHaveLength(2);
  });
});

describe('minutes', () => {
  it('logs each opinion heard as a meeting-channel opinion on the round, counted in its stats, and marks attendance', async () => {
    const clock = fixedClock(at(0, '10:00'));
    const deps = testDeps(clock);
    const roundId = await anOpenRound(deps);
    const { meetingId, people } = await aMeetingWithInvitees(deps, 2, { roundId, startsAt: at(6, '07:30') });
    const before = await figuresOf(deps, roundId);
    const attendees = await attendeesOf(meetingId);
    const speaker = attendees.find((a) => a.stakeholderId === people[0]!.id)!;

    expect(await saveMinutes(deps, null, meetingId, { summary: '', present: [], opinions: [] })).toEqual({ ok: false, error: 'not_yet_held' });
    clock.set(at(6, '10:00'));
    const saved = await saveMinutes(deps, null, meetingId, {
      summary: '会议围绕行动方案交换了意见。',
      present: [speaker.id],
      opinions: [
        { attendeeId: speaker.id, sectionId: '', name: '', organization: '', text: '建议增加青年创业扶持内容。' },
        { attendeeId: '', sectionId: '', name: '周先生', organization: '某科技公司', text: '希望简化审批流程。' },
        { attendeeId: '', sectionId: '', name: '', organization: '', text: '' },
      ],
    });
    expect(saved).toEqual({ ok: true, value: { opinions: 2 } });
    const logged = await deps.db.select().from(opinions).where(eq(opinions.meetingId, meetingId));
    expect(logged).toHaveLength(2);
    expect(logged.every((o) => o.channel === 'meeting' && o.roundId === roundId && o.disposition === 'pending')).toBe(true);
    expect(logged.every((o) => o.heardAt.getTime() === at(6, '07:30').getTime())).toBe(true);
    expect(logged.find((o) => o.stakeholderId === people[0]!.id)!.text).toBe('建议增加青年创业扶持内容。');
    expect(logged.find((o) => o.authorName === '周先生')!.authorOrganization).toBe('某科技公司');
    const after = await figuresOf(deps, roundId);
    expect(after.opinions.byChannel.meeting).toBe((before.opinions.byChannel.meeting ?? 0) + 2);
    expect(after.opinions.total).toBe(before.opinions.total + 2);
    const checked = (await attendeesOf(meetingId)).filter((a) => a.checkedInAt);
    expect(checked.map((a) => a.id)).toEqual([speaker.id]);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingAttendees } from '../../src/db/schema';
import { answerRsvp, findRsvpLink } from '../../src/features/meetings/rsvp';
import { updateMeeting } from '../../src/features/meetings/service';
import type { RsvpInput } from '../../src/features/meetings/schemas';
import { daysFromNow, fixedClock, testDeps } from '../helpers';
import { aMeetingWithInvitees, attendeesOf, mailFor } from './factories';

/** Days from today in Shanghai, at a Shanghai time of day: every date here is relative to the tests' now. */
const at = (days: number, hhmm: string) => daysFromNow(days, hhmm);

const attend: RsvpInput = { answer: 'attend', note: '', deputy: { name: '', title: '' } };
const decline: RsvpInput = { answer: 'decline', note: '', deputy: { name: '', title: '' } };

async function answer(deps: ReturnType<typeof testDeps>, token: string, input: RsvpInput) {
  const link = await findRsvpLink(deps, token);
  if (!link) throw new Error('no link');
  const result = await answerRsvp(deps, link, input);
  if (!result.ok) throw new Error(result.error);
  return result.value.rsvp;
}

describe('capacity and the waitlist', () => {
  it('two people answering at once for the last seat: exactly one gets it, the other is waitlisted', async () => {
    const deps = testDeps(fixedClock(at(0, '10:00')));
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 3, { capacity: 2 });
    expect(await answer(deps, tokens[0]!, attend)).toBe('attend');
    const answers = await Promise.all([answer(deps, tokens[1]!, attend), answer(deps, tokens[2]!, attend)]);
    expect(answers.sort()).toEqual(['attend', 'waitlist']);
    const rows = await attendeesOf(meetingId);
    expect(rows.filter((r) => r.rsvp === 'attend')).toHaveLength(2);
    const waiting = rows.filter((r) => r.rsvp === 'waitlist');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.waitlistedAt).not.toBeNull();
  });

  it('many at once never take more seats than there are', async () => {
    const deps = testDeps(fixedClock(at(0, '10:00')));
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 8, { capacity: 3 });
    await Promise.all(tokens.map((t) => answer(deps, t, attend)));
    const rows = await attendeesOf(meetingId);
    expect(rows.filter((r) => r.rsvp === 'attend')).toHaveLength(3);
    expect(rows.filter((r) => r.rsvp === 'waitlist')).toHaveLength(5);
  });

  it('a decline promotes the first on the waitlist once, and mails them once', async () => {
    const clock = fixedClock(at(0, '10:00'));
    const deps = testDeps(clock);
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 4, { capacity: 1 });
    await answer(deps, tokens[0]!, attend);
    clock.advance(1000);
    expect(await answer(deps, tokens[2]!, attend)).toBe('waitlist');
    clock.advance(1000);
    expect(await answer(deps, tokens[1]!, attend)).toBe('waitlist');

    // The attendee declines twice at once (a double tap): one seat frees, one person moves up.
    await Promise.all([answer(deps, tokens[0]!, decline), answer(deps, tokens[0]!, decline)]);
    const rows = await attendeesOf(meetingId);
    const of = (i: number) => rows.find((r) => r.stakeholderId === people[i]!.id)!;
    expect(of(2).rsvp).toBe('attend');
    expect(of(2).waitlistedAt).toBeNull();
    expect(of(1).rsvp).toBe('waitlist');
    const promotedMail = await mailFor(meetingId, 'meeting_waitlist_promoted');
    expect(promotedMail.map((m) => m.stakeholderId)).toEqual([people[2]!.id]);
    expect(promotedMail[0]!.text).toContain(of(2).checkInCode);
    expect(promotedMail[0]!.transactional).toBe(false);

    // Answering "attend" again while waiting keeps one's place in line.
    const before = of(1).waitlistedAt;
    clock.advance(1000);
    expect(await answer(deps, tokens[1]!, attend)).toBe('waitlist');
    expect((await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.id, of(1).id)).get())!.waitlistedAt).toEqual(before);

    // More seats promote whoever waits.
    await updateMeeting(deps, null, meetingId, { capacity: 2, roundId: undefined });
    expect((await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.id, of(1).id)).get())!.rsvp).toBe('attend');
    expect(await mailFor(meetingId, 'meeting_waitlist_promoted')).toHaveLength(2);
  });

  it('records the note and a deputy, confirms by a transactional mail, and refuses after the start', async () => {
    const clock = fixedClock(at(0, '10:00'));
    const deps = testDeps(clock);
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 1);
    await answer(deps, tokens[0]!, { answer: 'delegate', note: '素食', deputy: { name: '张伟', title: '副主任' } });
    const [row] = await attendeesOf(meetingId);
    expect(row).toMatchObject({ rsvp: 'delegate', note: '素食', deputyName: '张伟', deputyTitle: '副主任' });
    const [confirmation] = await mailFor(meetingId, 'meeting_rsvp');
    expect(confirmation!.transactional).toBe(true);
    expect(confirmation!.text).toContain(row!.checkInCode);

    clock.set(at(6, '08:00'));
    const link = (await findRsvpLink(deps, tokens[0]!))!;
    expect(await answerRsvp(deps, link, decline)).toEqual({ ok: false, error: 'closed' });
  });
});

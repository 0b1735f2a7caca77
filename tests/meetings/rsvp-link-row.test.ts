import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingAttendees, meetings, stakeholders } from '../../src/db/schema';
import { findRsvpLink, findRsvpLinkOf } from '../../src/features/meetings/rsvp';
import { testDeps } from '../helpers';
import { aMeetingWithInvitees, attendeesOf } from './factories';

describe("an RSVP link's row (plain SQL mapped by the schema)", () => {
  it('is the attendee and meeting exactly as drizzle reads them: dates, booleans and nulls alike', async () => {
    const deps = testDeps();
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 2);
    const [attendee] = (await attendeesOf(meetingId)).filter((a) => a.stakeholderId === people[0]!.id);
    await deps.db.update(meetingAttendees).set({ walkIn: true, checkedInAt: deps.clock() }).where(eq(meetingAttendees.id, attendee!.id));
    const link = (await findRsvpLink(deps, tokens[0]!))!;
    const expectedAttendee = await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.id, attendee!.id)).get();
    const expectedMeeting = await deps.db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    expect(link.attendee).toEqual(expectedAttendee);
    expect(link.attendee.walkIn).toBe(true);
    expect(link.attendee.checkedInAt).toBeInstanceOf(Date);
    expect(link.meeting).toEqual(expectedMeeting);
    expect(link.meeting.startsAt).toBeInstanceOf(Date);
    expect(link.email).toBe(people[0]!.email);
    expect(link.token).toBe(tokens[0]);
    expect(await findRsvpLinkOf(deps, attendee!.id)).toEqual({ ...link, token: null });
  });

  it('has no email once the person is erased, and is no link once revoked or unknown', async () => {
    const deps = testDeps();
    const { meetingId, people, tokens } = await aMeetingWithInvitees(deps, 1);
    await deps.db.update(stakeholders).set({ erasedAt: deps.clock() }).where(eq(stakeholders.id, people[0]!.id));
    expect((await findRsvpLink(deps, tokens[0]!))!.email).toBeNull();
    await deps.db.update(meetingAttendees).set({ revokedAt: deps.clock() }).where(eq(meetingAttendees.meetingId, meetingId));
    expect(await findRsvpLink(deps, tokens[0]!)).toBeNull();
    expect(await findRsvpLink(deps, 'no-such-token')).toBeNull();
  });
});

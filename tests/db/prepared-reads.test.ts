import { env } from 'cloudflare:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { preparedReads } from '../../src/db/prepared-reads';
import { meetingAttendees, meetings } from '../../src/db/schema';
import { createDeps } from '../../src/lib/deps';
import { testDeps, testNow } from '../helpers';
import { aMeetingWithInvitees, attendeesOf } from '../meetings/factories';

const countingDeps = () => createDeps({ ...env, COUNT_D1_QUERIES: '1' }, testNow);

describe('prepared reads (SQL built once, values bound per request)', () => {
  it('map rows exactly as drizzle does (dates, booleans, nulls), for every query of the batch, in one round trip', async () => {
    const deps = testDeps();
    const { meetingId } = await aMeetingWithInvitees(deps, 3);
    const [first] = await attendeesOf(meetingId);
    await deps.db.update(meetingAttendees).set({ walkIn: true, checkedInAt: deps.clock() }).where(eq(meetingAttendees.id, first!.id));
    const reads = preparedReads((db) => [
      db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, sql.placeholder('meeting'))).orderBy(meetingAttendees.id),
      db.select().from(meetings).where(eq(meetings.id, sql.placeholder('meeting'))),
      db.select({ id: meetingAttendees.id }).from(meetingAttendees).where(and(eq(meetingAttendees.id, sql.placeholder('attendee')), isNull(meetingAttendees.revokedAt))),
    ] as const);

    const counted = countingDeps();
    const [attendees, meeting, one] = await reads.run(counted, { meeting: meetingId, attendee: first!.id });
    expect(counted.d1Counter!.trips).toBe(1);
    expect(attendees).toEqual(await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId)).orderBy(meetingAttendees.id));
    expect(attendees.find((a) => a.id === first!.id)!.walkIn).toBe(true);
    expect(attendees.find((a) => a.id === first!.id)!.checkedInAt).toBeInstanceOf(Date);
    expect(meeting).toEqual(await deps.db.select().from(meetings).where(eq(meetings.id, meetingId)));
    expect(meeting[0]!.startsAt).toBeInstanceOf(Date);
    expect(one).toEqual([{ id: first!.id }]);
  });

  it('build the queries once however often they run, each run with its own values', async () => {
    const deps = testDeps();
    const a = await aMeetingWithInvitees(deps, 1);
    const b = await aMeetingWithInvitees(deps, 2);
    let builds = 0;
    const reads = preparedReads((db) => {
      builds += 1;
      return [db.select({ id: meetingAttendees.id }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, sql.placeholder('meeting')))] as const;
    });
    const [ofA] = await reads.run(deps, { meeting: a.meetingId });
    const [ofB] = await reads.run(deps, { meeting: b.meetingId });
    const [none] = await reads.run(deps, { meeting: 'no-such-meeting' });
    expect([ofA.length, ofB.length, none.length]).toEqual([1, 2, 0]);
    expect(builds).toBe(1);
  });

  it('refuse to run with a placeholder left without a value (never binds it as null), and send nothing', async () => {
    const reads = preparedReads((db) => [db.select().from(meetings).where(eq(meetings.id, sql.placeholder('meeting')))] as const);
    const counted = countingDeps();
    await expect(reads.run(counted, {})).rejects.toThrow(/placeholder "meeting"/);
    expect(counted.d1Counter!.trips).toBe(0);
  });
});

/** At the door: short check-in codes without confusable characters, idempotent check-in, walk-ins. */
import { and, eq, isNull } from 'drizzle-orm';
import { meetingAttendees } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { AttendeeRow } from './rsvp';
import { CHECK_IN_CODE_LENGTH } from './schemas';
import { findMeeting, isUniqueViolation, type Actor, type MeetingRow } from './service';
import { isCheckInOpen } from './time-rules';

/** No 0/O, 1/I/L: a code read aloud or typed on a phone at the door is not mistaken. */
export const CHECK_IN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const MAX_WALK_IN_ATTEMPTS = 3;

/** A random code not in `taken` (which it joins). 31^6 ≈ 8.9 × 10^8 codes: a clash within a meeting is rare and retried. */
export function newCheckInCode(taken: Set<string> = new Set()): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(CHECK_IN_CODE_LENGTH * 2));
    let code = '';
    // Rejection sampling keeps every character equally likely (248 = 8 × 31).
    for (const byte of bytes) if (byte < 248 && code.length < CHECK_IN_CODE_LENGTH) code += CHECK_IN_ALPHABET[byte % CHECK_IN_ALPHABET.length];
    if (code.length === CHECK_IN_CODE_LENGTH && !taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

export type CheckInResult = { attendee: AttendeeRow; checkedInAt: Date; alreadyCheckedIn: boolean };

/** Checks in by code; a second scan changes nothing and says when the first one was. */
export type DoorError = 'not_found' | 'no_time' | 'check_in_not_open';

/** The door opens on the meeting's day: not before, and not while its time is still being polled. */
async function openDoor(deps: Deps, meetingId: string): Promise<Result<MeetingRow, DoorError>> {
  const meeting = await findMeeting(deps, meetingId);
  if (!meeting) return fail('not_found');
  if (!meeting.startsAt) return fail('no_time');
  if (!isCheckInOpen(meeting, deps.clock())) return fail('check_in_not_open');
  return ok(meeting);
}

export async function checkIn(deps: Deps, actor: Actor, meetingId: string, code: string): Promise<Result<CheckInResult, DoorError | 'unknown_code'>> {
  const door = await openDoor(deps, meetingId);
  if (!door.ok) return door;
  const now = deps.clock();
  const match = and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.checkInCode, code), isNull(meetingAttendees.revokedAt));
  const [claimed] = await deps.db.batch([
    deps.db.update(meetingAttendees).set({ checkedInAt: now, updatedAt: now }).where(and(match, isNull(meetingAttendees.checkedInAt))).returning(),
    auditStatement(deps, { actor, action: 'meeting.check_in', entityType: 'meeting', entityId: meetingId, detail: { code } }),
  ]);
  if (claimed[0]) return ok({ attendee: claimed[0], checkedInAt: now, alreadyCheckedIn: false });
  const existing = await deps.db.select().from(meetingAttendees).where(match).get();
  if (!existing || !existing.checkedInAt) return fail('unknown_code');
  return ok({ attendee: existing, checkedInAt: existing.checkedInAt, alreadyCheckedIn: true });
}

/** Someone who came without an invitation: on the sheet, checked in, holding a seat. */
export async function addWalkIn(deps: Deps, actor: Actor, meetingId: string, input: { name: string; organization: string }): Promise<Result<AttendeeRow, DoorError>> {
  const door = await openDoor(deps, meetingId);
  if (!door.ok) return door;
  for (let attempt = 1; ; attempt++) {
    const taken = new Set((await deps.db.select({ code: meetingAttendees.checkInCode }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId))).map((r) => r.code));
    const now = deps.clock();
    const row = { id: deps.newId(), meetingId, stakeholderId: null, name: input.name, organization: input.organization, tokenHash: null, rsvp: 'attend' as const, checkInCode: newCheckInCode(taken), checkedInAt: now, walkIn: true, createdAt: now, updatedAt: now };
    try {
      const [inserted] = await deps.db.batch([
        deps.db.insert(meetingAttendees).values(row).returning(),
        auditStatement(deps, { actor, action: 'meeting.walk_in', entityType: 'meeting', entityId: meetingId, detail: { attendeeId: row.id } }),
      ]);
      return ok(inserted[0]!);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_WALK_IN_ATTEMPTS) throw error;
    }
  }
}

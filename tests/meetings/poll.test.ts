import { describe, expect, it } from 'vitest';
import { pickTime, pollTally, recordVotes, timeOptions } from '../../src/features/meetings/poll';
import { findRsvpLink } from '../../src/features/meetings/rsvp';
import { findMeeting } from '../../src/features/meetings/service';
import { daysFromNow, fixedClock, testDeps } from '../helpers';
import { aMeetingWithInvitees, mailFor } from './factories';

describe('time poll', () => {
  it('invitees vote per candidate time, the organizer sees the tally and picks; invitations with calendar files follow', async () => {
    const deps = testDeps(fixedClock(daysFromNow(0, '10:00')));
    const pollTimes = [daysFromNow(28, '07:30'), daysFromNow(29, '07:30')];
    const { meetingId, tokens } = await aMeetingWithInvitees(deps, 2, { startsAt: null, pollTimes });
    const invitations = await mailFor(meetingId, 'meeting_invitation');
    expect(invitations.every((m) => m.attachments === null && m.text.includes('候选时间'))).toBe(true);

    const [early, late] = await timeOptions(deps, meetingId);
    const links = await Promise.all(tokens.map((t) => findRsvpLink(deps, t)));
    await recordVotes(deps, links[0]!, { [early!.id]: 'yes', [late!.id]: 'no' });
    await recordVotes(deps, links[1]!, { [early!.id]: 'if_need_be', [late!.id]: 'yes' });
    await recordVotes(deps, links[1]!, { [early!.id]: 'yes' });
    const tally = await pollTally(deps, meetingId);
    expect(tally.map((r) => [r.yes, r.ifNeedBe, r.no])).toEqual([
      [2, 0, 0],
      [1, 0, 1],
    ]);

    const picked = await pickTime(deps, null, meetingId, early!.id);
    expect(picked.ok).toBe(true);
    expect((await findMeeting(deps, meetingId))!.startsAt).toEqual(pollTimes[0]);
    const calendars = (await mailFor(meetingId, 'meeting_invitation')).filter((m) => m.attachments?.length);
    expect(calendars).toHaveLength(2);
    expect(await pickTime(deps, null, meetingId, late!.id)).toEqual({ ok: false, error: 'poll_closed' });
    expect(await recordVotes(deps, (await findRsvpLink(deps, tokens[0]!))!, { [late!.id]: 'yes' })).toEqual({ ok: false, error: 'poll_closed' });
  });
});

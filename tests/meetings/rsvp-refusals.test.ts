import { describe, expect, it } from 'vitest';
import { RSVP_LINK_LIMIT } from '../../src/lib/public-form-limit';
import { daysFromNow, fixedClock, postForm, testDeps, useAppClock } from '../helpers';
import { exhaustLinkLimit } from '../rate-limits';
import { aMeetingWithInvitees, attendeesOf } from './factories';

const typed = { answer: 'decline', note: '那天在外地开会，抱歉。', deputyName: '李雷', deputyTitle: '副主任' };

async function anInvitee() {
  const { meetingId, tokens } = await aMeetingWithInvitees(testDeps(), 1, { startsAt: daysFromNow(7, '07:30') });
  return { meetingId, token: tokens[0]! };
}

function expectTyped(html: string) {
  expect(html).toContain('那天在外地开会，抱歉。');
  expect(html).toContain('李雷');
  expect(html).toContain('副主任');
}

describe('a refused RSVP keeps what was typed', () => {
  it('over the rate limit: the form comes back with the answer and notes, and the limit', async () => {
    const { meetingId, token } = await anInvitee();
    await exhaustLinkLimit('rsvp', token, RSVP_LINK_LIMIT);
    const res = await postForm(`/m/${token}`, typed);
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain(`最多提交 ${RSVP_LINK_LIMIT.limit} 次`);
    expect(html).toContain('value="decline" checked');
    expectTyped(html);
    expect((await attendeesOf(meetingId))[0]!.rsvp).toBe('pending');
  });

  it('with a validation error: 422, the message and every value', async () => {
    const { token } = await anInvitee();
    const res = await postForm(`/m/${token}`, { ...typed, answer: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('error-summary');
    expectTyped(html);
  });

  it('after the meeting started: 409 and the answer shown back, read-only, though the form is gone', async () => {
    const { meetingId, token } = await anInvitee();
    useAppClock(fixedClock(daysFromNow(8)));
    const res = await postForm(`/m/${token}`, typed);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('您刚才填写但未能保存的回执');
    expect(html).toContain('不出席');
    expectTyped(html);
    expect((await attendeesOf(meetingId))[0]!.rsvp).toBe('pending');
  });
});

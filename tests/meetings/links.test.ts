import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, meetingAttendees } from '../../src/db/schema';
import { bearerFor, daysFromNow, fixedClock, postForm, postJson, request, signedInAs, testDeps } from '../helpers';
import { aMeeting, aMeetingWithInvitees, attendeesOf, decodeAttachment, mailFor, rsvpToken } from './factories';

const FUTURE = { startsAt: daysFromNow(90, '07:30') };
const putRsvp = (token: string) => postJson(`/api/v1/rsvp/${token}`, { answer: 'attend', note: '' }, {}, 'PUT');
const attendeeRow = async (id: string) => (await testDeps().db.select().from(meetingAttendees).where(eq(meetingAttendees.id, id)).get())!;
const auditActions = async (meetingId: string) => (await testDeps().db.select().from(auditLog).where(eq(auditLog.entityId, meetingId))).map((a) => a.action);

async function invitee(count = 1) {
  const { meetingId, people, tokens } = await aMeetingWithInvitees(testDeps(), count, FUTURE);
  const rows = await attendeesOf(meetingId);
  const attendeeId = rows.find((r) => r.stakeholderId === people[0]!.id)!.id;
  return { meetingId, attendeeId, token: tokens[0]!, stakeholderId: people[0]!.id };
}

describe('revoking an RSVP link', () => {
  it('by the meeting page: the old link answers the plain 404 on the page and the API, and the answer stays unchanged', async () => {
    const { cookie } = await signedInAs('organizer');
    const { meetingId, attendeeId, token } = await invitee();
    const page = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(page).toContain(`/meetings/${meetingId}/attendees/${attendeeId}/revoke`);

    const revoked = await postForm(`/meetings/${meetingId}/attendees/${attendeeId}/revoke`, {}, { cookie });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toContain('done=revoked');
    const before = await attendeeRow(attendeeId);
    expect(before.revokedAt).not.toBeNull();

    expect((await request(`/m/${token}`)).status).toBe(404);
    expect((await postForm(`/m/${token}`, { answer: 'attend', note: '' })).status).toBe(404);
    const api = await putRsvp(token);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const after = await attendeeRow(attendeeId);
    expect(after.rsvp).toBe('pending');
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await auditActions(meetingId)).toContain('meeting.link.revoke');

    const shown = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(shown).toContain('已撤销');
    expect(shown).toContain(`/meetings/${meetingId}/attendees/${attendeeId}/reissue`);
  });

  it('by the API: a second revoke is a 409 and an unknown invitee a 404', async () => {
    const { authorization } = await bearerFor('organizer');
    const { meetingId, attendeeId, token } = await invitee();
    const first = await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/revoke`, {}, { authorization });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ revoked: true });
    expect((await putRsvp(token)).status).toBe(404);
    const again = await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/revoke`, {}, { authorization });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_revoked');
    expect((await postJson(`/api/v1/meetings/${meetingId}/attendees/nobody/revoke`, {}, { authorization })).status).toBe(404);
  });
});

describe('reissuing an RSVP link', () => {
  it('by the meeting page: the new link works, the old does not, and one new invitation with a calendar file is mailed', async () => {
    const { cookie } = await signedInAs('organizer');
    const { meetingId, attendeeId, token, stakeholderId } = await invitee(2);
    const mailsBefore = await mailFor(meetingId, 'meeting_invitation');

    const reissued = await postForm(`/meetings/${meetingId}/attendees/${attendeeId}/reissue`, {}, { cookie });
    expect(reissued.status).toBe(303);
    expect(reissued.headers.get('location')).toContain('done=reissued');

    const mailsAfter = await mailFor(meetingId, 'meeting_invitation');
    const fresh = mailsAfter.filter((m) => !mailsBefore.some((b) => b.id === m.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.stakeholderId).toBe(stakeholderId);
    // With INBOUND_DOMAIN the event asks for a reply, to an organizer address of the new link, not the old one.
    const organizerOf = (mail: (typeof fresh)[number]) =>
      /ORGANIZER[^\r\n]*mailto:([^\s]+)/i.exec(decodeAttachment(mail.attachments!.find((a) => a.contentType.startsWith('text/calendar'))!.contentBase64).replace(/\r\n /g, ''))?.[1];
    const ics = fresh[0]!.attachments!.find((a) => a.contentType.startsWith('text/calendar'))!;
    expect(decodeAttachment(ics.contentBase64)).toContain('METHOD:REQUEST');
    const oldOrganizer = organizerOf(mailsBefore.find((m) => m.stakeholderId === stakeholderId)!);
    expect(oldOrganizer).toMatch(/^meeting\+m1-/);
    expect(organizerOf(fresh[0]!)).toMatch(/^meeting\+m1-/);
    expect(organizerOf(fresh[0]!)).not.toBe(oldOrganizer);
    const newToken = rsvpToken(fresh[0]!.text)!;
    expect(newToken).not.toBe(token);

    expect((await request(`/m/${token}`)).status).toBe(404);
    expect((await putRsvp(token)).status).toBe(404);
    expect((await request(`/m/${newToken}`)).status).toBe(200);
    const answered = await putRsvp(newToken);
    expect(answered.status).toBe(200);
    expect((await attendeeRow(attendeeId)).rsvp).toBe('attend');
    expect(await auditActions(meetingId)).toContain('meeting.link.reissue');
  });

  it('by the API: a revoked link is restored with a new token, the old stays dead', async () => {
    const { authorization } = await bearerFor('organizer');
    const { meetingId, attendeeId, token } = await invitee();
    await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/revoke`, {}, { authorization });
    const before = await mailFor(meetingId, 'meeting_invitation');
    const res = await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/reissue`, {}, { authorization });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reissued: true });
    const row = await attendeeRow(attendeeId);
    expect(row.revokedAt).toBeNull();
    const mails = await mailFor(meetingId, 'meeting_invitation');
    expect(mails).toHaveLength(before.length + 1);
    const newToken = rsvpToken(mails.find((m) => !before.some((b) => b.id === m.id))!.text)!;
    expect((await putRsvp(token)).status).toBe(404);
    expect((await putRsvp(newToken)).status).toBe(200);
  });

  it('a cancelled meeting refuses a reissue and mails nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const { meetingId, attendeeId } = await invitee();
    await postJson(`/api/v1/meetings/${meetingId}/cancel`, {}, { authorization });
    const before = await mailFor(meetingId, 'meeting_invitation');
    const res = await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/reissue`, {}, { authorization });
    expect(res.status).toBe(409);
    expect(await mailFor(meetingId, 'meeting_invitation')).toHaveLength(before.length);
  });
});

describe('who may revoke and reissue', () => {
  it('a viewer gets 403 on the page and API routes, and the link keeps working', async () => {
    const { cookie } = await signedInAs('viewer');
    const { authorization } = await bearerFor('viewer');
    const { meetingId, attendeeId, token } = await invitee();
    for (const action of ['revoke', 'reissue']) {
      expect((await postForm(`/meetings/${meetingId}/attendees/${attendeeId}/${action}`, {}, { cookie })).status).toBe(403);
      expect((await postJson(`/api/v1/meetings/${meetingId}/attendees/${attendeeId}/${action}`, {}, { authorization })).status).toBe(403);
    }
    const page = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(page).not.toContain(`/attendees/${attendeeId}/revoke`);
    const row = await attendeeRow(attendeeId);
    expect(row.revokedAt).toBeNull();
    expect((await request(`/m/${token}`)).status).toBe(200);
  });
});

describe('listing meetings by API', () => {
  it('returns every meeting newest first, with answer counts', async () => {
    const { authorization } = await bearerFor('viewer');
    const clock = fixedClock();
    const older = await aMeeting(testDeps(clock), FUTURE);
    clock.advance(1000);
    const { meetingId: newer } = await aMeetingWithInvitees(testDeps(clock), 2, FUTURE);
    const res = await request('/api/v1/meetings', { headers: { authorization } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; counts: Record<string, number> }[] };
    const ids = items.map((m) => m.id);
    expect(ids).toContain(older);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(items.find((m) => m.id === newer)).toMatchObject({ status: 'scheduled', counts: { invited: 2, pending: 2, attend: 0 } });
    expect((await request('/api/v1/meetings')).status).toBe(401);
  });
});


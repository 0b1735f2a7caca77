import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { draftOpinions, opinions, responses } from '../../src/db/schema';
import { countedRequest, daysFromNow, testDeps, testNow, useAppClock } from '../helpers';
import { aRound, anInvitation, invitationRow } from '../feedback/factories';
import { aMeetingWithInvitees } from '../meetings/factories';

/** The most D1 round trips a stakeholder's link may take: the page, a save, the RSVP page (issue 13). */
const LINK_TRIPS = 3;

const put = (token: string, body: Record<string, unknown>) =>
  countedRequest(`/api/v1/feedback/${token}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('the feedback page behind a personal link', () => {
  it('marks the invitation opened on the first view only: later views write nothing, in one round trip', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round);
    const first = await countedRequest(invitation.path);
    expect(first.res.status).toBe(200);
    expect(first.trips).toBeLessThanOrEqual(2);
    const opened = (await invitationRow(invitation.id))!;
    expect(opened.status).toBe('opened');
    expect(opened.openedAt).toBeInstanceOf(Date);
    // A minute later: a write now would show in the times.
    useAppClock(() => new Date(testNow().getTime() + 60_000));
    for (let view = 0; view < 2; view++) {
      const again = await countedRequest(invitation.path);
      expect(again.res.status).toBe(200);
      expect(again.trips).toBe(1);
    }
    expect(await invitationRow(invitation.id)).toEqual(opened);
  });
});

describe('saving feedback', () => {
  it('takes at most three round trips per save through the API, the first save (which creates the response) included', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round);
    const section = round.sections[3]!;
    const first = await put(invitation.token, { stance: 'amend', publication: 'unit_only', overall: '总体赞同', opinions: [{ sectionId: section.id, text: '建议增加停车位' }] });
    expect(first.res.status).toBe(200);
    expect(first.trips).toBeLessThanOrEqual(LINK_TRIPS);
    const body = (await first.res.json()) as { response: { overall: string; revision: number; opinions: { sectionId: string; text: string; revision: number }[] } };
    expect(body.response).toMatchObject({ overall: '总体赞同', revision: 1, opinions: [{ sectionId: section.id, text: '建议增加停车位', revision: 1 }] });
    const second = await put(invitation.token, { overall: '总体赞同，另有补充', opinions: [{ sectionId: section.id, text: '建议增加停车位和充电桩', revision: 1 }] });
    expect(second.trips).toBeLessThanOrEqual(LINK_TRIPS);
    expect(((await second.res.json()) as typeof body).response).toMatchObject({ revision: 2, opinions: [{ text: '建议增加停车位和充电桩', revision: 2 }] });
    const deps = testDeps();
    const [response] = await deps.db.select().from(responses).where(eq(responses.invitationId, invitation.id));
    expect(await deps.db.select({ slot: draftOpinions.slot, text: draftOpinions.text }).from(draftOpinions).where(eq(draftOpinions.responseId, response!.id))).toHaveLength(2);
  });

  it('submits in three round trips too, a first submit creating the response and the opinions in one batch', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round);
    const submitted = await put(invitation.token, { stance: 'agree', publication: 'name_and_unit', overall: '同意', opinions: [], submit: true });
    expect(submitted.res.status).toBe(200);
    expect(submitted.trips).toBeLessThanOrEqual(LINK_TRIPS);
    expect(((await submitted.res.json()) as { response: { status: string } }).response.status).toBe('submitted');
    const rows = await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(rows.map((o) => [o.sectionId, o.text])).toEqual([[null, '同意']]);
    expect((await invitationRow(invitation.id))!.status).toBe('responded');
  });

  it('autosaves from the page in at most three round trips', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round);
    const body = new URLSearchParams({ stance: 'agree', publication: 'name_and_unit', overall: '自动保存' });
    const saved = await countedRequest(`${invitation.path}/autosave`, { method: 'POST', body, headers: { origin: 'https://roundtable.test' } });
    expect(saved.res.status).toBe(200);
    expect(saved.trips).toBeLessThanOrEqual(LINK_TRIPS);
    expect(((await saved.res.json()) as { ok: boolean }).ok).toBe(true);
  });
});

describe('the RSVP page', () => {
  it('takes at most three round trips, with the time poll open', async () => {
    const deps = testDeps();
    const { tokens } = await aMeetingWithInvitees(deps, 1, { startsAt: null, pollTimes: [daysFromNow(28, '07:30'), daysFromNow(29, '07:30')] });
    const { res, trips } = await countedRequest(`/m/${tokens[0]}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="vote.');
    expect(trips).toBeLessThanOrEqual(LINK_TRIPS);
  });
});

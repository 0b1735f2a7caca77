import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, outbox, responses } from '../../src/db/schema';
import { sendScheduledReminders } from '../../src/features/rounds/reminders';
import { DAY_MS, HOUR_MS } from '../../src/lib/clock';
import { daysFromNow, fixedClock, postForm, postJson, request, signedInAs, testDeps } from '../helpers';
import { aRound, anInvitation } from './factories';

const db = () => testDeps().db;
const put = (token: string, body: unknown) => postJson(`/api/v1/feedback/${token}`, body, {}, 'PUT');
const getJson = async (token: string) => (await request(`/api/v1/feedback/${token}`)).json<FeedbackBody>();

type Slot = { text: string; revision: number; submitted: string; pending: string | null };
type FeedbackBody = {
  pendingChanges: boolean;
  response: {
    status: string;
    stance: string | null;
    submittedStance: string | null;
    pendingChanges: boolean;
    opinions: (Slot & { sectionId: string })[];
    whole: Slot;
  } | null;
};

/** A stakeholder who submitted one comment on a section and a stance through the API. */
async function submitted() {
  const round = await aRound();
  const link = await anInvitation(round);
  const section = round.section('五（二）1');
  const res = await put(link.token, { stance: 'agree', opinions: [{ sectionId: section.id, text: '原来的意见。' }], submit: true });
  expect(res.status).toBe(200);
  const response = (await db().select().from(responses).where(eq(responses.invitationId, link.id)).get())!;
  return { round, link, section, response };
}

async function staffResponsePage(roundId: string, responseId: string) {
  const { cookie } = await signedInAs('viewer');
  const res = await request(`/rounds/${roundId}/responses/${responseId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('changes saved after submitting are pending, never seen by staff', () => {
  it('an API edit after submitting shows pendingChanges with the submitted and pending texts apart, and staff keep the submitted text', async () => {
    const { round, link, section, response } = await submitted();
    expect((await getJson(link.token)).pendingChanges).toBe(false);

    const edited = await put(link.token, { stance: 'disagree', opinions: [{ sectionId: section.id, text: '改过的意见。' }] });
    expect(edited.status).toBe(200);
    const body = await getJson(link.token);
    expect(body.pendingChanges).toBe(true);
    expect(body.response).toMatchObject({ status: 'submitted', stance: 'disagree', submittedStance: 'agree', pendingChanges: true });
    expect(body.response!.opinions).toEqual([{ sectionId: section.id, text: '改过的意见。', revision: 2, submitted: '原来的意见。', pending: '改过的意见。' }]);

    const given = await db().select().from(opinions).where(eq(opinions.responseId, response.id));
    expect(given.map((o) => o.text)).toEqual(['原来的意见。']);
    expect((await db().select().from(responses).where(eq(responses.id, response.id)).get())!.stance).toBe('agree');
    const staffHtml = await staffResponsePage(round.id, response.id);
    expect(staffHtml).toContain('原来的意见。');
    expect(staffHtml).not.toContain('改过的意见。');

    expect((await put(link.token, { submit: true })).status).toBe(200);
    const after = await getJson(link.token);
    expect(after.pendingChanges).toBe(false);
    expect(after.response).toMatchObject({ stance: 'disagree', submittedStance: 'disagree' });
    expect(after.response!.opinions[0]).toMatchObject({ submitted: '改过的意见。', pending: null });
    expect(await staffResponsePage(round.id, response.id)).toContain('改过的意见。');
  });

  it('an emptied comment is a pending removal until submitted, not a silent withdrawal', async () => {
    const { link, section, response } = await submitted();
    await put(link.token, { opinions: [{ sectionId: section.id, text: '' }] });
    const body = await getJson(link.token);
    expect(body.pendingChanges).toBe(true);
    expect(body.response!.opinions).toEqual([{ sectionId: section.id, text: '', revision: 2, submitted: '原来的意见。', pending: '' }]);
    expect(await db().$count(opinions, eq(opinions.responseId, response.id))).toBe(1);
  });

  it('the page says there are unsubmitted changes on every visit, with the update button next to it, until they are sent', async () => {
    const { link, section } = await submitted();
    const clean = await (await request(link.path)).text();
    expect(clean).not.toContain('有未提交的修改');

    const autosaved = await postForm(`${link.path}/autosave`, { [`s_${section.id}`]: '手机上补充的意见。', [`r_s_${section.id}`]: '1' });
    expect(autosaved.status).toBe(200);
    expect(await autosaved.json()).toMatchObject({ ok: true, pendingChanges: true, revisions: { [`s_${section.id}`]: 2 } });

    for (let visit = 0; visit < 2; visit++) {
      const html = await (await request(link.path)).text();
      const notice = /<div class="notice notice--warning fb-pending"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
      expect(notice).toContain('有未提交的修改');
      expect(notice).toContain('工作人员看不到');
      expect(notice).toMatch(/<button type="submit" form="fb-form" name="action" value="submit"[^>]*>更新已提交的意见<\/button>/);
      expect(html).toContain('id="fb-form"');
      expect(html).toContain('您已于');
    }

    const sent = await postForm(link.path, { action: 'submit' });
    expect(sent.status).toBe(303);
    expect(await (await request(link.path)).text()).not.toContain('有未提交的修改');
    const given = await db().select().from(opinions).where(eq(opinions.sectionId, section.id));
    expect(given.map((o) => o.text)).toEqual(['手机上补充的意见。']);
  });

  it('a stance changed after submitting is pending: staff keep the submitted stance until the update', async () => {
    const { link, response } = await submitted();
    await postForm(`${link.path}/autosave`, { stance: 'amend' });
    expect((await db().select().from(responses).where(eq(responses.id, response.id)).get())!.stance).toBe('agree');
    expect((await getJson(link.token)).response).toMatchObject({ stance: 'amend', submittedStance: 'agree', pendingChanges: true });
    // Choosing the submitted stance again leaves nothing pending.
    await postForm(`${link.path}/autosave`, { stance: 'agree' });
    expect((await getJson(link.token)).pendingChanges).toBe(false);
  });
});

describe('the reminder before the close', () => {
  it('goes once, in its own words, to whoever has pending changes, and not to those whose submission is up to date', async () => {
    const clock = fixedClock();
    const deps = testDeps(clock);
    const round = await aRound({ closesAt: daysFromNow(2) });
    const section = round.section('一');
    const pending = await anInvitation(round);
    const upToDate = await anInvitation(round);
    for (const link of [pending, upToDate]) await put(link.token, { opinions: [{ sectionId: section.id, text: '意见。' }], submit: true });
    await put(pending.token, { opinions: [{ sectionId: section.id, text: '意见，后来又改了。' }] });

    clock.set(new Date(daysFromNow(2).getTime() - DAY_MS + HOUR_MS));
    await Promise.all([sendScheduledReminders(deps), sendScheduledReminders(deps)]);
    await sendScheduledReminders(deps);
    const mails = await db().select().from(outbox).where(and(eq(outbox.roundId, round.id), eq(outbox.kind, 'reminder')));
    expect(mails.map((m) => m.stakeholderId)).toEqual([pending.stakeholderId]);
    expect(mails[0]!.subject).toContain('修改尚未提交');
    expect(mails[0]!.text).toContain('尚未提交，工作人员看不到');
    expect(mails[0]!.text).toContain('截止时间');
  });
});

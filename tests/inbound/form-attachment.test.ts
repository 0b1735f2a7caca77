import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { invitations, outbox, rounds } from '../../src/db/schema';
import { readFilledForm } from '../../src/features/inbound/read-form';
import { findByReference } from '../../src/features/inbound/reference';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { bearerFor, postForm, request, signedInAs, testDeps, testNow } from '../helpers';
import { consume } from '../mail-factories';
import { aRound, aStakeholder } from '../feedback/factories';

const withResend = { ...env, RESEND_API_KEY: 're_test' };

afterEach(() => {
  vi.restoreAllMocks();
});

const putSetting = (roundId: string, body: unknown, authorization: string) =>
  request(`/api/v1/rounds/${roundId}/feedback-form`, { method: 'PUT', body: JSON.stringify(body), headers: { authorization, 'content-type': 'application/json' } });

async function roundWithInvitee(attach?: string) {
  const round = await aRound();
  const person = await aStakeholder({ name: '钱立群' });
  await testDeps().db.update(rounds).set({ audience: { categories: [], tags: [], stakeholderIds: [person.id] } }).where(eq(rounds.id, round.id));
  if (attach) {
    const { authorization } = await bearerFor('organizer');
    expect((await putSetting(round.id, { attach }, authorization)).status).toBe(200);
  }
  return { round, person };
}

async function invitationMail(roundId: string, email: string) {
  return (await testDeps().db.select().from(outbox).where(and(eq(outbox.roundId, roundId), eq(outbox.kind, 'invitation'), eq(outbox.toEmail, email))).get())!;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

describe('随邀请附上意见反馈表', () => {
  it('queues only a recipe, and the Resend request carries the personal DOCX and XLSX in base64, each read back to this invitation', async () => {
    const { round, person } = await roundWithInvitee('both');
    expect((await sendInvitations(testDeps(), null, round.id)).ok).toBe(true);
    const row = await invitationMail(round.id, person.email!);
    // The row (and the queue message, which carries only its id) holds no file: it is built when the mail is sent.
    expect(row.attachments!.map((a) => [a.filename, a.contentBase64, a.build?.format])).toEqual([
      ['意见反馈表-钱立群.docx', '', 'docx'],
      ['意见反馈表-钱立群.xlsx', '', 'xlsx'],
    ]);
    expect(JSON.stringify(row.attachments).length).toBeLessThan(600);

    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementationOnce(async () => Response.json({ id: 're_form_1' }));
    await consume([row.id], withResend);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('https://api.resend.com/emails');
    const body = JSON.parse(String(init?.body)) as { attachments: { filename: string; content: string; content_type: string }[] };
    expect(body.attachments.map((a) => [a.filename, a.content_type])).toEqual([
      ['意见反馈表-钱立群.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['意见反馈表-钱立群.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const invitation = (await testDeps().db.select().from(invitations).where(eq(invitations.roundId, round.id)).get())!;
    for (const attachment of body.attachments) {
      expect(attachment.content).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const form = readFilledForm(fromBase64(attachment.content))!;
      expect(form.rows.length).toBeGreaterThan(1);
      expect((await findByReference(testDeps(), form.reference!))?.id).toBe(invitation.id);
    }
    expect((await testDeps().db.select().from(outbox).where(eq(outbox.id, row.id)).get())!.status).toBe('sent');
  });

  it('by default attaches nothing, and the local mailbox builds a chosen form when it is opened', async () => {
    const plain = await roundWithInvitee();
    await sendInvitations(testDeps(), null, plain.round.id);
    expect((await invitationMail(plain.round.id, plain.person.email!)).attachments).toBeNull();

    const withForm = await roundWithInvitee('docx');
    await sendInvitations(testDeps(), null, withForm.round.id);
    const row = await invitationMail(withForm.round.id, withForm.person.email!);
    const file = await createApp().request(`/dev/mail/${row.id}/attachments/0`, {}, { ...env, ENVIRONMENT: 'development' });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    expect(readFilledForm(new Uint8Array(await file.arrayBuffer()))?.format).toBe('docx');
  });

  it('goes without the form when the invitation was revoked before the mail left', async () => {
    const { round, person } = await roundWithInvitee('xlsx');
    await sendInvitations(testDeps(), null, round.id);
    await testDeps().db.update(invitations).set({ revokedAt: testNow() }).where(eq(invitations.roundId, round.id));
    const row = await invitationMail(round.id, person.email!);
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementationOnce(async () => Response.json({ id: 're_form_2' }));
    await consume([row.id], withResend);
    expect(JSON.parse(String(fetchSpy.mock.calls[0]![1]?.body))).not.toHaveProperty('attachments');
  });
});

describe('the setting', () => {
  it('is chosen on the round’s inbound page by an organizer, shown to viewers, and in the round’s JSON', async () => {
    const { round } = await roundWithInvitee();
    const { cookie } = await signedInAs('organizer');
    const saved = await postForm(`/rounds/${round.id}/inbound/setting`, { attach: 'xlsx' }, { cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/rounds/${round.id}/inbound?done=saved`);
    const page = await (await request(`/rounds/${round.id}/inbound?done=saved`, { headers: { cookie } })).text();
    expect(page).toContain('已保存');
    expect(page).toMatch(/<option value="xlsx" selected/);

    const viewer = await signedInAs('viewer');
    const seen = await (await request(`/rounds/${round.id}/inbound`, { headers: { cookie: viewer.cookie } })).text();
    expect(seen).toContain('邀请邮件附件：Excel（XLSX）');
    expect(seen).not.toContain(`action="/rounds/${round.id}/inbound/setting"`);
    expect((await postForm(`/rounds/${round.id}/inbound/setting`, { attach: 'none' }, { cookie: viewer.cookie })).status).toBe(403);

    const { authorization } = await bearerFor('viewer');
    expect(await (await request(`/api/v1/rounds/${round.id}`, { headers: { authorization } })).json()).toMatchObject({ feedbackFormAttachment: 'xlsx' });
  });

  it('refuses a choice that is not none, docx, xlsx or both, naming them, and changes nothing', async () => {
    const { round } = await roundWithInvitee('docx');
    const { authorization } = await bearerFor('organizer');
    const refused = await putSetting(round.id, { attach: 'pdf' }, authorization);
    expect(refused.status).toBe(422);
    const error = ((await refused.json()) as { error: { code: string; fields: Record<string, string> } }).error;
    expect(error.code).toBe('invalid_input');
    expect(error.fields.attach).toBe('请从“不附”“Word”“Excel”“Word 和 Excel”中选择一项。');
    const { cookie } = await signedInAs('organizer');
    const form = await postForm(`/rounds/${round.id}/inbound/setting`, { attach: '' }, { cookie });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain('请从“不附”');
    expect((await testDeps().db.select().from(rounds).where(eq(rounds.id, round.id)).get())!.feedbackFormAttachment).toBe('docx');
  });

  it('can be chosen on a draft round, before the invitations go out (no upload form there yet)', async () => {
    const round = await aRound({ status: 'draft' });
    const { cookie } = await signedInAs('organizer');
    expect(await (await request(`/rounds/${round.id}`, { headers: { cookie } })).text()).toContain(`href="/rounds/${round.id}/inbound"`);
    const page = await (await request(`/rounds/${round.id}/inbound`, { headers: { cookie } })).text();
    expect(page).toContain(`action="/rounds/${round.id}/inbound/setting"`);
    expect(page).not.toContain(`action="/rounds/${round.id}/inbound/upload"`);
    expect((await postForm(`/rounds/${round.id}/inbound/setting`, { attach: 'both' }, { cookie })).status).toBe(303);
    expect((await testDeps().db.select().from(rounds).where(eq(rounds.id, round.id)).get())!.feedbackFormAttachment).toBe('both');
  });

  it('refuses a closed round (409) and an unknown one (404)', async () => {
    const round = await aRound({ status: 'closed' });
    const { authorization } = await bearerFor('organizer');
    const closed = await putSetting(round.id, { attach: 'both' }, authorization);
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { error: { code: string } }).error.code).toBe('round_closed');
    expect((await putSetting('NOSUCHROUND', { attach: 'both' }, authorization)).status).toBe(404);
    expect((await testDeps().db.select().from(rounds).where(eq(rounds.id, round.id)).get())!.feedbackFormAttachment).toBe('none');
  });
});

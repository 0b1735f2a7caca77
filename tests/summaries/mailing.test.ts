import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, roundMailings, rounds } from '../../src/db/schema';
import { sendSummary } from '../../src/features/summaries/mailing';
import { aStaffMember, postForm, request, signedInAs, testDeps } from '../helpers';
import { aHandCountedRound } from './factories';

const figures = { dispositions: { pending: 2, adopted: 2, partly_adopted: 1, not_adopted: 1, noted: 1 }, total: 7 };

async function publishedRound() {
  const fixture = await aHandCountedRound({ publishedAt: new Date('2026-05-01T02:00:00Z') });
  return fixture;
}

const summaryMail = (roundId: string) => testDeps().db.select().from(outbox).where(and(eq(outbox.roundId, roundId), eq(outbox.kind, 'summary')));

describe('emailing the summary', () => {
  it('sends one email per person with a link to the published page, and never twice when sent again', async () => {
    const { id } = await publishedRound();
    const { cookie, staff: sender } = await signedInAs('organizer');
    const colleague = await aStaffMember('viewer');
    const first = await postForm(`/rounds/${id}/summary/send`, { audience: '1', staffIds: [colleague.id] }, { cookie });
    expect(first.status).toBe(303);
    // Six invitees, one without an email address: five stakeholders and one colleague.
    expect(first.headers.get('location')).toBe(`/rounds/${id}/summary?sent=6&skipped=1`);
    const mails = await summaryMail(id);
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.toEmail)).size).toBe(6);
    expect(mails.every((m) => m.transactional === false && m.status === 'queued' && m.attachments === null)).toBe(true);
    for (const m of mails) expect(m.text).toContain(`https://roundtable.test/p/${id}`);
    const staffMail = mails.find((m) => m.staffId === colleague.id)!;
    expect(staffMail.toEmail).toBe(colleague.email.toLowerCase());
    expect(staffMail.text).toContain(`https://roundtable.test/rounds/${id}/summary`);
    expect(mails.filter((m) => m.stakeholderId).every((m) => !m.text.includes('/summary'))).toBe(true);
    // No personal data of others: no opinion text in the mail.
    expect(mails.some((m) => m.text.includes('建议明确硅巷四至范围'))).toBe(false);

    const claims = await testDeps().db.select().from(roundMailings).where(eq(roundMailings.roundId, id));
    expect(claims).toHaveLength(6);
    expect(claims.every((c) => c.kind === 'summary' && c.outboxId && mails.some((m) => m.id === c.outboxId))).toBe(true);

    const second = await postForm(`/rounds/${id}/summary/send`, { audience: '1', staffIds: [colleague.id, sender.id] }, { cookie });
    expect(second.headers.get('location')).toBe(`/rounds/${id}/summary?sent=1&skipped=7`);
    const after = await summaryMail(id);
    expect(after).toHaveLength(7);
    expect(after.filter((m) => m.toEmail === colleague.email.toLowerCase())).toHaveLength(1);
    const audit = await testDeps().db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'round.summary_send')));
    expect(audit).toHaveLength(2);

    const page = await request(`${second.headers.get('location')}`, { headers: { cookie } });
    expect(await page.text()).toContain('已发送 1 封，跳过 7 人');
  });

  it('two sends at the same time still reach each person once', async () => {
    const { id } = await publishedRound();
    const deps = testDeps();
    const [a, b] = await Promise.all([
      sendSummary(deps, null, id, { audience: true, staffIds: [] }, figures),
      sendSummary(deps, null, id, { audience: true, staffIds: [] }, figures),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.value.sent + b.value.sent).toBe(5);
    expect(await summaryMail(id)).toHaveLength(5);
  });

  it('is refused with a clear message while the results are not published, and sends nothing', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('organizer');
    const page = await request(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(await page.text()).toContain('本轮结果尚未公开发布，暂不能发送汇总邮件');
    const res = await postForm(`/rounds/${id}/summary/send`, { audience: '1' }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('本轮结果尚未公开发布，暂不能发送汇总邮件');
    expect(await summaryMail(id)).toHaveLength(0);
    expect(await testDeps().db.select().from(roundMailings).where(eq(roundMailings.roundId, id))).toHaveLength(0);
  });

  it('asks for recipients when none were chosen, keeping the form', async () => {
    const { id } = await publishedRound();
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${id}/summary/send`, {}, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请至少选择一类收件人');
    expect(html).toContain('class="error-summary"');
    expect(await summaryMail(id)).toHaveLength(0);
  });

  it('is for organizers: a viewer is refused', async () => {
    const { id } = await publishedRound();
    const { cookie } = await signedInAs('viewer');
    const res = await postForm(`/rounds/${id}/summary/send`, { audience: '1' }, { cookie });
    expect(res.status).toBe(403);
    expect(await summaryMail(id)).toHaveLength(0);
    expect((await testDeps().db.select().from(rounds).where(eq(rounds.id, id)))[0]!.publishedAt).not.toBeNull();
  });
});

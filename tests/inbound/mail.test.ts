import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { inboundItems, invitations, opinions, rounds } from '../../src/db/schema';
import { createApp } from '../../src/app';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { DAY_MS } from '../../src/lib/clock';
import { newPartOfReply } from '../../src/features/inbound/strip-reply';
import { bearerFor, request, testDeps, testNow } from '../helpers';
import { aRound, aStakeholder, anInvitation } from '../feedback/factories';
import { fillDocx } from './form-fill';
import { deliver, fillFixture, replyAddressOf } from './mail';
import outlook from '../fixtures/mail/outlook-utf8-qp.eml?raw';
import foxmail from '../fixtures/mail/foxmail-utf8-base64.eml?raw';
import qq from '../fixtures/mail/qq-gbk-base64.eml?raw';
import netease from '../fixtures/mail/163-utf8-qp.eml?raw';
import outOfOffice from '../fixtures/mail/out-of-office.eml?raw';
import bounce from '../fixtures/mail/bounce.eml?raw';

async function invited(overrides: Parameters<typeof aRound>[0] = {}) {
  const round = await aRound(overrides);
  const person = await aStakeholder({ name: '钱立群' });
  const invitation = await anInvitation(round, person);
  return { round, person, invitation, to: await replyAddressOf(invitation.id) };
}

async function latestItem(to: string) {
  return testDeps().db.select().from(inboundItems).where(eq(inboundItems.toAddress, to)).orderBy(desc(inboundItems.createdAt)).get();
}

async function send(fixture: string, from: string, to: string) {
  await deliver(fillFixture(fixture, { from, to }), { from, to });
  return latestItem(to);
}

describe('a reply by email to an invitation', () => {
  it('from Outlook (UTF-8, quoted-printable) becomes a pending item: quoted history dropped, the named chapter and the rest placed, SPF/DKIM recorded', async () => {
    const { round, person, to } = await invited();
    const item = (await send(outlook, person.email!, to))!;
    expect(item.status).toBe('pending');
    expect(item.stakeholderId).toBe(person.id);
    expect(item.found.map((o) => o.sectionId)).toEqual([round.section('三').id]);
    expect(item.found[0]!.text).toContain('绿色低碳');
    expect(item.found[0]!.text).toContain('总体同意方案。');
    expect(JSON.stringify(item.found)).not.toContain('原始邮件');
    expect(JSON.stringify(item.found)).not.toContain('请各单位提出意见');
    expect([item.spf, item.dkim, item.dmarc]).toEqual(['pass', 'pass', 'pass']);
    const stored = await env.ATTACHMENTS.get(item.r2Key!);
    expect(await stored!.text()).toContain('X-Mailer: Microsoft Outlook');
    expect(await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id))).toEqual([]);
  });

  it('from Foxmail (base64) drops the signature and the 原始邮件 block and places “关于五（一）1”', async () => {
    const { round, person, to } = await invited();
    const item = (await send(foxmail, person.email!, to))!;
    expect(item.found).toEqual([{ sectionId: round.section('五（一）1').id, label: '五（一）1 助力重点产业创新', text: '关于五（一）1：建议把“专精特新”企业纳入支持范围。' }]);
    expect([item.spf, item.dkim]).toEqual(['softfail', 'none']);
  });

  it('from QQ Mail in GBK is decoded and placed', async () => {
    const { round, person, to } = await invited();
    const item = (await send(qq, person.email!, to))!;
    expect(item.subject).toBe('回复：征求意见');
    expect(item.found.map((o) => [o.sectionId, o.text])).toEqual([[round.section('五（一）').id, '关于五（一）：建议明确专项资金的申报条件。\n其余部分同意。']]);
    expect(item.spf).toBe('pass');
  });

  it('from 163 Mail drops the “在 … 写道：” history and places two sections', async () => {
    const { round, person, to } = await invited();
    const item = (await send(netease, person.email!, to))!;
    expect(item.found.map((o) => o.sectionId)).toEqual([round.section('三').id, round.section('五（一）2').id]);
    expect(JSON.stringify(item.found)).not.toContain('请对行动方案提出意见');
  });

  it('with the filled 意见反馈表 attached reads it cell by cell and keeps the file', async () => {
    const { round, person, invitation, to } = await invited();
    const form = new Uint8Array(await (await request(`${invitation.path}/form.docx`)).arrayBuffer());
    const filled = fillDocx(form, { '三 建设原则': { opinion: '建议写明年度目标。', reason: '便于考核。' } }, 'word');
    const b64 = btoa(String.fromCharCode(...filled)).replace(/.{76}/g, '$&\r\n');
    const raw = fillFixture(
      `From: <{{FROM}}>\nTo: {{TO}}\nSubject: =?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode('意见反馈表')))}?=\nMessage-ID: <{{ID}}@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="MIX"\n\n--MIX\nContent-Type: text/plain; charset=utf-8\n\nSee attachment.\n--MIX\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="form.docx"\nContent-Disposition: attachment; filename="form.docx"\nContent-Transfer-Encoding: base64\n\n${b64}\n--MIX--\n`,
      { from: person.email!, to },
    );
    await deliver(raw, { from: person.email!, to });
    const item = (await latestItem(to))!;
    expect(item.status).toBe('pending');
    expect(item.found).toContainEqual({ sectionId: round.section('三').id, label: '三 建设原则', text: '建议写明年度目标。\n理由：便于考核。' });
    expect(item.files.map((f) => f.filename)).toEqual(['form.docx']);
  });

  it('counts once staff confirm it, channel 邮件', async () => {
    const { round, person, to } = await invited();
    const item = (await send(foxmail, person.email!, to))!;
    const { authorization } = await bearerFor('organizer');
    expect((await request(`/api/v1/inbound/${item.id}/confirm`, { method: 'POST', headers: { authorization } })).status).toBe(200);
    const stored = await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(stored.map((o) => [o.channel, o.stakeholderId, o.sectionId])).toEqual([['email', person.id, round.section('五（一）1').id]]);
  });

  it('delivered twice (same Message-ID) is kept once', async () => {
    const { person, to } = await invited();
    const raw = fillFixture(foxmail, { from: person.email!, to });
    await deliver(raw, { from: person.email!, to });
    await deliver(raw, { from: person.email!, to });
    expect(await testDeps().db.select().from(inboundItems).where(eq(inboundItems.toAddress, to))).toHaveLength(1);
  });
});

describe('mail that is not taken as opinions', () => {
  it('an out-of-office reply is ignored as an auto-reply', async () => {
    const { person, to } = await invited();
    const item = (await send(outOfOffice, person.email!, to))!;
    expect([item.status, item.reason, item.found]).toEqual(['ignored', 'auto_reply', []]);
  });

  it('a bounce is ignored as a bounce', async () => {
    const { to } = await invited();
    const item = (await send(bounce, 'MAILER-DAEMON@mx.example.com', to))!;
    expect([item.status, item.reason]).toEqual(['ignored', 'bounce']);
  });

  it('from someone other than the invited stakeholder goes to the unmatched inbox', async () => {
    const { to } = await invited();
    const item = (await send(outlook, 'colleague@example.com', to))!;
    expect([item.status, item.reason, item.found]).toEqual(['unmatched', 'unknown_sender', []]);
    const { authorization } = await bearerFor('viewer');
    const list = (await (await request('/api/v1/inbound', { headers: { authorization } })).json()) as any;
    expect(list.items.find((i: any) => i.id === item.id)).toMatchObject({ status: 'unmatched', reason: 'unknown_sender', authentication: { spf: 'pass' } });
  });

  it('to a revoked link’s address, or one that was never issued, goes to the unmatched inbox', async () => {
    const { person, to, invitation } = await invited();
    await testDeps().db.update(invitations).set({ revokedAt: testNow() }).where(eq(invitations.id, invitation.id));
    expect((await send(outlook, person.email!, to))!.reason).toBe('unknown_address');
    const forged = to.replace(/-[0-9a-f]{20}@/, '-00000000000000000000@');
    expect((await send(outlook, person.email!, forged))!.reason).toBe('unknown_address');
  });

  it('after the round closed goes to the unmatched inbox', async () => {
    const { person, to } = await invited({ closesAt: new Date(testNow().getTime() - DAY_MS), opensAt: new Date(testNow().getTime() - 10 * DAY_MS) });
    expect((await send(outlook, person.email!, to))!.reason).toBe('round_closed');
  });
});

describe('the invitation email', () => {
  it('carries the invitation’s own reply address, which /dev/mail.json shows and which routes a reply back to it', async () => {
    const round = await aRound();
    const person = await aStakeholder({ name: '钱立群' });
    const deps = testDeps();
    await deps.db.update(rounds).set({ audience: { categories: [], tags: [], stakeholderIds: [person.id] } }).where(eq(rounds.id, round.id));
    expect((await sendInvitations(deps, null, round.id)).ok).toBe(true);
    const invitation = (await deps.db.select().from(invitations).where(eq(invitations.roundId, round.id)).get())!;
    const res = await createApp().request('/dev/mail.json', {}, { ...env, ENVIRONMENT: 'development' });
    const all = (await res.json()) as { to: string; replyTo: string | null }[];
    // The development app seeds demo rounds that may invite this stakeholder too: look for this round's invitation.
    const replyTo = await replyAddressOf(invitation.id);
    expect(all.filter((m) => m.to === person.email).map((m) => m.replyTo)).toContain(replyTo);
    expect((await send(foxmail, person.email!, replyTo))!.status).toBe('pending');
  });
});

describe('splitting a reply from its history', () => {
  it('keeps only what is above an Outlook “发件人:” block without a separator line', () => {
    expect(newPartOfReply('同意。\n\n发件人: 区科协\n主题: 征求意见\n第七条 原文')).toBe('同意。');
  });
});

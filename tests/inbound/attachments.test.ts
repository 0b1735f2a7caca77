import { env } from 'cloudflare:test';
import { desc, eq } from 'drizzle-orm';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { inboundItems } from '../../src/db/schema';
import { attachmentText, decodeText } from '../../src/features/inbound/attachment-text';
import { bytesToBase64 } from '../../src/lib/tokens';
import { bearerFor, request, signedInAs, testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation } from '../feedback/factories';
import { aMeetingWithInvitees, decodeAttachment, mailFor } from '../meetings/factories';
import { deliver, fillFixture, replyAddressOf } from './mail';
import outlookReply from '../fixtures/mail/outlook-imip-reply.eml?raw';

/** “建议在人才公寓一节写明申请条件。/ 联系人：钱立群” as Notepad on Chinese Windows saves it: GBK. */
const GBK_TXT = 'vajS6dTayMuyxbmr1KLSu73a0LTD98nqx+vM9bz+oaMNCsGqz7XIy6O6x67Bosi6DQo=';
const PDF = btoa('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function docxOf(...lines: string[]): Promise<string> {
  const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] });
  return bytesToBase64(new Uint8Array(await Packer.toArrayBuffer(doc)));
}

type Part = { filename: string; contentType: string; base64: string };

/** A reply as a mail client writes one: a short body and files, each base64 in 76-character lines. */
function replyWith(parts: Part[], body = '第三条：意见见附件。') {
  const boundary = '----=_Part_2718_281828';
  const files = parts.map(
    (p) =>
      `--${boundary}\nContent-Type: ${p.contentType}; name="=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(p.filename)))}?="\nContent-Disposition: attachment; filename="=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(p.filename)))}?="\nContent-Transfer-Encoding: base64\n\n${p.base64.replace(/.{76}/g, '$&\n')}\n`,
  );
  return `From: <{{FROM}}>\nTo: {{TO}}\nSubject: =?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode('回复：征求意见')))}?=\nMessage-ID: <{{ID}}@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n--${boundary}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n${files.join('')}--${boundary}--\n`;
}

async function invited() {
  const round = await aRound();
  const person = await aStakeholder({ name: '钱立群' });
  const invitation = await anInvitation(round, person);
  return { round, person, to: await replyAddressOf(invitation.id) };
}

async function send(raw: string, from: string, to: string) {
  await deliver(fillFixture(raw, { from, to }), { from, to });
  return (await testDeps().db.select().from(inboundItems).where(eq(inboundItems.toAddress, to)).orderBy(desc(inboundItems.createdAt)).get())!;
}

describe('files that come with a reply', () => {
  it('are kept in R2 with the original message; the text of a DOCX and a GBK TXT is read for search, a PDF is kept unread', async () => {
    const { person, to } = await invited();
    const docx = await docxOf('关于第五条：建议增设青年创业补贴。', '其余同意。');
    const item = await send(
      replyWith([
        { filename: '补充意见.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', base64: docx },
        { filename: '说明.txt', contentType: 'text/plain', base64: GBK_TXT },
        { filename: '扫描件.pdf', contentType: 'application/pdf', base64: PDF },
      ]),
      person.email!,
      to,
    );
    expect(item.status).toBe('pending');
    expect(item.files.map((f) => f.filename)).toEqual(['补充意见.docx', '说明.txt', '扫描件.pdf']);
    // The bucket (miniflare's R2) holds each file byte for byte, and the message as it came.
    const stored = await env.ATTACHMENTS.get(item.files[1]!.r2Key!);
    expect(bytesToBase64(new Uint8Array(await stored!.arrayBuffer()))).toBe(GBK_TXT);
    expect(await (await env.ATTACHMENTS.get(item.files[2]!.r2Key!))!.text()).toContain('%PDF-1.4');
    expect(await (await env.ATTACHMENTS.get(item.r2Key!))!.text()).toContain('Content-Type: multipart/mixed');

    expect(item.attachmentText).toContain('补充意见.docx\n关于第五条：建议增设青年创业补贴。\n其余同意。');
    expect(item.attachmentText).toContain('说明.txt\n建议在人才公寓一节写明申请条件。\n联系人：钱立群');
    expect(item.attachmentText).not.toContain('扫描件.pdf');

    const { authorization } = await bearerFor('viewer');
    const found = (await (await request(`/api/v1/inbound?q=${encodeURIComponent('人才公寓')}`, { headers: { authorization } })).json()) as { items: { id: string; attachmentText: string }[] };
    expect(found.items.map((i) => i.id)).toContain(item.id);
    const none = (await (await request(`/api/v1/inbound?q=${encodeURIComponent('没有这句话')}`, { headers: { authorization } })).json()) as { items: { id: string }[] };
    expect(none.items.map((i) => i.id)).not.toContain(item.id);
  });

  it('are downloaded by staff from R2 as attachments (never shown inline), and the original message as .eml', async () => {
    const { person, to } = await invited();
    const html = btoa('<script>alert(1)</script>');
    const item = await send(replyWith([{ filename: 'page.html', contentType: 'text/html', base64: html }]), person.email!, to);
    const { cookie } = await signedInAs('viewer');
    const file = await request(`/inbound/${item.id}/files/0`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await file.text()).toBe('<script>alert(1)</script>');
    const original = await request(`/inbound/${item.id}/original.eml`, { headers: { cookie } });
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(await original.text()).toContain('Subject: =?UTF-8?B?');
    expect((await request(`/inbound/${item.id}/files/5`, { headers: { cookie } })).status).toBe(404);
    const page = await (await request(`/rounds/${item.roundId}/inbound`, { headers: { cookie } })).text();
    expect(page).toContain(`href="/inbound/${item.id}/files/0"`);
    expect(page).toContain(`href="/inbound/${item.id}/original.eml"`);
  });

  it('a search longer than the limit is refused, naming it', async () => {
    const { authorization } = await bearerFor('viewer');
    const res = await request(`/api/v1/inbound?q=${'长'.repeat(101)}`, { headers: { authorization } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.q).toBe('不能超过 100 个字符。');
  });
});

describe('reading text out of files', () => {
  it('decodes UTF-8 with and without BOM, UTF-16 from Notepad, and GBK', () => {
    const utf8 = new TextEncoder().encode('意见');
    expect(decodeText(utf8)).toBe('意见');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('意见');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x0f, 0x61, 0xc1, 0x89]))).toBe('意见');
    expect(decodeText(Uint8Array.from(atob(GBK_TXT), (c) => c.charCodeAt(0)))).toMatch(/^建议在人才公寓/);
    expect(attachmentText({ filename: 'scan.pdf', mimeType: 'application/pdf', content: Uint8Array.from(atob(PDF), (c) => c.charCodeAt(0)) })).toBeNull();
    expect(attachmentText({ filename: 'broken.docx', mimeType: 'application/octet-stream', content: utf8 })).toBeNull();
  });
});

describe('the inbox and the local mailbox', () => {
  it('the inbox lists mail that matched no round, and finds it by a word', async () => {
    const { person } = await invited();
    const to = 'reply+rt1-01jzzzzzzzzzzzzzzzzzzzzzzz-00000000000000000000@reply.example.gov.cn';
    const item = await send(replyWith([], '一封发错地址的意见：建议延长征求期。'), person.email!, to);
    expect([item.status, item.reason]).toEqual(['unmatched', 'unknown_address']);
    const { cookie } = await signedInAs('viewer');
    const inbox = await (await request('/inbound', { headers: { cookie } })).text();
    expect(inbox).toContain(`id="item-${item.id}"`);
    const miss = await (await request(`/inbound?q=${encodeURIComponent('没有这句话')}`, { headers: { cookie } })).text();
    expect(miss).not.toContain(`id="item-${item.id}"`);
    expect((await request(`/inbound?q=${'长'.repeat(101)}`, { headers: { cookie } })).status).toBe(422);
  });

  it('/dev/mail shows received mail with its classification and where it went: the round, the meeting, the inbox', async () => {
    const { person, to } = await invited();
    const pending = await send(replyWith([]), person.email!, to);
    const stray = await send(replyWith([]), person.email!, 'reply+rt1-01jzzzzzzzzzzzzzzzzzzzzzzz-00000000000000000000@reply.example.gov.cn');
    const deps = testDeps();
    const { meetingId, people } = await aMeetingWithInvitees(deps, 1);
    const [invitation] = await mailFor(meetingId, 'meeting_invitation');
    const ics = decodeAttachment(invitation!.attachments![0]!.contentBase64).replace(/\r\n /g, '');
    const organizer = /ORGANIZER[^\r\n]*mailto:([^\s]+)/.exec(ics)![1]!;
    const uid = /UID:([^\r\n]+)/.exec(ics)![1]!;
    await deliver(fillFixture(outlookReply, { from: people[0]!.email!, to: organizer, uid, partstat: 'ACCEPTED' }), { from: people[0]!.email!, to: organizer });
    const calendar = (await deps.db.select().from(inboundItems).where(eq(inboundItems.toAddress, organizer)).get())!;

    const page = await (await createApp().request('/dev/mail', {}, { ...env, ENVIRONMENT: 'development' })).text();
    const row = (id: string) => new RegExp(`<tr id="received-${id}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
    expect(row(pending.id)).toContain('待确认');
    expect(row(pending.id)).toContain(`href="/rounds/${pending.roundId}/inbound#item-${pending.id}"`);
    expect(row(stray.id)).toContain('收件地址无效或链接已撤销');
    expect(row(stray.id)).toContain(`href="/inbound#item-${stray.id}"`);
    expect(row(calendar.id)).toContain('日历答复，已记录：出席');
    expect(row(calendar.id)).toContain(`href="/meetings/${meetingId}"`);
  });
});

/** Single-line fields refuse line breaks, controls and bidi overrides; nothing with CR or LF reaches a mail header or a file name. */
import { env } from 'cloudflare:test';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedbackAttachments, responses } from '../../src/db/schema';
import { openRespondentSchema } from '../../src/features/feedback/schemas';
import { createMeetingSchema, rsvpFormSchema, walkInSchema } from '../../src/features/meetings/schemas';
import { templateSchema } from '../../src/features/opinions/schemas';
import { apiRoundSchema, offlineOpinionSchema } from '../../src/features/rounds/schemas';
import { addStaffSchema } from '../../src/features/settings/schemas';
import { stakeholderInputSchema } from '../../src/features/stakeholders/schemas';
import { attachmentDisposition } from '../../src/lib/csv';
import { validate } from '../../src/lib/validation';
import { eq } from 'drizzle-orm';
import { BASE_URL, daysFromNow, postForm, request, shanghaiIso, signedInAs, testDeps } from '../helpers';
import { anOutboxRow, consume } from '../mail-factories';
import { aRound, anInvitation } from '../feedback/factories';

/** What a pasted or forged value may carry: header injection, NUL, a tab, an RTL override, an isolate, a line separator. */
const BREAKERS = ['\r\nBcc: evil@example.com', '\n', '\u0000', '\t', '\u202e', '\u2067', '\u2028'];

const valid = {
  stakeholder: { name: '张三', organization: '区科协', title: '主任', category: 'expert', tags: ['早餐会'] },
  round: {
    title: '三年行动方案',
    draft: '一、总则\n正文',
    opensAt: shanghaiIso(daysFromNow(1, '09:00')),
    closesAt: shanghaiIso(daysFromNow(40, '17:00')),
    contact: { name: '张老师', phone: '021-1234', address: '长宁路 1 号' },
  },
  offline: { name: '李四', organization: '华阳路街道', channel: 'phone', heardAt: shanghaiIso(daysFromNow(-1, '10:00')), text: '意见' },
  meeting: { series: '早餐会', title: '第一期', venue: '区科协会议室', address: '长宁路 1 号', host: '王主任', topic: '硅巷', capacity: 10, startsAt: shanghaiIso(daysFromNow(7, '07:30')) },
  rsvp: { answer: 'attend', deputyName: '赵六', deputyTitle: '副主任' },
  walkIn: { name: '钱七', organization: '某企业' },
  respondent: { name: '孙八', organization: '某协会', category: 'enterprise' },
  template: { label: '已采纳', text: '感谢您的意见。', disposition: '', scope: 'global' },
  staff: { email: 'staff@example.gov.cn', name: '周九', role: 'viewer' },
};

type Case = { schema: v.GenericSchema; base: Record<string, unknown>; field: string; change: (value: string) => Record<string, unknown> };

/** One case per field: the field set to a plausible value carrying `value`. */
function cases(schema: v.GenericSchema, base: Record<string, unknown>, fields: string[]): Case[] {
  return fields.map((field) => ({ schema, base, field, change: (value: string) => ({ [field]: `名${value}称` }) }));
}

/** Every single-line field of every schema that holds names, organizations, titles, venues or tags. */
const FIELDS: Case[] = [
  ...cases(stakeholderInputSchema, valid.stakeholder, ['name', 'organization', 'title', 'phone']),
  { schema: stakeholderInputSchema, base: valid.stakeholder, field: 'tags', change: (x) => ({ tags: [`标${x}签`] }) },
  ...cases(apiRoundSchema, valid.round, ['title', 'contactName']),
  { schema: apiRoundSchema, base: valid.round, field: 'contact.name', change: (x) => ({ contact: { name: `张${x}三` } }) },
  { schema: apiRoundSchema, base: valid.round, field: 'audience.tags', change: (x) => ({ audience: { tags: [`标${x}签`] } }) },
  ...cases(offlineOpinionSchema, valid.offline, ['name', 'organization']),
  ...cases(createMeetingSchema, valid.meeting, ['series', 'title', 'venue', 'address', 'host', 'topic']),
  ...cases(rsvpFormSchema, valid.rsvp, ['deputyName', 'deputyTitle']),
  ...cases(walkInSchema, valid.walkIn, ['name', 'organization']),
  ...cases(openRespondentSchema, valid.respondent, ['name', 'organization']),
  ...cases(templateSchema, valid.template, ['label']),
  ...cases(addStaffSchema, valid.staff, ['name']),
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('single-line fields', () => {
  it.each(FIELDS)('$field refuses line breaks, controls and bidi overrides inside the value, and accepts the clean value', ({ schema, base, field, change }) => {
    expect(validate(schema, { ...base, ...change('') }, 'en').ok).toBe(true);
    for (const breaker of BREAKERS) {
      const result = validate(schema, { ...base, ...change(breaker) }, 'en');
      expect(result.ok, `${field} with ${JSON.stringify(breaker)}`).toBe(false);
      if (!result.ok) expect(Object.values(result.fields ?? {}).join(' ')).toContain('single line');
    }
  });

  it('the stakeholder form names the field and the rule, keeps what was typed, and saves nothing', async () => {
    const { cookie } = await signedInAs('organizer');
    const before = await env.DB.prepare('SELECT count(*) AS n FROM stakeholders').first('n');
    const res = await postForm('/stakeholders', { name: '王五\r\nBcc: evil@example.com', organization: '区科协\u202e', category: 'expert', tags: '' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="name-error"[^>]*>[^<]*只能填写一行文字/);
    expect(html).toMatch(/id="organization-error"[^>]*>[^<]*只能填写一行文字/);
    expect(html).toContain('Bcc: evil@example.com');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholders').first('n')).toBe(before);
  });
});

describe('mail headers and file names', () => {
  it('a subject, display name, header value and attachment name holding CR/LF reach Resend on one line', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps, {
      to: { email: 'wang@example.com', name: '王五\r\nBcc: evil@example.com' },
      subject: '邀请\r\nBcc: evil@example.com',
      attachments: [{ filename: 'invite\r\nX-Evil: 1.ics', contentType: 'text/calendar', contentBase64: 'QkVHSU4=' }],
      headers: { 'X-Entity-Ref-ID': 'meeting\r\nX-Evil: 1' },
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementationOnce(async () => Response.json({ id: 're_1' }));
    const withResend = { ...env, RESEND_API_KEY: 're_test' };
    await consume([id], withResend);
    const body = JSON.parse(String(fetchSpy.mock.calls[0]![1]?.body));
    expect(body.subject).toBe('邀请 Bcc: evil@example.com');
    expect(body.to).toEqual(['"王五 Bcc: evil@example.com" <wang@example.com>']);
    expect(body.attachments[0].filename).toBe('invite X-Evil: 1.ics');
    expect(body.headers['X-Entity-Ref-ID']).toBe('meeting X-Evil: 1');
    expect(JSON.stringify(body.subject + body.to + body.attachments[0].filename + body.headers['X-Entity-Ref-ID'])).not.toMatch(/\\[rn]/);
  });

  it('a download name with CR/LF or a bidi override gives a Content-Disposition without them', () => {
    const header = attachmentDisposition('第1期\r\n签到\u202egpj.xlsx', 'meeting-1.xlsx');
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('第1期 签到gpj.xlsx');
    expect(header).not.toMatch(/[\r\n\u202e]/);
  });

  it('a file attached on a personal link loses the bidi override in its name (no "意见fdp.exe" shown for "意见exe.pdf")', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const body = new FormData();
    body.append('action', 'save');
    body.append('whole', '详见附件。');
    body.append('attachments', new File([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], '意见\u202eexe.pdf', { type: 'application/pdf' }));
    const res = await request(link.path, { method: 'POST', body, headers: { origin: BASE_URL } });
    expect(res.status).toBe(303);
    const db = testDeps().db;
    const response = await db.select().from(responses).where(eq(responses.invitationId, link.id)).get();
    const [row] = await db.select().from(feedbackAttachments).where(eq(feedbackAttachments.responseId, response!.id));
    expect(row!.filename).toBe('意见exe.pdf');
  });
});

/** Erasure that erases (PIPL art. 47), and the erasure request a stakeholder files on their personal link. */
import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { auditLog, erasureRequests, feedbackAttachments, mailSuppressions, meetingAttendees, opinions, outbox, responses, stakeholders } from '../src/db/schema';
import { auditStatement } from '../src/features/audit/audit';
import { commitWithMail } from '../src/features/mail/outbox';
import { inviteToMeeting } from '../src/features/meetings/invitations';
import { ERASURE_DUE_WORKING_DAYS } from '../src/features/stakeholders/erasure-requests';
import { erasedAddress, scrubText } from '../src/features/stakeholders/scrub';
import { unsubscribe } from '../src/features/unsubscribe/service';
import { formatDate } from '../src/lib/time';
import { endOfWorkingDaysAfter } from '../src/lib/working-days';
import { aRound, anInvitation } from './feedback/factories';
import { bearerFor, daysFromNow, postForm, postJson, request, signedInAs, testDeps, testNow } from './helpers';
import { consume } from './mail-factories';
import { aMeeting, mailFor, rsvpToken } from './meetings/factories';

const db = () => testDeps().db;

/** A stakeholder with a name, address and phone found nowhere else in the test database. */
async function aPerson() {
  const deps = testDeps();
  const tag = crypto.randomUUID().slice(0, 6);
  const now = deps.clock();
  const person = {
    id: deps.newId(),
    name: `欧阳${tag}`,
    organization: `长宁区${tag}科技有限公司`,
    category: 'enterprise' as const,
    email: `Erase-${tag}@Example.com`,
    emailNormalized: `erase-${tag}@example.com`,
    phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    notes: '只接受电话联系',
    source: 'manual' as const,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(stakeholders).values(person);
  return person;
}

/** How many rows of `table` mention any of the terms in any column (LIKE over the row's columns). */
async function rowsMentioning(table: string, columns: string[], terms: string[]): Promise<number> {
  const conditions = columns.flatMap((column) => terms.map((term) => `lower(coalesce(${column}, '')) LIKE '%' || lower(?) || '%'`));
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${conditions.join(' OR ')}`)
    .bind(...columns.flatMap(() => terms))
    .first<{ n: number }>();
  return row!.n;
}

/** Everything a person leaves behind: an answered round with an attachment, a meeting invitation, mail, an unsubscribe, audit. */
async function aPersonWithHistory() {
  const deps = testDeps();
  const person = await aPerson();
  const round = await aRound();
  const link = await anInvitation(round, person);
  const submitted = await postForm(link.path, { action: 'submit', whole: '建议把人才公寓纳入第一批专项行动。' });
  expect(submitted.status).toBe(303);
  const response = (await db().select().from(responses).where(eq(responses.invitationId, link.id)).get())!;
  await db().insert(feedbackAttachments).values({
    id: deps.newId(),
    responseId: response.id,
    roundId: round.id,
    filename: `${person.name}的意见.pdf`,
    contentType: 'application/pdf',
    size: 10,
    r2Key: `feedback/${round.id}/${response.id}/x`,
    createdAt: deps.clock(),
  });

  const meetingId = await aMeeting(deps, { startsAt: daysFromNow(10, '07:30') });
  await inviteToMeeting(deps, null, meetingId, { categories: [], tags: [], stakeholderIds: [person.id] });
  const rsvp = rsvpToken((await mailFor(meetingId, 'meeting_invitation')).find((m) => m.stakeholderId === person.id)!.text)!;
  expect((await request(`/m/${rsvp}`)).status).toBe(200);

  await unsubscribe(deps, { email: person.email, kind: 'summary' }, 'kind');
  // Older entries named people in their details; erasure must find them wherever they are.
  await db().batch([auditStatement(deps, { actor: null, action: 'test.legacy', entityType: 'stakeholder', detail: { contact: `${person.name} <${person.email}>`, phone: person.phone } })]);
  // A mail to someone else that names them (a colleague told who was invited).
  await commitWithMail(deps, [], [{ kind: 'test_note', to: { email: 'colleague@example.gov.cn' }, subject: `关于${person.name}`, html: `<p>${person.name}，${person.email}</p>`, text: `${person.name}，${person.email}` }]);
  return { person, round, link, meetingId, rsvp };
}

describe('erasing a stakeholder', () => {
  it('revokes the feedback and RSVP links: they greet nobody and take no answer', async () => {
    const { person, link, rsvp, meetingId } = await aPersonWithHistory();
    const { authorization } = await bearerFor('organizer');
    expect((await postJson(`/api/v1/stakeholders/${person.id}/erase`, {}, { authorization })).status).toBe(200);

    const page = await request(link.path);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(person.name);
    const before = await db().select().from(opinions).where(eq(opinions.stakeholderId, person.id));
    expect((await postForm(link.path, { action: 'submit', whole: '再补充一条' })).status).toBe(404);
    expect(await db().select().from(opinions).where(eq(opinions.stakeholderId, person.id))).toHaveLength(before.length);

    const rsvpPage = await request(`/m/${rsvp}`);
    expect(rsvpPage.status).toBe(404);
    expect(await rsvpPage.text()).not.toContain(person.name);
    expect((await postForm(`/m/${rsvp}`, { answer: 'attend', note: '' })).status).toBe(404);
    const attendee = (await db().select().from(meetingAttendees).where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.stakeholderId, person.id))).get())!;
    expect(attendee.rsvp).toBe('pending');
    expect(attendee.tokenHash).toBeNull();
  });

  it('leaves no name, organization, address or phone on meeting pages, the attendance workbook, the outbox, suppressions, audit, responses or attachments', async () => {
    const { person, meetingId } = await aPersonWithHistory();
    const { cookie } = await signedInAs('organizer');
    const terms = [person.name, person.email, person.phone];
    expect(await rowsMentioning('outbox', ['to_email', 'subject', 'html', 'text'], terms)).toBeGreaterThan(0);
    expect(await rowsMentioning('audit_log', ['detail'], terms)).toBeGreaterThan(0);

    const erased = await postForm(`/stakeholders/${person.id}/erase`, { confirm: '1' }, { cookie });
    expect(erased.status).toBe(303);

    const meetingPage = await (await request(`/meetings/${meetingId}`, { headers: { cookie } })).text();
    expect(meetingPage).not.toContain(person.name);
    expect(meetingPage).not.toContain(person.organization);
    const xlsx = await request(`/meetings/${meetingId}/attendance.xlsx`, { headers: { cookie } });
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheetText = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    expect(sheetText).toContain('<sheetData');
    expect(sheetText).not.toContain(person.name);
    expect(sheetText).not.toContain(person.organization);

    expect(await rowsMentioning('outbox', ['to_email', 'to_name', 'subject', 'html', 'text', 'last_error', 'headers', 'attachments'], terms), 'outbox').toBe(0);
    expect(await rowsMentioning('outbox_events', ['detail'], terms), 'outbox_events').toBe(0);
    expect(await rowsMentioning('audit_log', ['detail'], [...terms, person.organization]), 'audit_log').toBe(0);
    expect(await rowsMentioning('meeting_attendees', ['name', 'organization', 'note', 'deputy_name'], [person.name, person.organization]), 'meeting_attendees').toBe(0);
    expect(await rowsMentioning('responses', ['respondent_name', 'respondent_organization'], [person.name, person.organization]), 'responses').toBe(0);
    expect(await rowsMentioning('opinions', ['author_name', 'author_organization'], [person.name, person.organization]), 'opinions').toBe(0);
    expect(await rowsMentioning('feedback_attachments', ['filename'], [person.name]), 'feedback_attachments').toBe(0);
    expect(await rowsMentioning('stakeholders', ['name', 'organization', 'email', 'phone', 'notes', 'search_text'], terms), 'stakeholders').toBe(0);
    expect(await db().select().from(mailSuppressions).where(eq(mailSuppressions.stakeholderId, person.id))).toHaveLength(0);

    // Their mail keeps its kind and status for the counts, addressed to a placeholder that cannot be delivered.
    const theirMail = await db().select().from(outbox).where(eq(outbox.stakeholderId, person.id));
    expect(theirMail.length).toBeGreaterThan(0);
    for (const row of theirMail) expect(row).toMatchObject({ toEmail: erasedAddress(person.id), html: '', text: '', attachments: null, headers: null });
    expect(theirMail.every((row) => row.status !== 'queued')).toBe(true);
    // Mail to others keeps its words and loses only theirs.
    const colleague = await db().select().from(outbox).where(eq(outbox.kind, 'test_note'));
    expect(colleague.some((row) => row.subject === '关于—' && row.text === `—，${erasedAddress(person.id)}`)).toBe(true);
  });

  it('keeps their opinions in the summary, attributed to 已删除的征求对象', async () => {
    const { person, round } = await aPersonWithHistory();
    const { cookie } = await signedInAs('organizer');
    expect((await postForm(`/stakeholders/${person.id}/erase`, { confirm: '1' }, { cookie })).status).toBe(303);
    const summary = await (await request(`/rounds/${round.id}/summary`, { headers: { cookie } })).text();
    expect(summary).toContain('建议把人才公寓纳入第一批专项行动。');
    expect(summary).toContain('已删除的征求对象');
    expect(summary).not.toContain(person.name);
    expect(summary).not.toContain(person.organization);
    const english = await (await request(`/rounds/${round.id}/summary`, { headers: { cookie: `${cookie}; lang=en` } })).text();
    expect(english).toContain('Erased stakeholder');
  });

  it('matches a short name only as a whole value, so other words keep their characters', () => {
    const needles = { name: '李', email: 'li@example.com', phone: '', placeholder: 'erased+x@invalid' };
    expect(scrubText('李', needles)).toBe('—');
    expect(scrubText('李子园街道', needles)).toBe('李子园街道');
    expect(scrubText('写信给 LI@example.com', needles)).toBe('写信给 erased+x@invalid');
  });
});

describe('an erasure request on the personal link', () => {
  it('asks to confirm before filing anything', async () => {
    const person = await aPerson();
    const link = await anInvitation(await aRound(), person);
    const page = await request(`${link.path}/erase-request`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('确认申请删除');
    expect(html).toContain('已删除的征求对象');
    expect(await db().select().from(erasureRequests).where(eq(erasureRequests.stakeholderId, person.id))).toHaveLength(0);
    expect(await (await request(link.path)).text()).toContain(`href="/f/${link.token}/erase-request"`);
  });

  it('files one request due in 15 working days, mails an acknowledgement, shows its status, and collapses repeats', async () => {
    const person = await aPerson();
    const link = await anInvitation(await aRound(), person);
    const posted = await postForm(`${link.path}/erase-request`, {});
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${link.path}/erase-request?done=requested`);

    const rows = await db().select().from(erasureRequests).where(eq(erasureRequests.stakeholderId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('open');
    expect(rows[0]!.dueAt.getTime()).toBe(endOfWorkingDaysAfter(rows[0]!.requestedAt, ERASURE_DUE_WORKING_DAYS).getTime());
    const acks = await db().select().from(outbox).where(and(eq(outbox.stakeholderId, person.id), eq(outbox.kind, 'erasure_received')));
    expect(acks).toHaveLength(1);
    expect(acks[0]!.toEmail).toBe(person.email);
    expect(acks[0]!.text).toContain(formatDate(rows[0]!.dueAt, 'zh-CN'));

    const status = await (await request(`${link.path}/erase-request?done=requested`)).text();
    expect(status).toContain('已收到您的申请');
    expect(status).toContain(formatDate(rows[0]!.dueAt, 'zh-CN'));
    expect(status).not.toContain('确认申请删除');

    expect((await postForm(`${link.path}/erase-request`, {})).status).toBe(303);
    expect(await db().select().from(erasureRequests).where(eq(erasureRequests.stakeholderId, person.id))).toHaveLength(1);
    expect(await db().select().from(outbox).where(and(eq(outbox.stakeholderId, person.id), eq(outbox.kind, 'erasure_received')))).toHaveLength(1);
  });

  it('is listed for staff with its due date on the home page, the directory and the requests page, and one confirmed button completes it', async () => {
    const person = await aPerson();
    const link = await anInvitation(await aRound(), person);
    await postForm(`${link.path}/erase-request`, {});
    const request_ = (await db().select().from(erasureRequests).where(eq(erasureRequests.stakeholderId, person.id)).get())!;
    const due = formatDate(request_.dueAt, 'zh-CN');
    const { cookie } = await signedInAs('organizer');

    const home = await (await request('/', { headers: { cookie } })).text();
    expect(home).toContain('待办删除请求');
    expect(home).toContain(person.name);
    expect(home).toContain(due);
    expect(await (await request('/stakeholders', { headers: { cookie } })).text()).toContain('/stakeholders/erasure-requests');
    const list = await (await request('/stakeholders/erasure-requests', { headers: { cookie } })).text();
    expect(list).toContain(person.name);
    expect(list).toContain(due);
    expect(list).toContain(`action="/stakeholders/${person.id}/erase"`);

    // The list's button asks first (a server-rendered page, no script needed), then comes back to the list.
    const asked = await postForm(`/stakeholders/${person.id}/erase`, { back: '/stakeholders/erasure-requests' }, { cookie });
    expect(asked.status).toBe(200);
    const confirmation = await asked.text();
    expect(confirmation).toContain('并向其发送一封删除完成的确认邮件');
    expect(confirmation).toContain('name="back" value="/stakeholders/erasure-requests"');
    expect((await db().select().from(erasureRequests).where(eq(erasureRequests.id, request_.id)).get())!.status).toBe('open');
    const done = await postForm(`/stakeholders/${person.id}/erase`, { back: '/stakeholders/erasure-requests', confirm: '1' }, { cookie });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/stakeholders/erasure-requests?notice=completed');
    const completed = (await db().select().from(erasureRequests).where(eq(erasureRequests.id, request_.id)).get())!;
    expect(completed.status).toBe('completed');
    expect(completed.completedAt).not.toBeNull();
    expect(await (await request('/stakeholders/erasure-requests', { headers: { cookie } })).text()).not.toContain(person.name);
    expect((await request(`${link.path}/erase-request`)).status).toBe(404);

    // The acknowledgement of completion is the one mail that still has the address, until it has gone.
    const [ack] = await db().select().from(outbox).where(and(eq(outbox.stakeholderId, person.id), eq(outbox.kind, 'erasure_completed')));
    expect(ack!.toEmail).toBe(person.email);
    expect(ack!.text).toContain('已删除');
    await consume([ack!.id]);
    const sent = (await db().select().from(outbox).where(eq(outbox.id, ack!.id)).get())!;
    expect(sent.status).toBe('sent');
    expect(sent.toEmail).toBe(erasedAddress(person.id));
    expect(sent.text).toBe('');
    expect(await rowsMentioning('outbox', ['to_email', 'subject', 'html', 'text'], [person.email, person.name]), 'outbox').toBe(0);
  });

  it('puts the erasure in the audit log without the name', async () => {
    const person = await aPerson();
    const link = await anInvitation(await aRound(), person);
    await postForm(`${link.path}/erase-request`, {});
    const { cookie } = await signedInAs('organizer');
    await postForm(`/stakeholders/${person.id}/erase`, { confirm: '1' }, { cookie });
    const entries = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, person.id), sql`${auditLog.action} LIKE 'stakeholder.eras%'`));
    expect(entries.map((e) => e.action).sort()).toEqual(['stakeholder.erase', 'stakeholder.erasure_request']);
  });
});

describe('working days', () => {
  // Pure calendar arithmetic: no "now" is involved, so fixed dates are the clearest statement of the rule.
  it('counts Monday to Friday in Shanghai time, ending the 15th working day at midnight Shanghai time', () => {
    const fridayMorning = new Date('2026-03-06T02:00:00Z');
    expect(endOfWorkingDaysAfter(fridayMorning, 15).toISOString()).toBe('2026-03-27T15:59:59.999Z');
    expect(endOfWorkingDaysAfter(new Date('2026-03-07T04:00:00Z'), 15).toISOString()).toBe('2026-03-27T15:59:59.999Z');
    // Thursday 23:30 and Friday 00:30 in Shanghai are both Thursday in UTC: only the Shanghai day counts.
    expect(endOfWorkingDaysAfter(new Date('2026-03-05T15:30:00Z'), 15).toISOString()).toBe('2026-03-26T15:59:59.999Z');
    expect(endOfWorkingDaysAfter(new Date('2026-03-05T16:30:00Z'), 15).toISOString()).toBe('2026-03-27T15:59:59.999Z');
  });

  it('gives a request filed now a due date three weeks ahead, never on a weekend', () => {
    const due = endOfWorkingDaysAfter(testNow(), ERASURE_DUE_WORKING_DAYS);
    const days = (due.getTime() - testNow().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(20);
    expect(days).toBeLessThan(24);
    const shanghaiWeekday = new Date(due.getTime() + 8 * 3_600_000).getUTCDay();
    expect([1, 2, 3, 4, 5]).toContain(shanghaiWeekday);
  });
});

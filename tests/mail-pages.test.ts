import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { auditLog, outbox } from '../src/db/schema';
import { retryOutboxMessage } from '../src/features/mail/service';
import { bearerFor, daysFromNow, fixedClock, postForm, request, signedInAs, testDeps } from './helpers';
import { anOutboxRow, eventsOf, outboxRow } from './mail-factories';

const development = { ...env, ENVIRONMENT: 'development' };

function devRequest(path: string, bindings: typeof env = development) {
  return createApp().request(path, {}, bindings);
}

async function aFailedRow(overrides: Parameters<typeof anOutboxRow>[1] = {}) {
  const deps = testDeps();
  const id = await anOutboxRow(deps, overrides);
  await deps.db.update(outbox).set({ status: 'failed', attempts: 5, lastError: 'resend 422 validation_error: bad address' }).where(eq(outbox.id, id));
  return id;
}

describe('local mailbox', () => {
  it('lists messages newest first as JSON with their parts and attachments', async () => {
    // A year ahead, so that these two are the newest in the mailbox.
    const start = daysFromNow(365);
    const clock = fixedClock(start);
    const deps = testDeps(clock);
    const older = await anOutboxRow(deps, { to: { email: 'older@example.com', name: '王五' }, subject: '旧邮件' });
    clock.advance(60_000);
    const newer = await anOutboxRow(deps, {
      to: { email: 'newer@example.com' },
      subject: '新邮件',
      html: '<p>新</p>',
      text: '新',
      attachments: [{ filename: '议程.ics', contentType: 'text/calendar', contentBase64: btoa('BEGIN:VCALENDAR') }],
    });

    const res = await devRequest('/dev/mail.json');
    expect(res.status).toBe(200);
    const list = (await res.json()) as { id: string }[];
    const ids = list.map((item) => item.id);
    expect(ids.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    const item = list.find((entry) => entry.id === newer) as unknown as Record<string, unknown>;
    expect(item).toMatchObject({
      id: newer,
      to: 'newer@example.com',
      subject: '新邮件',
      createdAt: new Date(start.getTime() + 60_000).toISOString(),
      attachments: [{ filename: '议程.ics', contentType: 'text/calendar' }],
    });
    // What would leave: the body plus the unsubscribe footer, and the one-click headers.
    expect(String(item.text)).toMatch(/^新\n\n———\n\n不想再收到此类邮件/);
    expect(String(item.html)).toContain('<p>新</p>');
    expect(String(item.html)).toContain('/u/');
    expect(item.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('shows a message with its HTML in a sandboxed frame, its text and its attachments', async () => {
    const deps = testDeps();
    const id = await anOutboxRow(deps, {
      kind: 'sign_in',
      subject: '登录链接',
      html: '<p>点击 <a href="https://roundtable.test/auth/verify?token=abc">登录</a></p>',
      text: '登录：https://roundtable.test/auth/verify?token=abc',
      attachments: [{ filename: '议程.ics', contentType: 'text/calendar', contentBase64: btoa('BEGIN:VCALENDAR') }],
    });

    const list = await (await devRequest('/dev/mail')).text();
    expect(list).toContain(`href="/dev/mail/${id}"`);

    const page = await (await devRequest(`/dev/mail/${id}`)).text();
    expect(page).toMatch(/<iframe[^>]*sandbox=/);
    expect(page).toContain('token=abc');
    expect(page).toContain(`/dev/mail/${id}/attachments/0`);

    const attachment = await devRequest(`/dev/mail/${id}/attachments/0`);
    expect(attachment.headers.get('content-type')).toBe('text/calendar');
    expect(attachment.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('议程.ics')}`);
    expect(await attachment.text()).toBe('BEGIN:VCALENDAR');

    expect((await devRequest(`/dev/mail/${id}/attachments/7`)).status).toBe(404);
  });

  it('answers 404 outside development', async () => {
    expect((await request('/dev/mail.json')).status).toBe(404);
    expect((await devRequest('/dev/mail.json', { ...env, ENVIRONMENT: 'production', SESSION_SECRET: 'x'.repeat(32) } as typeof env)).status).toBe(404);
    expect((await devRequest('/dev/mail', { ...env, ENVIRONMENT: 'production', SESSION_SECRET: 'x'.repeat(32) } as typeof env)).status).toBe(404);
  });

  it('answers 404 in development when a Resend key is set', async () => {
    const res = await devRequest('/dev/mail.json', { ...development, RESEND_API_KEY: 're_test' } as typeof env);
    expect(res.status).toBe(404);
  });
});

describe('staff mail page', () => {
  it('sends anonymous visitors to sign in', async () => {
    const res = await request('/mail');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in?next=%2Fmail');
  });

  it('shows viewers the outbox with localized statuses, filtered by status', async () => {
    const failed = await aFailedRow({ subject: '失败的邀请' });
    const queued = await anOutboxRow(testDeps(), { subject: '排队的邀请' });
    const { cookie } = await signedInAs('viewer');

    const all = await (await request('/mail', { headers: { cookie } })).text();
    expect(all).toContain('失败的邀请');
    expect(all).toContain('排队的邀请');
    expect(all).toContain('发送失败');

    const onlyFailed = await (await request('/mail?status=failed', { headers: { cookie } })).text();
    expect(onlyFailed).toContain(`/mail/${failed}`);
    expect(onlyFailed).not.toContain(`/mail/${queued}`);
  });

  it('shows a message with its history, but never the content of mails carrying personal links', async () => {
    const signIn = await anOutboxRow(testDeps(), {
      kind: 'sign_in',
      subject: '您的登录链接',
      html: '<a href="https://roundtable.test/auth/verify?token=secret-token">登录</a>',
      text: 'https://roundtable.test/auth/verify?token=secret-token',
    });
    const invitation = await anOutboxRow(testDeps(), { text: '邀请正文 请点击链接' });
    const { cookie } = await signedInAs('viewer');

    const signInPage = await (await request(`/mail/${signIn}`, { headers: { cookie } })).text();
    expect(signInPage).toContain('您的登录链接');
    expect(signInPage).toContain('待发送');
    expect(signInPage).not.toContain('secret-token');

    const invitationPage = await (await request(`/mail/${invitation}`, { headers: { cookie } })).text();
    expect(invitationPage).toContain('待发送');
    expect(invitationPage).not.toContain('邀请正文 请点击链接');

    const summary = await anOutboxRow(testDeps(), { kind: 'summary', text: '汇总正文' });
    expect(await (await request(`/mail/${summary}`, { headers: { cookie } })).text()).toContain('汇总正文');
  });

  it('does not let a viewer retry a failed message', async () => {
    const id = await aFailedRow();
    const { cookie } = await signedInAs('viewer');
    const res = await postForm(`/mail/${id}/retry`, {}, { cookie });
    expect(res.status).toBe(403);
    expect((await outboxRow(testDeps(), id))?.status).toBe('failed');
  });

  it('lets an organizer put a failed message back in the queue, with an audit entry', async () => {
    const id = await aFailedRow();
    const { cookie, staff } = await signedInAs('organizer');
    const res = await postForm(`/mail/${id}/retry`, {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/mail/${id}?notice=retried`);
    const deps = testDeps();
    // The real queue may already be delivering it; what matters is that it left `failed` through a manual retry.
    expect((await outboxRow(deps, id))?.status).not.toBe('failed');
    expect(await eventsOf(deps, id)).toContainEqual(expect.objectContaining({ status: 'queued', detail: `manual retry by ${staff.email}` }));
    const audit = await deps.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'outbox.retry')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorStaffId).toBe(staff.id);
  });

  it('retrying resets the attempts and enqueues the message; a message that has not failed is refused', async () => {
    const enqueued: string[] = [];
    const deps = testDeps(undefined, { enqueueMail: async (ids) => void enqueued.push(...ids) });
    const id = await aFailedRow();
    const actor = { id: 'staff-1', email: 'organizer@example.gov.cn' };
    const result = await retryOutboxMessage(deps, id, actor);
    expect(result.ok).toBe(true);
    expect(await outboxRow(deps, id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(enqueued).toEqual([id]);
    expect(await retryOutboxMessage(deps, id, actor)).toEqual({ ok: false, error: 'not_retryable' });
  });
});

describe('mail API', () => {
  it('lists the outbox with keyset paging and a status filter', async () => {
    const first = await aFailedRow();
    const second = await aFailedRow();
    const { authorization } = await bearerFor('viewer');

    const page1 = await request('/api/v1/mail?status=failed&limit=1', { headers: { authorization } });
    expect(page1.status).toBe(200);
    const body1 = (await page1.json()) as { items: { id: string; status: string }[]; nextCursor: string | null };
    expect(body1.items).toHaveLength(1);
    expect(body1.items[0]).toMatchObject({ id: second, status: 'failed', attempts: 5 });
    expect(body1.items[0]).not.toHaveProperty('html');
    expect(body1.nextCursor).toBe(second);

    const page2 = await request(`/api/v1/mail?status=failed&limit=1&cursor=${body1.nextCursor}`, { headers: { authorization } });
    const body2 = (await page2.json()) as { items: { id: string }[] };
    expect(body2.items[0]?.id).toBe(first);
  });

  it('rejects an unknown status naming the field, and anonymous callers', async () => {
    const { authorization } = await bearerFor('viewer');
    const bad = await request('/api/v1/mail?status=lost', { headers: { authorization } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields).toHaveProperty('status');
    expect((await request('/api/v1/mail')).status).toBe(401);
  });
});

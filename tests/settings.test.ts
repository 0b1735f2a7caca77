import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens, auditLog, sessions, staffUsers } from '../src/db/schema';
import { createSession, SESSION_COOKIE } from '../src/features/auth/sessions';
import { sha256Hex } from '../src/lib/tokens';
import { aStaffMember, bearerFor, postForm, request, signedInAs, testDeps } from './helpers';

const shownTokenRe = /<code>(rt_[A-Za-z0-9_-]+)<\/code>/;

async function createToken(cookie: string, name: string): Promise<{ res: Response; token: string }> {
  const res = await postForm('/settings/tokens', { name }, { cookie });
  const token = shownTokenRe.exec(await res.clone().text())?.[1];
  if (!token) throw new Error('token not shown');
  return { res, token };
}

async function auditFor(entityId: string, action: string) {
  return testDeps().db.select().from(auditLog).where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));
}

describe('the settings page', () => {
  it('sends anonymous visitors to sign in, coming back afterwards', async () => {
    const res = await request('/settings');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in?next=%2Fsettings');
  });

  it('shows a viewer their profile, sessions and tokens', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await request('/settings', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(staff.email);
    expect(html).toContain('当前设备');
    expect(html).toContain('action="/settings/tokens"');
    expect(html).not.toContain('href="/settings/staff"');
  });

  it('saves the name and language, and remembers the language in the lang cookie', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await postForm('/settings/profile', { name: '谢佼', locale: 'en' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('lang=en'))).toBe(true);
    const [row] = await testDeps().db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(row).toMatchObject({ name: '谢佼', locale: 'en' });
  });

  it('re-renders the profile with the typed values when the name is empty, and changes nothing', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await postForm('/settings/profile', { name: '  ', locale: 'en' }, { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('此项为必填项');
    const [row] = await testDeps().db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(row).toMatchObject({ name: staff.name, locale: null });
  });

  it('signs out everywhere else but keeps the current session', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const other = `${SESSION_COOKIE}=${await createSession(testDeps(), staff.id, 'phone')}`;
    const res = await postForm('/settings/sessions/revoke-others', {}, { cookie });
    expect(res.status).toBe(303);
    expect((await request('/api/v1/me', { headers: { cookie: other } })).status).toBe(401);
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('are shown once, stored only as a hash and a prefix, and listed by name', async () => {
    const { staff, cookie } = await signedInAs('organizer');
    const { res, token } = await createToken(cookie, 'export script');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    const [row] = await testDeps().db.select().from(apiTokens).where(eq(apiTokens.staffId, staff.id));
    expect(row!.tokenHash).toBe(await sha256Hex(token));
    expect(row!.prefix).toBe(token.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(token);
    const settings = await (await request('/settings', { headers: { cookie } })).text();
    expect(settings).toContain('export script');
    expect(settings).toContain(row!.prefix);
    expect(settings).not.toContain(token);
    expect(await auditFor(row!.id, 'api_token.create')).toHaveLength(1);
  });

  it('work as a bearer token until revoked', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const { token } = await createToken(cookie, 'cli');
    const authorization = `Bearer ${token}`;
    const me = await request('/api/v1/me', { headers: { authorization } });
    expect(await me.json()).toEqual({ id: staff.id, email: staff.email, name: staff.name, role: 'viewer' });
    const [row] = await testDeps().db.select().from(apiTokens).where(eq(apiTokens.staffId, staff.id));
    expect(row!.lastUsedAt).not.toBeNull();
    const revoke = await postForm(`/settings/tokens/${row!.id}/revoke`, {}, { cookie });
    expect(revoke.status).toBe(303);
    expect((await request('/api/v1/me', { headers: { authorization } })).status).toBe(401);
    expect(await auditFor(row!.id, 'api_token.revoke')).toHaveLength(1);
  });

  it("cannot be revoked by someone else", async () => {
    const owner = await signedInAs('viewer');
    const { token } = await createToken(owner.cookie, 'mine');
    const [row] = await testDeps().db.select().from(apiTokens).where(eq(apiTokens.staffId, owner.staff.id));
    const intruder = await signedInAs('admin');
    const res = await postForm(`/settings/tokens/${row!.id}/revoke`, {}, { cookie: intruder.cookie });
    expect(res.status).toBe(404);
    expect((await request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('need a name', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await postForm('/settings/tokens', { name: '' }, { cookie });
    expect(res.status).toBe(400);
    expect(await testDeps().db.select().from(apiTokens).where(eq(apiTokens.staffId, staff.id))).toHaveLength(0);
  });

  it('are not created by a cross-origin post', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await postForm('/settings/tokens', { name: 'evil' }, { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await testDeps().db.select().from(apiTokens).where(eq(apiTokens.staffId, staff.id))).toHaveLength(0);
  });
});

describe('GET /api/v1/me', () => {
  it('answers with the session cookie', async () => {
    const { staff, cookie } = await signedInAs('admin');
    const res = await request('/api/v1/me', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: staff.id, email: staff.email, name: staff.name, role: 'admin' });
  });

  it('answers with a bearer token', async () => {
    const { staff, authorization } = await bearerFor('organizer');
    expect(await (await request('/api/v1/me', { headers: { authorization } })).json()).toMatchObject({ id: staff.id, role: 'organizer' });
  });

  it('answers 401 with the error shape when anonymous', async () => {
    const res = await request('/api/v1/me');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toBeTruthy();
  });
});

describe('staff administration', () => {
  it('adds a staff member who can then ask for a sign-in link', async () => {
    const { cookie } = await signedInAs('admin');
    const email = `new-${crypto.randomUUID().slice(0, 8)}@example.gov.cn`;
    const res = await postForm('/settings/staff', { email: email.toUpperCase(), name: '新同事', role: 'organizer' }, { cookie });
    expect(res.status).toBe(303);
    const [row] = await testDeps().db.select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(row).toMatchObject({ name: '新同事', role: 'organizer', active: true });
    expect(await auditFor(row!.id, 'staff.create')).toHaveLength(1);
  });

  it('refuses a second staff member with the same address, keeping what was typed', async () => {
    const { cookie } = await signedInAs('admin');
    const existing = await aStaffMember('viewer');
    const res = await postForm('/settings/staff', { email: existing.email, name: 'Twin', role: 'viewer' }, { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('该邮箱已属于一名工作人员');
    expect(html).toContain('value="Twin"');
  });

  it('changes a role', async () => {
    const { cookie } = await signedInAs('admin');
    const member = await aStaffMember('viewer');
    expect((await postForm(`/settings/staff/${member.id}`, { role: 'organizer' }, { cookie })).status).toBe(303);
    const [row] = await testDeps().db.select().from(staffUsers).where(eq(staffUsers.id, member.id));
    expect(row!.role).toBe('organizer');
    const [entry] = await auditFor(member.id, 'staff.role_change');
    expect(entry!.detail).toMatchObject({ role: { from: 'viewer', to: 'organizer' } });
  });

  it('deactivation ends their sessions and tokens; reactivation lets them sign in again', async () => {
    const { cookie } = await signedInAs('admin');
    const member = await signedInAs('organizer');
    const { token } = await createToken(member.cookie, 'script');
    expect((await postForm(`/settings/staff/${member.staff.id}`, { active: '0' }, { cookie })).status).toBe(303);
    const db = testDeps().db;
    const open = await db.select().from(sessions).where(and(eq(sessions.staffId, member.staff.id)));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
    const tokens = await db.select().from(apiTokens).where(eq(apiTokens.staffId, member.staff.id));
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect((await request('/api/v1/me', { headers: { cookie: member.cookie } })).status).toBe(401);
    expect((await request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await auditFor(member.staff.id, 'staff.deactivate')).toHaveLength(1);

    expect((await postForm(`/settings/staff/${member.staff.id}`, { active: '1' }, { cookie })).status).toBe(303);
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, member.staff.id));
    expect(row!.active).toBe(true);
    expect(await auditFor(member.staff.id, 'staff.reactivate')).toHaveLength(1);
  });

  it('keeps the last active admin: no self-demotion or self-deactivation', async () => {
    const db = testDeps().db;
    // Make this admin the only active one.
    await db.update(staffUsers).set({ active: false }).where(eq(staffUsers.role, 'admin'));
    const { staff, cookie } = await signedInAs('admin');
    const demote = await postForm(`/settings/staff/${staff.id}`, { role: 'viewer' }, { cookie });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain('不能降级或停用最后一名在用的管理员');
    expect((await postForm(`/settings/staff/${staff.id}`, { action: 'deactivate' }, { cookie })).status).toBe(409);
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(row).toMatchObject({ role: 'admin', active: true });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, staff.id), like(auditLog.action, 'staff.%')))).toHaveLength(0);

    await aStaffMember('admin');
    expect((await postForm(`/settings/staff/${staff.id}`, { role: 'organizer' }, { cookie })).status).toBe(303);
    expect((await request('/settings/staff', { headers: { cookie } })).status).toBe(403);
  });

  it('refuses an unknown staff member with 404', async () => {
    const { cookie } = await signedInAs('admin');
    expect((await postForm('/settings/staff/NOPE', { role: 'viewer' }, { cookie })).status).toBe(404);
  });
});

describe('the audit log page', () => {
  it('lists entries newest first with time, actor, action and record, filtered by action prefix', async () => {
    const { staff, cookie } = await signedInAs('admin');
    const member = await aStaffMember('viewer');
    await postForm(`/settings/staff/${member.id}`, { role: 'organizer' }, { cookie });
    await postForm(`/settings/staff/${member.id}`, { role: 'admin' }, { cookie });
    const res = await request('/settings/audit?action=staff.role', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(staff.email);
    expect(html).toContain('staff.role_change');
    const actions = [...html.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.every((action) => action!.startsWith('staff.role'))).toBe(true);
    const toAdmin = html.indexOf('&quot;to&quot;:&quot;admin&quot;');
    const toOrganizer = html.indexOf('&quot;to&quot;:&quot;organizer&quot;');
    expect(toAdmin).toBeGreaterThan(-1);
    expect(toAdmin).toBeLessThan(toOrganizer);
  });

  it('pages 50 entries at a time by keyset', async () => {
    const { cookie } = await signedInAs('admin');
    const prefix = `test.paging_${crypto.randomUUID().slice(0, 8)}`;
    const deps = testDeps();
    const { auditStatement } = await import('../src/features/audit/audit');
    const statements = Array.from({ length: 55 }, (_, i) => auditStatement(deps, { actor: null, action: `${prefix}.${String(i).padStart(2, '0')}`, entityType: 'test' }));
    await deps.db.batch(statements as [(typeof statements)[0], ...typeof statements]);
    const first = await (await request(`/settings/audit?action=${prefix}`, { headers: { cookie } })).text();
    expect(first.match(new RegExp(`${prefix}\\.\\d\\d`, 'g'))).toHaveLength(50);
    expect(first).toContain(`${prefix}.54`);
    const nextHref = /href="(\/settings\/audit\?action=[^"]*before=[^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(nextHref).toBeDefined();
    const second = await (await request(nextHref!, { headers: { cookie } })).text();
    expect(second.match(new RegExp(`${prefix}\\.\\d\\d`, 'g'))).toHaveLength(5);
    expect(second).toContain(`${prefix}.00`);
    expect(second).not.toContain(`${prefix}.54`);
  });
});

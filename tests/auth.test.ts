import { and, eq, desc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, sessions, signInTokens, staffUsers } from '../src/db/schema';
import { requestSignIn, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_SPACING_SECONDS, verifySignIn } from '../src/features/auth/service';
import { SESSION_COOKIE } from '../src/features/auth/sessions';
import { HOUR_MS, MINUTE_MS } from '../src/lib/clock';
import { sha256Hex } from '../src/lib/tokens';
import { aStaffMember, fixedClock, linkedScript, postForm, request, signedInAs, testDeps, testNow, useAppClock } from './helpers';

/** The token rides in the link's fragment, after any `?next=`. */
const tokenRe = /\/auth\/verify(?:\?[^#\s"]*)?#([A-Za-z0-9_-]+)/;
let ipCounter = 0;
/** Each test signs in from its own address, so that per-IP limits of one test do not reach another. */
const freshIp = () => `198.51.100.${++ipCounter}`;

async function mailsTo(email: string) {
  return testDeps().db.select().from(outbox).where(eq(outbox.toEmail, email));
}

async function askForLink(email: string, ip = freshIp(), fields: Record<string, string> = {}) {
  return postForm('/auth/sign-in', { email, ...fields }, { 'cf-connecting-ip': ip });
}

async function linkTokenFor(email: string): Promise<string> {
  const [mail] = (await testDeps().db.select().from(outbox).where(eq(outbox.toEmail, email)).orderBy(desc(outbox.createdAt)).limit(1)) ?? [];
  const token = mail ? tokenRe.exec(mail.text)?.[1] : undefined;
  if (!token) throw new Error(`no sign-in link mailed to ${email}`);
  return token;
}

function sessionCookieFrom(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error('no session cookie set');
  return header.split(';')[0]!;
}

async function signInByLink(email: string, headers: Record<string, string> = {}) {
  await askForLink(email);
  const token = await linkTokenFor(email);
  return postForm('/auth/verify', { token, next: '/settings' }, headers);
}

describe('requesting a sign-in link', () => {
  it('shows a form with an email field and keeps ?next= in a hidden field', async () => {
    const res = await request('/auth/sign-in?next=%2Fstakeholders%3Fpage%3D2');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<input[^>]*name="email"/);
    expect(html).toContain('name="next" value="/stakeholders?page=2"');
  });

  it('queues exactly one bilingual, transactional email with a 10-minute link for an active staff member', async () => {
    const staff = await aStaffMember('organizer');
    const res = await askForLink(staff.email.toUpperCase());
    expect(res.status).toBe(200);
    const mails = await mailsTo(staff.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.kind).toBe('sign_in');
    expect(mail!.transactional).toBe(true);
    expect(mail!.staffId).toBe(staff.id);
    expect(mail!.text).toContain('https://roundtable.test/auth/verify#');
    expect(mail!.html).toContain('https://roundtable.test/auth/verify#');
    expect(mail!.text).toContain('10 分钟');
    expect(mail!.text).toContain('10 minutes');
    const token = await linkTokenFor(staff.email);
    expect(token.length).toBeGreaterThanOrEqual(22);
    // No sign-in token in any part of a URL that is sent to the server: only in the fragment, and as a code to paste.
    for (const [, href] of mail!.html.matchAll(/href="([^"]+)"/g)) expect(href!.split('#')[0]).not.toContain(token);
    expect(mail!.text).toContain(`：${token}`);
    const stored = await testDeps().db.select().from(signInTokens).where(eq(signInTokens.staffId, staff.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(await sha256Hex(token));
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(10 * MINUTE_MS);
  });

  it('answers an unknown or inactive address exactly like a staff address, and mails nothing', async () => {
    const staff = await aStaffMember('viewer');
    const inactive = await aStaffMember('viewer', { active: false });
    const unknown = `nobody-${crypto.randomUUID()}@example.com`;
    const known = await askForLink(staff.email);
    const stranger = await askForLink(unknown);
    const sleeper = await askForLink(inactive.email);
    expect(stranger.status).toBe(known.status);
    expect(sleeper.status).toBe(known.status);
    const body = await known.text();
    expect(await stranger.text()).toBe(body);
    expect(await sleeper.text()).toBe(body);
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await mailsTo(inactive.email)).toHaveLength(0);
  });

  it('re-renders the form with the typed value and an error for an invalid address, and mails nothing', async () => {
    const res = await askForLink('not-an-address');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('请输入有效的电子邮箱地址');
    expect(await mailsTo('not-an-address')).toHaveLength(0);
  });

  it('lets a stranger who asks five times for a staff address lock out only themselves, not its owner', async () => {
    const clock = fixedClock();
    useAppClock(clock);
    const staff = await aStaffMember('viewer');
    const stranger = freshIp();
    for (let i = 0; i < SIGN_IN_LIMIT_PER_ADDRESS; i++) expect((await askForLink(staff.email, stranger)).status).toBe(200);
    const refused = await askForLink(staff.email, stranger);
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain(`最多可请求 ${SIGN_IN_LIMIT_PER_ADDRESS} 次`);
    expect(html).toContain(`value="${staff.email}"`);

    // The owner, on their own network, is answered; the link the stranger caused is theirs and still valid.
    expect((await askForLink(staff.email)).status).toBe(200);
    expect((await postForm('/auth/verify', { token: await linkTokenFor(staff.email) })).status).toBe(303);
  });

  it('spaces links to one staff member, one a minute however many ask, instead of locking', async () => {
    const clock = fixedClock();
    useAppClock(clock);
    const staff = await aStaffMember('viewer');
    for (let i = 0; i < 3; i++) expect((await askForLink(staff.email)).status).toBe(200);
    expect(await mailsTo(staff.email)).toHaveLength(1);
    clock.advance(SIGN_IN_SPACING_SECONDS * 1000 + 1000);
    expect((await askForLink(staff.email)).status).toBe(200);
    expect(await mailsTo(staff.email)).toHaveLength(2);
  });

  it('mails a new link at once when the last one was already used: signing in again is never held back', async () => {
    const clock = fixedClock();
    useAppClock(clock);
    const staff = await aStaffMember('viewer');
    expect((await askForLink(staff.email)).status).toBe(200);
    expect((await postForm('/auth/verify', { token: await linkTokenFor(staff.email) })).status).toBe(303);
    clock.advance(5000);
    expect((await askForLink(staff.email)).status).toBe(200);
    expect(await mailsTo(staff.email)).toHaveLength(2);
  });

  it('refuses the 21st request from one IP address, whatever the address asked for', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await askForLink(`someone${i}-${crypto.randomUUID()}@example.com`, ip)).status).toBe(200);
    const staff = await aStaffMember('viewer');
    const res = await askForLink(staff.email, ip, {});
    expect(res.status).toBe(429);
    expect(await mailsTo(staff.email)).toHaveLength(0);
  });
});

describe('following the link', () => {
  it('GET shows a one-button form that takes the token from the fragment or a pasted code, and spends nothing', async () => {
    const staff = await aStaffMember('viewer');
    await askForLink(staff.email, freshIp(), { next: '/settings' });
    const token = await linkTokenFor(staff.email);
    const mail = (await mailsTo(staff.email))[0]!;
    expect(mail.text).toContain(`https://roundtable.test/auth/verify?next=%2Fsettings#${token}`);
    // A browser sends the link without its fragment: this is all the server (and its logs) ever see.
    const page = await request('/auth/verify?next=%2Fsettings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('action="/auth/verify"');
    expect(html).toMatch(/<input[^>]*name="token"[^>]*value=""/);
    expect(await linkedScript(html)).toContain('/* auth-verify.js */');
    expect(html).toContain('name="next" value="/settings"');
    const legacy = await request(`/auth/verify?token=${token}&next=%2Fsettings`);
    expect(legacy.status).toBe(303);
    expect(legacy.headers.get('location')).toBe('/auth/verify?next=%2Fsettings');
    expect(page.headers.getSetCookie()).toHaveLength(0);
    const [row] = await testDeps().db.select().from(signInTokens).where(eq(signInTokens.staffId, staff.id));
    expect(row!.usedAt).toBeNull();
  });

  it('POST signs in with a __Host- session cookie and redirects to next', async () => {
    const staff = await aStaffMember('organizer');
    const res = await signInByLink(staff.email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings');
    const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(header).toMatch(/^__Host-rt_session=/);
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; Secure/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(/; Max-Age=604800/);
    expect(header).not.toMatch(/Domain=/i);
    const me = await request('/api/v1/me', { headers: { cookie: sessionCookieFrom(res) } });
    expect(await me.json()).toEqual({ id: staff.id, email: staff.email, name: staff.name, role: 'organizer' });
    const db = testDeps().db;
    const [updated] = await db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(updated!.lastSignInAt).not.toBeNull();
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, staff.id), eq(auditLog.action, 'auth.sign_in')));
    expect(audit).toHaveLength(1);
  });

  it('works once: a second use of the same link is refused', async () => {
    const staff = await aStaffMember('viewer');
    await askForLink(staff.email);
    const token = await linkTokenFor(staff.email);
    expect((await postForm('/auth/verify', { token })).status).toBe(303);
    const again = await postForm('/auth/verify', { token });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('链接无效或已过期');
    expect(again.headers.getSetCookie()).toHaveLength(0);
  });

  it('refuses a link older than 10 minutes', async () => {
    const clock = fixedClock();
    const deps = testDeps(clock);
    const staff = await aStaffMember('viewer');
    await requestSignIn(deps, { email: staff.email, ip: freshIp(), next: '/' });
    const token = await linkTokenFor(staff.email);
    clock.advance(10 * MINUTE_MS + 1);
    const late = await verifySignIn(deps, token, { userAgent: null, oldCookieValue: null });
    expect(late).toEqual({ ok: false, error: 'invalid_link' });
  });

  it('accepts a link just before its 10 minutes are up', async () => {
    const clock = fixedClock();
    const deps = testDeps(clock);
    const staff = await aStaffMember('viewer');
    await requestSignIn(deps, { email: staff.email, ip: freshIp(), next: '/' });
    const token = await linkTokenFor(staff.email);
    clock.advance(10 * MINUTE_MS - 1);
    expect((await verifySignIn(deps, token, { userAgent: null, oldCookieValue: null })).ok).toBe(true);
  });

  it('refuses an expired link over HTTP with a way to ask for a new one', async () => {
    const staff = await aStaffMember('viewer');
    await askForLink(staff.email);
    const token = await linkTokenFor(staff.email);
    await testDeps().db.update(signInTokens).set({ expiresAt: new Date(testNow().getTime() - 1000) }).where(eq(signInTokens.staffId, staff.id));
    const res = await postForm('/auth/verify', { token });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('href="/auth/sign-in"');
  });

  it('refuses an unknown token', async () => {
    const res = await postForm('/auth/verify', { token: 'made-up-token' });
    expect(res.status).toBe(400);
  });

  it('refuses a link of a staff member deactivated after it was sent', async () => {
    const staff = await aStaffMember('viewer');
    await askForLink(staff.email);
    const token = await linkTokenFor(staff.email);
    await testDeps().db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staff.id));
    expect((await postForm('/auth/verify', { token })).status).toBe(400);
  });

  it('rotates the session: signing in again revokes the session the browser had', async () => {
    const { staff, cookie } = await signedInAs('viewer');
    const res = await signInByLink(staff.email, { cookie });
    expect(res.status).toBe(303);
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await request('/api/v1/me', { headers: { cookie: sessionCookieFrom(res) } })).status).toBe(200);
  });

  it('never redirects off-site after sign-in', async () => {
    const staff = await aStaffMember('viewer');
    await askForLink(staff.email);
    const token = await linkTokenFor(staff.email);
    const res = await postForm('/auth/verify', { token, next: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('sessions', () => {
  async function sessionRow(cookie: string) {
    const id = await sha256Hex(cookie.split('=')[1]!);
    return { id, db: testDeps().db };
  }

  it('end after 8 idle hours', async () => {
    const { cookie } = await signedInAs('viewer');
    const { id, db } = await sessionRow(cookie);
    await db.update(sessions).set({ lastSeenAt: new Date(testNow().getTime() - 8 * HOUR_MS + MINUTE_MS) }).where(eq(sessions.id, id));
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    await db.update(sessions).set({ lastSeenAt: new Date(testNow().getTime() - 8 * HOUR_MS - MINUTE_MS) }).where(eq(sessions.id, id));
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('end 7 days after sign-in however active', async () => {
    const { cookie } = await signedInAs('viewer');
    const { id, db } = await sessionRow(cookie);
    await db.update(sessions).set({ createdAt: new Date(testNow().getTime() - 7 * 24 * HOUR_MS), expiresAt: new Date(testNow().getTime() - 1000) }).where(eq(sessions.id, id));
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('signing out', () => {
  it('revokes the session in D1, clears the cookie and goes to the sign-in page', async () => {
    const { cookie } = await signedInAs('viewer');
    const res = await postForm('/auth/sign-out', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in');
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toMatch(/Max-Age=0/);
    const [row] = await testDeps().db.select().from(sessions).where(eq(sessions.id, await sha256Hex(cookie.split('=')[1]!)));
    expect(row!.revokedAt).not.toBeNull();
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a cross-origin sign-out and keeps the session', async () => {
    const { cookie } = await signedInAs('viewer');
    const res = await postForm('/auth/sign-out', {}, { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('are present on the sign-in page', async () => {
    const res = await request('/auth/sign-in');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

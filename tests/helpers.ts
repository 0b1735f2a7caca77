/** Small factories and request helpers shared by the workerd tests. */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { createApp } from '../src/app';
import { apiTokens, staffUsers, type StaffRole } from '../src/db/schema';
import { D1_QUERIES_HEADER } from '../src/lib/d1-counter';
import { createSession, SESSION_COOKIE } from '../src/features/auth/sessions';
import { DAY_MS, HOUR_MS, TEST_NOW_HEADER, type Clock } from '../src/lib/clock';
import { createDeps, type Deps } from '../src/lib/deps';
import { randomToken, sha256Hex } from '../src/lib/tokens';

export const BASE_URL = 'https://roundtable.test';

export type FixedClock = Clock & { set(date: Date | string): void; advance(ms: number): void };

/** Now as the tests and the app see it: the real time, moved by TEST_CLOCK_SHIFT_MS when the suite runs years ahead. */
export function testNow(): Date {
  return new Date(Date.now() + (Number(env.TEST_CLOCK_SHIFT_MS ?? 0) || 0));
}

/**
 * An instant `days` from the test's now (negative: in the past), at `hhmm` Shanghai time when given
 * (e.g. '07:30' for a breakfast), else at the same time of day. Every date in tests is built this way.
 */
export function daysFromNow(days: number, hhmm?: string, from: Date = testNow()): Date {
  const shifted = new Date(from.getTime() + days * DAY_MS);
  if (!hhmm) return shifted;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // Shanghai is UTC+8 all year: take the Shanghai calendar day, then set the local time.
  const local = new Date(shifted.getTime() + 8 * HOUR_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h - 8, m));
}

/** `date` as a form's datetime-local value in Shanghai time (YYYY-MM-DDTHH:mm). */
export function shanghaiLocal(date: Date): string {
  return new Date(date.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16);
}

/** `date` as an ISO string with Shanghai's +08:00 offset, as an API client in China would write it. */
export function shanghaiIso(date: Date): string {
  return `${shanghaiLocal(date)}:00+08:00`;
}

let appClock: Clock | null = null;

/** Makes the app that `request` reaches read this clock (until the test ends); by default it reads testNow(). */
export function useAppClock(clock: Clock | null): void {
  appClock = clock;
}

/** A clock that stands still until a test moves it; it starts at the test's now unless told otherwise. */
export function fixedClock(start: Date | string = testNow()): FixedClock {
  let now = new Date(start);
  const clock = (() => new Date(now)) as FixedClock;
  clock.set = (date) => {
    now = new Date(date);
  };
  clock.advance = (ms) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

/** Service dependencies over the test D1; mail is not enqueued unless a test asks for it. */
export function testDeps(clock: Clock = testNow, overrides: Partial<Deps> = {}): Deps {
  return { ...createDeps(env), clock, enqueueMail: async () => {}, ...overrides, newId: createDeps(env, clock).newId };
}

/** Sends a request through the Worker's own fetch handler, as a browser or script would. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  const req = new Request(new URL(path, BASE_URL), { redirect: 'manual', ...init });
  req.headers.set(TEST_NOW_HEADER, (appClock ?? testNow)().toISOString());
  return exports.default.fetch(req);
}

/** Like `request`, through an app run with other bindings (a var changed for one test, e.g. no INBOUND_DOMAIN). */
export function requestWith(bindings: Partial<typeof env>, path: string, init: RequestInit = {}): Promise<Response> {
  const req = new Request(new URL(path, BASE_URL), { redirect: 'manual', ...init });
  req.headers.set(TEST_NOW_HEADER, (appClock ?? testNow)().toISOString());
  return Promise.resolve(createApp().fetch(req, { ...env, ...bindings }));
}

/**
 * `request` with the D1 round-trip counter on (COUNT_D1_QUERIES=1 for this request only, as bench builds set it):
 * the response and the number of round trips it took, from the header the app adds.
 */
export async function countedRequest(path: string, init: RequestInit = {}): Promise<{ res: Response; trips: number }> {
  const req = new Request(new URL(path, BASE_URL), { redirect: 'manual', ...init });
  req.headers.set(TEST_NOW_HEADER, (appClock ?? testNow)().toISOString());
  const ctx = createExecutionContext();
  const res = await createApp().fetch(req, { ...env, COUNT_D1_QUERIES: '1' }, ctx);
  await waitOnExecutionContext(ctx);
  const header = res.headers.get(D1_QUERIES_HEADER);
  if (header === null) throw new Error(`no ${D1_QUERIES_HEADER} header on ${path}`);
  return { res, trips: Number(header) };
}

/** A same-origin form post, as our pages send it. */
export function postForm(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return request(path, { method: 'POST', body, headers: { origin: BASE_URL, ...headers } });
}

export function postJson(path: string, json: unknown, headers: Record<string, string> = {}, method = 'POST') {
  return request(path, { method, body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...headers } });
}

let staffCounter = 0;

export async function aStaffMember(role: StaffRole, overrides: { email?: string; name?: string; active?: boolean } = {}) {
  const deps = testDeps();
  staffCounter += 1;
  const now = deps.clock();
  const row = {
    id: deps.newId(),
    email: overrides.email ?? `${role}${staffCounter}-${crypto.randomUUID().slice(0, 8)}@example.gov.cn`,
    name: overrides.name ?? `${role} ${staffCounter}`,
    role,
    active: overrides.active ?? true,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(staffUsers).values(row);
  return row;
}

/** Signs a new staff member of this role in (at the clock's time: a session idles out) and returns the Cookie header a browser would send. */
export async function signedInAs(role: StaffRole, clock: Clock = testNow): Promise<{ staff: Awaited<ReturnType<typeof aStaffMember>>; cookie: string }> {
  const staff = await aStaffMember(role);
  const value = await createSession(testDeps(clock), staff.id, 'vitest');
  return { staff, cookie: `${SESSION_COOKIE}=${value}` };
}

/** A personal API token for a new staff member of this role: the Authorization header a script would send. */
export async function bearerFor(role: StaffRole): Promise<{ staff: Awaited<ReturnType<typeof aStaffMember>>; authorization: string }> {
  const staff = await aStaffMember(role);
  const deps = testDeps();
  const token = `rt_${randomToken()}`;
  await deps.db.insert(apiTokens).values({
    id: deps.newId(),
    staffId: staff.id,
    name: 'test',
    tokenHash: await sha256Hex(token),
    prefix: token.slice(0, 10),
    createdAt: deps.clock(),
  });
  return { staff, authorization: `Bearer ${token}` };
}

/** The one script a page links (every page script joined, see src/ui/assets.ts), fetched as a browser would. */
export async function linkedScript(html: string): Promise<string> {
  const src = /<script src="([^"]+)" defer=""><\/script>/.exec(html)?.[1];
  if (!src) throw new Error('the page links no script');
  const res = await request(src);
  if (!res.ok) throw new Error(`${src} answered ${res.status}`);
  return res.text();
}

/** Small factories and request helpers shared by the workerd tests. */
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { apiTokens, staffUsers, type StaffRole } from '../src/db/schema';
import { createSession, SESSION_COOKIE } from '../src/features/auth/sessions';
import type { Clock } from '../src/lib/clock';
import { createDeps, type Deps } from '../src/lib/deps';
import { randomToken, sha256Hex } from '../src/lib/tokens';

export const BASE_URL = 'https://roundtable.test';

export type FixedClock = Clock & { set(date: Date | string): void; advance(ms: number): void };

/** A clock that stands still until a test moves it. */
export function fixedClock(start: Date | string = '2026-11-24T01:00:00Z'): FixedClock {
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
export function testDeps(clock: Clock = () => new Date(), overrides: Partial<Deps> = {}): Deps {
  return { ...createDeps(env), clock, enqueueMail: async () => {}, ...overrides, newId: createDeps(env, clock).newId };
}

/** Sends a request through the Worker's own fetch handler, as a browser or script would. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, BASE_URL), { redirect: 'manual', ...init }));
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

/** Signs a new staff member of this role in and returns the Cookie header a browser would send. */
export async function signedInAs(role: StaffRole): Promise<{ staff: Awaited<ReturnType<typeof aStaffMember>>; cookie: string }> {
  const staff = await aStaffMember(role);
  const value = await createSession(testDeps(), staff.id, 'vitest');
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

/** Staff sessions in D1 and personal API tokens: how a request becomes a signed-in staff member. */
import { and, eq, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { apiTokens, sessions, staffUsers } from '../../db/schema';
import type { AppEnv } from '../../env';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { presentedTokenHash, randomToken, sha256Hex } from '../../lib/tokens';
import type { StaffRole } from '../../db/schema';
import type { CurrentStaff } from './guard';

/** `__Host-` binds the cookie to this exact origin: Secure, Path=/, no Domain. */
export const SESSION_COOKIE = '__Host-rt_session';
export const SESSION_IDLE_MS = 8 * HOUR_MS;
export const SESSION_ABSOLUTE_MS = 7 * DAY_MS;
/** lastSeenAt is written at most this often, so that reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 5 * MINUTE_MS;
const bearerRe = /^Bearer\s+(\S+)$/i;

/**
 * The statement every signed-in page runs, written in SQL over the schema's columns (db/schema.ts sessions and
 * staff_users) rather than through the query builder: building and mapping it cost more CPU than D1 running it.
 */
const SESSION_SQL = (moreColumns: string) => `SELECT s.last_seen_at AS lastSeenAt, u.id AS id, u.email AS email, u.name AS name, u.role AS role${moreColumns}
  FROM sessions s JOIN staff_users u ON u.id = s.staff_id
  WHERE s.id = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2 AND u.active = 1
  LIMIT 1`;
const PLAIN_SESSION_SQL = SESSION_SQL('');

export type SessionRow = { lastSeenAt: number; id: string; email: string; name: string; role: StaffRole };

/**
 * The statement that finds the staff member of a session cookie, and what turns its row into the signed-in staff
 * member (refreshing the session's last use at most every few minutes). `more`: columns a page reads in the same
 * statement (SQL after the session's columns, its parameters from ?3), so that they cost no further round trip.
 */
export async function sessionLookup(deps: Deps, cookieValue: string, more?: { columns: string; params: unknown[] }) {
  const now = deps.clock();
  const id = await presentedTokenHash(cookieValue);
  const statement = deps.d1.prepare(more ? SESSION_SQL(`, ${more.columns}`) : PLAIN_SESSION_SQL).bind(id, now.getTime(), ...(more?.params ?? []));
  const resolve = async (row: SessionRow | null | undefined): Promise<CurrentStaff | null> => {
    if (!row) return null;
    if (now.getTime() - row.lastSeenAt > SESSION_IDLE_MS) return null;
    if (now.getTime() - row.lastSeenAt > TOUCH_INTERVAL_MS) {
      await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    }
    return { id: row.id, email: row.email, name: row.name, role: row.role, sessionId: id };
  };
  return { statement, resolve };
}

export async function findSessionStaff(deps: Deps, cookieValue: string): Promise<CurrentStaff | null> {
  const lookup = await sessionLookup(deps, cookieValue);
  return lookup.resolve(await lookup.statement.first<SessionRow>());
}

export async function findTokenStaff(deps: Deps, token: string): Promise<CurrentStaff | null> {
  const hash = await presentedTokenHash(token);
  const row = await deps.db
    .select({ token: apiTokens, staff: staffUsers })
    .from(apiTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, apiTokens.staffId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), eq(staffUsers.active, true)))
    .get();
  if (!row) return null;
  const now = deps.clock();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  const { staff } = row;
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: null };
}

export function bearerToken(authorization: string | undefined): string | null {
  return authorization ? (bearerRe.exec(authorization)?.[1] ?? null) : null;
}

/**
 * Sets `staff` from a bearer token (scripts) or the session cookie (browsers); a bad bearer token is anonymous. A
 * middleware before it may have done so already, batching the session with its own read (ui/page-cache.ts).
 */
export const loadStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('staffLoaded')) return next();
  const deps = c.get('deps');
  const token = bearerToken(c.req.header('authorization'));
  if (token) {
    c.set('staff', await findTokenStaff(deps, token));
    c.set('authMethod', 'token');
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    const staff = cookie ? await findSessionStaff(deps, cookie) : null;
    c.set('staff', staff);
    c.set('authMethod', staff ? 'session' : null);
  }
  await next();
};

/** The statement that starts a session, to join a batch; returns the cookie value (only its hash is stored). */
export async function sessionStatement(deps: Deps, staffId: string, userAgent: string | null) {
  const now = deps.clock();
  const cookieValue = randomToken();
  const statement = deps.db.insert(sessions).values({
    id: await sha256Hex(cookieValue),
    staffId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { cookieValue, statement };
}

/** Starts a session and returns the cookie value (only its hash is stored). */
export async function createSession(deps: Deps, staffId: string, userAgent: string | null): Promise<string> {
  const { cookieValue, statement } = await sessionStatement(deps, staffId, userAgent);
  await statement;
  return cookieValue;
}

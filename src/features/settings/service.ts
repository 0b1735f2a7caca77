/** Settings use cases: one's own profile, sessions and API tokens, and (admins) the staff list. */
import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { apiTokens, sessions, staffUsers, type StaffRole } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import { SESSION_IDLE_MS } from '../auth/sessions';
import type { AddStaffInput, ProfileInput, StaffChange } from './schemas';

export const API_TOKEN_PREFIX = 'rt_';
/** `rt_` and seven characters: enough to tell tokens apart, far too few to guess the rest. */
const SHOWN_PREFIX_LENGTH = 10;

export async function loadSettings(deps: Deps, staff: CurrentStaff) {
  const now = deps.clock();
  const [profile, activeSessions, tokens] = await deps.db.batch([
    deps.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id)),
    deps.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.staffId, staff.id),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt)),
    deps.db
      .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.staffId, staff.id), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt)),
  ]);
  return {
    profile: profile[0]!,
    sessions: activeSessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, current: s.id === staff.sessionId })),
    tokens,
  };
}
export type SettingsData = Awaited<ReturnType<typeof loadSettings>>;

export async function updateProfile(deps: Deps, actor: CurrentStaff, input: ProfileInput): Promise<void> {
  await deps.db.batch([
    deps.db.update(staffUsers).set({ name: input.name, locale: input.locale, updatedAt: deps.clock() }).where(eq(staffUsers.id, actor.id)),
    auditStatement(deps, { actor, action: 'staff.profile_update', entityType: 'staff', entityId: actor.id, detail: { name: input.name, locale: input.locale } }),
  ]);
}

/** Signs the staff member out of every session but the one making the request. */
export async function revokeOtherSessions(deps: Deps, actor: CurrentStaff): Promise<number> {
  const others = and(eq(sessions.staffId, actor.id), isNull(sessions.revokedAt), actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined);
  const [revoked] = await deps.db.batch([
    deps.db.update(sessions).set({ revokedAt: deps.clock() }).where(others).returning({ id: sessions.id }),
    auditStatement(deps, { actor, action: 'session.revoke_others', entityType: 'staff', entityId: actor.id }),
  ]);
  return revoked.length;
}

/** Creates a token and returns it: the only time it exists in clear. */
export async function createApiToken(deps: Deps, actor: CurrentStaff, name: string): Promise<{ id: string; token: string }> {
  const id = deps.newId();
  const token = API_TOKEN_PREFIX + randomToken();
  const prefix = token.slice(0, SHOWN_PREFIX_LENGTH);
  await deps.db.batch([
    deps.db.insert(apiTokens).values({ id, staffId: actor.id, name, tokenHash: await sha256Hex(token), prefix, createdAt: deps.clock() }),
    auditStatement(deps, { actor, action: 'api_token.create', entityType: 'api_token', entityId: id, detail: { name, prefix } }),
  ]);
  return { id, token };
}

/** Only one's own, unrevoked tokens: anything else is `not_found`, so ids of others' tokens reveal nothing. */
export async function revokeApiToken(deps: Deps, actor: CurrentStaff, tokenId: string): Promise<Result<void, 'not_found'>> {
  const token = await deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.staffId, actor.id), isNull(apiTokens.revokedAt)))
    .get();
  if (!token) return fail('not_found');
  await deps.db.batch([
    deps.db.update(apiTokens).set({ revokedAt: deps.clock() }).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.staffId, actor.id))),
    auditStatement(deps, { actor, action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId, detail: { name: token.name, prefix: token.prefix } }),
  ]);
  return ok(undefined);
}

export async function listStaff(deps: Deps) {
  return deps.db.select().from(staffUsers).orderBy(desc(staffUsers.active), asc(staffUsers.role), asc(staffUsers.email));
}
export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export async function addStaff(deps: Deps, actor: CurrentStaff, input: AddStaffInput): Promise<Result<{ id: string }, 'email_taken'>> {
  const existing = await deps.db.select({ id: staffUsers.id }).from(staffUsers).where(sql`lower(${staffUsers.email}) = ${input.email}`).get();
  if (existing) return fail('email_taken');
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.batch([
    deps.db.insert(staffUsers).values({ id, email: input.email, name: input.name, role: input.role, createdAt: now, updatedAt: now }),
    auditStatement(deps, { actor, action: 'staff.create', entityType: 'staff', entityId: id, detail: { email: input.email, role: input.role } }),
  ]);
  return ok({ id });
}

/**
 * Changes a staff member's role or active flag. Deactivation ends their sessions and tokens in the same batch.
 * The last active admin cannot lose admin rights: the UPDATE itself re-checks it, so two admins demoting
 * each other at once cannot both succeed.
 */
export async function updateStaff(
  deps: Deps,
  actor: CurrentStaff,
  staffId: string,
  change: StaffChange,
): Promise<Result<void, 'not_found' | 'last_admin'>> {
  const target = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)).get();
  if (!target) return fail('not_found');
  const role: StaffRole = change.role ?? target.role;
  const active = change.active ?? target.active;
  const losesAdmin = target.role === 'admin' && target.active && (role !== 'admin' || !active);
  const otherActiveAdmins = sql`(SELECT count(*) FROM staff_users WHERE role = 'admin' AND active = 1 AND id != ${staffId})`;
  if (losesAdmin) {
    const others = await deps.db.$count(staffUsers, and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true), ne(staffUsers.id, staffId)));
    if (others === 0) return fail('last_admin');
  }
  const now = deps.clock();
  const deactivating = target.active && !active;
  const action = deactivating ? 'staff.deactivate' : active && !target.active ? 'staff.reactivate' : 'staff.role_change';
  const [updated] = await deps.db.batch([
    deps.db
      .update(staffUsers)
      .set({ role, active, updatedAt: now })
      .where(and(eq(staffUsers.id, staffId), losesAdmin ? sql`${otherActiveAdmins} > 0` : undefined))
      .returning({ id: staffUsers.id }),
    ...(deactivating
      ? [
          deps.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.staffId, staffId), isNull(sessions.revokedAt), staffInactive(staffId))),
          deps.db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.staffId, staffId), isNull(apiTokens.revokedAt), staffInactive(staffId))),
        ]
      : []),
    auditStatement(deps, {
      actor,
      action,
      entityType: 'staff',
      entityId: staffId,
      detail: { email: target.email, role: { from: target.role, to: role }, active: { from: target.active, to: active } },
    }),
  ]);
  if (updated.length === 0) return fail('last_admin');
  return ok(undefined);
}

function staffInactive(staffId: string) {
  return sql`EXISTS (SELECT 1 FROM staff_users WHERE id = ${staffId} AND active = 0)`;
}

/** Passwordless sign-in: request a one-time link by email, spend it once for a session, sign out. */
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { sessions, signInTokens, staffUsers } from '../../db/schema';
import { MINUTE_MS } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { hitRateLimits } from '../../lib/rate-limit';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { commitWithMail } from '../mail/outbox';
import { renderEmail } from '../mail/render';
import { normalizeEmail } from './schemas';
import type { CurrentStaff } from './guard';
import { sessionStatement } from './sessions';

export const SIGN_IN_LINK_MINUTES = 10;
export const SIGN_IN_WINDOW_MINUTES = 15;
/** Per address and client together: a stranger elsewhere who asks for someone's link uses up only their own share. */
export const SIGN_IN_LIMIT_PER_ADDRESS = 5;
export const SIGN_IN_LIMIT_PER_IP = 20;
/** One staff member gets at most one link a minute, from anyone: spacing bounds the mail without ever locking them out. */
export const SIGN_IN_SPACING_SECONDS = 60;

export type SignInRequest = { email: string; ip: string; next: string };

/** The emailed link carries the token in the fragment, which browsers never send: it reaches no request log. */
export function signInUrl(appUrl: string, token: string, next: string): string {
  const query = next === '/' ? '' : `?${new URLSearchParams({ next }).toString()}`;
  return `${appUrl}/auth/verify${query}#${token}`;
}

/**
 * Counts the request against the limits, then mails a link if the address is an active staff member who has not had
 * one in the last minute. The caller shows the same page either way, so that nobody can learn who is staff.
 */
export async function requestSignIn(deps: Deps, input: SignInRequest): Promise<Result<{ mailed: boolean }, 'rate_limited'>> {
  const email = normalizeEmail(input.email);
  const windowMs = SIGN_IN_WINDOW_MINUTES * MINUTE_MS;
  const allowed = await hitRateLimits(deps.d1, deps.clock, [
    { key: `sign_in:address_ip:${email}:${input.ip}`, limit: SIGN_IN_LIMIT_PER_ADDRESS, windowMs },
    { key: `sign_in:ip:${input.ip}`, limit: SIGN_IN_LIMIT_PER_IP, windowMs },
  ]);
  if (!allowed) return fail('rate_limited');

  const staff = await deps.db
    .select()
    .from(staffUsers)
    .where(and(sql`lower(${staffUsers.email}) = ${email}`, eq(staffUsers.active, true)))
    .get();
  if (!staff) return ok({ mailed: false });

  const now = deps.clock();
  // An unused link mailed within the last minute is still valid and in the inbox: do not send another. Once it
  // has been used (signed in, then out), a new request gets a new link at once.
  const recent = await deps.db
    .select({ id: signInTokens.id })
    .from(signInTokens)
    .where(
      and(
        eq(signInTokens.staffId, staff.id),
        isNull(signInTokens.usedAt),
        gt(signInTokens.createdAt, new Date(now.getTime() - SIGN_IN_SPACING_SECONDS * 1000)),
      ),
    )
    .get();
  if (recent) return ok({ mailed: false });

  const token = randomToken();
  const url = signInUrl(deps.config.appUrl, token, input.next);
  const mail = await renderEmail((t) => ({
    subject: t('auth.email.subject'),
    heading: t('auth.email.heading'),
    blocks: [
      { type: 'paragraph', text: t('auth.email.intro', { name: staff.name }) },
      { type: 'button', label: t('auth.email.button'), url },
      { type: 'paragraph', text: t('auth.email.validity', { minutes: SIGN_IN_LINK_MINUTES }) },
      { type: 'paragraph', text: t('auth.email.code', { url: `${deps.config.appUrl}/auth/verify`, code: token }) },
      { type: 'paragraph', text: t('auth.email.ignore') },
    ],
  }));
  const insertToken = deps.db.insert(signInTokens).values({
    id: deps.newId(),
    tokenHash: await sha256Hex(token),
    staffId: staff.id,
    expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * MINUTE_MS),
    createdAt: now,
  });
  await commitWithMail(
    deps,
    [insertToken],
    [{ kind: 'sign_in', transactional: true, to: { email: staff.email, name: staff.name }, staffId: staff.id, ...mail }],
  );
  return ok({ mailed: true });
}

export type SignedIn = { cookieValue: string; staffId: string; locale: string | null };

/**
 * Spends a sign-in token and starts a session. The UPDATE … WHERE used_at IS NULL RETURNING claims the token,
 * so a double click cannot use it twice. The old session of this browser, if any, is revoked (rotation).
 */
export async function verifySignIn(
  deps: Deps,
  token: string,
  context: { userAgent: string | null; oldCookieValue: string | null },
): Promise<Result<SignedIn, 'invalid_link'>> {
  const now = deps.clock();
  const activeStaff = deps.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.active, true));
  const claimed = await deps.db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInTokens.tokenHash, await sha256Hex(token)),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
        inArray(signInTokens.staffId, activeStaff),
      ),
    )
    .returning({ staffId: signInTokens.staffId })
    .get();
  if (!claimed) return fail('invalid_link');

  const staff = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, claimed.staffId)).get();
  if (!staff) return fail('invalid_link');
  const { cookieValue, statement } = await sessionStatement(deps, staff.id, context.userAgent);
  const revokeOld = context.oldCookieValue
    ? [
        deps.db
          .update(sessions)
          .set({ revokedAt: now })
          .where(and(eq(sessions.id, await sha256Hex(context.oldCookieValue)), isNull(sessions.revokedAt))),
      ]
    : [];
  await deps.db.batch([
    statement,
    ...revokeOld,
    deps.db.update(staffUsers).set({ lastSignInAt: now }).where(eq(staffUsers.id, staff.id)),
    auditStatement(deps, { actor: staff, action: 'auth.sign_in', entityType: 'staff', entityId: staff.id }),
  ]);
  return ok({ cookieValue, staffId: staff.id, locale: staff.locale });
}

/** Revokes the session behind a cookie value; signing out twice is harmless. */
export async function signOut(deps: Deps, cookieValue: string, actor: CurrentStaff | null): Promise<void> {
  const revoke = deps.db
    .update(sessions)
    .set({ revokedAt: deps.clock() })
    .where(and(eq(sessions.id, await sha256Hex(cookieValue)), isNull(sessions.revokedAt)));
  if (!actor) {
    await revoke;
    return;
  }
  await deps.db.batch([revoke, auditStatement(deps, { actor, action: 'auth.sign_out', entityType: 'staff', entityId: actor.id })]);
}

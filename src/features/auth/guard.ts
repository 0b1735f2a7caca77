/** Who is signed in, and the role check every staff route goes through. */
import type { MiddlewareHandler } from 'hono';
import type { StaffRole } from '../../db/schema';
import type { AppEnv } from '../../env';
import { apiError, isApiRequest } from '../../lib/http';
import { renderErrorPage } from '../../ui/error-page';

export type CurrentStaff = { id: string; email: string; name: string; role: StaffRole; sessionId: string | null };

/** admin ⊇ organizer ⊇ viewer: an admin can do an organizer's work, an organizer a viewer's. */
const ROLE_RANK: Record<StaffRole, number> = { viewer: 1, organizer: 2, admin: 3 };

export function hasRole(staff: CurrentStaff | null, minimum: StaffRole): boolean {
  return staff !== null && ROLE_RANK[staff.role] >= ROLE_RANK[minimum];
}

/** Anonymous: 401 for the API, a redirect to sign-in for pages. Signed in without the role: 403. */
export function requireRole(minimum: StaffRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const staff = c.get('staff');
    if (!staff) {
      if (isApiRequest(c) || c.req.method !== 'GET') return apiOrPage401(c);
      const nextPath = c.req.path + (new URL(c.req.url).search || '');
      return c.redirect(`/auth/sign-in?next=${encodeURIComponent(nextPath)}`, 303);
    }
    if (!hasRole(staff, minimum)) {
      if (isApiRequest(c)) return apiError(c, 403, 'forbidden', 'error.forbidden');
      return c.html(renderErrorPage(c, 'error.forbidden.title', 'error.forbidden'), 403);
    }
    await next();
  };
}

function apiOrPage401(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  if (isApiRequest(c)) return apiError(c, 401, 'unauthorized', 'error.unauthorized');
  return c.html(renderErrorPage(c, 'nav.signIn', 'error.unauthorized'), 401);
}

/**
 * Rate limits for forms anyone can post to: the capability links (feedback, RSVP) and their JSON twins. Counted per
 * link, not per address: a district office's staff often share one public IP. Only a hash of the link is counted.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { renderErrorPage } from '../ui/error-page';
import { MINUTE_MS } from './clock';
import { apiError, isApiRequest } from './http';
import { hitRateLimits } from './rate-limit';
import { sha256Hex } from './tokens';

export type PublicFormRule = { limit: number; windowMinutes: number };

/** Feedback pages autosave while people type: generous, but a script hammering one link is stopped. */
export const FEEDBACK_LINK_LIMIT: PublicFormRule = { limit: 300, windowMinutes: 10 };
export const RSVP_LINK_LIMIT: PublicFormRule = { limit: 30, windowMinutes: 10 };

/** Answers a refused post; the message states the limit. Forms re-render with what was typed. */
export type LimitedHandler = (c: Context<AppEnv>, message: string) => Response | Promise<Response>;

/**
 * Counts each request to a route with a `:token` against `rule`; over it, a localized 429 stating the limit:
 * `onLimited`'s answer when given (a form with what was typed), else JSON for the API and a plain page.
 */
export function limitPerLink(name: string, rule: PublicFormRule, onLimited?: LimitedHandler): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const deps = c.get('deps');
    const key = `${name}:${(await sha256Hex(c.req.param('token') ?? '')).slice(0, 32)}`;
    const allowed = await hitRateLimits(deps.d1, deps.clock, [{ key, limit: rule.limit, windowMs: rule.windowMinutes * MINUTE_MS }]);
    if (allowed) return next();
    const params = { limit: rule.limit, minutes: rule.windowMinutes };
    c.header('Retry-After', String(rule.windowMinutes * 60));
    if (onLimited && !isApiRequest(c)) return onLimited(c, c.get('t')('error.rate_limited.form', params));
    if (isApiRequest(c)) return apiError(c, 429, 'rate_limited', 'error.rate_limited.link', undefined, params);
    return c.html(renderErrorPage(c, 'error.rate_limited.title', 'error.rate_limited.link', params), 429);
  };
}

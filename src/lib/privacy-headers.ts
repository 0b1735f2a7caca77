/** Responses that carry personal data are never stored by browsers or proxies; capability-link pages are never indexed. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** Pages and API routes reached through a personal link (feedback, open link, RSVP, unsubscribe): the URL is the key. */
const capabilityPathRe = /^\/(?:f|o|m|u)\/|^\/api\/v1\/(?:feedback|rsvp)\//;

export function isCapabilityPath(path: string): boolean {
  return capabilityPathRe.test(path);
}

/**
 * `Cache-Control: no-store` on every answer to a signed-in staff member, every /api/ answer and every
 * capability-link answer (a shared computer's back button or a proxy cache would otherwise replay them);
 * `X-Robots-Tag: noindex` on capability links as well.
 */
export const privacyHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const capability = isCapabilityPath(c.req.path);
  if (capability || c.get('staff') || c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  if (capability) c.header('X-Robots-Tag', 'noindex');
};

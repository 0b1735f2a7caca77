/** Request helpers shared by the feedback routes: capability headers, form fields, the personal link. */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { fieldName } from './form';

/** Capability links live in URLs: never cache, index or pass them on. */
export const capabilityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
};

export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

export function linkUrl(c: Context<AppEnv>, token: string): string {
  return `${c.get('deps').config.appUrl}/f/${token}`;
}

/** Field errors naming each unknown section id, keyed by form field. */
export function unknownSectionErrors(c: Context<AppEnv>, slots: string[]): Record<string, string> {
  return Object.fromEntries(slots.map((slot) => [fieldName(slot), c.get('t')('feedback.error.unknownSection', { id: slot })]));
}

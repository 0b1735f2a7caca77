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

/** The whole body, urlencoded or multipart; repeated names (several files) come as arrays. Hono caches it. */
export function formBody(c: Context<AppEnv>) {
  return c.req.parseBody({ all: true });
}

/** The text fields of a form (the first value of a repeated name); files are left out. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await formBody(c);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
    if (typeof first === 'string') fields[key] = first;
  }
  return fields;
}

export function linkUrl(c: Context<AppEnv>, token: string): string {
  return `${c.get('deps').config.appUrl}/f/${token}`;
}

/** Field errors naming each unknown section id, keyed by form field. */
export function unknownSectionErrors(c: Context<AppEnv>, slots: string[]): Record<string, string> {
  return Object.fromEntries(slots.map((slot) => [fieldName(slot), c.get('t')('feedback.error.unknownSection', { id: slot })]));
}

/** Field errors naming each comment that changed elsewhere since this page was loaded. */
export function conflictErrors(c: Context<AppEnv>, conflicts: { slot: string }[]): Record<string, string> {
  return Object.fromEntries(conflicts.map((x) => [fieldName(x.slot), c.get('t')('feedback.conflict.field')]));
}

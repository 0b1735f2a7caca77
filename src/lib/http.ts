/** HTTP helpers shared by routes: the API error shape and how a request says what it wants. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import type { MessageKey } from '../i18n/catalog';
import type { MessageParams } from './i18n';
import type { FieldErrors } from './result';

export type ApiErrorBody = { error: { code: string; message: string; fields?: FieldErrors } };

/** Every API error: `{"error":{"code","message","fields"}}`, the message in the request's language. */
export function apiError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  messageKey: MessageKey,
  fields?: FieldErrors,
  params?: MessageParams,
) {
  const body: ApiErrorBody = { error: { code, message: c.get('t')(messageKey, params), ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

export type JsonObject = Record<string, unknown>;

/**
 * The request body as a JSON object, or null when it is not JSON or not an object: an array or a number
 * would otherwise pass valibot's object schemas (arrays are objects) and be read as "nothing sent".
 * `emptyIsObject`: an empty body counts as `{}` (actions that need no input).
 */
export async function readJsonObject(c: Context<AppEnv>, { emptyIsObject = false } = {}): Promise<JsonObject | null> {
  const text = await c.req.text();
  if (emptyIsObject && !text.trim()) return {};
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as JsonObject) : null;
  } catch {
    return null;
  }
}

/** The query's parameters; an empty one (a form's blank filter) means "not given". */
export function queryParams(c: Context<AppEnv>): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ''));
}

export function isApiRequest(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/');
}

/**
 * Browsers drop tabs and line breaks from URLs and read `\\` as `/`, so `/<TAB>/evil.test` or `/\\evil.test` lead
 * off-site; CR, LF or NUL would not even fit in a Location header. Such values are refused, not cleaned.
 */
const unsafeInPathRe = /[\u0000-\u0020\u007f\\]/;
const REDIRECT_BASE = 'https://redirect.invalid';

/** Where to send the user back to after a form: only paths on this site, percent-encoded; anything else is `fallback`. */
export function safeRedirectPath(value: string | undefined | null, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || unsafeInPathRe.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  // The URL parser percent-encodes what a header cannot carry (Chinese, bidi controls) and resolves dot segments.
  return `${url.pathname}${url.search}${url.hash}`;
}

export function clientIp(c: Context<AppEnv>): string {
  return c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? 'unknown';
}

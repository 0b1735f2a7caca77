/**
 * The two calls we make to Resend's HTTP API, `POST /emails` and `POST /emails/batch`, with `fetch`. They send exactly
 * what the `resend` SDK (6.38) sent for the fields we use: the same headers and the same snake_case body with its keys
 * in the same order. The SDK was 34 KiB of the minified Worker for these two requests.
 */
import type { Deps } from '../../lib/deps';

/** One email, in the SDK's camelCase, limited to the fields we send. */
export type ResendEmail = {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
};

/** A call Resend answered with success (its JSON), or why it did not succeed (status null: no usable answer). */
export type ResendAnswer =
  | { ok: true; data: unknown }
  | { ok: false; status: number | null; name: string; message: string; retryAfter: string | null };

/** The SDK's own User-Agent, kept so that Resend sees the same client as before. */
export const RESEND_USER_AGENT = 'resend-node:6.38.0';
const TIMEOUT_MS = 30_000;
/** How much of an error body that is not Resend's JSON is kept as the message. */
const MAX_RAW_ERROR = 200;

/** The API's body for one email: the SDK's conversion (`replyTo` → `reply_to`, `contentType` → `content_type`). */
function apiEmail(email: ResendEmail) {
  return {
    attachments: email.attachments?.map((a) => ({ content: a.content, filename: a.filename, content_type: a.contentType })),
    from: email.from,
    headers: email.headers,
    html: email.html,
    reply_to: email.replyTo,
    subject: email.subject,
    text: email.text,
    to: email.to,
  };
}

export function sendEmailRequest(deps: Deps, apiKey: string, email: ResendEmail, idempotencyKey: string): Promise<ResendAnswer> {
  return post(deps, apiKey, '/emails', apiEmail(email), { 'Idempotency-Key': idempotencyKey });
}

/** Permissive validation: an email Resend refuses fails alone, listed in the answer's `errors`. */
export function sendBatchRequest(deps: Deps, apiKey: string, emails: ResendEmail[], idempotencyKey: string): Promise<ResendAnswer> {
  return post(deps, apiKey, '/emails/batch', emails.map(apiEmail), { 'x-batch-validation': 'permissive', 'Idempotency-Key': idempotencyKey });
}

async function post(deps: Deps, apiKey: string, path: string, body: unknown, extraHeaders: Record<string, string>): Promise<ResendAnswer> {
  const headers = new Headers({ Authorization: `Bearer ${apiKey}`, 'User-Agent': RESEND_USER_AGENT, 'Content-Type': 'application/json' });
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${deps.config.resendBaseUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    return noAnswer(error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : String(error instanceof Error ? error.message : error));
  }
  const json = parseJson(text);
  if (response.ok) return json.ok ? { ok: true, data: json.value } : noAnswer(`HTTP ${response.status} with a body that is not JSON`);
  const retryAfter = response.headers.get('retry-after');
  const error = json.ok && json.value && typeof json.value === 'object' && !Array.isArray(json.value) ? (json.value as Record<string, unknown>) : null;
  if (!error) {
    // A proxy's page or an empty body: the status still tells a refusal from an outage.
    const raw = text.replace(/\s+/g, ' ').trim().slice(0, MAX_RAW_ERROR) || response.statusText;
    return { ok: false, status: response.status, name: '', message: raw, retryAfter };
  }
  return {
    ok: false,
    // Resend's error body repeats the status; the HTTP status stands in when it does not.
    status: typeof error.statusCode === 'number' ? error.statusCode : response.status,
    name: typeof error.name === 'string' ? error.name : '',
    message: typeof error.message === 'string' ? error.message : '',
    retryAfter,
  };
}

function noAnswer(message: string): ResendAnswer {
  return { ok: false, status: null, name: '', message, retryAfter: null };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

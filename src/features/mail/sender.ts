/** Hands outbox rows to Resend (its HTTP API at a configurable base URL), one by one or in batches. */
import type { Deps } from '../../lib/deps';
import { headerSafe } from '../../lib/single-line';
import { sha256Hex } from '../../lib/tokens';
import { readyAttachments } from '../inbound/form-attachment';
import { sendBatchRequest, sendEmailRequest, type ResendAnswer, type ResendEmail } from './resend-api';
import { decorateForSending } from './unsubscribe-headers';
import type { OutboxRow } from './status';

/** What became of one row in a call that Resend answered. */
export type RowOutcome = { ok: true; providerMessageId: string | null } | { ok: false; error: string };

/** A call either reached Resend and has an outcome per row, or failed as a whole. */
export type CallOutcome =
  | { ok: true; rows: Map<string, RowOutcome> }
  | { ok: false; retryable: boolean; rateLimited: boolean; error: string; retryAfterSeconds?: number };

/** Resend takes at most 100 emails per batch call. */
export const MAX_BATCH_EMAILS = 100;
const MAX_ERROR_LENGTH = 500;
/** Resend answers 409 with this name while a request with the same idempotency key is still running. */
const CONCURRENT_IDEMPOTENT_REQUEST = 'concurrent_idempotent_requests';

/** `Name <email>` when there is a name; the name is quoted when it holds characters special in addresses. */
export function formatRecipient(email: string, rawName: string | null): string {
  const name = rawName ? headerSafe(rawName) : '';
  if (!name) return email;
  const safe = /[",<>()@:;[\]\\]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
  return `${safe} <${email}>`;
}

/** The key Resend keeps for 24 h: a retry of the same row is never sent twice. */
export function idempotencyKey(row: Pick<OutboxRow, 'kind' | 'id'>): string {
  return `${row.kind}/${row.id}`;
}

/** A batch call's key names exactly its rows: the same rows sent again are recognised by Resend. */
export async function batchIdempotencyKey(rowIds: string[]): Promise<string> {
  return `batch/${await sha256Hex([...rowIds].sort().join(','))}`;
}

/** Rows with attachments cannot go in a batch call (Resend's batch endpoint takes none). */
export function canBatch(row: OutboxRow): boolean {
  return !row.attachments?.length;
}

/**
 * Whatever a row holds (rows written before validation, a name from an old import), no CR or LF reaches a header:
 * subject, display name, header values and attachment names are made single-line here, at the last step. Attachments
 * made at send time (a personal 意见反馈表) are built here too.
 */
async function resendEmail(deps: Deps, row: OutboxRow): Promise<ResendEmail> {
  const { html, text, headers: decorated } = await decorateForSending(deps, row);
  // Resend takes Reply-To as a field of its own, not as a custom header.
  const { 'Reply-To': rawReplyTo, ...headers } = decorated;
  const replyTo = rawReplyTo ? headerSafe(rawReplyTo) : undefined;
  const safeHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [headerSafe(name), headerSafe(value)]));
  const attachments = await readyAttachments(deps, row.attachments);
  return {
    ...(replyTo ? { replyTo } : {}),
    from: deps.config.mailFrom,
    to: [formatRecipient(row.toEmail, row.toName)],
    subject: headerSafe(row.subject),
    html,
    text,
    ...(attachments.length
      ? { attachments: attachments.map((a) => ({ filename: headerSafe(a.filename), content: a.contentBase64, contentType: headerSafe(a.contentType) })) }
      : {}),
    ...(Object.keys(safeHeaders).length ? { headers: safeHeaders } : {}),
  };
}

/** An answer that is not a success: retried when Resend was not reached, limited us, failed, or is still busy. */
function failure(deps: Deps, answer: Extract<ResendAnswer, { ok: false }>): Extract<CallOutcome, { ok: false }> {
  const { status, name, message } = answer;
  const text = status === null ? `network: ${message}` : `resend ${status}${name ? ` ${name}` : ''}: ${message}`;
  const retryable = status === null || status === 429 || status >= 500 || (status === 409 && name === CONCURRENT_IDEMPOTENT_REQUEST);
  const retryAfterSeconds = parseRetryAfter(answer.retryAfter, deps.clock());
  return { ok: false, retryable, rateLimited: status === 429, error: truncate(text), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** A field of Resend's JSON answer, whatever shape the answer has. */
function field(data: unknown, name: string): unknown {
  return data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined;
}

/** One email, one call, keyed `<kind>/<row id>`. */
export async function sendOne(deps: Deps, row: OutboxRow): Promise<CallOutcome> {
  const apiKey = deps.config.resendApiKey;
  if (!apiKey) return { ok: true, rows: new Map([[row.id, { ok: true, providerMessageId: null }]]) };
  const answer = await sendEmailRequest(deps, apiKey, await resendEmail(deps, row), idempotencyKey(row));
  if (!answer.ok) return failure(deps, answer);
  const id = field(answer.data, 'id');
  return { ok: true, rows: new Map([[row.id, { ok: true, providerMessageId: typeof id === 'string' ? id : null }]]) };
}

/**
 * Up to 100 emails in one call, keyed by the rows it carries. Permissive validation: one bad address fails that
 * email only, with Resend's message, and the others go.
 */
export async function sendBatch(deps: Deps, rows: OutboxRow[]): Promise<CallOutcome> {
  const apiKey = deps.config.resendApiKey;
  if (!apiKey) return { ok: true, rows: new Map(rows.map((row) => [row.id, { ok: true, providerMessageId: null }])) };
  const emails = await Promise.all(rows.map((row) => resendEmail(deps, row)));
  const answer = await sendBatchRequest(deps, apiKey, emails, await batchIdempotencyKey(rows.map((row) => row.id)));
  if (!answer.ok) return failure(deps, answer);
  // Resend lists the created emails in request order, skipping the ones named in `errors`.
  const errors = field(answer.data, 'errors');
  const created = field(answer.data, 'data');
  const failed = new Map(
    (Array.isArray(errors) ? errors : []).map((e) => [field(e, 'index'), truncate(`resend: ${String(field(e, 'message') ?? '')}`)]),
  );
  const ids = Array.isArray(created) ? [...created] : [];
  const outcomes = new Map<string, RowOutcome>();
  rows.forEach((row, index) => {
    const error = failed.get(index);
    const id = error ? undefined : field(ids.shift(), 'id');
    outcomes.set(row.id, error ? { ok: false, error } : { ok: true, providerMessageId: typeof id === 'string' ? id : null });
  });
  return { ok: true, rows: outcomes };
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

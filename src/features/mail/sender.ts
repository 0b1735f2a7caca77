/** Hands outbox rows to Resend (the `resend` SDK, with a configurable base URL), one by one or in batches. */
import { Resend, type CreateEmailOptions } from 'resend';
import type { Deps } from '../../lib/deps';
import { headerSafe } from '../../lib/single-line';
import { sha256Hex } from '../../lib/tokens';
import { readyAttachments } from '../inbound/form-attachment';
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
const SEND_TIMEOUT_MS = 30_000;
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
async function resendEmail(deps: Deps, row: OutboxRow): Promise<CreateEmailOptions> {
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

function client(deps: Deps, apiKey: string): Resend {
  return new Resend(apiKey, { baseUrl: deps.config.resendBaseUrl });
}

type ResendError = { name?: string; message?: string; statusCode?: number | null };

/** Resend's error bodies carry `statusCode`; should one not, its `name` still tells a refusal from an outage. */
const STATUS_BY_NAME: Record<string, number> = {
  validation_error: 422,
  missing_required_field: 422,
  invalid_from_address: 422,
  invalid_attachment: 422,
  invalid_parameter: 422,
  invalid_idempotency_key: 400,
  invalid_idempotent_request: 409,
  concurrent_idempotent_requests: 409,
  invalid_api_key: 403,
  missing_api_key: 401,
  restricted_api_key: 401,
  rate_limit_exceeded: 429,
  daily_quota_exceeded: 429,
  monthly_quota_exceeded: 429,
  internal_server_error: 500,
};

/** The SDK reports an unanswered request as `application_error` with this message and no status. */
const NO_ANSWER_MESSAGE = 'Unable to fetch data';

/** The SDK answers `{ data, error, headers }`; a null status means the request never got an answer. */
function failure(deps: Deps, error: ResendError, headers: Record<string, string> | null): Extract<CallOutcome, { ok: false }> {
  const name = error.name ?? '';
  const noAnswer = (error.message ?? '').startsWith(NO_ANSWER_MESSAGE);
  const status = typeof error.statusCode === 'number' ? error.statusCode : noAnswer ? null : (STATUS_BY_NAME[name] ?? 500);
  const text = status === null ? `network: ${error.message ?? 'no answer'}` : `resend ${status}${name ? ` ${name}` : ''}: ${error.message ?? ''}`;
  const retryable = status === null || status === 429 || status >= 500 || (status === 409 && name === CONCURRENT_IDEMPOTENT_REQUEST);
  const retryAfterSeconds = parseRetryAfter(headers?.['retry-after'] ?? null, deps.clock());
  return { ok: false, retryable, rateLimited: status === 429, error: truncate(text), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** One email, one call, keyed `<kind>/<row id>`. */
export async function sendOne(deps: Deps, row: OutboxRow): Promise<CallOutcome> {
  const apiKey = deps.config.resendApiKey;
  if (!apiKey) return { ok: true, rows: new Map([[row.id, { ok: true, providerMessageId: null }]]) };
  const { data, error, headers } = await client(deps, apiKey).emails.send(await resendEmail(deps, row), {
    idempotencyKey: idempotencyKey(row),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  } as { idempotencyKey: string });
  if (error) return failure(deps, error, headers);
  return { ok: true, rows: new Map([[row.id, { ok: true, providerMessageId: data?.id ?? null }]]) };
}

/**
 * Up to 100 emails in one call, keyed by the rows it carries. Permissive validation: one bad address fails that
 * email only, with Resend's message, and the others go.
 */
export async function sendBatch(deps: Deps, rows: OutboxRow[]): Promise<CallOutcome> {
  const apiKey = deps.config.resendApiKey;
  if (!apiKey) return { ok: true, rows: new Map(rows.map((row) => [row.id, { ok: true, providerMessageId: null }])) };
  const emails = await Promise.all(rows.map((row) => resendEmail(deps, row)));
  const { data, error, headers } = await client(deps, apiKey).batch.send(emails, {
    idempotencyKey: await batchIdempotencyKey(rows.map((row) => row.id)),
    batchValidation: 'permissive',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  } as { idempotencyKey: string; batchValidation: 'permissive' });
  if (error) return failure(deps, error, headers);
  // Resend lists the created emails in request order, skipping the ones named in `errors`.
  const failed = new Map((data?.errors ?? []).map((e) => [e.index, truncate(`resend: ${e.message}`)]));
  const ids = [...(data?.data ?? [])];
  const outcomes = new Map<string, RowOutcome>();
  rows.forEach((row, index) => {
    const error = failed.get(index);
    outcomes.set(row.id, error ? { ok: false, error } : { ok: true, providerMessageId: ids.shift()?.id ?? null });
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

/** Hands one outbox row to a provider: Resend when an API key is set, else the local mailbox. */
import type { Deps } from '../../lib/deps';
import type { OutboxRow } from './status';

export type SendOutcome =
  | { ok: true; provider: 'local' | 'resend'; providerMessageId: string | null }
  | { ok: false; retryable: boolean; error: string; retryAfterSeconds?: number };

const SEND_TIMEOUT_MS = 15_000;
const MAX_ERROR_LENGTH = 500;
/** Resend answers 409 with this name while a request with the same idempotency key is still running. */
const CONCURRENT_IDEMPOTENT_REQUEST = 'concurrent_idempotent_requests';

export type ResendEmail = {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; content: string }[];
  headers?: Record<string, string>;
};

/** `Name <email>` when there is a name; the name is quoted when it holds characters special in addresses. */
export function formatRecipient(email: string, name: string | null): string {
  if (!name) return email;
  const safe = /[",<>()@:;[\]\\]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
  return `${safe} <${email}>`;
}

export function resendEmailBody(deps: Deps, row: OutboxRow): ResendEmail {
  return {
    from: deps.config.mailFrom,
    to: [formatRecipient(row.toEmail, row.toName)],
    subject: row.subject,
    html: row.html,
    text: row.text,
    ...(row.attachments?.length
      ? { attachments: row.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64 })) }
      : {}),
    ...(row.headers && Object.keys(row.headers).length ? { headers: row.headers } : {}),
  };
}

/** The key Resend keeps for 24 h: a retry of the same row is never sent twice. */
export function idempotencyKey(row: Pick<OutboxRow, 'kind' | 'id'>): string {
  return `${row.kind}/${row.id}`;
}

export async function sendOutboxMessage(deps: Deps, row: OutboxRow): Promise<SendOutcome> {
  const apiKey = deps.config.resendApiKey;
  // Without a key the row itself is the delivered mail: the local mailbox (/dev/mail) shows outbox rows.
  if (!apiKey) return { ok: true, provider: 'local', providerMessageId: null };

  let response: Response;
  try {
    response = await fetch(`${deps.config.resendBaseUrl}/emails`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${apiKey}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey(row),
      },
      body: JSON.stringify(resendEmailBody(deps, row)),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, retryable: true, error: truncate(`network: ${error instanceof Error ? error.message : String(error)}`) };
  }

  const body = await readJson(response);
  if (response.ok) {
    const id = typeof body?.id === 'string' ? body.id : null;
    return { ok: true, provider: 'resend', providerMessageId: id };
  }
  const name = typeof body?.name === 'string' ? body.name : '';
  const message = typeof body?.message === 'string' ? body.message : response.statusText;
  const error = truncate(`resend ${response.status}${name ? ` ${name}` : ''}: ${message}`);
  const retryable = response.status === 429 || response.status >= 500 || (response.status === 409 && name === CONCURRENT_IDEMPOTENT_REQUEST);
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), deps.clock());
  return { ok: false, retryable, error, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await response.json();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * Webhook signatures the Svix (standard-webhooks) way, as Resend signs its events, checked with Web Crypto alone
 * (the `svix` package and its dependencies were 190 KiB of the minified Worker, for this one check).
 *
 * The secret is `whsec_<base64 key>` (a bare base64 key is taken too); the signed content is
 * `<svix-id>.<svix-timestamp>.<body>`, HMAC-SHA256, base64; `svix-signature` lists space-separated `v1,<signature>`
 * entries (several while a secret is being rotated) and any one matching passes. The timestamp must be within five
 * minutes of now, either way, so that a captured call cannot be replayed later.
 */
import { bytesToBase64, constantTimeEqual } from './tokens';

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
const SECRET_PREFIX = 'whsec_';

export type WebhookSignatureHeaders = { id: string | undefined; timestamp: string | undefined; signature: string | undefined };

export type WebhookSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'too_old' | 'too_new' | 'bad_secret' | 'no_match' };

/** The HMAC key a `whsec_…` (or bare base64) secret stands for; null when it is not base64 or is empty. */
function secretKeyBytes(secret: string): Uint8Array | null {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    return bytes.length > 0 ? bytes : null;
  } catch {
    return null;
  }
}

/** The `v1,<base64>` signature of one message, as the sender computes it. */
export async function webhookSignature(secret: string, id: string, timestampSeconds: number, payload: string): Promise<string> {
  const keyBytes = secretKeyBytes(secret);
  if (!keyBytes) throw new Error('webhook secret is not base64 (whsec_<base64>)');
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestampSeconds}.${payload}`));
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/** Whether `payload` came, signed with `secret`, within five minutes of `now` (the app's clock). */
export async function verifyWebhookSignature(
  secret: string,
  payload: string,
  headers: WebhookSignatureHeaders,
  now: Date,
): Promise<WebhookSignatureCheck> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const sentAt = Number(timestamp);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (nowSeconds - sentAt > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'too_old' };
  if (sentAt - nowSeconds > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'too_new' };
  if (!secretKeyBytes(secret)) return { ok: false, reason: 'bad_secret' };
  const expected = await webhookSignature(secret, id, sentAt, payload);
  // Every entry is compared, in time independent of where it differs; entries of other versions are skipped.
  let matched = false;
  for (const entry of signature.split(' ')) {
    if (entry.startsWith('v1,') && constantTimeEqual(entry, expected)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'no_match' };
}

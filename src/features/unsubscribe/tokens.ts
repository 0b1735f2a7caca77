/** Unsubscribe tokens: an address and a kind of mail, signed with HMAC so that checking one needs no lookup. */
import { base64Url, constantTimeEqual, hmacSha256 } from '../../lib/tokens';

export type UnsubscribeTarget = { email: string; kind: string };

/** `*` is every non-transactional kind; kinds are our own identifiers (`rounds`, `meetings`, `summary`…). */
const KIND_RE = /^(\*|[a-z0-9_]{1,64})$/;
const SIGNATURE_CONTEXT = 'unsubscribe:v1:';

/**
 * Kinds of mail a stakeholder unsubscribes from together: whoever stops invitations to rounds wants no reminders
 * about them either. Kinds not listed are their own topic.
 */
export function suppressionKind(kind: string): string {
  if (kind === 'invitation' || kind === 'reminder') return 'rounds';
  if (kind.startsWith('meeting_')) return 'meetings';
  return kind;
}

export async function unsubscribeToken(secret: string, target: UnsubscribeTarget): Promise<string> {
  const payload = `${base64Url(new TextEncoder().encode(target.email.trim().toLowerCase()))}.${target.kind}`;
  return `${payload}.${await hmacSha256(secret, SIGNATURE_CONTEXT + payload)}`;
}

/** The address and kind a token stands for, or null when it is malformed or not signed by us. */
export async function readUnsubscribeToken(secret: string, token: string): Promise<UnsubscribeTarget | null> {
  const [encodedEmail, kind, signature, ...rest] = token.split('.');
  if (!encodedEmail || !kind || !signature || rest.length > 0 || !KIND_RE.test(kind)) return null;
  const expected = await hmacSha256(secret, `${SIGNATURE_CONTEXT}${encodedEmail}.${kind}`);
  if (!constantTimeEqual(signature, expected)) return null;
  try {
    const binary = atob(encodedEmail.replace(/-/g, '+').replace(/_/g, '/'));
    const email = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    return { email, kind };
  } catch {
    return null;
  }
}

export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl}/u/${token}`;
}

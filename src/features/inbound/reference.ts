/**
 * The opaque reference of an invitation, printed in its 意见反馈表 and used in its Reply-To address: the invitation
 * id and an HMAC over the id and the link's current token hash. It is not the capability token (it opens nothing),
 * it cannot be forged, and revoking or reissuing the link (which changes the token hash) retires it. Lower case,
 * because mail systems may fold the case of an address's local part.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { invitations } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { constantTimeEqual } from '../../lib/tokens';

const MAC_HEX_CHARS = 20;
export const referenceRe = /\brt1-([0-9a-hjkmnp-tv-z]{26})-([0-9a-f]{20})\b/i;

/** A short hex HMAC: enough to make an address unguessable, short enough for an address's local part. */
export async function macHex(secret: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value)));
  return [...signature].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, MAC_HEX_CHARS);
}

function macInput(invitation: { id: string; tokenHash: string }): string {
  return `invitation-ref:${invitation.id}:${invitation.tokenHash}`;
}

export async function invitationReference(deps: Deps, invitation: { id: string; tokenHash: string }): Promise<string> {
  return `rt1-${invitation.id.toLowerCase()}-${await macHex(deps.config.signingSecret, macInput(invitation))}`;
}

/** The live invitation a reference names; null for a malformed, forged, revoked or reissued one. */
export async function findByReference(deps: Deps, text: string): Promise<typeof invitations.$inferSelect | null> {
  const match = referenceRe.exec(text);
  if (!match) return null;
  const id = match[1]!.toUpperCase();
  const row = await deps.db.select().from(invitations).where(and(eq(invitations.id, id), isNull(invitations.revokedAt))).get();
  if (!row) return null;
  const expected = await macHex(deps.config.signingSecret, macInput(row));
  return constantTimeEqual(expected, match[2]!.toLowerCase()) ? row : null;
}

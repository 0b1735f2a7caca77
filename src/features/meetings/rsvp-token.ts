/**
 * RSVP link tokens derived as HMAC(secret, attendee id / issue number). Only their SHA-256 is stored, as before;
 * deriving them lets a later mail (an update, a confirmation) carry the invitee's link again, and a reissue
 * (issue + 1) makes a new one. A database copy alone still yields no working link: the secret is not in it.
 */
import type { Deps } from '../../lib/deps';
import { hmacSha256, sha256Hex } from '../../lib/tokens';

const TOKEN_CONTEXT = 'roundtable/rsvp/';

export async function deriveRsvpToken(deps: Pick<Deps, 'config'>, attendeeId: string, issue: number): Promise<string> {
  return hmacSha256(deps.config.signingSecret, `${TOKEN_CONTEXT}${attendeeId}/${issue}`);
}

export type LinkHolder = { attendeeId: string; linkIssue: number; tokenHash: string | null };

/**
 * The invitee's working token, or null when it cannot be derived: a link issued as a random token before
 * derivation existed, a revoked link, or a signing secret changed since.
 */
export async function currentRsvpToken(deps: Pick<Deps, 'config'>, holder: LinkHolder): Promise<string | null> {
  if (!holder.tokenHash || holder.linkIssue < 1) return null;
  const token = await deriveRsvpToken(deps, holder.attendeeId, holder.linkIssue);
  return (await sha256Hex(token)) === holder.tokenHash ? token : null;
}

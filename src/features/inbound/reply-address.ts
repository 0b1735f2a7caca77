/** The per-invitation Reply-To address, `reply+<reference>@<INBOUND_DOMAIN>`, and reading a reference back from one. */
import type { Deps } from '../../lib/deps';
import { invitationReference } from './reference';

export const REPLY_TO_HEADER = 'Reply-To';

const replyLocalRe = /^reply\+(rt1-[0-9a-z]{26}-[0-9a-f]{20})$/i;

/** Null when no inbound domain is configured: then forms say to send them to the contact person instead. */
export function replyAddress(deps: Deps, reference: string): string | null {
  return deps.config.inboundDomain ? `reply+${reference}@${deps.config.inboundDomain}` : null;
}

/** The reference in a recipient address of ours, or null for any other address. */
export function referenceOfAddress(deps: Deps, address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || !deps.config.inboundDomain) return null;
  if (address.slice(at + 1).toLowerCase() !== deps.config.inboundDomain.toLowerCase()) return null;
  return replyLocalRe.exec(address.slice(0, at))?.[1]?.toLowerCase() ?? null;
}

export async function invitationReplyAddress(deps: Deps, invitation: { id: string; tokenHash: string }): Promise<string | null> {
  return deps.config.inboundDomain ? replyAddress(deps, await invitationReference(deps, invitation)) : null;
}

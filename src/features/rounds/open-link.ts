/** The open link of a round (for a QR code at a briefing): created, rotated and disabled by staff; only its hash is kept. */
import { eq } from 'drizzle-orm';
import { renderSVG } from 'uqr';
import { rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { findRound, type Actor } from './service';

export function openLinkUrl(deps: Deps, token: string): string {
  return `${deps.config.appUrl}/o/${token}`;
}

/** The QR code as SVG markup; medium error correction survives a projector or a printed poster. */
export function qrSvg(url: string): string {
  return renderSVG(url, { ecc: 'M', border: 2 });
}

/** A new link replaces any earlier one, which stops working. The token exists in clear only in this answer. */
export async function rotateOpenLink(deps: Deps, actor: Actor, roundId: string): Promise<Result<{ url: string; svg: string }, 'not_found' | 'round_closed'>> {
  const round = await findRound(deps, roundId);
  if (!round) return fail('not_found');
  if (round.status === 'closed') return fail('round_closed');
  const token = randomToken();
  await deps.db.batch([
    deps.db.update(rounds).set({ openLinkTokenHash: await sha256Hex(token), updatedAt: deps.clock() }).where(eq(rounds.id, roundId)),
    auditStatement(deps, { actor, action: 'round.open_link_rotate', entityType: 'round', entityId: roundId }),
  ]);
  const url = openLinkUrl(deps, token);
  return ok({ url, svg: qrSvg(url) });
}

export async function disableOpenLink(deps: Deps, actor: Actor, roundId: string): Promise<Result<void, 'not_found'>> {
  const [updated] = await deps.db.batch([
    deps.db.update(rounds).set({ openLinkTokenHash: null, updatedAt: deps.clock() }).where(eq(rounds.id, roundId)).returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.open_link_disable', entityType: 'round', entityId: roundId }),
  ]);
  return updated.length ? ok(undefined) : fail('not_found');
}

/** What the round page shows besides the board: who is left to invite, and the previous round by its title. */
import { eq } from 'drizzle-orm';
import { rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { audienceTotalsQuery, toAudienceTotals, type AudienceTotals } from './audience';
import type { RoundRow } from './service';

export type RoundExtras = { audience: AudienceTotals; previous: { id: string; title: string } | null };

/** The extras' statements, to run in the board's batch (round-board.ts); read their rows with roundExtrasFrom. */
export function roundExtrasQueries(deps: Deps, round: RoundRow) {
  return [
    audienceTotalsQuery(deps, round.id, round.audience),
    // No previous round: an id that matches nothing keeps the batch's shape.
    deps.db.select({ id: rounds.id, title: rounds.title }).from(rounds).where(eq(rounds.id, round.previousRoundId ?? '')),
  ] as const;
}

export function roundExtrasFrom(audience: Parameters<typeof toAudienceTotals>[0], previous: { id: string; title: string }[]): RoundExtras {
  return { audience: toAudienceTotals(audience), previous: previous[0] ?? null };
}

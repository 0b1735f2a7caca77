/** What the round page shows besides the board: who is left to invite, and the previous round by its title. */
import { eq } from 'drizzle-orm';
import { rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { audienceTotals, type AudienceTotals } from './audience';
import type { RoundRow } from './service';

export type RoundExtras = { audience: AudienceTotals; previous: { id: string; title: string } | null };

export async function roundExtras(deps: Deps, round: RoundRow): Promise<RoundExtras> {
  const [audience, previous] = await Promise.all([
    audienceTotals(deps, round.id, round.audience),
    round.previousRoundId ? deps.db.select({ id: rounds.id, title: rounds.title }).from(rounds).where(eq(rounds.id, round.previousRoundId)).get() : Promise.resolve(undefined),
  ]);
  return { audience, previous: previous ?? null };
}

/** The draft changes each opinion led to, with their diffs, for the published page and the author's own link. */
import type { Deps } from '../../lib/deps';
import { linkedChanges } from '../opinions/change-links';
import { describeChanges, type ChangeView } from '../rounds/change-diffs';
import { loadRound } from '../rounds/service';

export async function changesLedTo(deps: Deps, roundId: string, opinionIds: string[]): Promise<Map<string, ChangeView[]>> {
  return changesOfLinks(deps, roundId, await linkedChanges(deps, opinionIds));
}

/** The same from links already read (opinion id → change ids): no D1 read at all when there are none. */
export async function changesOfLinks(deps: Deps, roundId: string, links: Map<string, string[]>): Promise<Map<string, ChangeView[]>> {
  const byOpinion = new Map<string, ChangeView[]>();
  if (links.size === 0) return byOpinion;
  const round = await loadRound(deps, roundId);
  if (!round) return byOpinion;
  const views = new Map((await describeChanges(deps, round, [...new Set([...links.values()].flat())])).map((v) => [v.id, v]));
  for (const [opinionId, ids] of links) byOpinion.set(opinionId, ids.map((id) => views.get(id)).filter((v): v is ChangeView => v !== undefined));
  return byOpinion;
}

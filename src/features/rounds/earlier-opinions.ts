/**
 * A next round's view of the round before it: the earlier round's opinions on each unit of this round's draft.
 * Units are matched from the earlier round's latest version, whose ids are those the opinions were given on, so
 * opinions follow an article that was renumbered, moved or edited before this round opened.
 */
import type { Deps } from '../../lib/deps';
import { triageItems, type TriageItem } from '../opinions/triage';
import { matchSections } from './match-sections';
import { loadRound, type RoundWithSections } from './service';
import { latestVersion } from './versions';

export type EarlierOpinions = { roundId: string; title: string; groups: { sectionId: string | null; items: TriageItem[] }[] };

export async function earlierOpinions(deps: Deps, round: RoundWithSections): Promise<EarlierOpinions | null> {
  const previous = round.previousRoundId ? await loadRound(deps, round.previousRoundId) : null;
  if (!previous) return null;
  const [latest, items] = await Promise.all([latestVersion(deps, previous), triageItems(deps, previous.id)]);
  const match = matchSections(latest.sections, round.sections);
  const on = (earlierId: string | null) => items.filter((o) => o.sectionId === earlierId);
  const groups = [
    { sectionId: null, items: on(null) },
    ...round.sections.map((s, i) => ({ sectionId: s.id, items: match.after[i]!.keptId ? on(match.after[i]!.keptId) : [] })),
  ].filter((g) => g.items.length > 0);
  return { roundId: previous.id, title: previous.title, groups };
}

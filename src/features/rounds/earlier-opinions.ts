/**
 * A next round's view of the round before it: the earlier round's opinions on each unit of this round's draft.
 * Units are matched from the earlier round's latest version, whose ids are those the opinions were given on, so
 * opinions follow an article that was renumbered, moved or edited before this round opened. Bounded: at most
 * EARLIER_PER_UNIT opinions a unit, as excerpts, with how many more there are; read in one D1 batch.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { draftVersions, rounds, roundSections, versionSections, type Disposition } from '../../db/schema';
import { allRows } from '../../db/client';
import type { Deps } from '../../lib/deps';
import { EXCERPT_CHARS } from './board';
import { matchSections } from './match-sections';
import type { RoundWithSections } from './service';

/** Opinions shown under each unit; the rest are counted and one link away (the earlier round's triage). */
export const EARLIER_PER_UNIT = 5;

export type EarlierItem = { id: string; number: number; disposition: Disposition; excerpt: string; cut: boolean };
export type EarlierGroup = { sectionId: string | null; earlierSectionId: string | null; items: EarlierItem[]; total: number };
export type EarlierOpinions = { roundId: string; title: string; groups: EarlierGroup[] };

type EarlierRow = { id: string; number: number; sectionId: string | null; inSection: number; disposition: Disposition; excerpt: string; cut: number };

export async function earlierOpinions(deps: Deps, round: RoundWithSections): Promise<EarlierOpinions | null> {
  const previousId = round.previousRoundId;
  if (!previousId) return null;
  const latestVersionId = deps.db.select({ id: draftVersions.id }).from(draftVersions).where(eq(draftVersions.roundId, previousId)).orderBy(desc(draftVersions.number)).limit(1);
  const [previous, firstUnits, latestUnits, rows] = await deps.db.batch([
    deps.db.select({ id: rounds.id, title: rounds.title }).from(rounds).where(eq(rounds.id, previousId)),
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, previousId)).orderBy(asc(roundSections.position)),
    deps.db.select().from(versionSections).where(eq(versionSections.versionId, sql`(${latestVersionId})`)).orderBy(asc(versionSections.position)),
    allRows<EarlierRow>(deps, sql`WITH r AS (SELECT o.rowid AS rid, o.number, o.section_id,
          row_number() OVER (PARTITION BY o.section_id ORDER BY o.number) AS k, count(*) OVER (PARTITION BY o.section_id) AS in_section
          FROM opinions o WHERE o.round_id = ${previousId})
      SELECT o.id AS id, r.number AS number, r.section_id AS sectionId, r.in_section AS inSection, o.disposition AS disposition,
        substr(o.text, 1, ${EXCERPT_CHARS}) AS excerpt, length(o.text) > ${EXCERPT_CHARS} AS cut
      FROM r JOIN opinions o ON o.rowid = r.rid WHERE r.k <= ${EARLIER_PER_UNIT} ORDER BY r.number`),
  ]);
  if (!previous[0]) return null;
  // The latest version's units carry the ids opinions were given on; a round never revised has only version 1.
  const latest = latestUnits.length ? latestUnits.map((u) => ({ ...u, id: u.sectionId })) : firstUnits;
  const match = matchSections(latest, round.sections);
  const on = (earlierId: string | null) => {
    const items = rows.filter((o) => o.sectionId === earlierId);
    return { items: items.map((o) => ({ id: o.id, number: o.number, disposition: o.disposition, excerpt: o.excerpt, cut: Boolean(o.cut) })), total: items[0]?.inSection ?? 0 };
  };
  const groups = [
    { sectionId: null, earlierSectionId: null, ...on(null) },
    ...round.sections.map((s, i) => {
      const keptId = match.after[i]!.keptId;
      return { sectionId: s.id, earlierSectionId: keptId, ...(keptId ? on(keptId) : { items: [], total: 0 }) };
    }),
  ].filter((g) => g.items.length > 0);
  return { roundId: previous[0].id, title: previous[0].title, groups };
}

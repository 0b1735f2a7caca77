/**
 * Each recorded change of a round's draft with the text it changed: the unit in the version before the change and
 * in the version it led to. An added unit (a split included) has no before; a removed one (a merge included) no after.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { draftChanges } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { DiffUnit } from './diff-views';
import type { RoundWithSections } from './service';
import { loadVersion, type Version, type VersionUnit } from './versions';

/** `label`/`heading` name the unit as it is after the change (before it, when removed); `was` as it was before. */
export type ChangeView = DiffUnit & { id: string; versionNumber: number; was: { label: string; heading: string } | null };

const fullText = (u: VersionUnit | undefined) => (u ? [u.heading, u.body].filter(Boolean).join('\n') : null);

/** The round's changes in version order, then in the order of the version they led to; `ids` narrows them. */
export async function describeChanges(deps: Deps, round: RoundWithSections, ids?: string[]): Promise<ChangeView[]> {
  if (ids && ids.length === 0) return [];
  const where = ids ? and(eq(draftChanges.roundId, round.id), inArray(draftChanges.id, ids)) : eq(draftChanges.roundId, round.id);
  const rows = await deps.db.select().from(draftChanges).where(where).orderBy(asc(draftChanges.versionNumber));
  const versions = new Map<number, Version | null>();
  const version = async (n: number) => {
    if (!versions.has(n)) versions.set(n, await loadVersion(deps, round, n));
    return versions.get(n)!;
  };
  const views: (ChangeView & { position: number })[] = [];
  for (const row of rows) {
    const [from, to] = [await version(row.versionNumber - 1), await version(row.versionNumber)];
    const before = row.kind === 'added' ? undefined : from?.sections.find((s) => s.id === row.beforeSectionId);
    const after = row.kind === 'removed' ? undefined : to?.sections.find((s) => s.id === row.afterSectionId);
    const named = after ?? before;
    if (!named) continue;
    views.push({
      id: row.id,
      versionNumber: row.versionNumber,
      change: row.kind,
      label: named.number,
      heading: named.heading,
      was: before ? { label: before.number, heading: before.heading } : null,
      before: fullText(before),
      after: fullText(after),
      position: after?.position ?? (before ? before.position - 0.5 : 0),
    });
  }
  return views.sort((x, y) => x.versionNumber - y.versionNumber || x.position - y.position).map(({ position: _, ...view }) => view);
}

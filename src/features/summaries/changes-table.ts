/**
 * The 修改对照表 of a round: one row per change of the draft, 原条文 / 修改后条文 / 修改理由, the reason citing the
 * numbers of the opinions the change carries out (numbered as in the 意见采纳情况表).
 */
import { count, eq } from 'drizzle-orm';
import { draftChanges, opinionChanges, opinions } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Translator } from '../../lib/i18n';
import { describeChanges } from '../rounds/change-diffs';
import type { RoundWithSections } from '../rounds/service';

export type ChangeTableRow = { versionNumber: number; label: string; heading: string; was: { label: string; heading: string } | null; before: string | null; after: string | null; opinionNumbers: number[] };

/** Whether the round's draft has any change: the query, to run in a batch before loading the table. */
export function changeCountQuery(deps: Deps, roundId: string) {
  return deps.db.select({ n: count() }).from(draftChanges).where(eq(draftChanges.roundId, roundId));
}

export async function loadChangesTable(deps: Deps, round: RoundWithSections): Promise<ChangeTableRow[]> {
  const changes = await describeChanges(deps, round);
  if (changes.length === 0) return [];
  // Each change cites the opinions behind it by their numbers in the round (意见7), as the summary does.
  const links = await deps.db
    .select({ number: opinions.number, changeId: opinionChanges.changeId })
    .from(opinionChanges)
    .innerJoin(opinions, eq(opinions.id, opinionChanges.opinionId))
    .where(eq(opinions.roundId, round.id));
  const numbersOf = new Map<string, number[]>();
  for (const { number, changeId } of links) numbersOf.set(changeId, [...(numbersOf.get(changeId) ?? []), number]);
  return changes.map((c) => ({ versionNumber: c.versionNumber, label: c.label, heading: c.heading, was: c.was, before: c.before, after: c.after, opinionNumbers: (numbersOf.get(c.id) ?? []).sort((a, b) => a - b) }));
}

export function changesTableHeader(t: Translator): string[] {
  return [t('summaries.changes.col.number'), t('summaries.changes.col.before'), t('summaries.changes.col.after'), t('summaries.changes.col.reason')];
}

/**
 * A unit's text as cited in the table, after its label as it was then (原条文 第四条, 修改后 第五条); the text already
 * starts with the unit's heading. "None" when absent.
 */
function cited(t: Translator, name: { label: string }, text: string | null): string {
  if (text === null) return t('summaries.changes.none');
  return name.label ? `${name.label}　${text}` : text;
}

/** The table's rows as text cells, for the page, the workbook and the document alike. */
export function changesTableCells(t: Translator, rows: ChangeTableRow[]): string[][] {
  return rows.map((row, i) => [
    String(i + 1),
    cited(t, row.was ?? row, row.before),
    cited(t, row, row.after),
    row.opinionNumbers.length ? t('summaries.changes.reason', { numbers: row.opinionNumbers.join('、') }) : t(`summaries.changes.kind.${row.after === null ? 'removed' : row.before === null ? 'added' : 'modified'}`),
  ]);
}

/**
 * Counting a round's figures (figures.ts) is most of a staff page's database time at twelve thousand opinions, and
 * they change far less often than they are read. Each round's figures are kept in round_figures with the revision
 * they were counted at; triggers bump rounds.figures_rev on every write that changes them (migration 0011), whatever
 * code path wrote, so a kept copy is used only while it is current and is otherwise counted again and kept.
 */
import { sql } from 'drizzle-orm';
import { allRows } from '../../db/client';
import type { Deps } from '../../lib/deps';
import { figureQueries, figuresFromRows, FIGURE_IDS_PER_QUERY, type RoundFigures } from './figures';

/** The shape of a kept RoundFigures: raise it whenever that type changes, and every kept copy is counted again. */
export const FIGURES_FORMAT = 1;
/** The lookup binds each id once: D1 allows 100 parameters a statement. */
const IDS_PER_LOOKUP = 90;

export type KeptFiguresRow = { roundId: string; rev: number; keptRev: number | null; format: number | null; figures: string | null };

/** The rounds' current revisions with their kept figures, if any: to run alone or in a page's batch. */
export function keptFiguresQuery(deps: Deps, ids: readonly string[]) {
  return allRows<KeptFiguresRow>(
    deps,
    sql`SELECT r.id AS roundId, r.figures_rev AS rev, k.rev AS keptRev, k.format AS format, k.figures AS figures
      FROM rounds r LEFT JOIN round_figures k ON k.round_id = r.id WHERE r.id IN ${ids}`,
  );
}

const isCurrent = (row: KeptFiguresRow | undefined): row is KeptFiguresRow & { figures: string } =>
  row !== undefined && row.figures !== null && row.keptRev === row.rev && row.format === FIGURES_FORMAT;

/**
 * The figures of the given rounds from the rows of keptFiguresQuery: current copies as kept; the others counted in
 * one batch per group of rounds (with the revision they are counted at, in the same snapshot) and kept. Rounds that
 * do not exist get zeros.
 */
export async function figuresFromKept(deps: Deps, ids: readonly string[], rows: KeptFiguresRow[]): Promise<Map<string, RoundFigures>> {
  const byId = new Map(rows.map((row) => [row.roundId, row]));
  const result = new Map<string, RoundFigures>();
  const stale: string[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (isCurrent(row)) result.set(id, JSON.parse(row.figures) as RoundFigures);
    else stale.push(id);
  }
  for (let start = 0; start < stale.length; start += FIGURE_IDS_PER_QUERY) {
    const group = stale.slice(start, start + FIGURE_IDS_PER_QUERY);
    const [categories, heard, opinions, revs] = await deps.db.batch([
      ...figureQueries(deps, group),
      allRows<{ roundId: string; rev: number }>(deps, sql`SELECT id AS roundId, figures_rev AS rev FROM rounds WHERE id IN ${group}`),
    ]);
    const counted = figuresFromRows(group, [[categories, heard, opinions]]);
    for (const [id, figures] of counted) result.set(id, figures);
    const keeps = revs.map(({ roundId, rev }) => keep(deps, roundId, rev, counted.get(roundId)!));
    if (keeps.length) await deps.db.batch(keeps as [(typeof keeps)[number], ...typeof keeps]);
  }
  return result;
}

/** Keeps figures counted at `rev`, unless a copy counted at a later revision (in the same format) got there first. */
function keep(deps: Deps, roundId: string, rev: number, figures: RoundFigures) {
  return allRows(deps, sql`INSERT INTO round_figures (round_id, rev, format, figures) VALUES (${roundId}, ${rev}, ${FIGURES_FORMAT}, ${JSON.stringify(figures)})
    ON CONFLICT (round_id) DO UPDATE SET rev = excluded.rev, format = excluded.format, figures = excluded.figures
    WHERE excluded.rev >= round_figures.rev OR excluded.format <> round_figures.format`);
}

/** The figures of each given round (zeros for rounds without data): kept copies where current, counted otherwise. */
export async function roundFigures(deps: Deps, roundIds: readonly string[]): Promise<Map<string, RoundFigures>> {
  const rows: KeptFiguresRow[] = [];
  for (let start = 0; start < roundIds.length; start += IDS_PER_LOOKUP) rows.push(...(await keptFiguresQuery(deps, roundIds.slice(start, start + IDS_PER_LOOKUP))));
  return figuresFromKept(deps, roundIds, rows);
}

/** The figures of one round. */
export async function figuresOf(deps: Deps, roundId: string): Promise<RoundFigures> {
  return (await roundFigures(deps, [roundId])).get(roundId)!;
}

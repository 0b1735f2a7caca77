/**
 * A batch of reads whose SQL is built once per isolate. drizzle builds every query's SQL again on each request: for the
 * ten statements behind a personal link (every view of the feedback page, every save), that was the largest single
 * share of the Worker's CPU. The queries are still written with drizzle, with `sql.placeholder(name)` for what varies
 * between requests; the first use builds them (drizzle's own `prepare()`), later uses only bind the values, run one
 * D1 batch and map the rows with drizzle's own mapping (dates, booleans, JSON), so nothing drifts from the schema.
 */
import { fillPlaceholders } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { createDb } from './client';
import type { Deps } from '../lib/deps';

type Db = ReturnType<typeof createDb>;
type PreparedRead = { getQuery(): { sql: string; params: unknown[] }; mapResult(response: unknown, isFromBatch?: boolean): unknown };
/** A select query: drizzle can run it in a batch, and prepare it. */
type Preparable = BatchItem<'sqlite'> & { prepare(): PreparedRead };

/** Stands in for D1 while the queries are built (drizzle prepares a statement as it builds one): never queried. */
const BUILD_ONLY_D1 = {
  prepare: () => ({}),
} as unknown as D1Database;

export type PreparedReads<Q extends readonly Preparable[]> = {
  /** The statements bound to `values` (one per query), to run in a batch, alone or beside others. */
  statements(d1: D1Database, values: Record<string, unknown>): D1PreparedStatement[];
  /** The rows of each query from the batch results of `statements`, mapped as drizzle maps them. */
  rows(results: readonly D1Result[]): BatchResponse<Q>;
  /** Binds, runs the batch (one D1 round trip) and maps the rows. */
  run(deps: Pick<Deps, 'd1'>, values: Record<string, unknown>): Promise<BatchResponse<Q>>;
};

/**
 * Reads built once by `build` (select queries, placeholders for what varies). Every placeholder must be given a value
 * on each use: a missing one is an error, not a null, and nothing is sent.
 */
export function preparedReads<Q extends readonly Preparable[]>(build: (db: Db) => Q): PreparedReads<Q> {
  let prepared: PreparedRead[] | undefined;
  const queries = () => (prepared ??= build(createDb(BUILD_ONLY_D1)).map((query) => query.prepare()));
  const reads: PreparedReads<Q> = {
    statements(d1, values) {
      return queries().map((read) => {
        const { sql, params } = read.getQuery();
        // drizzle's own filling: a placeholder without a value throws, and values go through their column's mapping.
        return d1.prepare(sql).bind(...fillPlaceholders(params, values));
      });
    },
    rows(results) {
      const all = queries();
      return results.map((result, i) => all[i]!.mapResult(result, true)) as unknown as BatchResponse<Q>;
    },
    async run(deps, values) {
      const statements = reads.statements(deps.d1, values);
      return reads.rows(await deps.d1.batch(statements));
    },
  };
  return reads;
}

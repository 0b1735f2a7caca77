/** The drizzle handle over D1. */
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';

export type Db = ReturnType<typeof createDb>;

/**
 * No relational queries (`db.query`) are used, so no schema is given: drizzle would otherwise walk every table's
 * relations again for each request's handle (1.5 % of a staff page's CPU).
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}

/** D1 allows at most 100 bound parameters per statement; batch writes are cut to fit. */
export const D1_MAX_BOUND_PARAMETERS = 100;

export function rowsPerStatement(columnsPerRow: number): number {
  return Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / columnsPerRow));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * `db.all(sql)` that can also run in a `db.batch`: drizzle (0.45) binds a batched raw query through its `stmt`,
 * which `db.all` does not set.
 */
export function allRows<T>(deps: { db: Db; d1: D1Database }, query: SQL) {
  const statement = deps.db.all<T>(query);
  return Object.assign(statement, { stmt: deps.d1.prepare(statement.getQuery().sql) });
}

/**
 * Plain SQL for the hottest joined reads, with rows mapped by the schema: drizzle builds a query's SQL and its
 * mapping again on every request (on the RSVP page, 18 % of the Worker's CPU for one statement). Here the column list
 * is written once from the table's own columns, and values go through each column's own mapping (timestamps to
 * dates, integers to booleans, JSON), so neither drifts from the schema.
 */
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

/** `alias.column AS prefixcolumn` for every column of `table`, to select it beside other tables without collisions. */
export function columnsAs(table: Table, alias: string, prefix: string): string {
  return Object.values(getTableColumns(table))
    .map((column) => `${alias}."${column.name}" AS "${prefix}${column.name}"`)
    .join(', ');
}

/** The row of `table` inside a plain row selected with `columnsAs(table, …, prefix)`, as drizzle would map it. */
export function rowFrom<T extends Table>(table: T, plain: Record<string, unknown>, prefix: string): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = plain[prefix + column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}

/**
 * Opinion numbers (意见1, 意见2…): each opinion gets its round's highest number + 1 inside the statement that inserts
 * it, so numbers are never reused and never shift when a late opinion arrives; the unique index on (round, number)
 * refuses a duplicate instead of letting two opinions share a cited number.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The next number of the round, `offset` further on for the rows after the first of one multi-row statement. */
export function nextOpinionNumber(roundId: string, offset = 0): SQL<number> {
  return sql<number>`(SELECT coalesce(max(number), 0) + ${offset + 1} FROM opinions WHERE round_id = ${roundId})`;
}

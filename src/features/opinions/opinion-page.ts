/**
 * A page of a round's opinions, chosen from opinions_round_list_idx alone: rowids, numbers and section positions, so
 * no text is read or sorted to find the page; the query that uses it then reads only the page's rows whole
 * (`FROM page JOIN opinions o ON o.rowid = page.rid`). The index is named (INDEXED BY): it covers every filter of
 * triage and the summary's orders, and SQLite without statistics may otherwise pick (round, number) and read whole
 * rows to sort them. Triage and the summary table both page this way.
 */
import { sql, type SQL } from 'drizzle-orm';

/** Draft order: whole-draft opinions first, then section by section, each in number order. */
export const DRAFT_ORDER = sql`coalesce(rs.position, -1), o.number`;

/** `page(rid)`, for a WITH clause; `where` and `order` may use `o` (opinions), `rs` (its section) and, when joined, `s`. */
export function opinionPage(where: SQL, order: SQL, limit: number, offset: number, joinStakeholders = false): SQL {
  return sql`page AS (
      SELECT o.rowid AS rid
      FROM opinions o INDEXED BY opinions_round_list_idx LEFT JOIN round_sections rs ON rs.id = o.section_id
        ${joinStakeholders ? sql`LEFT JOIN stakeholders s ON s.id = o.stakeholder_id` : sql``}
      WHERE ${where}
      ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})`;
}

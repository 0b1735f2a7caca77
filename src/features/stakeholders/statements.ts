/**
 * Set-based writes for many stakeholders at once. Rows travel as one JSON parameter read with `json_each`,
 * so a statement binds one value, far under D1's 100 bound parameters, and 5,000 rows need a dozen
 * statements instead of a thousand (D1 also caps queries per invocation).
 */
import { sql, type SQL } from 'drizzle-orm';
import { chunk } from '../../db/client';
import type { StakeholderCategory, StakeholderSource } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from '../mail/outbox';

/** Rows per JSON parameter: a few hundred kilobytes, well under D1's 2 MB value limit. */
export const ROWS_PER_JSON_STATEMENT = 400;

export type StakeholderRow = {
  id: string;
  name: string;
  organization: string;
  title: string;
  category: StakeholderCategory;
  email: string | null;
  emailNormalized: string | null;
  phone: string;
  phoneNormalized: string;
  notes: string;
  consent: boolean;
  source: StakeholderSource;
  searchText: string;
};

export type TagRow = { stakeholderId: string; tag: string };

/** drizzle (0.45) binds a batched raw query through its `stmt`, which `db.run(sql)` does not set: give it one. */
function raw(deps: Deps, query: SQL): Statement {
  const statement = deps.db.run(query);
  return Object.assign(statement, { stmt: deps.d1.prepare(statement.getQuery().sql) });
}

function jsonRows<T>(rows: readonly T[], encode: (row: T) => unknown): string[] {
  return chunk(rows, ROWS_PER_JSON_STATEMENT).map((part) => JSON.stringify(part.map(encode)));
}

const encodeRow = (r: Omit<StakeholderRow, 'source'>) => ({ ...r, consent: r.consent ? 1 : 0 });

export function insertStakeholders(deps: Deps, rows: readonly StakeholderRow[], now: Date): Statement[] {
  const at = now.getTime();
  return jsonRows(rows, encodeRow).map((json) =>
    raw(deps, sql`INSERT INTO stakeholders
      (id, name, organization, title, category, email, email_normalized, phone, phone_normalized, notes, consent, source, search_text, created_at, updated_at)
      SELECT j.value->>'$.id', j.value->>'$.name', j.value->>'$.organization', j.value->>'$.title', j.value->>'$.category',
        j.value->>'$.email', j.value->>'$.emailNormalized', j.value->>'$.phone', j.value->>'$.phoneNormalized', j.value->>'$.notes',
        j.value->>'$.consent', j.value->>'$.source', j.value->>'$.searchText', ${at}, ${at}
      FROM json_each(${json}) AS j`),
  );
}

/** Overwrites the given rows' fields (all of them: callers merge what changes into what is kept). */
export function updateStakeholders(deps: Deps, rows: readonly Omit<StakeholderRow, 'source'>[], now: Date): Statement[] {
  const at = now.getTime();
  return jsonRows(rows, encodeRow).map((json) =>
    raw(deps, sql`UPDATE stakeholders SET
        name = j.value->>'$.name', organization = j.value->>'$.organization', title = j.value->>'$.title',
        category = j.value->>'$.category', email = j.value->>'$.email', email_normalized = j.value->>'$.emailNormalized',
        phone = j.value->>'$.phone', phone_normalized = j.value->>'$.phoneNormalized', notes = j.value->>'$.notes',
        consent = j.value->>'$.consent', search_text = j.value->>'$.searchText', updated_at = ${at}
      FROM json_each(${json}) AS j
      WHERE stakeholders.id = j.value->>'$.id' AND stakeholders.erased_at IS NULL`),
  );
}

export function setSearchText(deps: Deps, rows: readonly { id: string; searchText: string }[], now: Date): Statement[] {
  const at = now.getTime();
  return jsonRows(rows, (r) => r).map((json) =>
    raw(deps, sql`UPDATE stakeholders SET search_text = j.value->>'$.searchText', updated_at = ${at}
      FROM json_each(${json}) AS j WHERE stakeholders.id = j.value->>'$.id'`),
  );
}

export function insertTags(deps: Deps, rows: readonly TagRow[]): Statement[] {
  return jsonRows(rows, (r) => r).map((json) =>
    raw(deps, sql`INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag)
      SELECT j.value->>'$.stakeholderId', j.value->>'$.tag' FROM json_each(${json}) AS j`),
  );
}

export function deleteAllTags(deps: Deps, stakeholderIds: readonly string[]): Statement[] {
  return jsonRows(stakeholderIds, (id) => id).map((json) =>
    raw(deps, sql`DELETE FROM stakeholder_tags WHERE stakeholder_id IN (SELECT value FROM json_each(${json}))`),
  );
}

export function deleteTag(deps: Deps, stakeholderIds: readonly string[], tag: string): Statement[] {
  return jsonRows(stakeholderIds, (id) => id).map((json) =>
    raw(deps, sql`DELETE FROM stakeholder_tags WHERE tag = ${tag} AND stakeholder_id IN (SELECT value FROM json_each(${json}))`),
  );
}

export function setArchived(deps: Deps, stakeholderIds: readonly string[], archivedAt: Date | null, now: Date): Statement[] {
  const value = archivedAt ? archivedAt.getTime() : null;
  return jsonRows(stakeholderIds, (id) => id).map((json) =>
    raw(deps, sql`UPDATE stakeholders SET archived_at = ${value}, updated_at = ${now.getTime()}
      WHERE erased_at IS NULL AND id IN (SELECT value FROM json_each(${json}))`),
  );
}

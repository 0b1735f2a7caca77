/** Reading stakeholders: keyset-paged lists, one stakeholder, their tags. */
import { and, desc, eq, getTableColumns, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { auditLog, stakeholders, stakeholderTags } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { PAGE_SIZE, type ListFilters } from './schemas';

export type StakeholderRecord = typeof stakeholders.$inferSelect & { tags: string[] };
export type StakeholderPage = { items: StakeholderRecord[]; nextCursor: string | null };

/** Parameters per `IN (…)` list, under D1's 100 bound parameters with room for the other conditions. */
const IDS_PER_QUERY = 90;
const likeSpecialRe = /[\\%_]/g;

export function escapeLike(value: string): string {
  return value.replace(likeSpecialRe, (ch) => `\\${ch}`);
}

function listConditions(filters: Omit<ListFilters, 'cursor'>): SQL[] {
  // (erased_at, archived_at, id) is indexed: these two conditions and the id order are served by one index.
  const conditions: SQL[] = [isNull(stakeholders.erasedAt), filters.archived ? isNotNull(stakeholders.archivedAt) : isNull(stakeholders.archivedAt)];
  if (filters.category) conditions.push(eq(stakeholders.category, filters.category));
  if (filters.tag) {
    const tagged = sql`SELECT ${stakeholderTags.stakeholderId} FROM ${stakeholderTags} WHERE ${stakeholderTags.tag} = ${filters.tag}`;
    conditions.push(sql`${stakeholders.id} IN (${tagged})`);
  }
  if (filters.q) conditions.push(sql`${stakeholders.searchText} LIKE ${`%${escapeLike(filters.q.toLowerCase())}%`} ESCAPE '\\'`);
  return conditions;
}

/** A stakeholder's tags as a JSON array in tag order, read with the row itself: a page of the list is one statement. */
// Ordered in a subquery rather than with ORDER BY inside the aggregate, which needs SQLite 3.44.
const tagsJson = sql<string>`(SELECT json_group_array(tag) FROM (SELECT ${stakeholderTags.tag} AS tag
  FROM ${stakeholderTags} WHERE ${stakeholderTags.stakeholderId} = ${stakeholders.id} ORDER BY ${stakeholderTags.tag}))`;

/** Newest first, `limit` (and one more, to know whether a next page exists) after `cursor`: the query, to run in a batch. */
export function stakeholderListQuery(deps: Deps, filters: ListFilters, limit = PAGE_SIZE) {
  const conditions = listConditions(filters);
  if (filters.cursor) conditions.push(lt(stakeholders.id, filters.cursor));
  return deps.db
    .select({ ...getTableColumns(stakeholders), tagsJson })
    .from(stakeholders)
    .where(and(...conditions))
    .orderBy(desc(stakeholders.id))
    .limit(limit + 1);
}

/** The page from stakeholderListQuery's rows; keyset paging (no OFFSET), so deep pages stay fast. */
export function toStakeholderPage(rows: Awaited<ReturnType<typeof stakeholderListQuery>>, limit = PAGE_SIZE): StakeholderPage {
  const items = rows.slice(0, limit).map(({ tagsJson: tags, ...row }): StakeholderRecord => ({ ...row, tags: JSON.parse(tags) as string[] }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function listStakeholders(deps: Deps, filters: ListFilters, limit = PAGE_SIZE): Promise<StakeholderPage> {
  return toStakeholderPage(await stakeholderListQuery(deps, filters, limit), limit);
}

/** Every matching stakeholder, page by page (for exports). */
export async function* allStakeholders(deps: Deps, filters: Omit<ListFilters, 'cursor'>, pageSize = 500): AsyncGenerator<StakeholderRecord> {
  let cursor: string | null = null;
  do {
    const page = await listStakeholders(deps, { ...filters, cursor }, pageSize);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

export async function tagsOf(deps: Deps, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>();
  for (const part of chunk(ids, IDS_PER_QUERY)) {
    const rows = await deps.db
      .select()
      .from(stakeholderTags)
      .where(inArray(stakeholderTags.stakeholderId, part))
      .orderBy(stakeholderTags.stakeholderId, stakeholderTags.tag);
    for (const row of rows) byId.set(row.stakeholderId, [...(byId.get(row.stakeholderId) ?? []), row.tag]);
  }
  return byId;
}

async function withTags(deps: Deps, rows: (typeof stakeholders.$inferSelect)[]): Promise<StakeholderRecord[]> {
  const tags = await tagsOf(deps, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, tags: tags.get(row.id) ?? [] }));
}

export async function findStakeholder(deps: Deps, id: string): Promise<StakeholderRecord | null> {
  const row = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, id)).get();
  if (!row) return null;
  const [record] = await withTags(deps, [row]);
  return record ?? null;
}

/** Live (not erased) stakeholders among these ids. */
export async function findLiveStakeholders(deps: Deps, ids: readonly string[]): Promise<StakeholderRecord[]> {
  const rows = [];
  for (const part of chunk(ids, IDS_PER_QUERY)) {
    rows.push(...(await deps.db.select().from(stakeholders).where(and(inArray(stakeholders.id, part), isNull(stakeholders.erasedAt)))));
  }
  return withTags(deps, rows);
}

export async function findByNormalizedEmails(deps: Deps, emails: readonly string[]): Promise<StakeholderRecord[]> {
  const rows = [];
  for (const part of chunk(emails, IDS_PER_QUERY)) {
    rows.push(...(await deps.db.select().from(stakeholders).where(inArray(stakeholders.emailNormalized, part))));
  }
  return withTags(deps, rows);
}

/** Stakeholders without an email are matched on name and organization, so a re-import does not duplicate them. */
export async function findWithoutEmailByNames(deps: Deps, names: readonly string[]): Promise<StakeholderRecord[]> {
  const rows = [];
  for (const part of chunk([...new Set(names)], IDS_PER_QUERY)) {
    rows.push(
      ...(await deps.db
        .select()
        .from(stakeholders)
        .where(and(inArray(stakeholders.name, part), isNull(stakeholders.emailNormalized), isNull(stakeholders.erasedAt)))),
    );
  }
  return withTags(deps, rows);
}

/** Who else already has this address, if anyone. */
export async function emailClash(deps: Deps, emailNormalized: string | null, exceptId?: string) {
  if (!emailNormalized) return null;
  const where = exceptId
    ? and(eq(stakeholders.emailNormalized, emailNormalized), ne(stakeholders.id, exceptId))
    : eq(stakeholders.emailNormalized, emailNormalized);
  return (await deps.db.select({ id: stakeholders.id, name: stakeholders.name }).from(stakeholders).where(where).get()) ?? null;
}

/** The audit entries about one stakeholder, newest first. */
export async function stakeholderHistory(deps: Deps, id: string, limit = 20) {
  return deps.db
    .select({ action: auditLog.action, actorLabel: auditLog.actorLabel, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'stakeholder'), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}

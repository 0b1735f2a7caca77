/**
 * The triage list: a round's opinions as staff see them, filtered and paged in SQL, counted by disposition with
 * GROUP BY; a round can hold tens of thousands of opinions and a page never loads more than it shows.
 */
import { sql, type SQL } from 'drizzle-orm';
import { CHANNELS, DISPOSITIONS, STAKEHOLDER_CATEGORIES, type Channel, type Disposition, type StakeholderCategory } from '../../db/schema';
import { allRows } from '../../db/client';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';
import { groupSimilar } from './grouping';
import { DRAFT_ORDER, opinionPage } from './opinion-page';
import { templatesQuery, type ReplyTemplate } from './templates';

export type TriageItem = {
  id: string;
  /** The opinion's number in its round (意见7), fixed when it was given: the same in triage, the summary and letters. */
  number: number;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  authorName: string;
  authorOrganization: string;
  category: StakeholderCategory | null;
  channel: Channel;
  heardAt: Date;
  text: string;
  disposition: Disposition;
  reply: string;
  assignee: string;
  redacted: boolean;
  /** Open link: whether the typed address is confirmed; null when none was typed. */
  confirmed: boolean | null;
};

/** `section` is a section id or `whole`; `assignee` is a name or `none` for unassigned. Empty means any. */
export type TriageFilters = { section: string; category: string; channel: string; disposition: string; assignee: string };

export const NO_ASSIGNEE = 'none';
export const WHOLE_DRAFT = 'whole';
/** Opinions shown per page of triage. */
export const TRIAGE_PAGE_SIZE = 50;

export function filtersFrom(query: Record<string, string | undefined>): TriageFilters {
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) => (value && (allowed as readonly string[]).includes(value) ? value : '');
  return {
    section: query.section ?? '',
    category: pick(query.category, STAKEHOLDER_CATEGORIES),
    channel: pick(query.channel, CHANNELS),
    disposition: pick(query.disposition, DISPOSITIONS),
    assignee: (query.assignee ?? '').trim(),
  };
}

type FilterColumns = Record<keyof TriageFilters, SQL>;

/** The filters as SQL conditions over the given columns; the disposition one only when asked for. */
function filterSql(f: TriageFilters, columns: FilterColumns, withDisposition: boolean): SQL {
  const conditions: SQL[] = [sql`1`];
  if (f.section) conditions.push(f.section === WHOLE_DRAFT ? sql`${columns.section} IS NULL` : sql`${columns.section} = ${f.section}`);
  if (f.category) conditions.push(sql`${columns.category} = ${f.category}`);
  if (f.channel) conditions.push(sql`${columns.channel} = ${f.channel}`);
  if (f.assignee) conditions.push(sql`${columns.assignee} = ${f.assignee === NO_ASSIGNEE ? '' : f.assignee}`);
  if (withDisposition && f.disposition) conditions.push(sql`${columns.disposition} = ${f.disposition}`);
  return sql.join(conditions, sql` AND `);
}

const opinionColumns: FilterColumns = {
  section: sql`o.section_id`,
  category: sql`coalesce(o.author_category, s.category)`,
  channel: sql`o.channel`,
  disposition: sql`o.disposition`,
  assignee: sql`o.assignee`,
};

/** A TriageItem as SQLite returns it: epoch milliseconds and 0/1 flags. */
type ItemRow = Omit<TriageItem, 'heardAt' | 'redacted' | 'confirmed'> & { heardAt: number; redacted: number; emailConfirmed: number | null };

/** The round's opinions matching the filters, in draft order. */
function itemsQuery(deps: Deps, roundId: string, filters: TriageFilters, limit: number, offset = 0) {
  return itemsWhere(deps, sql`o.round_id = ${roundId} AND ${filterSql(filters, opinionColumns, true)}`, Boolean(filters.category), limit, offset);
}

/** The page's opinions (opinion-page.ts) joined to their texts and authors, in draft order. */
function itemsWhere(deps: Deps, where: SQL, joinStakeholders: boolean, limit: number, offset = 0) {
  // Erased stakeholders keep their opinions but lose their name and unit.
  return allRows<ItemRow>(deps, sql`WITH ${opinionPage(where, DRAFT_ORDER, limit, offset, joinStakeholders)}
    SELECT o.id AS id, o.number AS number, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading,
      CASE WHEN s.erased_at IS NOT NULL THEN '' ELSE coalesce(nullif(o.author_name, ''), s.name, '') END AS authorName,
      CASE WHEN s.erased_at IS NOT NULL THEN '' ELSE coalesce(nullif(o.author_organization, ''), s.organization, '') END AS authorOrganization,
      coalesce(o.author_category, s.category) AS category, o.channel AS channel, o.heard_at AS heardAt, o.text AS text, o.disposition AS disposition,
      o.reply AS reply, o.assignee AS assignee, o.redacted_text IS NOT NULL AS redacted, ${emailConfirmedSql} AS emailConfirmed
    FROM page JOIN opinions o ON o.rowid = page.rid
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN stakeholders s ON s.id = o.stakeholder_id
      LEFT JOIN responses ON responses.id = o.response_id
    ORDER BY ${DRAFT_ORDER}`);
}

function toItem({ emailConfirmed, redacted, heardAt, ...row }: ItemRow): TriageItem {
  return { ...row, heardAt: new Date(heardAt), redacted: Boolean(redacted), confirmed: confirmedFlag(emailConfirmed) };
}

type CountRow = { disposition: Disposition; n: number };

/** Counts by disposition under every filter but the disposition one, so they say what each choice would show. */
function countsQuery(deps: Deps, roundId: string, filters: TriageFilters) {
  // Stakeholders are joined only to filter by category: for every other filter the count reads an index alone.
  return allRows<CountRow>(deps, sql`SELECT o.disposition AS disposition, count(*) AS n
    FROM opinions o ${filters.category ? sql`LEFT JOIN stakeholders s ON s.id = o.stakeholder_id` : sql``}
    WHERE o.round_id = ${roundId} AND ${filterSql(filters, opinionColumns, false)}
    GROUP BY o.disposition`);
}

function assigneesQuery(deps: Deps, roundId: string) {
  return allRows<{ assignee: string }>(deps, sql`SELECT DISTINCT assignee FROM opinions WHERE round_id = ${roundId} AND assignee <> ''`);
}

export type TriageCounts = Record<Disposition, number> & { total: number };

export type TriagePage = {
  /** This page's opinions, in list order. */
  items: TriageItem[];
  counts: TriageCounts;
  /** Opinions under every filter, the disposition one included: what the pages hold. */
  matching: number;
  assignees: string[];
  /** 0-based, within 0 … pages − 1. */
  page: number;
  pages: number;
  /** The reply templates the bulk form offers. */
  templates: ReplyTemplate[];
};

/** One page (0-based) of the filtered opinions, the counts, the assignees to filter by and the templates: one D1 batch. */
export async function loadTriagePage(deps: Deps, roundId: string, filters: TriageFilters, page: number): Promise<TriagePage> {
  const wanted = Math.max(0, page);
  const [rows, countRows, assigneeRows, templates] = await deps.db.batch([
    itemsQuery(deps, roundId, filters, TRIAGE_PAGE_SIZE, wanted * TRIAGE_PAGE_SIZE),
    countsQuery(deps, roundId, filters),
    assigneesQuery(deps, roundId),
    templatesQuery(deps, roundId),
  ]);
  const counts = { total: 0, ...Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) } as TriageCounts;
  for (const row of countRows) {
    counts[row.disposition] = row.n;
    counts.total += row.n;
  }
  const matching = filters.disposition ? counts[filters.disposition as Disposition] : counts.total;
  const pages = Math.max(1, Math.ceil(matching / TRIAGE_PAGE_SIZE));
  const current = Math.min(wanted, pages - 1);
  // A page past the end (a stale link after opinions moved away) shows the last one instead: one more trip, rarely.
  const items = current === wanted ? rows : await itemsQuery(deps, roundId, filters, TRIAGE_PAGE_SIZE, current * TRIAGE_PAGE_SIZE);
  const assignees = assigneeRows.map((r) => r.assignee).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { items: items.map(toItem), counts, matching, assignees, page: current, pages, templates };
}

/** One opinion as triage lists it (with its number in the round), or null. */
export async function triageItem(deps: Deps, roundId: string, opinionId: string): Promise<TriageItem | null> {
  const [row] = await itemsWhere(deps, sql`o.round_id = ${roundId} AND o.id = ${opinionId}`, false, 1);
  return row ? toItem(row) : null;
}

/**
 * Opinions that say the same thing, together; groups of one stay where they are. Only the opinions given are
 * compared (one page of triage), so grouping costs the same however large the round grows.
 */
export function groupItems(items: TriageItem[]): TriageItem[][] {
  return groupSimilar(items);
}

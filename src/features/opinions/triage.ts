/** The triage list: a round's opinions as staff see them, filtered, counted by disposition, optionally grouped. */
import { asc, eq, sql } from 'drizzle-orm';
import { CHANNELS, DISPOSITIONS, opinions, responses, roundSections, stakeholders, STAKEHOLDER_CATEGORIES, type Channel, type Disposition, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';
import { groupSimilar } from './grouping';

export type TriageItem = {
  id: string;
  /** Position in the round's list (1-based), stable under filters, so "opinion 7" means the same everywhere. */
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

/** Every opinion of a round in draft order (whole-draft opinions first), numbered. */
export async function triageItems(deps: Deps, roundId: string): Promise<TriageItem[]> {
  const rows = await deps.db
    .select({
      o: opinions,
      sectionNumber: roundSections.number,
      sectionHeading: roundSections.heading,
      stakeholderName: stakeholders.name,
      stakeholderOrganization: stakeholders.organization,
      stakeholderCategory: stakeholders.category,
      erasedAt: stakeholders.erasedAt,
      emailConfirmed: emailConfirmedSql,
    })
    .from(opinions)
    .leftJoin(roundSections, eq(roundSections.id, opinions.sectionId))
    .leftJoin(stakeholders, eq(stakeholders.id, opinions.stakeholderId))
    .leftJoin(responses, eq(responses.id, opinions.responseId))
    .where(eq(opinions.roundId, roundId))
    .orderBy(sql`coalesce(${roundSections.position}, -1)`, asc(opinions.heardAt), asc(opinions.id));
  return rows.map((r, i) => ({
    id: r.o.id,
    number: i + 1,
    sectionId: r.o.sectionId,
    sectionNumber: r.sectionNumber,
    sectionHeading: r.sectionHeading,
    authorName: r.erasedAt ? '' : r.o.authorName || r.stakeholderName || '',
    authorOrganization: r.erasedAt ? '' : r.o.authorOrganization || r.stakeholderOrganization || '',
    category: r.o.authorCategory ?? r.stakeholderCategory ?? null,
    channel: r.o.channel,
    heardAt: r.o.heardAt,
    text: r.o.text,
    disposition: r.o.disposition,
    reply: r.o.reply,
    assignee: r.o.assignee,
    redacted: r.o.redactedText !== null,
    confirmed: confirmedFlag(r.emailConfirmed),
  }));
}

function matches(item: TriageItem, f: TriageFilters, withDisposition: boolean): boolean {
  if (f.section && (f.section === WHOLE_DRAFT ? item.sectionId !== null : item.sectionId !== f.section)) return false;
  if (f.category && item.category !== f.category) return false;
  if (f.channel && item.channel !== f.channel) return false;
  if (f.assignee && (f.assignee === NO_ASSIGNEE ? item.assignee !== '' : item.assignee !== f.assignee)) return false;
  if (withDisposition && f.disposition && item.disposition !== f.disposition) return false;
  return true;
}

export type TriageView = {
  items: TriageItem[];
  /** Counts by disposition under every filter but the disposition one, so they say what each choice would show. */
  counts: Record<Disposition, number> & { total: number };
  assignees: string[];
};

export function applyFilters(all: TriageItem[], filters: TriageFilters): TriageView {
  const counts = { total: 0, ...Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) } as TriageView['counts'];
  const items: TriageItem[] = [];
  for (const item of all) {
    if (!matches(item, filters, false)) continue;
    counts[item.disposition] += 1;
    counts.total += 1;
    if (!filters.disposition || item.disposition === filters.disposition) items.push(item);
  }
  const assignees = [...new Set(all.map((i) => i.assignee).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { items, counts, assignees };
}

/** Opinions that say the same thing, together; groups of one stay where they are. */
export function groupItems(items: TriageItem[]): TriageItem[][] {
  return groupSimilar(items);
}

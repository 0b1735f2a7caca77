/** What the public page shows: counts and every opinion's disposition and reply, each author as they chose. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DISPOSITIONS, opinions, responses, rounds, roundSections, stakeholders, type Disposition, type PublicationChoice, type StakeholderCategory } from '../../db/schema';
import { allRows } from '../../db/client';
import type { Deps } from '../../lib/deps';
import type { Translator } from '../../lib/i18n';
import type { ChangeView } from '../rounds/change-diffs';
import type { RoundWithSections } from '../rounds/service';
import { changesLedTo, changesOfLinks } from './opinion-changes';
import { diffVersions, latestVersion, type DiffEntry } from '../rounds/versions';

export type AuthorFacts = {
  /** The response's choice; null for an opinion heard offline, which is shown by unit only. */
  publication: PublicationChoice | null;
  name: string;
  organization: string;
  category: StakeholderCategory | null;
  erased: boolean;
};

/**
 * The author as published: 姓名（单位）, the unit alone, or a label for the kind of author ("一位企业代表") — never
 * more than the author allowed. An erased stakeholder is anonymous.
 */
export function publicAuthor(t: Translator, author: AuthorFacts): string {
  const anonymous = author.category ? t(`publication.author.${author.category}`) : t('publication.author.anonymous');
  if (author.erased) return anonymous;
  const choice = author.publication ?? 'unit_only';
  if (choice === 'anonymous') return anonymous;
  if (choice === 'unit_only') return author.organization || anonymous;
  if (author.name && author.organization) return `${author.name}（${author.organization}）`;
  return author.name || author.organization || anonymous;
}

export type PublicOpinion = {
  id: string;
  sectionId: string | null;
  author: AuthorFacts;
  /** The redacted text where staff set one; the original otherwise. */
  text: string;
  disposition: Disposition;
  reply: string;
  /** The draft changes this opinion led to. */
  changes: ChangeView[];
};

export type PublicResults = {
  round: typeof rounds.$inferSelect;
  sections: (typeof roundSections.$inferSelect)[];
  invited: number;
  responded: number;
  byDisposition: Record<Disposition, number>;
  opinions: PublicOpinion[];
  /** The draft's changes from version 1 to the latest; empty when it was never revised. */
  changes: DiffEntry[];
};

/** Null unless the round is published: an unpublished round is not there for the public. */
export async function loadPublicResults(deps: Deps, roundId: string): Promise<PublicResults | null> {
  const round = await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round || !round.publishedAt) return null;
  const [sections, funnel, rows] = await Promise.all([
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId)).orderBy(asc(roundSections.position)),
    deps.db.all<{ invited: number; responded: number | null }>(
      sql`SELECT count(*) AS invited, sum(status = 'responded') AS responded FROM invitations WHERE round_id = ${roundId} AND revoked_at IS NULL`,
    ),
    // Not in a batch: the joined tables share column names.
    deps.db
      .select({
        o: opinions,
        publication: responses.publication,
        respondentName: responses.respondentName,
        respondentOrganization: responses.respondentOrganization,
        respondentCategory: responses.respondentCategory,
        erasedAt: stakeholders.erasedAt,
        stakeholderCategory: stakeholders.category,
      })
      .from(opinions)
      .leftJoin(responses, eq(responses.id, opinions.responseId))
      .leftJoin(stakeholders, eq(stakeholders.id, opinions.stakeholderId))
      .leftJoin(roundSections, eq(roundSections.id, opinions.sectionId))
      .where(eq(opinions.roundId, roundId))
      .orderBy(sql`coalesce(${roundSections.position}, -1)`, asc(opinions.heardAt), asc(opinions.id)),
  ]);
  const byDisposition = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  const items = rows.map(({ o, ...r }): PublicOpinion => {
    byDisposition[o.disposition] += 1;
    return {
      id: o.id,
      sectionId: o.sectionId,
      author: {
        publication: r.publication ?? null,
        name: o.authorName || r.respondentName || '',
        organization: o.authorOrganization || r.respondentOrganization || '',
        category: o.authorCategory ?? r.respondentCategory ?? r.stakeholderCategory ?? null,
        erased: r.erasedAt !== null && r.erasedAt !== undefined,
      },
      text: o.redactedText ?? o.text,
      disposition: o.disposition,
      reply: o.reply,
      changes: [],
    };
  });
  const ledTo = await changesLedTo(deps, roundId, items.map((o) => o.id));
  for (const item of items) item.changes = ledTo.get(item.id) ?? [];
  const changes = await publishedChanges(deps, { ...round, sections });
  return { round, sections, changes, invited: funnel[0]?.invited ?? 0, responded: funnel[0]?.responded ?? 0, byDisposition, opinions: items };
}

async function publishedChanges(deps: Deps, round: RoundWithSections): Promise<DiffEntry[]> {
  const latest = await latestVersion(deps, round);
  if (latest.number === 1) return [];
  const diff = await diffVersions(deps, round, 1, latest.number);
  return diff.ok ? diff.value : [];
}

export type OwnOutcome = { id: string; sectionNumber: string | null; sectionHeading: string | null; text: string; disposition: Disposition; reply: string; changes: ChangeView[] };

type OutcomeRow = Omit<OwnOutcome, 'changes'>;
type OutcomeLink = { opinionId: string; changeId: string };

/**
 * outcomesOf's reads, to run in a batch with others: the stakeholder's opinions in draft order, and the draft
 * changes they are linked to. Every column has its own alias (a batch's rows are objects).
 */
export function outcomeQueries(deps: Deps, roundId: string, stakeholderId: string) {
  return [
    allRows<OutcomeRow>(deps, sql`SELECT o.id AS id, rs.number AS sectionNumber, rs.heading AS sectionHeading, o.text AS text, o.disposition AS disposition, o.reply AS reply
      FROM opinions o LEFT JOIN round_sections rs ON rs.id = o.section_id
      WHERE o.round_id = ${roundId} AND o.stakeholder_id = ${stakeholderId}
      ORDER BY coalesce(rs.position, -1), o.heard_at, o.id`),
    allRows<OutcomeLink>(deps, sql`SELECT oc.opinion_id AS opinionId, oc.change_id AS changeId
      FROM opinion_changes oc JOIN opinions o ON o.id = oc.opinion_id
      WHERE o.round_id = ${roundId} AND o.stakeholder_id = ${stakeholderId}`),
  ] as const;
}

/** The outcomes from outcomeQueries' rows; the linked changes' texts are read only when there are any. */
export async function outcomesFrom(deps: Deps, roundId: string, rows: OutcomeRow[], linkRows: OutcomeLink[]): Promise<OwnOutcome[]> {
  const links = new Map<string, string[]>();
  for (const { opinionId, changeId } of linkRows) links.set(opinionId, [...(links.get(opinionId) ?? []), changeId]);
  const ledTo = await changesOfLinks(deps, roundId, links);
  return rows.map((row) => ({ ...row, changes: ledTo.get(row.id) ?? [] }));
}

/** One stakeholder's opinions in one round (online and offline) with what became of them, in draft order. */
export async function outcomesOf(deps: Deps, roundId: string, stakeholderId: string): Promise<OwnOutcome[]> {
  const [rows, links] = await deps.db.batch(outcomeQueries(deps, roundId, stakeholderId));
  return outcomesFrom(deps, roundId, rows, links);
}

/** Stakeholders who gave opinions in a round and may be mailed about them. */
export async function mailableAuthors(deps: Deps, roundId: string) {
  return deps.db
    .selectDistinct({ id: stakeholders.id, name: stakeholders.name, email: stakeholders.email, emailNormalized: stakeholders.emailNormalized })
    .from(opinions)
    .innerJoin(stakeholders, eq(stakeholders.id, opinions.stakeholderId))
    .where(and(eq(opinions.roundId, roundId), isNull(stakeholders.erasedAt), isNull(stakeholders.unmailableReason), eq(stakeholders.consent, true), sql`${stakeholders.email} IS NOT NULL`))
    .orderBy(asc(stakeholders.id));
}

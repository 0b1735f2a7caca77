/**
 * One round's summary (意见采纳情况汇总): the figures and rows that the page, the JSON API and every download share.
 * The head (round, sections, figures) is one batch; opinions are read a page or a chunk at a time.
 */
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { allRows } from '../../db/client';
import { meetings, rounds, roundSections, type Channel, type Disposition, type PublicationChoice, type RoundStatus, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';
import { DRAFT_ORDER, opinionPage } from '../opinions/opinion-page';
import type { RoundWithSections } from '../rounds/service';
import { figuresFromKept, keptFiguresQuery } from './figures-cache';
import { emptyDispositions, WHOLE_DRAFT_KEY, type DispositionCounts, type RoundFigures } from './figures';

export type SummaryRound = {
  id: string;
  title: string;
  status: RoundStatus;
  draftTitle: string | null;
  opensAt: Date;
  closesAt: Date;
  /** Set when the round closed, early or on time. */
  closedAt: Date | null;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  shortPeriodReason: string | null;
  publishedAt: Date | null;
};

export type SummaryOpinion = {
  /** 序号: the opinion's number in its round, given once when it arrived (see opinions/numbering.ts). */
  seq: number;
  id: string;
  /** The stakeholder the opinion came from, when known: reply letters are addressed to them. */
  stakeholderId: string | null;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  text: string;
  authorName: string;
  authorOrganization: string;
  /** The author asked for erasure: the opinion stays, attributed to an erased stakeholder. */
  authorErased: boolean;
  authorCategory: StakeholderCategory | null;
  /** How the author let themselves be published; null for an opinion heard offline. */
  publication: PublicationChoice | null;
  channel: Channel;
  heardAt: Date;
  disposition: Disposition;
  reply: string;
  /** Open link: whether the typed address is confirmed; null when none was typed. */
  confirmed: boolean | null;
};

/** `id` null: opinions on the draft as a whole. */
export type SummarySection = { id: string | null; number: string | null; heading: string | null; depth: number; opinions: number; dispositions: DispositionCounts };

/** What every view of a summary starts from: the round, its figures (counted in SQL) and its sections. */
export type SummaryHead = {
  round: SummaryRound;
  figures: RoundFigures;
  sections: SummarySection[];
};

/** The summary with every opinion in memory: only for reply letters, which answer each opinion of a stakeholder. */
export type Summary = SummaryHead & { opinions: SummaryOpinion[] };

type OpinionRow = {
  id: string;
  seq: number;
  stakeholderId: string | null;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  text: string;
  authorName: string;
  authorOrganization: string;
  authorCategory: StakeholderCategory | null;
  publication: PublicationChoice | null;
  authorErased: number;
  channel: Channel;
  heardAt: number;
  disposition: Disposition;
  reply: string;
  emailConfirmed: number | null;
};

/** The round's opinions that `where` picks, in `order`, with the author as the office knows them (a page: opinion-page.ts). */
function opinionsQuery(deps: Deps, where: SQL, order: SQL, limit = -1, offset = 0) {
  // Erased stakeholders keep their opinions but lose their name, as on the response board.
  return allRows<OpinionRow>(deps, sql`WITH ${opinionPage(where, order, limit, offset)}
    SELECT o.id AS id, o.number AS seq, o.stakeholder_id AS stakeholderId, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading,
      o.text AS text,
      CASE WHEN s.erased_at IS NOT NULL THEN '' ELSE coalesce(nullif(o.author_name, ''), s.name, '') END AS authorName,
      coalesce(nullif(o.author_organization, ''), s.organization, '') AS authorOrganization,
      coalesce(o.author_category, s.category) AS authorCategory, responses.publication AS publication, s.erased_at IS NOT NULL AS authorErased,
      o.channel AS channel, o.heard_at AS heardAt, o.disposition AS disposition, o.reply AS reply,
      ${emailConfirmedSql} AS emailConfirmed
    FROM page JOIN opinions o ON o.rowid = page.rid
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN stakeholders s ON s.id = o.stakeholder_id
      LEFT JOIN responses ON responses.id = o.response_id
    ORDER BY ${order}`);
}

export function toOpinion({ emailConfirmed, ...row }: OpinionRow): SummaryOpinion {
  return { ...row, authorErased: Boolean(row.authorErased), heardAt: new Date(row.heardAt), confirmed: confirmedFlag(emailConfirmed) };
}

/** `limit` opinions of the round in draft order from `offset` (limit −1: all of them), to run alone or in a batch. */
export function summaryOpinionPageQuery(deps: Deps, roundId: string, offset: number, limit: number) {
  return opinionsQuery(deps, sql`o.round_id = ${roundId}`, DRAFT_ORDER, limit, offset);
}

export async function summaryOpinionPage(deps: Deps, roundId: string, offset: number, limit: number): Promise<SummaryOpinion[]> {
  return (await summaryOpinionPageQuery(deps, roundId, offset, limit)).map(toOpinion);
}

/** Opinions per D1 read when a download walks a round: about half a megabyte of rows. */
export const OPINION_CHUNK = 1000;

/**
 * Every opinion of the round in draft order, in chunks: section by section (only those with opinions), each read by
 * keyset on its number along the (round, section, number) index. One chunk is in memory at a time, and no read
 * costs more than its chunk, so a download of 100,000 opinions reads as fast at its end as at its start.
 */
export async function* summaryOpinionChunks(deps: Deps, head: SummaryHead, size = OPINION_CHUNK): AsyncGenerator<SummaryOpinion[]> {
  for (const section of head.sections) {
    if (section.opinions === 0) continue;
    for (let after = 0; ; ) {
      const rows = await opinionsQuery(deps, sql`o.round_id = ${head.round.id} AND o.section_id IS ${section.id} AND o.number > ${after}`, sql`o.number`, size);
      if (rows.length) yield rows.map(toOpinion);
      if (rows.length < size) break;
      after = rows[rows.length - 1]!.seq;
    }
  }
}

/**
 * The round, its sections and its kept figures in one D1 batch (two more when the figures are counted again after a
 * change); `record` is the round as rounds/service.ts loads it.
 */
export async function loadSummaryHead(deps: Deps, roundId: string): Promise<(SummaryHead & { record: RoundWithSections }) | null> {
  const [found, sections, kept] = await deps.db.batch([
    deps.db.select().from(rounds).where(eq(rounds.id, roundId)),
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId)).orderBy(asc(roundSections.position)),
    keptFiguresQuery(deps, [roundId]),
  ]);
  const round = found[0];
  if (!round) return null;
  const figures = (await figuresFromKept(deps, [roundId], kept)).get(roundId)!;
  const section = (id: string | null, number: string | null, heading: string | null, depth: number): SummarySection => {
    const counted = figures.bySection[id ?? WHOLE_DRAFT_KEY];
    return { id, number, heading, depth, opinions: counted?.opinions ?? 0, dispositions: counted?.dispositions ?? emptyDispositions() };
  };
  return {
    round: {
      id: round.id,
      title: round.title,
      status: round.status,
      draftTitle: round.draftTitle,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      closedAt: round.closedAt,
      contactName: round.contactName,
      contactPhone: round.contactPhone,
      contactAddress: round.contactAddress,
      shortPeriodReason: round.shortPeriodReason,
      publishedAt: round.publishedAt,
    },
    figures,
    sections: [section(null, null, null, 0), ...sections.map((s) => section(s.id, s.number, s.heading, s.depth))],
    record: { ...round, sections },
  };
}

/** The head and every opinion, in draft order. */
export async function loadSummary(deps: Deps, roundId: string): Promise<Summary | null> {
  const loaded = await loadSummaryHead(deps, roundId);
  if (!loaded) return null;
  const { record: _, ...head } = loaded;
  return { ...head, opinions: await summaryOpinionPage(deps, roundId, 0, -1) };
}

export type HeldMeeting = { number: number; series: string; title: string; startsAt: Date | null };

/** The round's meetings that were not cancelled, in order: the reply letter lists them (第N期早餐会). */
export async function roundMeetings(deps: Deps, roundId: string): Promise<HeldMeeting[]> {
  return deps.db
    .select({ number: meetings.number, series: meetings.series, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.roundId, roundId), ne(meetings.status, 'cancelled')))
    .orderBy(asc(meetings.startsAt), asc(meetings.number));
}

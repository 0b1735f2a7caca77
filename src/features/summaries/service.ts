/** One round's summary (意见采纳情况汇总): the figures and rows that the page, the JSON API and every download share. */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { meetings, rounds, roundSections, type Channel, type Disposition, type PublicationChoice, type RoundStatus, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';
import { emptyDispositions, figuresOf, WHOLE_DRAFT_KEY, type DispositionCounts, type RoundFigures } from './figures';

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

export type Summary = {
  round: SummaryRound;
  figures: RoundFigures;
  sections: SummarySection[];
  opinions: SummaryOpinion[];
};

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

/** Every opinion of the round in draft order (the whole draft first), with the author as the office knows them. */
async function summaryOpinions(deps: Deps, roundId: string): Promise<SummaryOpinion[]> {
  // Erased stakeholders keep their opinions but lose their name, as on the response board.
  const rows = await deps.db.all<OpinionRow>(sql`SELECT o.id AS id, o.number AS seq, o.stakeholder_id AS stakeholderId, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading,
      o.text AS text,
      CASE WHEN s.erased_at IS NOT NULL THEN '' ELSE coalesce(nullif(o.author_name, ''), s.name, '') END AS authorName,
      coalesce(nullif(o.author_organization, ''), s.organization, '') AS authorOrganization,
      coalesce(o.author_category, s.category) AS authorCategory, responses.publication AS publication, s.erased_at IS NOT NULL AS authorErased,
      o.channel AS channel, o.heard_at AS heardAt, o.disposition AS disposition, o.reply AS reply,
      ${emailConfirmedSql} AS emailConfirmed
    FROM opinions o
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN stakeholders s ON s.id = o.stakeholder_id
      LEFT JOIN responses ON responses.id = o.response_id
    WHERE o.round_id = ${roundId}
    ORDER BY coalesce(rs.position, -1), o.number`);
  return rows.map(({ emailConfirmed, ...row }) => ({
    ...row,
    authorErased: Boolean(row.authorErased),
    heardAt: new Date(row.heardAt),
    confirmed: confirmedFlag(emailConfirmed),
  }));
}

export async function loadSummary(deps: Deps, roundId: string): Promise<Summary | null> {
  const [found, sections] = await deps.db.batch([
    deps.db.select().from(rounds).where(eq(rounds.id, roundId)),
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId)).orderBy(asc(roundSections.position)),
  ]);
  const round = found[0];
  if (!round) return null;
  const [figures, opinions] = await Promise.all([figuresOf(deps, roundId), summaryOpinions(deps, roundId)]);
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
    opinions,
  };
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

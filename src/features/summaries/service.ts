/** One round's summary (意见采纳情况汇总): the figures and rows that the page, the JSON API and every download share. */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import {
  DISPOSITIONS,
  meetings,
  responses,
  rounds,
  roundSections,
  STAKEHOLDER_CATEGORIES,
  type Channel,
  type Disposition,
  type RoundStatus,
  type StakeholderCategory,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';
import { roundStats } from '../rounds/board';

export type DispositionCounts = Record<Disposition, number>;
export type CategoryFigures = { invited: number; responded: number; declined: number };

export type SummaryRound = {
  id: string;
  title: string;
  status: RoundStatus;
  draftTitle: string | null;
  opensAt: Date;
  closesAt: Date;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  shortPeriodReason: string | null;
  publishedAt: Date | null;
};

export type SummaryOpinion = {
  /** 序号: the row's number in the table, from 1, in draft order. */
  seq: number;
  id: string;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  text: string;
  authorName: string;
  authorOrganization: string;
  /** The author asked for erasure: the opinion stays, attributed to an erased stakeholder. */
  authorErased: boolean;
  authorCategory: StakeholderCategory | null;
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
  invited: number;
  responded: number;
  declined: number;
  /** responded ÷ invited, 0 when nobody was invited. */
  responseRate: number;
  /** Submitted responses, through personal and open links alike (书面反馈). */
  writtenResponses: number;
  byCategory: Partial<Record<StakeholderCategory, CategoryFigures>>;
  byChannel: Partial<Record<Channel, number>>;
  dispositions: DispositionCounts;
  sections: SummarySection[];
  opinions: SummaryOpinion[];
};

export const emptyDispositions = (): DispositionCounts => Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as DispositionCounts;

type OpinionRow = {
  id: string;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  text: string;
  authorName: string;
  authorOrganization: string;
  authorErased: 0 | 1;
  authorCategory: StakeholderCategory | null;
  channel: Channel;
  heardAt: number;
  disposition: Disposition;
  reply: string;
  emailConfirmed: number | null;
};

/** Every opinion of the round in draft order (the whole draft first), with the author as the office knows them. */
async function summaryOpinions(deps: Deps, roundId: string): Promise<SummaryOpinion[]> {
  // Erased stakeholders keep their opinions but lose their name, as on the response board.
  const rows = await deps.db.all<OpinionRow>(sql`SELECT o.id AS id, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading,
      o.text AS text,
      CASE WHEN s.erased_at IS NOT NULL THEN '' ELSE coalesce(nullif(o.author_name, ''), s.name, '') END AS authorName,
      coalesce(nullif(o.author_organization, ''), s.organization, '') AS authorOrganization,
      s.erased_at IS NOT NULL AS authorErased,
      coalesce(o.author_category, s.category) AS authorCategory,
      o.channel AS channel, o.heard_at AS heardAt, o.disposition AS disposition, o.reply AS reply,
      ${emailConfirmedSql} AS emailConfirmed
    FROM opinions o
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN stakeholders s ON s.id = o.stakeholder_id
      LEFT JOIN responses ON responses.id = o.response_id
    WHERE o.round_id = ${roundId}
    ORDER BY coalesce(rs.position, -1), o.heard_at, o.id`);
  return rows.map(({ emailConfirmed, ...row }, index) => ({
    ...row,
    seq: index + 1,
    heardAt: new Date(row.heardAt),
    authorErased: row.authorErased === 1,
    confirmed: confirmedFlag(emailConfirmed),
  }));
}

export async function loadSummary(deps: Deps, roundId: string): Promise<Summary | null> {
  const [found, sections, written] = await deps.db.batch([
    deps.db.select().from(rounds).where(eq(rounds.id, roundId)),
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId)).orderBy(asc(roundSections.position)),
    deps.db.select({ n: sql<number>`count(*)` }).from(responses).where(and(eq(responses.roundId, roundId), eq(responses.status, 'submitted'))),
  ]);
  const round = found[0];
  if (!round) return null;
  const [stats, opinions] = await Promise.all([roundStats(deps, roundId), summaryOpinions(deps, roundId)]);

  const dispositions = emptyDispositions();
  const bySection = new Map<string | null, SummarySection>();
  bySection.set(null, { id: null, number: null, heading: null, depth: 0, opinions: 0, dispositions: emptyDispositions() });
  for (const s of sections) bySection.set(s.id, { id: s.id, number: s.number, heading: s.heading, depth: s.depth, opinions: 0, dispositions: emptyDispositions() });
  for (const o of opinions) {
    dispositions[o.disposition] += 1;
    const section = bySection.get(o.sectionId);
    if (!section) continue;
    section.opinions += 1;
    section.dispositions[o.disposition] += 1;
  }

  const byCategory: Summary['byCategory'] = {};
  for (const category of STAKEHOLDER_CATEGORIES) {
    const funnel = stats.byCategory[category];
    if (funnel) byCategory[category] = { invited: funnel.invited, responded: funnel.responded, declined: funnel.declined };
  }
  return {
    round: {
      id: round.id,
      title: round.title,
      status: round.status,
      draftTitle: round.draftTitle,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      contactName: round.contactName,
      contactPhone: round.contactPhone,
      contactAddress: round.contactAddress,
      shortPeriodReason: round.shortPeriodReason,
      publishedAt: round.publishedAt,
    },
    invited: stats.invited,
    responded: stats.responded,
    declined: stats.declined,
    responseRate: stats.invited ? Math.round((stats.responded / stats.invited) * 10000) / 10000 : 0,
    writtenResponses: written[0]?.n ?? 0,
    byCategory,
    byChannel: stats.opinions.byChannel,
    dispositions,
    sections: [...bySection.values()],
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

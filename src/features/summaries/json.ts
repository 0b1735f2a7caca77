/** The summary as JSON for scripts: the same figures as the page, opinions optionally paged with offset/limit. */
import type { RoundFigures } from './figures';
import type { SummaryHead, SummaryOpinion } from './service';

export const PAGE_LIMIT_MAX = 5000;
/** Far more opinions than a round holds: a bigger offset is a mistake, not a page. */
export const PAGE_OFFSET_MAX = 1_000_000;

/** The figures as the API gives them, here and in /api/v1/rounds/{id}/stats; sections are listed with their labels. */
export function figuresJson(f: RoundFigures) {
  return {
    invited: f.invited,
    opened: f.opened,
    heard: f.heard,
    heardInvited: f.heardInvited,
    declined: f.declined,
    responseRate: f.responseRate,
    heardByChannel: f.heardByChannel,
    byCategory: f.byCategory,
    /** Opinions (not people) by channel. */
    byChannel: f.opinions.byChannel,
    opinionCounts: { total: f.opinions.total, online: f.opinions.online, offline: f.opinions.offline },
    dispositions: f.dispositions,
  };
}

/** `opinions`: the page of opinions that `paging` asks for, read in SQL (all of them from the offset when no limit). */
export function summaryJson(summary: SummaryHead, opinions: SummaryOpinion[], paging: { offset: number; limit: number | null } = { offset: 0, limit: null }) {
  const { round } = summary;
  const total = summary.figures.opinions.total;
  const end = paging.limit === null ? undefined : paging.offset + paging.limit;
  const next = end !== undefined && end < total ? end : null;
  return {
    round: {
      id: round.id,
      title: round.title,
      status: round.status,
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      closedAt: round.closedAt?.toISOString() ?? null,
      publishedAt: round.publishedAt?.toISOString() ?? null,
    },
    ...figuresJson(summary.figures),
    sections: summary.sections.map(({ id, number, heading, opinions: n, dispositions }) => ({ id, number, heading, opinions: n, dispositions })),
    opinionsTotal: total,
    nextOffset: next,
    opinions: opinions.map((o) => ({
      seq: o.seq,
      id: o.id,
      sectionId: o.sectionId,
      sectionNumber: o.sectionNumber,
      sectionHeading: o.sectionHeading,
      text: o.text,
      authorName: o.authorName,
      authorOrganization: o.authorOrganization,
      authorCategory: o.authorCategory,
      channel: o.channel,
      heardAt: o.heardAt.toISOString(),
      disposition: o.disposition,
      reply: o.reply,
      confirmed: o.confirmed,
    })),
  };
}

/**
 * What the round page's board shows, bounded however large the round grows: the figures counted in SQL, one page
 * of invitees, the latest opinions as excerpts, and the page's extras (round-extras.ts). One D1 batch (one more when a
 * stale link asks for a page past the end, two more when the figures changed since they were last counted).
 */
import type { Deps } from '../../lib/deps';
import type { RoundFigures } from '../summaries/figures';
import { figuresFromKept, keptFiguresQuery } from '../summaries/figures-cache';
import { roundExtrasFrom, roundExtrasQueries, type RoundExtras } from './round-extras';
import type { RoundRow } from './service';
import { inviteeCountQuery, inviteePageQuery, latestOpinionsQuery, toInviteeRow, toOpinionExcerpt, type InviteeRow, type OpinionExcerpt } from './board';

export const INVITEES_PER_PAGE = 50;
export const LATEST_OPINIONS = 30;

/** `page` is 1-based. */
export type InviteePager = { page: number; pages: number; total: number; size: number };

export type RoundBoard = { stats: RoundFigures; invitees: InviteeRow[]; inviteePager: InviteePager; latest: OpinionExcerpt[] };

export async function loadRoundBoard(deps: Deps, round: RoundRow, inviteePage: number): Promise<RoundBoard & { extras: RoundExtras }> {
  const roundId = round.id;
  const wanted = Math.max(1, inviteePage);
  const [kept, inviteeRows, inviteeCount, latest, audience, previous] = await deps.db.batch([
    keptFiguresQuery(deps, [roundId]),
    inviteePageQuery(deps, roundId, wanted, INVITEES_PER_PAGE),
    inviteeCountQuery(deps, roundId),
    latestOpinionsQuery(deps, roundId, LATEST_OPINIONS),
    ...roundExtrasQueries(deps, round),
  ]);
  const stats = (await figuresFromKept(deps, [roundId], kept)).get(roundId)!;
  const total = inviteeCount[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / INVITEES_PER_PAGE));
  const page = Math.min(wanted, pages);
  const rows = page === wanted ? inviteeRows : await inviteePageQuery(deps, roundId, page, INVITEES_PER_PAGE);
  return {
    stats,
    invitees: rows.map(toInviteeRow),
    inviteePager: { page, pages, total, size: INVITEES_PER_PAGE },
    latest: latest.map(toOpinionExcerpt),
    extras: roundExtrasFrom(audience, previous),
  };
}

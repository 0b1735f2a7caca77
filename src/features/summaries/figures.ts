/**
 * A round's figures, computed once for every place that shows them: the rounds list, the round page (response board),
 * the summary page, the summary JSON, CSV, XLSX, DOCX and the reply letter. Everything is aggregated in SQL: a round
 * can hold twelve thousand opinions, and none of them needs to be loaded to count them.
 */
import { sql } from 'drizzle-orm';
import { DISPOSITIONS, type Channel, type Disposition, type StakeholderCategory } from '../../db/schema';
import { allRows } from '../../db/client';
import type { Deps } from '../../lib/deps';

export type DispositionCounts = Record<Disposition, number>;
export const emptyDispositions = (): DispositionCounts => Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as DispositionCounts;

/** How a stakeholder was heard, as offices report it: 在线, 电话, 当面, 书面来函, 会议. */
export const CHANNEL_GROUPS = ['online', 'phone', 'in_person', 'letter', 'meeting'] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];

/** An emailed opinion is a written one (the 意见反馈表 sent back by email), so it counts with letters. */
export const CHANNEL_GROUP: Record<Channel, ChannelGroup> = {
  link: 'online',
  open_link: 'online',
  email: 'letter',
  phone: 'phone',
  in_person: 'in_person',
  letter: 'letter',
  meeting: 'meeting',
};

/** One category of the invited audience: invited, opened their link, heard by any channel, declined (and not heard). */
export type CategoryFigures = { invited: number; opened: number; heard: number; declined: number };

export type RoundFigures = {
  /** Live (unrevoked) invitations: the audience the response rate is measured against. */
  invited: number;
  opened: number;
  /** Every stakeholder heard in the round by any channel, each once, the uninvited (open link, walk-ins) included. */
  heard: number;
  /** Invited stakeholders who were heard by any channel. */
  heardInvited: number;
  /** Invited stakeholders who said they would not comment and were not heard otherwise. */
  declined: number;
  /** heardInvited ÷ invited (0–1, four decimals), 0 when nobody was invited. */
  responseRate: number;
  /** Stakeholders heard by each kind of channel; one heard by phone and at a meeting counts in both. */
  heardByChannel: Record<ChannelGroup, number>;
  byCategory: Partial<Record<StakeholderCategory, CategoryFigures>>;
  opinions: { total: number; online: number; offline: number; byChannel: Partial<Record<Channel, number>> };
  dispositions: DispositionCounts;
  /** Opinions, their dispositions and channels per section; the key '' is the draft as a whole. */
  bySection: Record<string, { opinions: number; dispositions: DispositionCounts; byChannel: Partial<Record<Channel, number>> }>;
};

export const WHOLE_DRAFT_KEY = '';

export function emptyFigures(): RoundFigures {
  return {
    invited: 0,
    opened: 0,
    heard: 0,
    heardInvited: 0,
    declined: 0,
    responseRate: 0,
    heardByChannel: Object.fromEntries(CHANNEL_GROUPS.map((g) => [g, 0])) as Record<ChannelGroup, number>,
    byCategory: {},
    opinions: { total: 0, online: 0, offline: 0, byChannel: {} },
    dispositions: emptyDispositions(),
    bySection: {},
  };
}

/** D1 allows 100 bound parameters a statement; the heard query binds the ids twice. */
export const FIGURE_IDS_PER_QUERY = 45;

type CategoryRow = { roundId: string; category: StakeholderCategory; invited: number; opened: number | null; heard: number | null; declined: number | null };
type HeardRow = { roundId: string } & Record<'heard' | ChannelGroup, number>;
type OpinionRow = { roundId: string; sectionId: string | null; channel: Channel; disposition: Disposition; n: number };

/** SQL for the group of a channel, written from CHANNEL_GROUP so the two cannot drift apart. */
const channelGroupSql = sql.raw(`CASE o.channel ${Object.entries(CHANNEL_GROUP).map(([c, g]) => `WHEN '${c}' THEN '${g}'`).join(' ')} END`);

/**
 * Who was heard: a stakeholder by their id; a response without one (an open-link respondent) by the response; an
 * opinion logged under a name only by that name and unit; an opinion with neither by itself (its rowid, which every
 * index holds: the statement then reads only opinions_round_list_idx, never the opinions' texts).
 */
function heardQuery(ids: string[]) {
  return sql`WITH heard(round_id, who, grp) AS (
      SELECT r.round_id, coalesce(i.stakeholder_id, r.stakeholder_id, 'response:' || r.id), 'online'
        FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id
        WHERE r.status = 'submitted' AND r.round_id IN ${ids}
      UNION
      SELECT o.round_id,
        coalesce(o.stakeholder_id, 'response:' || o.response_id,
          CASE WHEN o.author_name = '' AND o.author_organization = '' THEN 'opinion:' || o.rowid ELSE 'author:' || o.author_organization || '|' || o.author_name END),
        ${channelGroupSql}
        FROM opinions o WHERE o.round_id IN ${ids}
    )
    SELECT round_id AS roundId, count(DISTINCT who) AS heard,
      ${sql.raw(CHANNEL_GROUPS.map((g) => `count(DISTINCT CASE WHEN grp = '${g}' THEN who END) AS ${g}`).join(', '))}
    FROM heard GROUP BY round_id`;
}

/** The invited audience by category; an invitee counts as heard when they answered online or any opinion is theirs. */
function categoryQuery(ids: string[]) {
  return sql`SELECT q.round_id AS roundId, s.category AS category, count(*) AS invited, sum(q.opened) AS opened, sum(q.heard) AS heard,
      sum(q.status = 'declined' AND NOT q.heard) AS declined
    FROM (SELECT i.round_id, i.stakeholder_id, i.status, (i.opened_at IS NOT NULL OR i.status <> 'invited') AS opened,
        (i.status = 'responded'
          OR EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = i.id AND r.status = 'submitted')
          OR EXISTS (SELECT 1 FROM opinions o WHERE o.stakeholder_id = i.stakeholder_id AND o.round_id = i.round_id)) AS heard
      FROM invitations i WHERE i.round_id IN ${ids} AND i.revoked_at IS NULL) q
      JOIN stakeholders s ON s.id = q.stakeholder_id
    GROUP BY q.round_id, s.category ORDER BY s.category`;
}

function opinionQuery(ids: string[]) {
  return sql`SELECT round_id AS roundId, section_id AS sectionId, channel, disposition, count(*) AS n
    FROM opinions WHERE round_id IN ${ids} GROUP BY round_id, section_id, channel, disposition`;
}

/** The three counting statements of a group of at most FIGURE_IDS_PER_QUERY rounds, to run in one batch (alone or with others). */
export function figureQueries(deps: Deps, ids: string[]) {
  return [allRows<CategoryRow>(deps, categoryQuery(ids)), allRows<HeardRow>(deps, heardQuery(ids)), allRows<OpinionRow>(deps, opinionQuery(ids))] as const;
}

export type FigureRows = readonly [CategoryRow[], HeardRow[], OpinionRow[]];

/** Figures of the given rounds from the rows of their figureQueries; rounds without rows get zeros. */
export function figuresFromRows(roundIds: readonly string[], rowGroups: FigureRows[]): Map<string, RoundFigures> {
  const result = new Map<string, RoundFigures>(roundIds.map((id) => [id, emptyFigures()]));
  for (const [categories, heard, opinionRows] of rowGroups) {
    for (const row of categories) addCategory(result.get(row.roundId)!, row);
    for (const row of heard) {
      const f = result.get(row.roundId)!;
      f.heard = row.heard;
      for (const g of CHANNEL_GROUPS) f.heardByChannel[g] = row[g];
    }
    for (const row of opinionRows) addOpinions(result.get(row.roundId)!, row);
  }
  for (const f of result.values()) f.responseRate = f.invited ? Math.round((f.heardInvited / f.invited) * 10000) / 10000 : 0;
  return result;
}

/**
 * The figures of each given round counted now, one D1 batch per group of rounds. Pages read them through
 * figures-cache.ts, which keeps them between writes; this is the count itself.
 */
export async function countRoundFigures(deps: Deps, roundIds: readonly string[]): Promise<Map<string, RoundFigures>> {
  const rowGroups: FigureRows[] = [];
  for (let start = 0; start < roundIds.length; start += FIGURE_IDS_PER_QUERY) {
    rowGroups.push(await deps.db.batch(figureQueries(deps, roundIds.slice(start, start + FIGURE_IDS_PER_QUERY))));
  }
  return figuresFromRows(roundIds, rowGroups);
}

function addCategory(f: RoundFigures, row: CategoryRow) {
  const c: CategoryFigures = { invited: row.invited, opened: row.opened ?? 0, heard: row.heard ?? 0, declined: row.declined ?? 0 };
  f.byCategory[row.category] = c;
  f.invited += c.invited;
  f.opened += c.opened;
  f.heardInvited += c.heard;
  f.declined += c.declined;
}

function addOpinions(f: RoundFigures, row: OpinionRow) {
  f.opinions.total += row.n;
  f.opinions.byChannel[row.channel] = (f.opinions.byChannel[row.channel] ?? 0) + row.n;
  if (CHANNEL_GROUP[row.channel] === 'online') f.opinions.online += row.n;
  else f.opinions.offline += row.n;
  f.dispositions[row.disposition] += row.n;
  const key = row.sectionId ?? WHOLE_DRAFT_KEY;
  const section = (f.bySection[key] ??= { opinions: 0, dispositions: emptyDispositions(), byChannel: {} });
  section.opinions += row.n;
  section.dispositions[row.disposition] += row.n;
  section.byChannel[row.channel] = (section.byChannel[row.channel] ?? 0) + row.n;
}

/** `42.9%`; a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

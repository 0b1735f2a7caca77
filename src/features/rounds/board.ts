/**
 * The response board's lists: the invitees and their status, a page at a time; every opinion, or the latest as excerpts.
 * Its figures come from summaries/figures.ts.
 */
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { allRows } from '../../db/client';
import { invitations, opinions, responses, roundSections, stakeholders, type Channel, type InvitationStatus, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';

export type InviteeRow = {
  invitationId: string;
  stakeholderId: string;
  name: string;
  organization: string;
  category: StakeholderCategory;
  erased: boolean;
  status: InvitationStatus;
  revoked: boolean;
  invitedAt: Date;
  lastActivityAt: Date;
  responseId: string | null;
  responseStatus: string | null;
};

type InviteeSelection = {
  invitationId: string;
  status: InvitationStatus;
  revokedAt: number | null;
  invitedAt: number;
  openedAt: number | null;
  respondedAt: number | null;
  declinedAt: number | null;
  lastActivityAt: number | null;
  stakeholderId: string;
  name: string;
  organization: string;
  category: StakeholderCategory;
  erasedAt: number | null;
  responseId: string | null;
  responseStatus: string | null;
};

/**
 * A round's invitees by category and name (the invitation id keeps pages stable among namesakes), with only what
 * the board, the API and the summary workbook show. Every column has its own alias: D1 returns a batch's rows as
 * objects, where two columns called `id` would collide.
 */
function inviteesQuery(deps: Deps, roundId: string, page?: { limit: number; offset: number }) {
  return allRows<InviteeSelection>(deps, sql`SELECT i.id AS invitationId, i.status AS status, i.revoked_at AS revokedAt, i.invited_at AS invitedAt,
      i.opened_at AS openedAt, i.responded_at AS respondedAt, i.declined_at AS declinedAt, i.last_activity_at AS lastActivityAt,
      s.id AS stakeholderId, s.name AS name, s.organization AS organization, s.category AS category, s.erased_at AS erasedAt,
      r.id AS responseId, r.status AS responseStatus
    FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id LEFT JOIN responses r ON r.invitation_id = i.id
    WHERE i.round_id = ${roundId}
    ORDER BY s.category, s.name, i.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`);
}

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

export function toInviteeRow(r: InviteeSelection): InviteeRow {
  const invitedAt = new Date(r.invitedAt);
  return {
    invitationId: r.invitationId,
    stakeholderId: r.stakeholderId,
    name: r.name,
    organization: r.organization,
    category: r.category,
    erased: r.erasedAt !== null,
    status: r.status,
    revoked: r.revokedAt !== null,
    invitedAt,
    lastActivityAt: [r.lastActivityAt, r.respondedAt, r.declinedAt, r.openedAt].map(dateOrNull).reduce<Date>((a, b) => (b && b > a ? b : a), invitedAt),
    responseId: r.responseId,
    responseStatus: r.responseStatus,
  };
}

export async function listInvitees(deps: Deps, roundId: string): Promise<InviteeRow[]> {
  return (await inviteesQuery(deps, roundId)).map(toInviteeRow);
}

/** One page (1-based) of the invitees, to run in a batch; map its rows with toInviteeRow. */
export function inviteePageQuery(deps: Deps, roundId: string, page: number, size: number) {
  return inviteesQuery(deps, roundId, { limit: size, offset: (page - 1) * size });
}

/** How many invitations the round has, revoked ones included (they are listed too). */
export function inviteeCountQuery(deps: Deps, roundId: string) {
  return deps.db.select({ n: count() }).from(invitations).where(eq(invitations.roundId, roundId));
}

/**
 * Every opinion of a round, online and offline together, in draft order; `sectionId` null means the whole draft.
 * `only` narrows it in SQL to one opinion or one response's opinions.
 */
export async function listOpinions(deps: Deps, roundId: string, only: { id?: string; responseId?: string } = {}) {
  const where: SQL[] = [eq(opinions.roundId, roundId)];
  if (only.id !== undefined) where.push(eq(opinions.id, only.id));
  if (only.responseId !== undefined) where.push(eq(opinions.responseId, only.responseId));
  const rows = await deps.db
    .select({
      opinion: opinions,
      sectionNumber: roundSections.number,
      sectionHeading: roundSections.heading,
      sectionPosition: roundSections.position,
      stakeholderName: stakeholders.name,
      stakeholderOrganization: stakeholders.organization,
      stakeholderErasedAt: stakeholders.erasedAt,
      emailConfirmed: emailConfirmedSql,
    })
    .from(opinions)
    .leftJoin(roundSections, eq(roundSections.id, opinions.sectionId))
    .leftJoin(stakeholders, eq(stakeholders.id, opinions.stakeholderId))
    .leftJoin(responses, eq(responses.id, opinions.responseId))
    .where(and(...where))
    .orderBy(sql`coalesce(${roundSections.position}, -1)`, asc(opinions.heardAt), asc(opinions.id));
  return rows.map((r) => ({
    id: r.opinion.id,
    roundId: r.opinion.roundId,
    sectionId: r.opinion.sectionId,
    sectionNumber: r.sectionNumber,
    sectionHeading: r.sectionHeading,
    channel: r.opinion.channel,
    heardAt: r.opinion.heardAt,
    text: r.opinion.text,
    stakeholderId: r.opinion.stakeholderId,
    authorName: r.stakeholderErasedAt ? '' : r.opinion.authorName || r.stakeholderName || '',
    authorOrganization: r.opinion.authorOrganization || r.stakeholderOrganization || '',
    authorCategory: r.opinion.authorCategory,
    responseId: r.opinion.responseId,
    loggedByStaffId: r.opinion.loggedByStaffId,
    disposition: r.opinion.disposition,
    /** Open link: false while the typed address is unconfirmed, true once confirmed; null when there is none. */
    confirmed: confirmedFlag(r.emailConfirmed),
  }));
}
export type OpinionItem = Awaited<ReturnType<typeof listOpinions>>[number];

export function opinionJson(o: OpinionItem) {
  return { ...o, heardAt: o.heardAt.toISOString() };
}

/** How many characters of an opinion the board shows; the whole text is one click away. */
export const EXCERPT_CHARS = 120;

export type OpinionExcerpt = {
  id: string;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  channel: Channel;
  heardAt: Date;
  /** The text's first EXCERPT_CHARS characters. */
  excerpt: string;
  /** Whether the text goes on after the excerpt. */
  cut: boolean;
  authorName: string;
  authorOrganization: string;
  confirmed: boolean | null;
};

type ExcerptRow = Omit<OpinionExcerpt, 'heardAt' | 'cut' | 'confirmed'> & {
  heardAt: number;
  cut: number;
  stakeholderName: string | null;
  stakeholderOrganization: string | null;
  erased: number;
  emailConfirmed: number | null;
};

/** The latest opinions heard, newest first, as excerpts: to run in a batch; map its rows with toOpinionExcerpt. */
export function latestOpinionsQuery(deps: Deps, roundId: string, limit: number) {
  return allRows<ExcerptRow>(deps, sql`SELECT o.id AS id, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading,
      o.channel AS channel, o.heard_at AS heardAt, substr(o.text, 1, ${EXCERPT_CHARS}) AS excerpt, length(o.text) > ${EXCERPT_CHARS} AS cut,
      o.author_name AS authorName, o.author_organization AS authorOrganization, s.name AS stakeholderName, s.organization AS stakeholderOrganization,
      s.erased_at IS NOT NULL AS erased, ${emailConfirmedSql} AS emailConfirmed
    FROM opinions o
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN stakeholders s ON s.id = o.stakeholder_id
      LEFT JOIN responses ON responses.id = o.response_id
    WHERE o.round_id = ${roundId}
    ORDER BY o.heard_at DESC, o.id DESC LIMIT ${limit}`);
}

export function toOpinionExcerpt(r: ExcerptRow): OpinionExcerpt {
  return {
    id: r.id,
    sectionId: r.sectionId,
    sectionNumber: r.sectionNumber,
    sectionHeading: r.sectionHeading,
    channel: r.channel,
    heardAt: new Date(r.heardAt),
    excerpt: r.excerpt,
    cut: Boolean(r.cut),
    // As listOpinions names them: an erased stakeholder loses the name, an opinion's own author fields come first.
    authorName: r.erased ? '' : r.authorName || r.stakeholderName || '',
    authorOrganization: r.authorOrganization || r.stakeholderOrganization || '',
    confirmed: confirmedFlag(r.emailConfirmed),
  };
}

/** One stakeholder's response as staff read it: only what was submitted. */
export async function loadResponse(deps: Deps, roundId: string, responseId: string) {
  const response = await deps.db.select().from(responses).where(and(eq(responses.id, responseId), eq(responses.roundId, roundId))).get();
  if (!response) return null;
  const items = await listOpinions(deps, roundId, { responseId });
  const stakeholder = response.stakeholderId ? await deps.db.select().from(stakeholders).where(eq(stakeholders.id, response.stakeholderId)).get() : undefined;
  return { response, opinions: items, stakeholder: stakeholder ?? null };
}

/** Every opinion one stakeholder gave offline, across rounds, newest first: the contact log. */
export async function contactLog(deps: Deps, stakeholderId: string) {
  return deps.db.run(sql`SELECT o.id AS id, o.round_id AS roundId, r.title AS roundTitle, o.channel AS channel, o.heard_at AS heardAt,
      o.text AS text, o.section_id AS sectionId, rs.number AS sectionNumber, rs.heading AS sectionHeading, o.logged_by_staff_id AS loggedByStaffId, su.name AS loggedBy
    FROM opinions o JOIN rounds r ON r.id = o.round_id
      LEFT JOIN round_sections rs ON rs.id = o.section_id
      LEFT JOIN staff_users su ON su.id = o.logged_by_staff_id
    WHERE o.stakeholder_id = ${stakeholderId} AND o.channel NOT IN ('link', 'open_link')
    ORDER BY o.heard_at DESC, o.id DESC`).then((result) =>
    (result.results as { id: string; roundId: string; roundTitle: string; channel: Channel; heardAt: number; text: string; sectionId: string | null; sectionNumber: string | null; sectionHeading: string | null; loggedBy: string | null }[]).map(
      (row) => ({ ...row, heardAt: new Date(row.heardAt) }),
    ),
  );
}

/** The response board's lists: the invitees and their status, every opinion; its figures come from summaries/figures.ts. */
import { and, asc, eq, sql } from 'drizzle-orm';
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

export async function listInvitees(deps: Deps, roundId: string): Promise<InviteeRow[]> {
  const rows = await deps.db
    .select({ invitation: invitations, stakeholder: stakeholders, responseId: responses.id, responseStatus: responses.status })
    .from(invitations)
    .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
    .leftJoin(responses, eq(responses.invitationId, invitations.id))
    .where(eq(invitations.roundId, roundId))
    .orderBy(asc(stakeholders.category), asc(stakeholders.name));
  return rows.map(({ invitation: i, stakeholder: s, responseId, responseStatus }) => ({
    invitationId: i.id,
    stakeholderId: s.id,
    name: s.name,
    organization: s.organization,
    category: s.category,
    erased: s.erasedAt !== null,
    status: i.status,
    revoked: i.revokedAt !== null,
    invitedAt: i.invitedAt,
    lastActivityAt: [i.lastActivityAt, i.respondedAt, i.declinedAt, i.openedAt, i.invitedAt].filter((d): d is Date => d instanceof Date).reduce((a, b) => (b > a ? b : a)),
    responseId,
    responseStatus,
  }));
}

/** Every opinion of a round, online and offline together, in draft order; `sectionId` null means the whole draft. */
export async function listOpinions(deps: Deps, roundId: string) {
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
    .where(eq(opinions.roundId, roundId))
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

/** Counts per section (null: the whole draft), split by channel. */
export function opinionsBySection(items: OpinionItem[]): Map<string | null, { total: number; byChannel: Partial<Record<Channel, number>> }> {
  const map = new Map<string | null, { total: number; byChannel: Partial<Record<Channel, number>> }>();
  for (const o of items) {
    const entry = map.get(o.sectionId) ?? { total: 0, byChannel: {} };
    entry.total += 1;
    entry.byChannel[o.channel] = (entry.byChannel[o.channel] ?? 0) + 1;
    map.set(o.sectionId, entry);
  }
  return map;
}

/** One stakeholder's response as staff read it: only what was submitted. */
export async function loadResponse(deps: Deps, roundId: string, responseId: string) {
  const response = await deps.db.select().from(responses).where(and(eq(responses.id, responseId), eq(responses.roundId, roundId))).get();
  if (!response) return null;
  const items = (await listOpinions(deps, roundId)).filter((o) => o.responseId === responseId);
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

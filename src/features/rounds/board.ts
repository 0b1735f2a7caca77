/** The response board's figures: who was invited, opened, responded, declined; the opinions by section and channel. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { invitations, opinions, responses, roundSections, stakeholders, type Channel, type InvitationStatus, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { confirmedFlag, emailConfirmedSql } from '../feedback/open-confirmation';

export type Funnel = { invited: number; opened: number; responded: number; declined: number };
export type RoundStats = Funnel & {
  byCategory: Partial<Record<StakeholderCategory, Funnel>>;
  opinions: { total: number; online: number; offline: number; byChannel: Partial<Record<Channel, number>> };
};

const ONLINE_CHANNELS: readonly Channel[] = ['link', 'open_link'];

/**
 * Counts as a funnel over live (unrevoked) invitations: `invited` is everyone invited, `opened` everyone who opened
 * their link (answering implies opening), `responded` and `declined` those who answered so.
 */
export async function roundStats(deps: Deps, roundId: string): Promise<RoundStats> {
  const [byCategory, byChannel] = await Promise.all([
    deps.db.all<{ category: StakeholderCategory } & Funnel>(sql`SELECT s.category AS category, count(*) AS invited,
        sum(i.opened_at IS NOT NULL OR i.status <> 'invited') AS opened,
        sum(i.status = 'responded') AS responded, sum(i.status = 'declined') AS declined
      FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
      WHERE i.round_id = ${roundId} AND i.revoked_at IS NULL
      GROUP BY s.category ORDER BY s.category`),
    deps.db.all<{ channel: Channel; n: number }>(sql`SELECT channel, count(*) AS n FROM opinions WHERE round_id = ${roundId} GROUP BY channel`),
  ]);
  const stats: RoundStats = { invited: 0, opened: 0, responded: 0, declined: 0, byCategory: {}, opinions: { total: 0, online: 0, offline: 0, byChannel: {} } };
  for (const row of byCategory) {
    const funnel = { invited: row.invited, opened: row.opened ?? 0, responded: row.responded ?? 0, declined: row.declined ?? 0 };
    stats.byCategory[row.category] = funnel;
    stats.invited += funnel.invited;
    stats.opened += funnel.opened;
    stats.responded += funnel.responded;
    stats.declined += funnel.declined;
  }
  for (const row of byChannel) {
    stats.opinions.byChannel[row.channel] = row.n;
    stats.opinions.total += row.n;
    if (ONLINE_CHANNELS.includes(row.channel)) stats.opinions.online += row.n;
    else stats.opinions.offline += row.n;
  }
  return stats;
}

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

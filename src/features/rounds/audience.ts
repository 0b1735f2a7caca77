/** A round's audience: the stakeholders its categories, tags and hand-picked ids select, and who of them can be invited. */
import { sql } from 'drizzle-orm';
import { allRows } from '../../db/client';
import type { RoundAudience, StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';

export type AudienceMember = {
  id: string;
  name: string;
  organization: string;
  category: StakeholderCategory;
  email: string | null;
  /** Has an address, agreed to be contacted, and mail to it does not bounce. */
  mailable: boolean;
  invitationId: string | null;
};

type MemberRow = {
  id: string;
  name: string;
  organization: string;
  category: StakeholderCategory;
  email: string | null;
  consent: number;
  unmailable: string | null;
  invitationId: string | null;
};

/** The stakeholders an audience selects, archived and erased ones left out (`s` is the stakeholders table). */
function selectedBy(audience: RoundAudience) {
  // Tags and ids travel as one JSON parameter each, so any audience size stays far under D1's 100 bound parameters.
  const categories = JSON.stringify(audience.categories ?? []);
  const tags = JSON.stringify(audience.tags ?? []);
  const ids = JSON.stringify(audience.stakeholderIds ?? []);
  return sql`s.erased_at IS NULL AND s.archived_at IS NULL AND (
      s.category IN (SELECT value FROM json_each(${categories}))
      OR s.id IN (SELECT value FROM json_each(${ids}))
      OR EXISTS (SELECT 1 FROM stakeholder_tags t WHERE t.stakeholder_id = s.id AND t.tag IN (SELECT value FROM json_each(${tags})))
    )`;
}

/** Has an address, agreed to be contacted, and mail to it does not bounce. */
const MAILABLE = sql`(s.email IS NOT NULL AND s.email <> '' AND s.consent = 1 AND s.unmailable_reason IS NULL)`;

/** Everyone the audience selects, with their invitation to this round if they have one. */
export async function audienceMembers(deps: Deps, roundId: string, audience: RoundAudience): Promise<AudienceMember[]> {
  const result = await deps.db.run(sql`
    SELECT s.id AS id, s.name AS name, s.organization AS organization, s.category AS category, s.email AS email,
      s.consent AS consent, s.unmailable_reason AS unmailable, i.id AS invitationId
    FROM stakeholders s
    LEFT JOIN invitations i ON i.round_id = ${roundId} AND i.stakeholder_id = s.id
    WHERE ${selectedBy(audience)}
    ORDER BY s.category, s.id`);
  return (result.results as MemberRow[]).map((row) => ({
    id: row.id,
    name: row.name,
    organization: row.organization,
    category: row.category,
    email: row.email,
    mailable: Boolean(row.email) && row.consent === 1 && !row.unmailable,
    invitationId: row.invitationId,
  }));
}

/** The audience in four numbers, counted by D1: what opening, or inviting the rest, will send. */
export type AudienceTotals = { total: number; mailable: number; invited: number; toInvite: number };

type TotalsRow = { total: number; mailable: number | null; invited: number | null; toInvite: number | null };

/** audienceTotals as a query, to run in a batch; read its rows with toAudienceTotals. */
export function audienceTotalsQuery(deps: Deps, roundId: string, audience: RoundAudience) {
  return allRows<TotalsRow>(deps, sql`
    SELECT count(*) AS total, sum(${MAILABLE}) AS mailable, sum(i.id IS NOT NULL) AS invited,
      sum(i.id IS NULL AND ${MAILABLE}) AS toInvite
    FROM stakeholders s
    LEFT JOIN invitations i ON i.round_id = ${roundId} AND i.stakeholder_id = s.id
    WHERE ${selectedBy(audience)}`);
}

export function toAudienceTotals([row]: TotalsRow[]): AudienceTotals {
  return { total: row?.total ?? 0, mailable: row?.mailable ?? 0, invited: row?.invited ?? 0, toInvite: row?.toInvite ?? 0 };
}

export async function audienceTotals(deps: Deps, roundId: string, audience: RoundAudience): Promise<AudienceTotals> {
  return toAudienceTotals(await audienceTotalsQuery(deps, roundId, audience));
}

export type AudienceCount = { category: StakeholderCategory; total: number; mailable: number; invited: number; toInvite: number };

/** Counts per category for the preview: selected, reachable by mail, already invited, still to invite. */
export function countAudience(members: AudienceMember[]): { rows: AudienceCount[]; total: AudienceCount & { category: 'other' } } {
  const byCategory = new Map<StakeholderCategory, AudienceCount>();
  for (const m of members) {
    const row = byCategory.get(m.category) ?? { category: m.category, total: 0, mailable: 0, invited: 0, toInvite: 0 };
    row.total += 1;
    if (m.mailable) row.mailable += 1;
    if (m.invitationId) row.invited += 1;
    else if (m.mailable) row.toInvite += 1;
    byCategory.set(m.category, row);
  }
  const rows = [...byCategory.values()];
  const sum = (key: 'total' | 'mailable' | 'invited' | 'toInvite') => rows.reduce((n, r) => n + r[key], 0);
  return { rows, total: { category: 'other', total: sum('total'), mailable: sum('mailable'), invited: sum('invited'), toInvite: sum('toInvite') } };
}

/** Directory entries staff can pick by hand (audience, offline opinion author); the form lists at most this many. */
export const PICKABLE_MAX = 2000;

export async function pickableStakeholders(deps: Deps): Promise<{ id: string; name: string; organization: string }[]> {
  return deps.db.all(sql`SELECT id, name, organization FROM stakeholders
    WHERE erased_at IS NULL AND archived_at IS NULL ORDER BY category, name LIMIT ${PICKABLE_MAX}`);
}

/**
 * Feedback behind a personal link: find the link with the saved work (one batch), mark it opened the first time
 * (saving: save.ts; declining: decline.ts; erasure requests: erasure-routes.tsx).
 */
import { and, asc, eq, getTableColumns, inArray, isNull, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import {
  CHANNELS,
  draftOpinions,
  feedbackAttachments,
  invitations,
  opinions,
  responses,
  rounds,
  roundSections,
  stakeholders,
  type Channel,
  type PublicationChoice,
  type Stance,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { officeFrom, officeQuery, type Office } from '../settings/office';
import { presentedTokenHash } from '../../lib/tokens';
import { defaultPublication, WHOLE_SLOT } from './schemas';
import type { SectionRow } from './sections';
import { pendingChangesSql } from './pending';
import { keptValues } from '../../lib/kept-values';
import { preparedReads } from '../../db/prepared-reads';

/** The round as a link needs it: not the draft's source or revised text (the sections are the draft here). */
export type LinkRound = Omit<typeof rounds.$inferSelect, 'draftSource' | 'revisedDraft'>;
const { draftSource: _source, revisedDraft: _revised, ...linkRoundColumns } = getTableColumns(rounds);

export type FeedbackLink = {
  invitation: typeof invitations.$inferSelect;
  round: LinkRound;
  stakeholder: typeof stakeholders.$inferSelect;
  /** Shared between requests (kept in the isolate): never changed. */
  sections: readonly SectionRow[];
};

export type RoundPhase = 'not_open' | 'open' | 'closed';

/** A round takes comments while it is open and before its closing time, whether or not the cron has closed it yet. */
export function roundPhase(round: Pick<typeof rounds.$inferSelect, 'status' | 'closesAt'>, now: Date): RoundPhase {
  if (round.status === 'closed' || now.getTime() >= round.closesAt.getTime()) return 'closed';
  return round.status === 'draft' ? 'not_open' : 'open';
}

/** At most this many characters of sections are kept (a 1,260-article code is about 400,000). */
const KEPT_SECTIONS_MAX_CHARS = 4_000_000;
/**
 * Rounds' sections as last read, under `<round id>:<sections_rev>` (triggers bump it on every write to the sections,
 * migration 0013): every view of a link needs the whole draft, the same for every invitee, 100 KB and more. Frozen:
 * requests share them.
 */
const keptSections = keptValues<readonly SectionRow[]>(KEPT_SECTIONS_MAX_CHARS, (rows) =>
  rows.reduce((sum, row) => sum + row.body.length + row.heading.length + row.number.length + 64, 0),
);

const sectionsKey = (round: Pick<LinkRound, 'id' | 'sectionsRev'>) => `${round.id}:${round.sectionsRev}`;

/** The database a query is written against: the request's, or the one prepared reads are built with. */
type Db = Deps['db'];

/**
 * The statements that read a link's invitation, round, stakeholder and sections: one table each, so that they can
 * run in a batch (D1 returns a batch's rows as objects, where joined tables' columns would collide). `match` picks
 * the invitation (by token hash or id); a revoked one is no link. The sections come back only when the isolate does
 * not keep them at the round's sections revision (placeholder `kept`: the keys kept, as a JSON array; a batch is one
 * transaction: the round row and the sections agree).
 */
/** The invitation `match` picks, unless revoked. */
const liveInvitation = (match: SQL) => and(match, isNull(invitations.revokedAt));

function linkQueries(db: Db, match: SQL) {
  const live = liveInvitation(match);
  const roundId = sql`(${db.select({ id: invitations.roundId }).from(invitations).where(live)})`;
  const stakeholderId = sql`(${db.select({ id: invitations.stakeholderId }).from(invitations).where(live)})`;
  const notKept = sql`NOT EXISTS (SELECT 1 FROM ${rounds} WHERE ${rounds.id} = ${roundId} AND ${rounds.id} || ':' || ${rounds.sectionsRev} IN (SELECT value FROM json_each(${sql.placeholder('kept')})))`;
  return [
    db.select().from(invitations).where(live),
    db.select(linkRoundColumns).from(rounds).where(eq(rounds.id, roundId)),
    db.select().from(stakeholders).where(eq(stakeholders.id, stakeholderId)),
    db.select().from(roundSections).where(and(eq(roundSections.roundId, roundId), notKept)).orderBy(asc(roundSections.position)),
  ] as const;
}

const byTokenHash = eq(invitations.tokenHash, sql.placeholder('tokenHash'));
/** The link by its token's hash, by its invitation's id, and by hash with the saved work and the office: built once. */
const linkByToken = preparedReads((db) => linkQueries(db, byTokenHash));
const linkById = preparedReads((db) => linkQueries(db, eq(invitations.id, sql.placeholder('invitationId'))));
const linkWithSaved = preparedReads((db) => {
  const invitationId = sql`(${db.select({ id: invitations.id }).from(invitations).where(liveInvitation(byTokenHash))})`;
  return [...linkQueries(db, byTokenHash), officeQuery({ db }), ...savedFeedbackQueries(db, invitationId)] as const;
});
const savedOf = preparedReads((db) => savedFeedbackQueries(db, sql.placeholder('invitationId')));

/** The sections kept now, as the `kept` placeholder's value and by key (the batch's result is read against these). */
function keptNow() {
  const known = new Map(keptSections.entries());
  return { known, kept: JSON.stringify([...known.keys()]) };
}

function linkFrom([invitation, round, stakeholder, sections]: LinkRows, known: Map<string, readonly SectionRow[]>): FeedbackLink | null {
  if (!invitation[0] || !round[0] || !stakeholder[0]) return null;
  return { invitation: invitation[0], round: round[0], stakeholder: stakeholder[0], sections: sectionsOf(round[0], sections, known) };
}

/** The sections kept at the round's revision (none were read), or the ones read, kept from now on. */
function sectionsOf(round: LinkRound, rows: SectionRow[], known: Map<string, readonly SectionRow[]>): readonly SectionRow[] {
  const key = sectionsKey(round);
  const kept = known.get(key);
  if (kept) {
    keptSections.get(key); // now the most recently used
    return kept;
  }
  const sections = Object.freeze(rows.map((row) => Object.freeze(row)));
  keptSections.set(key, sections);
  return sections;
}

type LinkRows = readonly [(typeof invitations.$inferSelect)[], LinkRound[], (typeof stakeholders.$inferSelect)[], SectionRow[]];

/** Unknown and revoked tokens are the same to the caller: nothing. One D1 round trip. */
export async function findLink(deps: Deps, token: string): Promise<FeedbackLink | null> {
  const { known, kept } = keptNow();
  return linkFrom(await linkByToken.run(deps, { tokenHash: await presentedTokenHash(token), kept }), known);
}

/** The link of an invitation known by id (a mail being sent); null once revoked. */
export async function findLinkOf(deps: Deps, invitationId: string): Promise<FeedbackLink | null> {
  const { known, kept } = keptNow();
  return linkFrom(await linkById.run(deps, { invitationId, kept }), known);
}

/**
 * The link, the work saved behind it and the issuing office (the page's top names it), in one D1 round trip: what
 * the feedback page and every save start from.
 */
export async function findLinkWithSaved(deps: Deps, token: string): Promise<{ link: FeedbackLink; saved: SavedFeedback; office: Office } | null> {
  const { known, kept } = keptNow();
  const [invitation, round, stakeholder, sections, office, ...saved] = await linkWithSaved.run(deps, { tokenHash: await presentedTokenHash(token), kept });
  const link = linkFrom([invitation, round, stakeholder, sections], known);
  return link ? { link, saved: savedFeedbackFrom(saved), office: officeFrom(office) } : null;
}

/** A first visit marks the invitation opened; later visits write nothing (the status says it is done). */
export async function markOpened(deps: Deps, link: FeedbackLink): Promise<void> {
  if (link.invitation.status !== 'invited') return;
  const now = deps.clock();
  await deps.db
    .update(invitations)
    .set({ status: 'opened', openedAt: now, lastActivityAt: now })
    .where(and(eq(invitations.id, link.invitation.id), eq(invitations.status, 'invited')));
  link.invitation.status = 'opened';
}

export type SavedFeedback = {
  response: typeof responses.$inferSelect | null;
  /** Work in progress by slot. */
  texts: Record<string, string>;
  /** Each slot's revision, raised by every save of it; 0 for a slot never saved. */
  revisions: Record<string, number>;
  /** Submitted opinions by slot: what staff have. */
  submitted: Record<string, string>;
  /** The work in progress differs from what was submitted (see pending.ts). */
  pendingChanges: boolean;
  /** Files attached and not removed, oldest first. */
  attachments: (typeof feedbackAttachments.$inferSelect)[];
};

/** The statements that read the saved work of an invitation (`invitationId`: its id, or SQL that gives it). */
export function savedFeedbackQueries(db: Db, invitationId: string | SQL | Placeholder<string>) {
  const ofInvitation = sql`(SELECT id FROM responses WHERE invitation_id = ${invitationId})`;
  return [
    db.select().from(responses).where(eq(responses.invitationId, invitationId)),
    db.select().from(draftOpinions).where(eq(draftOpinions.responseId, ofInvitation)),
    db.select({ sectionId: opinions.sectionId, text: opinions.text }).from(opinions).where(eq(opinions.responseId, ofInvitation)),
    db
      .select()
      .from(feedbackAttachments)
      .where(and(eq(feedbackAttachments.responseId, ofInvitation), isNull(feedbackAttachments.removedAt)))
      .orderBy(asc(feedbackAttachments.createdAt), asc(feedbackAttachments.id)),
    db.select({ pending: pendingChangesSql(sql`${responses.id}`) }).from(responses).where(eq(responses.invitationId, invitationId)),
  ] as const;
}

type SavedRows = readonly [
  (typeof responses.$inferSelect)[],
  (typeof draftOpinions.$inferSelect)[],
  { sectionId: string | null; text: string }[],
  (typeof feedbackAttachments.$inferSelect)[],
  { pending: number }[],
];

export function savedFeedbackFrom([found, drafts, given, attachments, pending]: SavedRows): SavedFeedback {
  return {
    response: found[0] ?? null,
    texts: Object.fromEntries(drafts.map((d) => [d.slot, d.text])),
    revisions: Object.fromEntries(drafts.map((d) => [d.slot, d.revision])),
    submitted: Object.fromEntries(given.map((o) => [o.sectionId ?? WHOLE_SLOT, o.text])),
    pendingChanges: Boolean(pending[0]?.pending),
    attachments,
  };
}

export async function loadSavedFeedback(deps: Deps, invitationId: string): Promise<SavedFeedback> {
  return savedFeedbackFrom(await savedOf.run(deps, { invitationId }));
}

/** The values being edited: saved ones, the submitted ones before any edit, or the defaults before anything is saved. */
export function workingValues(link: FeedbackLink, saved: SavedFeedback): { stance: Stance | null; publication: PublicationChoice } {
  const response = saved.response;
  if (!response) return { stance: null, publication: defaultPublication(link.stakeholder.category) };
  if (response.draftPublication === null) return { stance: response.stance, publication: response.publication };
  return { stance: response.draftStance, publication: response.draftPublication };
}

export function unknownSlots(link: Pick<FeedbackLink, 'sections'>, slots: string[]): string[] {
  const known = new Set(link.sections.map((s) => s.id));
  return slots.filter((slot) => slot !== WHOLE_SLOT && !known.has(slot));
}

export function newResponseRow(deps: Deps, link: FeedbackLink, now: Date, status: 'draft' | 'declined') {
  return {
    id: deps.newId(),
    roundId: link.round.id,
    invitationId: link.invitation.id,
    stakeholderId: link.stakeholder.id,
    respondentName: link.stakeholder.name,
    respondentOrganization: link.stakeholder.organization,
    respondentCategory: link.stakeholder.category,
    publication: defaultPublication(link.stakeholder.category),
    status,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * How staff heard this stakeholder in this round other than through the link's own response (a call, a meeting, a
 * letter they logged): the closed page must not say "no comments" above the outcome of an opinion given by phone.
 */
export async function channelsHeardOffline(deps: Deps, link: FeedbackLink, ownResponseId: string | null): Promise<Channel[]> {
  return channelsFrom(await channelsHeardOfflineQuery(deps, link, ownResponseId));
}

/** channelsHeardOffline as a query, to run in a batch with others; read its rows with channelsFrom. */
export function channelsHeardOfflineQuery(deps: Deps, link: FeedbackLink, ownResponseId: string | null) {
  const notOwn = ownResponseId ? or(isNull(opinions.responseId), ne(opinions.responseId, ownResponseId)) : undefined;
  return deps.db
    .selectDistinct({ channel: opinions.channel })
    .from(opinions)
    .where(and(eq(opinions.roundId, link.round.id), eq(opinions.stakeholderId, link.stakeholder.id), notOwn));
}

export function channelsFrom(rows: { channel: Channel }[]): Channel[] {
  return CHANNELS.filter((channel) => rows.some((row) => row.channel === channel));
}

/**
 * Reference data, the end of the story: the mail it caused marked sent, and the facts a benchmark needs (links of a round's invitees and of a meeting's, the counts).
 */
import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { meetingAttendees, invitations, meetings, opinions, outbox, outboxEvents, responses, rounds, stakeholders, type OutboxStatus } from '../../db/schema';
import type { Statement } from '../../features/mail/outbox';
import { canMove, idIn, type OutboxChanges } from '../../features/mail/status';
import type { Deps } from '../../lib/deps';
import { invitationTokens } from './feedback';
import { rsvpTokenOf } from './meetings';

/** Rows per pass, so that one request stays short. */
const DELIVER_CHUNK = 2000;

/**
 * One status move of many rows with their events, as `moveMatching` (status.ts) makes it but without returning the
 * rows: thousands of rendered emails need not travel back. Only moves the status machine allows.
 */
function moveAll(deps: Deps, ids: string[], from: OutboxStatus, to: OutboxStatus, detail: string | null, changes: OutboxChanges = {}): Statement[] {
  if (!canMove(from, to)) throw new Error(`outbox move ${from} → ${to} is not allowed`);
  const now = deps.clock();
  const eventId = deps.newId();
  const match = and(eq(outbox.status, from), idIn(ids));
  return [
    deps.db
      .insert(outboxEvents)
      .select(sql`SELECT ${eventId} || '.' || ${outbox.id}, ${outbox.id}, ${to}, ${detail}, ${now.getTime()} FROM ${outbox} WHERE ${match}`),
    deps.db.update(outbox).set({ ...changes, status: to, statusChangedAt: now }).where(match),
  ];
}

/**
 * Marks up to one chunk of queued mail as sent to the local mailbox (queued → sending → sent, with their events),
 * without provider calls or pacing; `remaining` says whether to call again. Reference addresses are made up: with a
 * provider key set, this refuses.
 */
export async function deliverQueuedMail(deps: Deps) {
  if (deps.config.resendApiKey) throw new Error('reference data: unset RESEND_API_KEY; its mail goes to the local mailbox only');
  const queued = await deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'queued')).orderBy(asc(outbox.id)).limit(DELIVER_CHUNK);
  if (queued.length) {
    const ids = queued.map((r) => r.id);
    await deps.db.batch([
      ...moveAll(deps, ids, 'queued', 'sending', null),
      ...moveAll(deps, ids, 'sending', 'sent', 'local', { provider: 'local', sentAt: deps.clock(), attempts: 1 }),
    ] as [Statement, ...Statement[]]);
  }
  const [left] = await deps.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'queued'));
  return { handled: queued.length, remaining: left?.n ?? 0 };
}

async function tally(deps: Deps, roundId: string) {
  const [submitted, opinionCount, disposed] = await deps.db.batch([
    deps.db.select({ n: count() }).from(responses).where(and(eq(responses.roundId, roundId), eq(responses.status, 'submitted'))),
    deps.db.select({ n: count() }).from(opinions).where(eq(opinions.roundId, roundId)),
    deps.db.select({ n: count() }).from(opinions).where(and(eq(opinions.roundId, roundId), isNotNull(opinions.dispositionAt))),
  ]);
  return { responses: submitted[0]?.n ?? 0, opinions: opinionCount[0]?.n ?? 0, disposed: disposed[0]?.n ?? 0 };
}

/** Links of the round's invitees (those who answered, those who did not yet) and of the meeting's, and what the data holds. */
export async function referenceFacts(deps: Deps, input: { roundId: string; meetingId: string; limit: number }) {
  const tokens = await invitationTokens(deps, input.roundId);
  const states = await deps.db
    .select({ stakeholderId: invitations.stakeholderId, status: invitations.status })
    .from(invitations)
    .where(eq(invitations.roundId, input.roundId))
    .orderBy(asc(invitations.id));
  const responded: string[] = [];
  const notResponded: string[] = [];
  for (const { stakeholderId, status } of states) {
    const token = tokens.get(stakeholderId);
    const list = status === 'responded' ? responded : notResponded;
    if (token && list.length < input.limit) list.push(token);
  }
  const attendees = await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, input.meetingId)).orderBy(asc(meetingAttendees.id));
  const rsvp = (await Promise.all(attendees.slice(0, input.limit).map((a) => rsvpTokenOf(deps, a)))).filter((t): t is string => t !== null);
  const [people, roundCount, meetingCount, deep] = await deps.db.batch([
    deps.db.select({ n: count() }).from(stakeholders),
    deps.db.select({ n: count() }).from(rounds),
    deps.db.select({ n: count() }).from(meetings),
    // The directory lists newest first: after this id only the 100 oldest stakeholders remain.
    deps.db.select({ id: stakeholders.id }).from(stakeholders).orderBy(asc(stakeholders.id)).limit(1).offset(100),
  ]);
  return {
    tokens: { responded, notResponded, rsvp },
    stakeholderId: states[0]?.stakeholderId ?? null,
    deepCursor: deep[0]?.id ?? null,
    counts: { stakeholders: people[0]?.n ?? 0, rounds: roundCount[0]?.n ?? 0, meetings: meetingCount[0]?.n ?? 0, round: await tally(deps, input.roundId) },
  };
}

/** Whether the database is empty enough to take the reference data (it adds, it does not replace). */
export async function databaseStatus(deps: Deps) {
  const [people, roundCount] = await deps.db.batch([deps.db.select({ n: count() }).from(stakeholders), deps.db.select({ n: count() }).from(rounds)]);
  return { stakeholders: people[0]?.n ?? 0, rounds: roundCount[0]?.n ?? 0 };
}

/** What one round holds (for rounds other than the one whose links are wanted, e.g. the national one). */
export async function roundTally(deps: Deps, input: { roundId: string }) {
  return tally(deps, input.roundId);
}

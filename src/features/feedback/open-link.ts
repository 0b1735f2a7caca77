/** Feedback through a round's open link (a QR code at a briefing): anyone, submitted at once, no autosave, no attribution. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { opinions, responses, rounds, roundSections, stakeholders } from '../../db/schema';
import { nextOpinionNumber } from '../opinions/numbering';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sha256Hex } from '../../lib/tokens';
import { MINUTE_MS } from '../../lib/clock';
import type { PublicFormRule } from '../../lib/public-form-limit';
import type { RateLimitRule } from '../../lib/rate-limit';
import { commitWithMail, type Statement } from '../mail/outbox';
import { confirmationRequest } from './open-confirmation';
import { defaultPublication, WHOLE_SLOT, type OpenRespondentInput } from './schemas';
import type { SectionRow } from './sections';
import { roundPhase, unknownSlots } from './service';

/**
 * Counted per link, so people at one briefing do not use up each other's share: a hall of 200 behind one address
 * gets through, a script hammering one link is stopped, and the per-address cap keeps one source from filling it.
 */
export const OPEN_LINK_LIMIT: PublicFormRule = { limit: 1000, windowMinutes: 10 };
export const OPEN_LINK_ADDRESS_LIMIT: PublicFormRule = { limit: 300, windowMinutes: 10 };

/** The D1 counters one submission counts against: the link, and the link from this address. Only a hash of the link. */
export async function openLinkRules(token: string, address: string): Promise<RateLimitRule[]> {
  const link = `open_link:${(await sha256Hex(token)).slice(0, 32)}`;
  return [
    { key: link, limit: OPEN_LINK_LIMIT.limit, windowMs: OPEN_LINK_LIMIT.windowMinutes * MINUTE_MS },
    { key: `${link}:${address}`, limit: OPEN_LINK_ADDRESS_LIMIT.limit, windowMs: OPEN_LINK_ADDRESS_LIMIT.windowMinutes * MINUTE_MS },
  ];
}

/** A key the form carries (see OpenFeedbackPage); anything else is ignored rather than trusted. */
const idempotencyKeyRe = /^[A-Za-z0-9_-]{16,64}$/;

export function idempotencyKeyOf(value: string | undefined): string | null {
  return value && idempotencyKeyRe.test(value) ? value : null;
}

export type OpenLinkRound = { round: typeof rounds.$inferSelect; sections: readonly SectionRow[] };

export async function findOpenLinkRound(deps: Deps, token: string): Promise<OpenLinkRound | null> {
  const round = await deps.db.select().from(rounds).where(eq(rounds.openLinkTokenHash, await sha256Hex(token))).get();
  if (!round) return null;
  const sections = await deps.db.select().from(roundSections).where(eq(roundSections.roundId, round.id)).orderBy(asc(roundSections.position));
  return { round, sections };
}

export type OpenSubmission = { respondent: OpenRespondentInput; texts: Record<string, string>; idempotencyKey: string | null };
export type OpenSubmitError = 'round_closed' | 'round_not_open' | 'unknown_section' | 'empty';
/** What the person is shown after submitting; a second press of submit gets the first one's receipt. */
export type OpenReceipt = { responseId: string; submittedAt: Date; replayed: boolean };

/** The submission already made with this form's key, if any. */
export async function findOpenReceipt(deps: Deps, roundId: string, idempotencyKey: string | null): Promise<OpenReceipt | null> {
  if (!idempotencyKey) return null;
  const row = await deps.db
    .select({ id: responses.id, submittedAt: responses.submittedAt, createdAt: responses.createdAt })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.idempotencyKey, idempotencyKey)))
    .get();
  return row ? { responseId: row.id, submittedAt: row.submittedAt ?? row.createdAt, replayed: true } : null;
}

/** The receipt a thank-you page shows, by response id, only for a response given through this round's open link. */
export async function openReceiptById(deps: Deps, roundId: string, responseId: string): Promise<OpenReceipt | null> {
  const row = await deps.db
    .select({ id: responses.id, submittedAt: responses.submittedAt, createdAt: responses.createdAt })
    .from(responses)
    .where(and(eq(responses.id, responseId), eq(responses.roundId, roundId), isNull(responses.invitationId)))
    .get();
  return row ? { responseId: row.id, submittedAt: row.submittedAt ?? row.createdAt, replayed: false } : null;
}

/**
 * One response (no invitation) and its opinions in one batch: a public opinion, attributed to nobody. A typed
 * address that belongs to a directory member gets a request to confirm (see open-confirmation.ts) and nothing else;
 * any other address gets no mail at all, so the form cannot be used to send text to anyone.
 */
export async function submitOpenFeedback(deps: Deps, target: OpenLinkRound, input: OpenSubmission): Promise<Result<OpenReceipt, OpenSubmitError>> {
  const now = deps.clock();
  const phase = roundPhase(target.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  if (unknownSlots(target, Object.keys(input.texts)).length) return fail('unknown_section');
  const texts = Object.fromEntries(Object.entries(input.texts).filter(([, text]) => text !== ''));
  const { respondent } = input;
  if (Object.keys(texts).length === 0 && !respondent.stance) return fail('empty');

  const known = respondent.email
    ? await deps.db
        .select()
        .from(stakeholders)
        .where(and(eq(stakeholders.emailNormalized, respondent.email), isNull(stakeholders.erasedAt)))
        .get()
    : undefined;
  const confirmation = known?.email ? await confirmationRequest(deps, { id: known.id, email: known.email, name: known.name }, target.round, now) : null;
  const responseId = deps.newId();
  const publication = respondent.publication ?? defaultPublication(respondent.category);
  const author = { stakeholderId: null, authorName: respondent.name, authorOrganization: respondent.organization, authorCategory: respondent.category };
  const statements: Statement[] = [
    deps.db.insert(responses).values({
      id: responseId,
      roundId: target.round.id,
      invitationId: null,
      stakeholderId: null,
      respondentName: respondent.name,
      respondentOrganization: respondent.organization,
      respondentCategory: respondent.category,
      stance: respondent.stance ?? null,
      overall: texts[WHOLE_SLOT] ?? '',
      publication,
      status: 'submitted',
      revision: 1,
      submittedAt: now,
      idempotencyKey: input.idempotencyKey,
      respondentEmail: respondent.email || null,
      emailConfirmTokenHash: confirmation?.tokenHash ?? null,
      emailConfirmExpiresAt: confirmation?.expiresAt ?? null,
      createdAt: now,
      updatedAt: now,
    }),
    ...Object.entries(texts).map(([slot, text]) =>
      deps.db.insert(opinions).values({
        id: deps.newId(),
        roundId: target.round.id,
        number: nextOpinionNumber(target.round.id),
        responseId,
        sectionId: slot === WHOLE_SLOT ? null : slot,
        responseSlot: `${responseId}:${slot}`,
        ...author,
        channel: 'open_link',
        heardAt: now,
        text,
        createdAt: now,
        updatedAt: now,
      }),
    ),
  ];
  try {
    await commitWithMail(deps, statements, confirmation ? [confirmation.mail] : []);
  } catch (error) {
    // Two presses at once: the unique key let one batch in and rolled the other back whole; answer with the first.
    const first = await findOpenReceipt(deps, target.round.id, input.idempotencyKey);
    if (first) return ok(first);
    throw error;
  }
  return ok({ responseId, submittedAt: now, replayed: false });
}

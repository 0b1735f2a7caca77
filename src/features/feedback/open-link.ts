/** Feedback through a round's open link (a QR code at a briefing): anyone, submitted at once, no autosave. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { opinions, responses, rounds, roundSections, stakeholders } from '../../db/schema';
import { nextOpinionNumber } from '../opinions/numbering';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sha256Hex } from '../../lib/tokens';
import { commitWithMail, type Statement } from '../mail/outbox';
import { feedbackCopyMail } from './confirmation';
import { defaultPublication, WHOLE_SLOT, type OpenRespondentInput } from './schemas';
import type { SectionRow } from './sections';
import { roundPhase, unknownSlots } from './service';

/** Exact per-address limit kept in D1, besides the platform limiter. */
export const OPEN_LINK_LIMIT = { limit: 10, windowMinutes: 10 } as const;

export type OpenLinkRound = { round: typeof rounds.$inferSelect; sections: SectionRow[] };

export async function findOpenLinkRound(deps: Deps, token: string): Promise<OpenLinkRound | null> {
  const round = await deps.db.select().from(rounds).where(eq(rounds.openLinkTokenHash, await sha256Hex(token))).get();
  if (!round) return null;
  const sections = await deps.db.select().from(roundSections).where(eq(roundSections.roundId, round.id)).orderBy(asc(roundSections.position));
  return { round, sections };
}

export type OpenSubmission = { respondent: OpenRespondentInput; texts: Record<string, string> };
export type OpenSubmitError = 'round_closed' | 'round_not_open' | 'unknown_section' | 'empty';

/**
 * One response (no invitation) and its opinions in one batch. A directory stakeholder is linked by email, never
 * created; the copy goes only to a directory address, so the form cannot send mail to any address typed into it.
 */
export async function submitOpenFeedback(deps: Deps, target: OpenLinkRound, input: OpenSubmission): Promise<Result<{ responseId: string }, OpenSubmitError>> {
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
  const responseId = deps.newId();
  const publication = respondent.publication ?? defaultPublication(respondent.category);
  const author = {
    stakeholderId: known?.id ?? null,
    authorName: respondent.name,
    authorOrganization: respondent.organization,
    authorCategory: respondent.category,
  };
  const statements: Statement[] = [
    deps.db.insert(responses).values({
      id: responseId,
      roundId: target.round.id,
      invitationId: null,
      stakeholderId: author.stakeholderId,
      respondentName: respondent.name,
      respondentOrganization: respondent.organization,
      respondentCategory: respondent.category,
      stance: respondent.stance ?? null,
      overall: texts[WHOLE_SLOT] ?? '',
      publication,
      status: 'submitted',
      revision: 1,
      submittedAt: now,
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
  const mail = known?.email
    ? [
        await feedbackCopyMail({
          to: { email: known.email, name: known.name },
          stakeholderId: known.id,
          round: target.round,
          sections: target.sections,
          submittedAt: now,
          stance: respondent.stance ?? null,
          publication,
          texts,
          linkUrl: null,
        }),
      ]
    : [];
  await commitWithMail(deps, statements, mail);
  return ok({ responseId });
}

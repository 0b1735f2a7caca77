/** Declining a round ("no comments"): an answer too, recorded with the invitation and confirmed by email. */
import { and, eq, inArray } from 'drizzle-orm';
import { invitations, responses } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { commitWithMail, type OutboxMessage } from '../mail/outbox';
import { renderEmail, type EmailBlock } from '../mail/render';
import { newResponseRow, roundPhase, type FeedbackLink } from './service';

export const FEEDBACK_DECLINED_KIND = 'feedback_declined';

export type DeclineError = 'round_closed' | 'round_not_open' | 'already_responded';

/** The confirmation of a decline, with the way back in case of a change of mind. Transactional: never suppressed. */
export async function declineConfirmationMail(link: FeedbackLink, declinedAt: Date, linkUrl: string): Promise<OutboxMessage | null> {
  const { stakeholder, round } = link;
  if (!stakeholder.email || stakeholder.erasedAt) return null;
  const rendered = await renderEmail((t, locale) => {
    const blocks: EmailBlock[] = [
      { type: 'paragraph', text: t('feedback.decline.email.body', { title: round.title, time: formatDateTime(declinedAt, locale) }) },
      { type: 'paragraph', text: t('feedback.decline.email.changeMind', { date: formatDateTime(round.closesAt, locale) }) },
      { type: 'button', label: t('feedback.decline.email.button'), url: linkUrl },
    ];
    if (round.contactName) blocks.push({ type: 'paragraph', text: t('feedback.email.contact', { name: round.contactName, phone: round.contactPhone }) });
    return { subject: t('feedback.decline.email.subject', { title: round.title }), heading: t('feedback.decline.email.heading'), blocks };
  });
  return { kind: FEEDBACK_DECLINED_KIND, transactional: true, to: { email: stakeholder.email, name: stakeholder.name }, ...rendered, stakeholderId: stakeholder.id, roundId: round.id };
}

/**
 * Declining is an answer too; submitting later still moves the invitation to `responded`. The confirmation mail is
 * written in the same batch, once: declining again (a second press, another tab) changes and mails nothing.
 */
export async function declineRound(deps: Deps, link: FeedbackLink, options: { linkUrl: string }): Promise<Result<void, DeclineError>> {
  const now = deps.clock();
  const phase = roundPhase(link.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  if (link.invitation.status === 'responded') return fail('already_responded');
  if (link.invitation.status === 'declined') return ok(undefined);
  const mail = await declineConfirmationMail(link, now, options.linkUrl);
  await commitWithMail(
    deps,
    [
      deps.db.insert(responses).values(newResponseRow(deps, link, now, 'declined')).onConflictDoNothing({ target: responses.invitationId }),
      deps.db
        .update(responses)
        .set({ status: 'declined', updatedAt: now })
        .where(and(eq(responses.invitationId, link.invitation.id), eq(responses.status, 'draft'))),
      deps.db
        .update(invitations)
        .set({ status: 'declined', declinedAt: now, lastActivityAt: now })
        .where(and(eq(invitations.id, link.invitation.id), inArray(invitations.status, ['invited', 'opened']))),
    ],
    mail ? [mail] : [],
  );
  return ok(undefined);
}

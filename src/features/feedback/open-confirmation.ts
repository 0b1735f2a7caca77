/**
 * Confirming the address typed on the open link. Typing an address proves nothing, so an open-link opinion stays a
 * public opinion until the address's owner confirms it through a capability link; only then is it attributed to the
 * directory member with that address. The request mail carries nothing anyone typed.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { opinions, responses, rounds, roundSections, stakeholders } from '../../db/schema';
import { HOUR_MS } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { hitRateLimits } from '../../lib/rate-limit';
import { fail, ok, type Result } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { randomToken, sha256Hex } from '../../lib/tokens';
import type { OutboxMessage } from '../mail/outbox';
import { renderEmail } from '../mail/render';
import type { SectionRow } from './sections';

export const EMAIL_CONFIRM_KIND = 'open_link_confirm';
/** Long enough to find the mail after a briefing day, short enough that an old mail stops mattering. */
export const EMAIL_CONFIRM_HOURS = 72;
/** However often the open link is given someone's address, that person gets at most this many requests a day. */
export const EMAIL_CONFIRM_MAILS_PER_DAY = 3;

type Recipient = { id: string; email: string; name: string };
type RoundRef = { id: string; title: string; contactName: string; contactPhone: string };

/**
 * For opinion lists joined with `responses`: 1 or 0 whether the typed address of an open-link opinion is confirmed,
 * null when no address was typed (nothing to confirm). Read it with `confirmedFlag`.
 */
export const emailConfirmedSql = sql<number | null>`CASE WHEN ${responses.respondentEmail} IS NULL THEN NULL ELSE ${responses.emailConfirmedAt} IS NOT NULL END`;

export function confirmedFlag(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

export type ConfirmationRequest = { tokenHash: string; expiresAt: Date; mail: OutboxMessage };

export function emailConfirmUrl(deps: Deps, token: string): string {
  return `${deps.config.appUrl}/o/confirm/${token}`;
}

/** A new token and its request mail, or null when this address has had its share of requests today. */
export async function confirmationRequest(deps: Deps, recipient: Recipient, round: RoundRef, submittedAt: Date): Promise<ConfirmationRequest | null> {
  const key = `open_link_confirm:${(await sha256Hex(recipient.email)).slice(0, 32)}`;
  if (!(await hitRateLimits(deps.d1, deps.clock, [{ key, limit: EMAIL_CONFIRM_MAILS_PER_DAY, windowMs: 24 * HOUR_MS }]))) return null;
  const token = randomToken();
  const url = emailConfirmUrl(deps, token);
  // Only what staff wrote (the round) and the time: the mail must carry none of the text typed into the form.
  const rendered = await renderEmail((t, locale) => ({
    subject: t('openLink.confirm.email.subject', { title: round.title }),
    heading: t('openLink.confirm.email.heading'),
    blocks: [
      { type: 'paragraph', text: t('openLink.confirm.email.intro', { title: round.title, time: formatDateTime(submittedAt, locale) }) },
      { type: 'button', label: t('openLink.confirm.email.button'), url },
      { type: 'paragraph', text: t('openLink.confirm.email.validity', { hours: EMAIL_CONFIRM_HOURS }) },
      { type: 'paragraph', text: t('openLink.confirm.email.ignore') },
    ],
  }));
  return {
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(submittedAt.getTime() + EMAIL_CONFIRM_HOURS * HOUR_MS),
    mail: { kind: EMAIL_CONFIRM_KIND, transactional: true, to: { email: recipient.email, name: recipient.name }, stakeholderId: recipient.id, roundId: round.id, ...rendered },
  };
}

export type PendingConfirmation = {
  responseId: string;
  round: { id: string; title: string };
  email: string;
  respondentName: string;
  submittedAt: Date;
  confirmedAt: Date | null;
  expired: boolean;
  /** What was submitted (section null: the whole draft), so the owner sees what they vouch for before confirming. */
  opinions: { section: Pick<SectionRow, 'number' | 'heading'> | null; text: string }[];
};

export async function findConfirmation(deps: Deps, token: string): Promise<PendingConfirmation | null> {
  const row = await deps.db
    .select({ response: responses, roundTitle: rounds.title })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .where(eq(responses.emailConfirmTokenHash, await sha256Hex(token)))
    .get();
  if (!row || !row.response.respondentEmail) return null;
  const { response } = row;
  const given = await deps.db
    .select({ text: opinions.text, section: roundSections })
    .from(opinions)
    .leftJoin(roundSections, eq(roundSections.id, opinions.sectionId))
    .where(eq(opinions.responseId, response.id))
    .orderBy(sql`coalesce(${roundSections.position}, -1)`, asc(opinions.id));
  return {
    responseId: response.id,
    round: { id: response.roundId, title: row.roundTitle },
    email: response.respondentEmail!,
    respondentName: response.respondentName,
    submittedAt: response.submittedAt ?? response.createdAt,
    confirmedAt: response.emailConfirmedAt,
    expired: !response.emailConfirmedAt && (response.emailConfirmExpiresAt ?? new Date(0)) <= deps.clock(),
    opinions: given.map((o) => ({ section: o.section, text: o.text })),
  };
}

/**
 * Confirms the address and attributes the response and its opinions to the directory member who owns it now (erased
 * members excepted). Claimed with UPDATE … WHERE email_confirmed_at IS NULL, so confirming twice changes nothing.
 */
export async function confirmOpenEmail(deps: Deps, token: string): Promise<Result<{ responseId: string; attributed: boolean }, 'invalid_link'>> {
  const now = deps.clock();
  const tokenHash = await sha256Hex(token);
  const owner = sql`(SELECT ${stakeholders.id} FROM ${stakeholders}
    WHERE ${stakeholders.emailNormalized} = ${responses.respondentEmail} AND ${stakeholders.erasedAt} IS NULL LIMIT 1)`;
  // One batch: the opinions follow the response only if this very statement claimed it (confirmed at `now`).
  const [claimed] = await deps.db.batch([
    deps.db
      .update(responses)
      .set({ emailConfirmedAt: now, stakeholderId: owner, updatedAt: now })
      .where(and(eq(responses.emailConfirmTokenHash, tokenHash), isNull(responses.emailConfirmedAt), gt(responses.emailConfirmExpiresAt, now)))
      .returning({ id: responses.id, stakeholderId: responses.stakeholderId }),
    deps.db
      .update(opinions)
      .set({ stakeholderId: sql`(SELECT r.stakeholder_id FROM responses r WHERE r.id = ${opinions.responseId})`, updatedAt: now })
      .where(
        inArray(
          opinions.responseId,
          deps.db
            .select({ id: responses.id })
            .from(responses)
            .where(and(eq(responses.emailConfirmTokenHash, tokenHash), eq(responses.emailConfirmedAt, now))),
        ),
      ),
  ]);
  const row = claimed[0];
  if (!row) return fail('invalid_link');
  return ok({ responseId: row.id, attributed: row.stakeholderId !== null });
}

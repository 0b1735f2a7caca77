/** Publishing a closed round's results, withdrawing them, and telling each author once what became of their opinions. */
import { opinionSectionName } from '../rounds/section-name';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { roundMailings, rounds } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import { commitWithMail, type OutboxMessage, type Statement } from '../mail/outbox';
import { renderEmail } from '../mail/render';
import { mailableAuthors, outcomesOf, type OwnOutcome } from './results';

export type Actor = Pick<CurrentStaff, 'id' | 'email'> | null;
export const MAILING_KIND = 'dispositions_published';
export const REVISED_DRAFT_MAX = 100_000;
/** Emails per D1 batch: each carries a rendered body, so batches stay small. */
const MAIL_BATCH = 25;
const EXCERPT_CHARS = 80;

export type PublishError = 'not_found' | 'round_not_closed';

export function publicUrl(deps: Deps, roundId: string): string {
  return `${deps.config.appUrl}/p/${roundId}`;
}

const excerpt = (text: string) => ([...text].length > EXCERPT_CHARS ? `${[...text].slice(0, EXCERPT_CHARS).join('')}…` : text);

async function dispositionsMail(deps: Deps, round: typeof rounds.$inferSelect, to: { id: string; name: string; email: string }, outcomes: OwnOutcome[]): Promise<OutboxMessage> {
  const mail = await renderEmail((t) => ({
    subject: t('publication.email.subject', { title: round.title }),
    heading: t('publication.email.heading'),
    blocks: [
      { type: 'paragraph', text: t('publication.email.greeting', { name: to.name }) },
      { type: 'paragraph', text: t('publication.email.intro', { title: round.title }) },
      ...outcomes.map((o) => ({
        type: 'facts' as const,
        items: [
          { label: t('publication.email.opinion', { section: opinionSectionName(t, o) }), value: excerpt(o.text) },
          { label: t(`opinions.disposition.${o.disposition}`), value: o.reply || t('publication.email.noReply') },
        ],
      })),
      { type: 'button', label: t('publication.email.button'), url: publicUrl(deps, round.id) },
    ],
  }));
  return { kind: MAILING_KIND, to: { email: to.email, name: to.name }, ...mail, stakeholderId: to.id, roundId: round.id };
}

/**
 * Claims the mailing for every author not yet told: the primary key (round, kind, recipient) lets one of two
 * publishes insert a row, and RETURNING tells this one which addresses are its own to mail.
 */
async function claimRecipients(deps: Deps, roundId: string, emails: string[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const now = deps.clock();
  for (const part of chunk(emails, rowsPerStatement(5))) {
    const rows = await deps.db
      .insert(roundMailings)
      .values(part.map((recipient) => ({ roundId, kind: MAILING_KIND, recipient, sentAt: now })))
      .onConflictDoNothing()
      .returning({ recipient: roundMailings.recipient });
    for (const row of rows) claimed.add(row.recipient);
  }
  return claimed;
}

/** Mails the authors claimed by this publish, a batch at a time; a batch that fails gives its claims back. */
async function mailAuthors(deps: Deps, round: typeof rounds.$inferSelect): Promise<number> {
  const authors = (await mailableAuthors(deps, round.id)).filter((a) => a.email);
  const recipientOf = (a: (typeof authors)[number]) => a.emailNormalized ?? a.email!.toLowerCase();
  const claimed = await claimRecipients(deps, round.id, [...new Set(authors.map(recipientOf))]);
  const mine = authors.filter((a) => claimed.delete(recipientOf(a)));
  for (const part of chunk(mine, MAIL_BATCH)) {
    const messages = await Promise.all(part.map(async (a) => dispositionsMail(deps, round, { id: a.id, name: a.name, email: a.email! }, await outcomesOf(deps, round.id, a.id))));
    const recipients = part.map(recipientOf);
    let ids: string[];
    try {
      ids = await commitWithMail(deps, [], messages);
    } catch (error) {
      await deps.db.delete(roundMailings).where(and(eq(roundMailings.roundId, round.id), eq(roundMailings.kind, MAILING_KIND), inArray(roundMailings.recipient, recipients)));
      throw error;
    }
    const links: Statement[] = ids.map((outboxId, i) =>
      deps.db.update(roundMailings).set({ outboxId }).where(and(eq(roundMailings.roundId, round.id), eq(roundMailings.kind, MAILING_KIND), eq(roundMailings.recipient, recipients[i]!))),
    );
    // Which outbox row each mailing became: for the record only, after the mail is safely committed.
    if (links.length) await deps.db.batch(links as [Statement, ...Statement[]]);
  }
  return mine.length;
}

/**
 * Publishes a closed round's results at /p/<id> (again, if already published: the revised draft is updated), then
 * tells each author who has not yet been told. `revisedDraft` undefined keeps the current one; '' removes it.
 */
export async function publishRound(deps: Deps, actor: Actor, roundId: string, input: { revisedDraft?: string }): Promise<Result<{ mailed: number }, PublishError>> {
  const round = await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return fail('not_found');
  if (round.status !== 'closed') return fail('round_not_closed');
  const now = deps.clock();
  const revisedDraft = input.revisedDraft === undefined ? round.revisedDraft : input.revisedDraft.trim() ? input.revisedDraft : null;
  await deps.db.batch([
    deps.db.update(rounds).set({ publishedAt: round.publishedAt ?? now, revisedDraft, updatedAt: now }).where(eq(rounds.id, roundId)),
    auditStatement(deps, { actor, action: round.publishedAt ? 'round.republish' : 'round.publish', entityType: 'round', entityId: roundId, detail: { revisedDraft: revisedDraft !== null } }),
  ]);
  const mailed = await mailAuthors(deps, { ...round, publishedAt: round.publishedAt ?? now, revisedDraft });
  return ok({ mailed });
}

export async function unpublishRound(deps: Deps, actor: Actor, roundId: string): Promise<Result<void, 'not_found'>> {
  const round = await deps.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return fail('not_found');
  await deps.db.batch([
    deps.db.update(rounds).set({ publishedAt: null, updatedAt: deps.clock() }).where(eq(rounds.id, roundId)),
    auditStatement(deps, { actor, action: 'round.unpublish', entityType: 'round', entityId: roundId }),
  ]);
  return ok(undefined);
}

/** How many of a round's opinions still wait for a disposition (shown before publishing). */
export async function pendingCount(deps: Deps, roundId: string): Promise<number> {
  const row = await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM opinions WHERE round_id = ${roundId} AND disposition = 'pending'`);
  return row[0]?.n ?? 0;
}

/** Authors a publish would email now: mailable, distinct by address, not told yet (the count the confirmation states). */
export async function authorsToTell(deps: Deps, roundId: string): Promise<number> {
  const [row] = await deps.db.all<{ n: number }>(sql`
    SELECT count(DISTINCT coalesce(s.email_normalized, lower(s.email))) AS n
    FROM opinions o JOIN stakeholders s ON s.id = o.stakeholder_id
    WHERE o.round_id = ${roundId} AND s.erased_at IS NULL AND s.unmailable_reason IS NULL AND s.consent = 1
      AND s.email IS NOT NULL AND s.email <> ''
      AND coalesce(s.email_normalized, lower(s.email)) NOT IN (SELECT recipient FROM round_mailings WHERE round_id = ${roundId} AND kind = ${MAILING_KIND})`);
  return row?.n ?? 0;
}

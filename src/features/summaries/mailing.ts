/**
 * Emailing a round's summary: to the round's audience and to chosen staff, one email per person through the outbox,
 * never twice. The email carries links (the public page; the summary page for staff), never personal data.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { allRows, chunk } from '../../db/client';
import { roundMailings, rounds, staffUsers } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import { outboxStatements, type OutboxMessage, type Statement } from '../mail/outbox';
import { renderEmail, type RenderedEmail } from '../mail/render';
import type { DispositionCounts } from './figures';

export const SUMMARY_MAIL_KIND = 'summary';
/** People per D1 batch: each costs three statements (outbox row, its event, the claim's outbox id). */
const WRITE_CHUNK = 50;
const STAFF_IDS_MAX = 500;

export type SendSummaryInput = { audience: boolean; staffIds: string[] };
export type SendSummaryError = 'not_found' | 'not_published' | 'no_recipients';
export type SendSummaryOutcome = { sent: number; skipped: number };

type Recipient = { email: string; name: string; stakeholderId: string | null; staffId: string | null };

/** Whom of the audience the summary may be mailed to: not erased, not unmailable, consenting, with an address. */
const mailableSql = sql`s.erased_at IS NULL AND s.unmailable_reason IS NULL AND s.consent = 1`;

/** The audience as the summary reaches it: live invitations; only those who can and may be mailed have an email. */
export async function audienceRecipients(deps: Deps, roundId: string): Promise<{ mailable: Recipient[]; total: number }> {
  const rows = await deps.db.all<{ id: string; name: string; email: string | null }>(sql`SELECT s.id AS id, s.name AS name,
      CASE WHEN ${mailableSql} THEN s.email_normalized END AS email
    FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
    WHERE i.round_id = ${roundId} AND i.revoked_at IS NULL
    ORDER BY s.id`);
  const mailable = rows.filter((r): r is typeof r & { email: string } => Boolean(r.email)).map((r) => ({ email: r.email, name: r.name, stakeholderId: r.id, staffId: null }));
  return { mailable, total: rows.length };
}

/** How many of the audience audienceRecipients would mail, counted in SQL (the send form shows the number only). */
export function mailableAudienceCountQuery(deps: Deps, roundId: string) {
  return allRows<{ n: number }>(deps, sql`SELECT count(*) AS n
    FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
    WHERE i.round_id = ${roundId} AND i.revoked_at IS NULL AND ${mailableSql} AND s.email_normalized IS NOT NULL AND s.email_normalized <> ''`);
}

async function staffRecipients(deps: Deps, staffIds: string[]): Promise<Recipient[]> {
  const ids = [...new Set(staffIds)].slice(0, STAFF_IDS_MAX);
  const found = [];
  for (const part of chunk(ids, 90)) {
    found.push(...(await deps.db.select().from(staffUsers).where(and(inArray(staffUsers.id, part), eq(staffUsers.active, true)))));
  }
  return found.map((s) => ({ email: s.email.toLowerCase(), name: s.name, stakeholderId: null, staffId: s.id }));
}

/**
 * Claims the addresses not reached before: the primary key (round, kind, recipient) lets only one of two sends insert
 * a row, and RETURNING tells this send which addresses are its own.
 */
async function claim(deps: Deps, roundId: string, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const result = await deps.db.run(sql`INSERT INTO round_mailings (round_id, kind, recipient, outbox_id, sent_at)
    SELECT ${roundId}, ${SUMMARY_MAIL_KIND}, value, NULL, ${deps.clock().getTime()} FROM json_each(${JSON.stringify(emails)}) WHERE true
    ON CONFLICT DO NOTHING
    RETURNING recipient`);
  return new Set((result.results as { recipient: string }[]).map((row) => row.recipient));
}

async function release(deps: Deps, roundId: string, emails: string[]) {
  for (const part of chunk(emails, 90)) {
    await deps.db.delete(roundMailings).where(and(eq(roundMailings.roundId, roundId), eq(roundMailings.kind, SUMMARY_MAIL_KIND), inArray(roundMailings.recipient, part)));
  }
}

function summaryEmail(round: { id: string; title: string }, d: DispositionCounts, total: number, publicUrl: string, staffUrl: string | null): Promise<RenderedEmail> {
  return renderEmail((t) => ({
    subject: t('summaries.email.subject', { title: round.title }),
    heading: t('summaries.email.heading', { title: round.title }),
    blocks: [
      { type: 'paragraph', text: t('summaries.email.intro', { total, adopted: d.adopted, partly: d.partly_adopted }) },
      { type: 'button', label: t('summaries.email.button'), url: publicUrl },
      ...(staffUrl ? [{ type: 'paragraph' as const, text: t('summaries.email.staff') }, { type: 'button' as const, label: t('summaries.email.staffButton'), url: staffUrl }] : []),
    ],
  }));
}

/** Sends the summary to whoever of the chosen recipients has not had it yet; refused while the results are unpublished. */
export async function sendSummary(
  deps: Deps,
  actor: CurrentStaff | null,
  roundId: string,
  input: SendSummaryInput,
  figures: { dispositions: DispositionCounts; total: number },
): Promise<Result<SendSummaryOutcome, SendSummaryError>> {
  const round = await deps.db.select({ id: rounds.id, title: rounds.title, publishedAt: rounds.publishedAt }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return fail('not_found');
  if (!round.publishedAt) return fail('not_published');
  if (!input.audience && input.staffIds.length === 0) return fail('no_recipients');

  const staff = await staffRecipients(deps, input.staffIds);
  const audience = input.audience ? await audienceRecipients(deps, roundId) : { mailable: [], total: 0 };
  // Staff first: someone who is both gets the staff email, with the link to the full summary.
  const byEmail = new Map<string, Recipient>();
  for (const r of [...staff, ...audience.mailable]) if (!byEmail.has(r.email)) byEmail.set(r.email, r);
  const candidates = staff.length + audience.total;

  const claimed = await claim(deps, roundId, [...byEmail.keys()]);
  const mine = [...byEmail.values()].filter((r) => claimed.has(r.email));
  if (!mine.length) return ok({ sent: 0, skipped: candidates });

  const publicUrl = `${deps.config.appUrl}/p/${roundId}`;
  const [audienceMail, staffMail] = await Promise.all([
    summaryEmail(round, figures.dispositions, figures.total, publicUrl, null),
    summaryEmail(round, figures.dispositions, figures.total, publicUrl, `${deps.config.appUrl}/rounds/${roundId}/summary`),
  ]);
  const parts = chunk(mine, WRITE_CHUNK);
  for (const [index, part] of parts.entries()) {
    const statements: Statement[] = [];
    const ids: string[] = [];
    for (const r of part) {
      const message: OutboxMessage = { kind: SUMMARY_MAIL_KIND, to: { email: r.email, name: r.name }, ...(r.staffId ? staffMail : audienceMail), stakeholderId: r.stakeholderId, staffId: r.staffId, roundId };
      const mail = outboxStatements(deps, message);
      ids.push(mail.id);
      statements.push(
        ...mail.statements,
        deps.db.update(roundMailings).set({ outboxId: mail.id }).where(and(eq(roundMailings.roundId, roundId), eq(roundMailings.kind, SUMMARY_MAIL_KIND), eq(roundMailings.recipient, r.email))),
      );
    }
    if (index === 0) {
      statements.push(auditStatement(deps, { actor, action: 'round.summary_send', entityType: 'round', entityId: roundId, detail: { recipients: mine.length, skipped: candidates - mine.length } }));
    }
    try {
      await deps.db.batch(statements as [Statement, ...Statement[]]);
    } catch (error) {
      // Unwritten claims are released so that sending again reaches these people.
      await release(deps, roundId, parts.slice(index).flat().map((r) => r.email));
      throw error;
    }
    await deps.enqueueMail(ids);
  }
  return ok({ sent: mine.length, skipped: candidates - mine.length });
}

/** Active staff, for the checkboxes of the send form: the query, to run in a batch. */
export function activeStaffQuery(deps: Deps) {
  return deps.db.select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.active, true)).orderBy(staffUsers.name);
}

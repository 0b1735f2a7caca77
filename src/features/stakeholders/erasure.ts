/**
 * Erasure (PIPL art. 47): one batch that kills every link of a stakeholder and removes their name, organization,
 * address, phone and notes wherever the hub copied them: meeting invitees, responses and opinions, attachment
 * names, the outbox, the suppression list and audit details. Opinions stay, attributed to an erased stakeholder.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  auditLog,
  erasureRequests,
  feedbackAttachments,
  invitations,
  mailSuppressions,
  meetingAttendees,
  opinions,
  outbox,
  outboxEvents,
  responses,
  roundMailings,
  stakeholders,
  stakeholderTags,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import { outboxStatements, type Statement } from '../mail/outbox';
import { erasureCompletedMail } from './erasure-mail';
import { ERASED_NAME, erasedAddress, scrubJson, scrubText, searchTerms, type Needles } from './scrub';
import type { Actor } from './service';

type Person = typeof stakeholders.$inferSelect;

/** An attachment keeps its extension (so it still opens) and loses a name that may be the person's own. */
export function erasedFilename(filename: string, index: number): string {
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 ? filename.slice(dot).toLowerCase() : '';
  return `attachment-${index + 1}${extension}`;
}

/** Rows where any of the terms occurs in one of the columns (instr: no LIKE wildcards to escape). */
function mentions(columns: SQL[], terms: string[]): SQL {
  if (terms.length === 0) return sql`0`;
  const any = sql.join(
    columns.flatMap((column) => terms.map((term) => sql`instr(lower(coalesce(${column}, '')), ${term.toLowerCase()}) > 0`)),
    sql` OR `,
  );
  return sql`(${any})`;
}

export async function eraseStakeholder(deps: Deps, actor: Actor, id: string): Promise<Result<{ id: string }, 'not_found'>> {
  const person = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, id)).get();
  if (!person) return fail('not_found');
  if (person.erasedAt) return ok({ id });
  const now = deps.clock();
  const needles: Needles = { name: person.name, email: person.email, phone: person.phone, placeholder: erasedAddress(id) };
  const statements = [...(await scrubStatements(deps, person, needles, now))];

  const request = await deps.db
    .select()
    .from(erasureRequests)
    .where(and(eq(erasureRequests.stakeholderId, id), eq(erasureRequests.status, 'open')))
    .get();
  if (request) {
    statements.push(
      deps.db
        .update(erasureRequests)
        .set({ status: 'completed', completedAt: now, completedByStaffId: actor?.id ?? null })
        .where(and(eq(erasureRequests.id, request.id), eq(erasureRequests.status, 'open'))),
    );
  }
  // Written after the outbox is scrubbed, in the same batch: the one mail that still needs the address.
  const mail = request && person.email ? outboxStatements(deps, await erasureCompletedMail({ email: person.email, stakeholderId: id, completedAt: now })) : null;
  statements.push(
    auditStatement(deps, { actor, action: 'stakeholder.erase', entityType: 'stakeholder', entityId: id, detail: request ? { requestId: request.id } : undefined }),
    ...(mail?.statements ?? []),
  );
  await deps.db.batch(statements as [Statement, ...Statement[]]);
  if (mail) await deps.enqueueMail([mail.id]);
  return ok({ id });
}

/** Every statement of the erasure but the audit entry; the rows to rewrite one by one are read first. */
async function scrubStatements(deps: Deps, person: Person, needles: Needles, now: Date): Promise<Statement[]> {
  const id = person.id;
  const terms = searchTerms(needles);
  const email = person.emailNormalized;
  const theirInvitations = sql`SELECT id FROM invitations WHERE stakeholder_id = ${id}`;
  const theirResponses = sql`SELECT id FROM responses WHERE stakeholder_id = ${id} OR invitation_id IN (${theirInvitations})`;
  const theirMail = email ? or(eq(outbox.stakeholderId, id), sql`lower(${outbox.toEmail}) = ${email}`)! : eq(outbox.stakeholderId, id);

  // coalesce: a row without a stakeholder makes `theirMail` NULL, and NOT NULL would leave it out.
  const [audits, otherMail, attachments] = await Promise.all([
    terms.length ? deps.db.select({ id: auditLog.id, detail: auditLog.detail }).from(auditLog).where(mentions([sql`${auditLog.detail}`], terms)) : [],
    terms.length
      ? deps.db
          .select({ id: outbox.id, subject: outbox.subject, html: outbox.html, text: outbox.text, toName: outbox.toName })
          .from(outbox)
          .where(and(sql`NOT coalesce(${theirMail}, 0)`, mentions([sql`${outbox.subject}`, sql`${outbox.html}`, sql`${outbox.text}`, sql`${outbox.toName}`], terms)))
      : [],
    deps.db.select({ id: feedbackAttachments.id, filename: feedbackAttachments.filename }).from(feedbackAttachments).where(sql`${feedbackAttachments.responseId} IN (${theirResponses})`),
  ]);

  return [
    deps.db
      .update(stakeholders)
      .set({
        name: ERASED_NAME,
        organization: '',
        title: '',
        email: null,
        emailNormalized: null,
        phone: '',
        phoneNormalized: '',
        notes: '',
        consent: false,
        searchText: '',
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(stakeholders.id, id)),
    deps.db.delete(stakeholderTags).where(eq(stakeholderTags.stakeholderId, id)),
    // A hash no token can have: the link answers as unknown, while the invitation still counts as asked and answered.
    deps.db
      .update(invitations)
      .set({ tokenHash: sql`'erased:' || ${invitations.id}`, lastActivityAt: now })
      .where(eq(invitations.stakeholderId, id)),
    deps.db
      .update(meetingAttendees)
      .set({ tokenHash: null, name: ERASED_NAME, organization: '', note: '', deputyName: '', deputyTitle: '', updatedAt: now })
      .where(eq(meetingAttendees.stakeholderId, id)),
    deps.db.update(responses).set({ respondentName: '', respondentOrganization: '' }).where(sql`${responses.id} IN (${theirResponses})`),
    deps.db
      .update(opinions)
      .set({ authorName: '', authorOrganization: '' })
      .where(or(eq(opinions.stakeholderId, id), sql`${opinions.responseId} IN (${theirResponses})`)),
    ...attachments.map((a, index) => deps.db.update(feedbackAttachments).set({ filename: erasedFilename(a.filename, index) }).where(eq(feedbackAttachments.id, a.id))),
    ...theirMailStatements(deps, theirMail, needles, now),
    ...otherMail.map((row) =>
      deps.db
        .update(outbox)
        .set({ subject: scrubText(row.subject, needles), html: scrubText(row.html, needles), text: scrubText(row.text, needles), toName: row.toName && scrubText(row.toName, needles) })
        .where(eq(outbox.id, row.id)),
    ),
    ...(email ? [deps.db.update(roundMailings).set({ recipient: needles.placeholder }).where(eq(roundMailings.recipient, email))] : []),
    deps.db.delete(mailSuppressions).where(email ? or(eq(mailSuppressions.stakeholderId, id), eq(mailSuppressions.email, email)) : eq(mailSuppressions.stakeholderId, id)),
    ...audits.map((row) => deps.db.update(auditLog).set({ detail: scrubJson(row.detail, needles) as Record<string, unknown> }).where(eq(auditLog.id, row.id))),
  ];
}

/**
 * Their own mail keeps its kind, status and times (counts and delivery history stay whole) and loses the address,
 * name, bodies, attachments (calendar files name the invitee) and headers (unsubscribe links encode the address).
 * Mail still waiting to go is failed, not sent to the placeholder.
 */
function theirMailStatements(deps: Deps, theirMail: SQL, needles: Needles, now: Date): Statement[] {
  const waiting = and(theirMail, inArray(outbox.status, ['queued']))!;
  const theirIds = sql`SELECT id FROM outbox WHERE ${theirMail}`;
  return [
    // Provider errors quote the address they refused.
    ...(needles.email
      ? [deps.db.update(outboxEvents).set({ detail: sql`replace(${outboxEvents.detail}, ${needles.email}, ${needles.placeholder})` }).where(sql`${outboxEvents.outboxId} IN (${theirIds})`)]
      : []),
    // Columns in table order: id, outbox_id, status, detail, created_at.
    deps.db
      .insert(outboxEvents)
      .select(sql`SELECT ${deps.newId()} || '.' || ${outbox.id}, ${outbox.id}, 'failed', 'erased', ${now.getTime()} FROM ${outbox} WHERE ${waiting}`),
    deps.db.update(outbox).set({ status: 'failed', lastError: 'erased', statusChangedAt: now, notBefore: null }).where(waiting),
    deps.db
      .update(outbox)
      .set({
        toEmail: needles.placeholder,
        toName: null,
        subject: sql`${scrubSubjectSql(needles)}`,
        html: '',
        text: '',
        attachments: null,
        headers: null,
        lastError: needles.email ? sql`replace(${outbox.lastError}, ${needles.email}, ${needles.placeholder})` : sql`${outbox.lastError}`,
      })
      .where(theirMail),
  ];
}

/** Subjects often greet by name; the rest of a subject (a round's title) says what the mail was. */
function scrubSubjectSql(needles: Needles): SQL {
  return needles.name.length >= 2 ? sql`replace(${outbox.subject}, ${needles.name}, ${ERASED_NAME})` : sql`${outbox.subject}`;
}

/** How many opinions a stakeholder gave: they stay after erasure, which the confirmation says. */
export async function opinionCountOf(deps: Deps, stakeholderId: string): Promise<number> {
  const [row] = await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM opinions WHERE stakeholder_id = ${stakeholderId}`);
  return row?.n ?? 0;
}

/**
 * Reminders to invitees who have not answered (by hand, and scheduled before the close), and before the close to
 * those who submitted and then saved changes they have not sent. Each at most once.
 */
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { invitations, rounds, stakeholders } from '../../db/schema';
import { DAY_MS } from '../../lib/clock';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sql, type SQL } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { pendingChangesSql } from '../feedback/pending';
import { commitWithMail, type OutboxMessage, type Statement } from '../mail/outbox';
import { renderEmail } from '../mail/render';
import { feedbackLink, INVITE_BATCH_SIZE, roundFacts } from './invitations';
import { findRound, type Actor, type RoundRow } from './service';

/** Tightest first: a round found one day before its close gets the one-day reminder, not both. */
export const SCHEDULED_REMINDERS = [
  { key: 'before:1d', beforeMs: DAY_MS },
  { key: 'before:3d', beforeMs: 3 * DAY_MS },
] as const;
const LOOKUP_CHUNK = 90;

/** Who a reminder is for: those who still owe an answer, or those who submitted and then saved changes not sent. */
export type ReminderAudience = 'unanswered' | 'pending_changes';

const AUDIENCE_CONDITION: Record<ReminderAudience, SQL> = {
  unanswered: sql`i.status IN ('invited', 'opened')
      AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = i.id AND r.status IN ('submitted', 'declined'))`,
  pending_changes: sql`i.status = 'responded'
      AND EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = i.id AND r.status = 'submitted' AND ${pendingChangesSql(sql`r.id`)})`,
};

/**
 * Claims the reminder for every invitation of the audience: the primary key (invitation, reminder) lets only one of
 * two overlapping runs insert a row, and RETURNING tells each run which rows are its own to mail.
 */
async function claimReminders(
  deps: Deps,
  roundId: string,
  reminderKey: string,
  options: { invitedBefore: Date; only: string[] | null; audience?: ReminderAudience },
): Promise<string[]> {
  const now = deps.clock().getTime();
  const only = options.only ? JSON.stringify(options.only) : null;
  const result = await deps.db.run(sql`
    INSERT INTO invitation_reminders (invitation_id, reminder_key, sent_at)
    SELECT i.id, ${reminderKey}, ${now}
    FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
    WHERE i.round_id = ${roundId} AND i.revoked_at IS NULL AND ${AUDIENCE_CONDITION[options.audience ?? 'unanswered']}
      AND i.invited_at < ${options.invitedBefore.getTime()}
      AND s.erased_at IS NULL AND s.email IS NOT NULL AND s.unmailable_reason IS NULL AND s.consent = 1
      AND (${only} IS NULL OR i.id IN (SELECT value FROM json_each(${only})))
    ON CONFLICT DO NOTHING
    RETURNING invitation_id AS id`);
  return (result.results as { id: string }[]).map((row) => row.id);
}

async function reminderMail(deps: Deps, round: RoundRow, to: { id: string; name: string; email: string }, link: string | null): Promise<OutboxMessage> {
  const mail = await renderEmail((t, locale) => ({
    subject: t('rounds.email.reminder.subject', { title: round.title }),
    heading: t('rounds.email.reminder.heading', { title: round.title }),
    blocks: [
      { type: 'paragraph', text: t('rounds.email.greeting', { name: to.name }) },
      { type: 'paragraph', text: t(link ? 'rounds.email.reminder.newLink' : 'rounds.email.reminder.useLink') },
      roundFacts(t, locale, round),
      ...(link ? [{ type: 'button' as const, label: t('rounds.email.invitation.button'), url: link }, { type: 'paragraph' as const, text: t('rounds.email.personalLink') }] : []),
    ],
  }));
  return { kind: 'reminder', to: { email: to.email, name: to.name }, ...mail, stakeholderId: to.id, roundId: round.id };
}

/** Its own wording: the changes are saved but staff do not have them until the person submits again. */
async function pendingChangesMail(round: RoundRow, to: { id: string; name: string; email: string }): Promise<OutboxMessage> {
  const mail = await renderEmail((t, locale) => ({
    subject: t('rounds.email.pendingReminder.subject', { title: round.title }),
    heading: t('rounds.email.pendingReminder.heading'),
    blocks: [
      { type: 'paragraph', text: t('rounds.email.greeting', { name: to.name }) },
      { type: 'paragraph', text: t('rounds.email.pendingReminder.body') },
      roundFacts(t, locale, round),
    ],
  }));
  return { kind: 'reminder', to: { email: to.email, name: to.name }, ...mail, stakeholderId: to.id, roundId: round.id };
}

/**
 * Mails the claimed reminders. Whoever never opened their link gets a fresh one (the mail says it replaces the
 * first); whoever opened it may be mid-way through, so their link stays and the mail points back to it.
 */
async function mailReminders(deps: Deps, actor: Actor, round: RoundRow, invitationIds: string[], reminderKey: string, audience: ReminderAudience = 'unanswered'): Promise<number> {
  for (const ids of chunk(invitationIds, Math.min(INVITE_BATCH_SIZE, LOOKUP_CHUNK))) {
    const rows = await deps.db
      .select({ id: invitations.id, status: invitations.status, stakeholderId: stakeholders.id, name: stakeholders.name, email: stakeholders.email })
      .from(invitations)
      .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
      .where(inArray(invitations.id, ids));
    const statements: Statement[] = [];
    const messages: OutboxMessage[] = [];
    for (const row of rows) {
      const to = { id: row.stakeholderId, name: row.name, email: row.email! };
      if (audience === 'pending_changes') {
        messages.push(await pendingChangesMail(round, to));
        continue;
      }
      let link: string | null = null;
      if (row.status === 'invited') {
        const token = randomToken();
        link = feedbackLink(deps, token);
        statements.push(deps.db.update(invitations).set({ tokenHash: await sha256Hex(token) }).where(and(eq(invitations.id, row.id), eq(invitations.status, 'invited'))));
      }
      messages.push(await reminderMail(deps, round, to, link));
    }
    statements.push(auditStatement(deps, { actor, action: 'round.remind', entityType: 'round', entityId: round.id, detail: { reminderKey, count: rows.length } }));
    await commitWithMail(deps, statements, messages);
  }
  return invitationIds.length;
}

/** By hand: to every non-responder, or to the selected invitations among them. */
export async function sendManualReminders(
  deps: Deps,
  actor: Actor,
  roundId: string,
  selected: string[] | null,
): Promise<Result<{ sent: number }, 'not_found' | 'round_not_open'>> {
  const round = await findRound(deps, roundId);
  if (!round) return fail('not_found');
  if (round.status !== 'open') return fail('round_not_open');
  const reminderKey = `manual:${deps.newId()}`;
  const claimed = await claimReminders(deps, round.id, reminderKey, { invitedBefore: new Date(deps.clock().getTime() + 1), only: selected && selected.length ? selected : null });
  return ok({ sent: await mailReminders(deps, actor, round, claimed, reminderKey) });
}

/** Cron: the 3-day and 1-day reminders of every open round near its close. Safe to run twice at once. */
export async function sendScheduledReminders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const longest = Math.max(...SCHEDULED_REMINDERS.map((r) => r.beforeMs));
  const due = await deps.db
    .select()
    .from(rounds)
    .where(and(eq(rounds.status, 'open'), gt(rounds.closesAt, now), lte(rounds.closesAt, new Date(now.getTime() + longest))));
  let sent = 0;
  for (const round of due) {
    const left = round.closesAt.getTime() - now.getTime();
    const schedule = SCHEDULED_REMINDERS.find((r) => left <= r.beforeMs)!;
    // Someone invited after this reminder's moment has just had the invitation; they are not reminded yet.
    const invitedBefore = new Date(round.closesAt.getTime() - schedule.beforeMs);
    const claimed = await claimReminders(deps, round.id, schedule.key, { invitedBefore, only: null });
    sent += await mailReminders(deps, null, round, claimed, schedule.key);
    const pendingKey = `${schedule.key}:pending`;
    const pending = await claimReminders(deps, round.id, pendingKey, { invitedBefore, only: null, audience: 'pending_changes' });
    sent += await mailReminders(deps, null, round, pending, pendingKey, 'pending_changes');
  }
  return sent;
}

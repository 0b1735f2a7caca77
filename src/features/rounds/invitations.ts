/** Freezing the audience into invitations, each with its own capability link; revoking and reissuing a link. */
import { and, eq, isNull } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { invitations, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { randomToken, sha256Hex } from '../../lib/tokens';
import { auditStatement } from '../audit/audit';
import { commitWithMail, type OutboxMessage, type Statement } from '../mail/outbox';
import { invitationReplyAddress, REPLY_TO_HEADER } from '../inbound/reply-address';
import { feedbackFormRecipes } from '../inbound/form-attachment';
import { renderEmail, type EmailBlock } from '../mail/render';
import type { Translator } from '../../lib/i18n';
import type { Locale } from '../../lib/i18n';
import { audienceMembers, type AudienceMember } from './audience';
import { findRound, openRound, type Actor, type RoundError, type RoundRow } from './service';

/** Invitees per D1 batch: their invitation rows plus two outbox statements each stay a modest transaction. */
export const INVITE_BATCH_SIZE = 40;
const INVITATION_COLUMNS = 6;
/** A batch that loses a race with another send (the unique index refuses it) is recomputed this many times. */
const MAX_SEND_ATTEMPTS = 3;

export function feedbackLink(deps: Deps, token: string): string {
  return `${deps.config.appUrl}/f/${token}`;
}

type Invitee = { id: string; name: string; email: string };

/** The facts every round email gives: the round, the deadline in Shanghai time and whom to ask. */
export function roundFacts(t: Translator, locale: Locale, round: RoundRow): EmailBlock {
  const items = [
    { label: t('rounds.email.round'), value: round.title },
    { label: t('rounds.email.deadline'), value: t('rounds.time.shanghai', { time: formatDateTime(round.closesAt, locale) }) },
  ];
  if (round.contactName) items.push({ label: t('rounds.email.contact'), value: round.contactName });
  if (round.contactPhone) items.push({ label: t('rounds.email.phone'), value: round.contactPhone });
  if (round.contactAddress) items.push({ label: t('rounds.email.address'), value: round.contactAddress });
  return { type: 'facts', items };
}

/**
 * `replyTo`: the invitation's own reply address, so that an answer by email reaches its round (see inbound/). The
 * round may ask for the personal 意见反馈表 to go along; it is made when the mail is sent (inbound/form-attachment.ts).
 */
export async function invitationEmail(
  deps: Deps,
  round: RoundRow,
  invitee: Invitee,
  link: string,
  invitation: { id: string; replyTo: string | null },
): Promise<OutboxMessage> {
  const mail = await renderEmail((t, locale) => ({
    subject: t('rounds.email.invitation.subject', { title: round.title }),
    heading: t('rounds.email.invitation.heading', { title: round.title }),
    blocks: [
      { type: 'paragraph', text: t('rounds.email.greeting', { name: invitee.name }) },
      { type: 'paragraph', text: t('rounds.email.invitation.intro', { title: round.title }) },
      ...(round.purpose ? [{ type: 'paragraph' as const, text: round.purpose }] : []),
      roundFacts(t, locale, round),
      { type: 'button', label: t('rounds.email.invitation.button'), url: link },
      { type: 'paragraph', text: t('rounds.email.personalLink') },
    ],
  }));
  const headers = invitation.replyTo ? { [REPLY_TO_HEADER]: invitation.replyTo } : undefined;
  const forms = feedbackFormRecipes(round.feedbackFormAttachment, invitation.id, invitee.name);
  return {
    kind: 'invitation',
    to: { email: invitee.email, name: invitee.name },
    ...mail,
    headers,
    ...(forms.length ? { attachments: forms } : {}),
    stakeholderId: invitee.id,
    roundId: round.id,
  };
}

async function inviteBatch(deps: Deps, actor: Actor, round: RoundRow, members: AudienceMember[]): Promise<void> {
  const now = deps.clock();
  const rows: (typeof invitations.$inferInsert)[] = [];
  const messages: OutboxMessage[] = [];
  for (const member of members) {
    const token = randomToken();
    const row = { id: deps.newId(), roundId: round.id, stakeholderId: member.id, tokenHash: await sha256Hex(token), status: 'invited' as const, invitedAt: now };
    rows.push(row);
    const replyTo = await invitationReplyAddress(deps, row);
    messages.push(await invitationEmail(deps, round, { id: member.id, name: member.name, email: member.email! }, feedbackLink(deps, token), { id: row.id, replyTo }));
  }
  // A plain INSERT: if another send invited one of these meanwhile, the unique index fails the whole batch, mail included.
  const statements: Statement[] = chunk(rows, rowsPerStatement(INVITATION_COLUMNS)).map((part) => deps.db.insert(invitations).values(part));
  statements.push(auditStatement(deps, { actor, action: 'round.invite', entityType: 'round', entityId: round.id, detail: { count: rows.length } }));
  await commitWithMail(deps, statements, messages);
}

function isUniqueViolation(error: unknown): boolean {
  return String((error as { message?: unknown })?.message ?? error).includes('UNIQUE constraint failed');
}

/**
 * Invites everyone in the audience not invited yet (and reachable by mail). Idempotent: a second call invites no one;
 * two calls at once cannot invite anyone twice.
 */
export async function sendInvitations(
  deps: Deps,
  actor: Actor,
  roundId: string,
): Promise<Result<{ invited: number; skipped: number }, 'not_found' | 'round_not_open'>> {
  const round = await findRound(deps, roundId);
  if (!round) return fail('not_found');
  if (round.status !== 'open') return fail('round_not_open');
  let invited = 0;
  for (let attempt = 1; ; attempt++) {
    const members = await audienceMembers(deps, round.id, round.audience);
    const pending = members.filter((m) => m.mailable && !m.invitationId);
    try {
      for (const part of chunk(pending, INVITE_BATCH_SIZE)) {
        await inviteBatch(deps, actor, round, part);
        invited += part.length;
      }
      return ok({ invited, skipped: members.length - invited });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_SEND_ATTEMPTS) throw error;
    }
  }
}

/**
 * Opening by hand invites in the same step: the round opens, then everyone in its audience who can be mailed is
 * invited. If sending stops half-way, the round page offers to invite the rest (sending is idempotent).
 */
export async function openRoundAndInvite(
  deps: Deps,
  actor: Actor,
  roundId: string,
  shortPeriodReason: string,
): Promise<Result<{ invited: number; skipped: number }, RoundError | 'round_not_open'>> {
  const opened = await openRound(deps, actor, roundId, shortPeriodReason);
  if (!opened.ok) return opened;
  return sendInvitations(deps, actor, roundId);
}

async function findInvitation(deps: Deps, roundId: string, invitationId: string) {
  return deps.db
    .select({ invitation: invitations, stakeholder: stakeholders })
    .from(invitations)
    .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.roundId, roundId)))
    .get();
}

export async function revokeInvitation(deps: Deps, actor: Actor, roundId: string, invitationId: string): Promise<Result<void, 'not_found' | 'already_revoked'>> {
  const found = await findInvitation(deps, roundId, invitationId);
  if (!found) return fail('not_found');
  const [revoked] = await deps.db.batch([
    deps.db
      .update(invitations)
      .set({ revokedAt: deps.clock() })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id }),
    auditStatement(deps, { actor, action: 'invitation.revoke', entityType: 'invitation', entityId: invitationId, detail: { roundId, stakeholderId: found.invitation.stakeholderId } }),
  ]);
  return revoked.length ? ok(undefined) : fail('already_revoked');
}

/** A new link replaces the old one (which stops working) and is mailed to the stakeholder; what they gave is kept. */
export async function reissueInvitation(
  deps: Deps,
  actor: Actor,
  roundId: string,
  invitationId: string,
): Promise<Result<void, 'not_found' | 'round_not_open' | 'not_mailable'>> {
  const round = await findRound(deps, roundId);
  const found = round ? await findInvitation(deps, roundId, invitationId) : undefined;
  if (!round || !found) return fail('not_found');
  if (round.status !== 'open') return fail('round_not_open');
  const { stakeholder } = found;
  if (!stakeholder.email || stakeholder.erasedAt || stakeholder.unmailableReason) return fail('not_mailable');
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const replyTo = await invitationReplyAddress(deps, { id: invitationId, tokenHash });
  await commitWithMail(
    deps,
    [
      deps.db.update(invitations).set({ tokenHash, revokedAt: null }).where(eq(invitations.id, invitationId)),
      auditStatement(deps, { actor, action: 'invitation.reissue', entityType: 'invitation', entityId: invitationId, detail: { roundId, stakeholderId: stakeholder.id } }),
    ],
    [await invitationEmail(deps, round, { id: stakeholder.id, name: stakeholder.name, email: stakeholder.email }, feedbackLink(deps, token), { id: invitationId, replyTo })],
  );
  return ok(undefined);
}

/**
 * Reference data, what stakeholders said: feedback given behind each invitee's own link, written as a first save and
 * a submission write it, many stakeholders per D1 batch; opinions heard offline, logged by staff; and the links
 * themselves, read back from the invitation mails (the only place a token exists in clear).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { draftOpinions, invitations, outbox, responses, stakeholders } from '../../db/schema';
import { changesFromApi, type FeedbackApiInput } from '../../features/feedback/schemas';
import { newResponseRow, unknownSlots, type FeedbackLink } from '../../features/feedback/service';
import { submissionStatements } from '../../features/feedback/submission';
import type { Statement } from '../../features/mail/outbox';
import { loadRound } from '../../features/rounds/service';
import { logOfflineOpinion } from '../../features/rounds/offline';
import type { OfflineOpinionInput } from '../../features/rounds/schemas';
import type { Deps } from '../../lib/deps';
import { at, organizer, unwrap } from './context';

const LOOKUP_CHUNK = 90;
/** The personal link as the invitation mail carries it: `<app>/f/<token>`. */
const feedbackTokenRe = /\/f\/([A-Za-z0-9_-]{20,})/;

/** The tokens of a round's invitation mails by stakeholder id: the only place a link exists in clear. */
export async function invitationTokens(deps: Deps, roundId: string, emails?: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const parts = emails ? chunk(emails, LOOKUP_CHUNK) : [null];
  for (const part of parts) {
    const rows = await deps.db
      .select({ stakeholderId: outbox.stakeholderId, email: stakeholders.emailNormalized, text: outbox.text })
      .from(outbox)
      .innerJoin(stakeholders, eq(stakeholders.id, outbox.stakeholderId))
      .where(and(eq(outbox.roundId, roundId), eq(outbox.kind, 'invitation'), part ? inArray(stakeholders.emailNormalized, part) : undefined));
    for (const row of rows) {
      const token = feedbackTokenRe.exec(row.text)?.[1];
      if (token) tokens.set(emails ? row.email! : row.stakeholderId!, token);
    }
  }
  return tokens;
}

export type ResponseItem = { email: string; at: Date; feedback: FeedbackApiInput };

/** Responses per D1 batch: each is a handful of statements, so a batch stays a modest transaction. */
const RESPONSES_PER_BATCH = 25;
const DRAFT_OPINION_COLUMNS = 5;

/** The links of these invitees, as findLink gives them, in two queries instead of two per invitee. */
async function linksByEmail(deps: Deps, roundId: string, emails: string[]): Promise<Map<string, FeedbackLink>> {
  const round = (await loadRound(deps, roundId))!;
  const { sections, ...roundRow } = round;
  const links = new Map<string, FeedbackLink>();
  for (const part of chunk(emails, LOOKUP_CHUNK)) {
    const rows = await deps.db
      .select({ invitation: invitations, stakeholder: stakeholders })
      .from(invitations)
      .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
      .where(and(eq(invitations.roundId, roundId), inArray(stakeholders.emailNormalized, part)));
    for (const row of rows) links.set(row.stakeholder.emailNormalized!, { ...row, round: roundRow, sections });
  }
  return links;
}

/**
 * What saving through the link writes for a stakeholder's first save (the response, its draft opinions at revision
 * 1, the invitation opened) and, on submit, the submission's own statements (submission.ts): the opinions, numbered
 * in the order the batches run. The confirmation copy is not mailed: it would only fill the outbox.
 */
function firstSaveStatements(deps: Deps, link: FeedbackLink, feedback: FeedbackApiInput): Statement[] {
  const now = deps.clock();
  const changes = changesFromApi(feedback);
  const response = newResponseRow(deps, link, now, 'draft');
  const texts = Object.entries(changes.texts).filter(([, text]) => text !== '');
  const drafts = texts.map(([slot, text]) => ({ responseId: response.id, slot, text, revision: 1, updatedAt: now }));
  const statements: Statement[] = [
    deps.db.insert(responses).values({ ...response, draftStance: changes.stance ?? null, draftPublication: changes.publication ?? response.publication, revision: 1 }),
    ...chunk(drafts, rowsPerStatement(DRAFT_OPINION_COLUMNS)).map((part) => deps.db.insert(draftOpinions).values(part)),
    deps.db
      .update(invitations)
      .set({ status: 'opened', openedAt: now, lastActivityAt: now })
      .where(and(eq(invitations.id, link.invitation.id), eq(invitations.status, 'invited'))),
  ];
  if (feedback.submit) statements.push(...submissionStatements(deps, { ...link, responseId: response.id, channel: 'link' }, now));
  return statements;
}

/** Each item is one stakeholder's feedback through their link (saved, and submitted unless `submit` is false). */
export async function seedResponses(deps: Deps, input: { roundId: string; items: ResponseItem[] }) {
  const links = await linksByEmail(deps, input.roundId, input.items.map((i) => i.email));
  for (const part of chunk(input.items, RESPONSES_PER_BATCH)) {
    const statements = part.flatMap((item) => {
      const link = links.get(item.email);
      if (!link) throw new Error(`reference data: ${item.email} has no invitation to round ${input.roundId}`);
      if (unknownSlots(link, item.feedback.opinions.map((o) => o.sectionId)).length) throw new Error(`reference data: unknown section in ${item.email}'s feedback`);
      return firstSaveStatements(at(deps, item.at), link, item.feedback);
    });
    await deps.db.batch(statements as [Statement, ...Statement[]]);
  }
  return { saved: input.items.length, submitted: input.items.filter((i) => i.feedback.submit).length };
}

/** `opinion` names its author; an `email` known to the directory makes the stakeholder the author instead. */
export type OfflineItem = { email: string; loggedAt: Date; opinion: OfflineOpinionInput };

/** Opinions heard by phone, in person or by letter, logged by the organizer. */
export async function seedOfflineOpinions(deps: Deps, input: { roundId: string; items: OfflineItem[] }) {
  const actor = await organizer(deps);
  const emails = input.items.map((i) => i.email).filter(Boolean);
  const ids = new Map<string, string>();
  for (const part of chunk(emails, LOOKUP_CHUNK)) {
    const rows = await deps.db.select({ id: stakeholders.id, email: stakeholders.emailNormalized }).from(stakeholders).where(inArray(stakeholders.emailNormalized, part));
    for (const row of rows) ids.set(row.email!, row.id);
  }
  for (const item of input.items) {
    const opinion = { ...item.opinion, stakeholderId: ids.get(item.email) ?? item.opinion.stakeholderId };
    unwrap(await logOfflineOpinion(at(deps, item.loggedAt), actor, input.roundId, opinion), 'log offline opinion');
  }
  return { logged: input.items.length };
}

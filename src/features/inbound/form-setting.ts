/** 随邀请附上意见反馈表: a round's choice of the personal 意见反馈表 files that go with each invitation email. */
import { and, eq, ne } from 'drizzle-orm';
import * as v from 'valibot';
import { FEEDBACK_FORM_ATTACHMENTS, rounds, type FeedbackFormAttachment } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { message } from '../../lib/validation';
import { auditStatement } from '../audit/audit';
import type { Actor } from '../rounds/service';

/** The form field and the API's `attach`: none, docx, xlsx or both. */
export const feedbackFormSettingSchema = v.object({
  attach: v.picklist(FEEDBACK_FORM_ATTACHMENTS, message('inbound.setting.error.attach')),
});

export type SettingError = 'not_found' | 'round_closed';

/** Invitations mailed from now on carry the choice; those already sent keep what they had. */
export async function setFeedbackFormAttachment(deps: Deps, actor: Actor, roundId: string, attach: FeedbackFormAttachment): Promise<Result<void, SettingError>> {
  const round = await deps.db.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return fail('not_found');
  if (round.status === 'closed') return fail('round_closed');
  await deps.db.batch([
    deps.db.update(rounds).set({ feedbackFormAttachment: attach, updatedAt: deps.clock() }).where(and(eq(rounds.id, roundId), ne(rounds.status, 'closed'))),
    auditStatement(deps, { actor, action: 'round.feedback_form_attachment', entityType: 'round', entityId: roundId, detail: { attach } }),
  ]);
  return ok(undefined);
}

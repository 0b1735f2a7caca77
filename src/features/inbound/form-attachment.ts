/**
 * 随邀请附上意见反馈表: the personal 意见反馈表 attached to an invitation email when the round asks for it. The outbox
 * row holds only a recipe (which invitation, which format); the file is made when the mail is sent, so that neither
 * the row nor the queue message carries it.
 */
import type { AttachmentRecipe, FeedbackFormAttachment, OutboxAttachment } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { createTranslator, DEFAULT_LOCALE } from '../../lib/i18n';
import { bytesToBase64 } from '../../lib/tokens';
import { findLinkOf } from '../feedback/service';
import { FORM_CONTENT_TYPES } from './form-file';
import { feedbackFormDocx } from './form-docx';
import { feedbackFormModel } from './form-model';
import { feedbackFormXlsx } from './form-xlsx';

const FORMATS: Record<FeedbackFormAttachment, ('docx' | 'xlsx')[]> = { none: [], docx: ['docx'], xlsx: ['xlsx'], both: ['docx', 'xlsx'] };

/** The files to build for an invitation, named for the person (意见反馈表-钱立群.docx). */
export function feedbackFormRecipes(choice: FeedbackFormAttachment, invitationId: string, name: string): OutboxAttachment[] {
  const title = createTranslator(DEFAULT_LOCALE)('inbound.form.title');
  return FORMATS[choice].map((format) => ({
    filename: `${title}-${name}.${format}`,
    contentType: FORM_CONTENT_TYPES[format],
    contentBase64: '',
    build: { kind: 'feedback_form', invitationId, format },
  }));
}

/** The form as it is now (sections, deadline, reference); null when the invitation was revoked meanwhile. */
export async function buildFeedbackForm(deps: Deps, recipe: AttachmentRecipe): Promise<string | null> {
  const link = await findLinkOf(deps, recipe.invitationId);
  if (!link) return null;
  const model = await feedbackFormModel(deps, createTranslator(DEFAULT_LOCALE), DEFAULT_LOCALE, link);
  return bytesToBase64(recipe.format === 'docx' ? await feedbackFormDocx(model) : feedbackFormXlsx(model));
}

/** Every attachment ready to send: recipes built, and dropped when there is nothing left to build them from. */
export async function readyAttachments(deps: Deps, attachments: OutboxAttachment[] | null): Promise<OutboxAttachment[]> {
  const ready: OutboxAttachment[] = [];
  for (const attachment of attachments ?? []) {
    if (!attachment.build) {
      ready.push(attachment);
      continue;
    }
    const contentBase64 = await buildFeedbackForm(deps, attachment.build);
    if (contentBase64) ready.push({ filename: attachment.filename, contentType: attachment.contentType, contentBase64 });
  }
  return ready;
}

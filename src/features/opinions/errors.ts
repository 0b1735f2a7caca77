/** The dispositions slice's expected failures, mapped once to a status and a message naming the field. */
import type { Disposition } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import type { DispositionError } from './service';

export function dispositionErrorFields(t: Translator, error: Exclude<DispositionError, 'not_found'>, disposition: Disposition): FieldErrors {
  if (error === 'reply_required') return { reply: t('opinions.error.replyRequired', { disposition: t(`opinions.disposition.${disposition}`) }) };
  if (error === 'unknown_change') return { changes: t('opinions.error.unknownChange') };
  if (error === 'changes_need_adoption') return { changes: t('opinions.error.changesNeedAdoption', { disposition: t(`opinions.disposition.${disposition}`) }) };
  return { opinionIds: t('opinions.error.unknownOpinion') };
}

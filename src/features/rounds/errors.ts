/** Every expected failure of the rounds slice, mapped once to an HTTP status, a catalog message and the field it concerns. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey, MessageParams, Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { MIN_COMMENT_PERIOD_DAYS } from './schemas';
import { DRAFT_MAX_SECTIONS } from './split-draft';

type ErrorInfo = { status: ContentfulStatusCode; key: MessageKey; field?: string; params?: MessageParams };

export const ROUND_ERRORS: Record<string, ErrorInfo> = {
  not_found: { status: 404, key: 'rounds.error.not_found' },
  not_draft: { status: 409, key: 'rounds.error.not_draft' },
  round_closed: { status: 409, key: 'rounds.error.round_closed' },
  already_closed: { status: 409, key: 'rounds.error.already_closed' },
  round_not_open: { status: 409, key: 'rounds.error.round_not_open' },
  already_revoked: { status: 409, key: 'rounds.error.already_revoked' },
  not_mailable: { status: 409, key: 'rounds.error.not_mailable' },
  closes_in_past: { status: 422, key: 'rounds.error.closes_in_past', field: 'closesAt' },
  opens_in_past: { status: 422, key: 'rounds.error.opens_in_past', field: 'opensAt' },
  not_scheduled: { status: 409, key: 'rounds.error.not_scheduled' },
  too_many_sections: { status: 422, key: 'rounds.error.too_many_sections', field: 'draft', params: { max: DRAFT_MAX_SECTIONS } },
  reason_required: { status: 422, key: 'rounds.error.reason_required', field: 'shortPeriodReason', params: { days: MIN_COMMENT_PERIOD_DAYS } },
  unknown_section: { status: 422, key: 'rounds.error.unknown_section', field: 'sectionId' },
  unknown_stakeholder: { status: 422, key: 'rounds.error.unknown_stakeholder', field: 'stakeholderId' },
  version_not_found: { status: 404, key: 'rounds.error.version_not_found' },
  heard_in_future: { status: 422, key: 'rounds.error.heard_in_future', field: 'heardAt' },
  not_closed_early: { status: 409, key: 'rounds.error.not_closed_early' },
  reopen_after_end: { status: 409, key: 'rounds.error.reopen_after_end' },
  published: { status: 409, key: 'rounds.error.published' },
};

export function errorInfo(code: string): ErrorInfo {
  return ROUND_ERRORS[code] ?? { status: 400, key: 'error.invalid_input' };
}

/** The message for an error code, and the field errors a form or the API shows for it. */
export function describeError(t: Translator, code: string, fields?: FieldErrors): { message: string; fields?: FieldErrors } {
  const info = errorInfo(code);
  const message = t(info.key, info.params);
  if (fields) return { message: t('error.invalid_input'), fields };
  return info.field ? { message, fields: { [info.field]: message } } : { message };
}

/** Every expected failure of the meetings slice, mapped once to an HTTP status, a catalog message and the field it concerns. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey, Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';

type ErrorInfo = { status: ContentfulStatusCode; key: MessageKey; field?: string };

const MEETING_ERRORS: Record<string, ErrorInfo> = {
  not_found: { status: 404, key: 'meetings.error.not_found' },
  unknown_round: { status: 422, key: 'meetings.error.unknown_round', field: 'roundId' },
  cancelled: { status: 409, key: 'meetings.error.cancelled' },
  closed: { status: 409, key: 'meetings.error.closed' },
  unknown_code: { status: 404, key: 'meetings.error.unknown_code', field: 'code' },
  no_time: { status: 409, key: 'meetings.error.no_time' },
  not_yet_held: { status: 409, key: 'meetings.error.not_yet_held' },
  no_round: { status: 409, key: 'meetings.error.no_round' },
  round_not_open: { status: 409, key: 'meetings.error.round_not_open' },
  poll_closed: { status: 409, key: 'meetings.error.poll_closed' },
  unknown_option: { status: 422, key: 'meetings.error.unknown_option', field: 'optionId' },
  already_revoked: { status: 409, key: 'meetings.error.already_revoked' },
  not_mailable: { status: 409, key: 'meetings.error.not_mailable' },
  check_in_not_open: { status: 409, key: 'meetings.error.check_in_not_open', field: 'code' },
};

export function errorInfo(code: string): ErrorInfo {
  return MEETING_ERRORS[code] ?? { status: 400, key: 'error.invalid_input' };
}

export function describeError(t: Translator, code: string, fields?: FieldErrors): { message: string; fields?: FieldErrors } {
  if (fields) return { message: t('error.invalid_input'), fields };
  const info = errorInfo(code);
  const message = t(info.key);
  return info.field ? { message, fields: { [info.field]: message } } : { message };
}

/** How an inbound item's reason reads to staff: a calendar reply names the RSVP it recorded. */
import { RSVP_ANSWERS, type RsvpAnswer } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import { INBOUND_MAX_MB } from './receive';

const rsvpReasonRe = /^rsvp_([a-z]+)$/;

export function reasonLabel(t: Translator, reason: string | null): string {
  if (!reason) return '';
  const answer = rsvpReasonRe.exec(reason)?.[1];
  if (answer && (RSVP_ANSWERS as readonly string[]).includes(answer)) return t('inbound.reason.rsvp', { answer: t(`meetings.rsvp.${answer as RsvpAnswer}`) });
  return t(`inbound.reason.${reason as 'too_large'}`, { max: INBOUND_MAX_MB });
}

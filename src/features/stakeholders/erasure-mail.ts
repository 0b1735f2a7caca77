/** The two mails of an erasure request: received (with its due date) and done. Transactional: never suppressed. */
import { formatDate, formatDateTime } from '../../lib/time';
import type { OutboxMessage } from '../mail/outbox';
import { renderEmail } from '../mail/render';

export const ERASURE_RECEIVED_KIND = 'erasure_received';
/** Its address is wiped from the outbox once it has gone (see the mail consumer). */
export const ERASURE_COMPLETED_KIND = 'erasure_completed';

export async function erasureReceivedMail(input: { email: string; name: string; stakeholderId: string; requestedAt: Date; dueAt: Date }): Promise<OutboxMessage> {
  const rendered = await renderEmail((t, locale) => ({
    subject: t('stakeholders.erasure.mail.receivedSubject'),
    heading: t('stakeholders.erasure.mail.receivedHeading'),
    blocks: [
      { type: 'paragraph', text: t('stakeholders.erasure.mail.receivedBody', { time: formatDateTime(input.requestedAt, locale), due: formatDate(input.dueAt, locale) }) },
      { type: 'paragraph', text: t('stakeholders.erasure.rule') },
    ],
  }));
  return { kind: ERASURE_RECEIVED_KIND, transactional: true, to: { email: input.email, name: input.name }, ...rendered, stakeholderId: input.stakeholderId };
}

/** Addressed without a name: by the time it is sent the name is gone. */
export async function erasureCompletedMail(input: { email: string; stakeholderId: string; completedAt: Date }): Promise<OutboxMessage> {
  const rendered = await renderEmail((t, locale) => ({
    subject: t('stakeholders.erasure.mail.completedSubject'),
    heading: t('stakeholders.erasure.mail.completedHeading'),
    blocks: [
      { type: 'paragraph', text: t('stakeholders.erasure.mail.completedBody', { time: formatDateTime(input.completedAt, locale) }) },
      { type: 'paragraph', text: t('stakeholders.erasure.rule') },
    ],
  }));
  return { kind: ERASURE_COMPLETED_KIND, transactional: true, to: { email: input.email }, ...rendered, stakeholderId: input.stakeholderId };
}

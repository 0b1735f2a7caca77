/** The copy of everything given, mailed on submit (zh-CN first). Transactional: never suppressed. */
import type { PublicationChoice, Stance } from '../../db/schema';
import { formatDateTime } from '../../lib/time';
import { renderEmail, type EmailBlock } from '../mail/render';
import type { OutboxMessage } from '../mail/outbox';
import { sectionTitle, type SectionRow } from './sections';
import { WHOLE_SLOT } from './schemas';

export const FEEDBACK_COPY_KIND = 'feedback_copy';

export type FeedbackCopy = {
  to: { email: string; name: string };
  stakeholderId: string | null;
  round: { id: string; title: string; closesAt: Date; contactName: string; contactPhone: string };
  sections: readonly SectionRow[];
  submittedAt: Date;
  stance: Stance | null;
  publication: PublicationChoice;
  /** By slot; empty texts are left out. */
  texts: Record<string, string>;
  /** Names of the files attached (the files themselves are not mailed). */
  attachments?: string[];
  /** The personal link, to come back and edit; none for the open link. */
  linkUrl: string | null;
};

export async function feedbackCopyMail(copy: FeedbackCopy): Promise<OutboxMessage> {
  const rendered = await renderEmail((t, locale) => {
    const blocks: EmailBlock[] = [
      { type: 'paragraph', text: t('feedback.email.intro', { title: copy.round.title, time: formatDateTime(copy.submittedAt, locale) }) },
      {
        type: 'facts',
        items: [
          { label: t('feedback.stance.legend'), value: copy.stance ? t(`feedback.stance.${copy.stance}`) : t('feedback.email.notGiven') },
          { label: t('feedback.publication.legend'), value: t(`feedback.publication.${copy.publication}`) },
        ],
      },
    ];
    for (const section of copy.sections) {
      const text = copy.texts[section.id];
      if (text) blocks.push({ type: 'paragraph', text: t('feedback.email.sectionText', { section: sectionTitle(section, t), text }) });
    }
    const whole = copy.texts[WHOLE_SLOT];
    if (whole) blocks.push({ type: 'paragraph', text: t('feedback.email.sectionText', { section: t('feedback.whole.label'), text: whole }) });
    if (copy.attachments?.length) {
      const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(copy.attachments);
      blocks.push({ type: 'paragraph', text: t('feedback.email.attachments', { names }) });
    }
    if (copy.linkUrl) {
      blocks.push({ type: 'paragraph', text: t('feedback.email.editUntil', { date: formatDateTime(copy.round.closesAt, locale) }) });
      blocks.push({ type: 'button', label: t('feedback.email.button'), url: copy.linkUrl });
    }
    if (copy.round.contactName) {
      blocks.push({ type: 'paragraph', text: t('feedback.email.contact', { name: copy.round.contactName, phone: copy.round.contactPhone }) });
    }
    return { subject: t('feedback.email.subject', { title: copy.round.title }), heading: t('feedback.email.heading'), blocks };
  });
  return {
    kind: FEEDBACK_COPY_KIND,
    transactional: true,
    to: copy.to,
    ...rendered,
    stakeholderId: copy.stakeholderId,
    roundId: copy.round.id,
  };
}

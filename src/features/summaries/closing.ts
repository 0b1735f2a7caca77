/** The end of an official document (GB/T 9704): issuing office and date on the right, then the contact block. */
import type { Paragraph } from 'docx';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import type { Office } from '../settings/office';
import { official } from './docx-parts';
import type { SummaryRound } from './service';

type Contact = Pick<SummaryRound, 'contactName' | 'contactPhone' | 'contactAddress'>;

export function closingParagraphs(t: Translator, locale: Locale, input: { office: Office; round: Contact; now: Date }): Paragraph[] {
  const { office, round, now } = input;
  return [
    official(''),
    official(office.officeName || t('summaries.letter.office'), { align: 'right', indent: false }),
    official(formatDate(now, locale), { align: 'right', indent: false }),
    official(''),
    // The round's own contact first: the person who ran it answers questions about it.
    official(t('summaries.letter.contactName', { value: round.contactName || office.contactName }), { indent: false }),
    official(t('summaries.letter.contactPhone', { value: round.contactPhone || office.contactPhone }), { indent: false }),
    official(t('summaries.letter.contactAddress', { value: round.contactAddress || office.address }), { indent: false }),
    ...(office.postcode ? [official(t('summaries.letter.postcode', { value: office.postcode }), { indent: false })] : []),
  ];
}

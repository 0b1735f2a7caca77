/**
 * Part two of a reply letter: section by section, the opinions grouped by disposition, each with the reply and the
 * reason given for it, so that the reader sees what became of what they said rather than counts.
 */
import type { Paragraph } from 'docx';
import type { Disposition } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { adoptionRow } from './adoption-table';
import { LEVEL2_FONT, official } from './docx-parts';
import { chineseNumber } from './letter-text';
import type { SummaryOpinion } from './service';
import { sectionLabel } from './table';

/** Decided opinions first, in the order a reply explains them; those still pending last. */
const GROUP_ORDER: readonly Disposition[] = ['adopted', 'partly_adopted', 'not_adopted', 'noted', 'pending'];

type Options = { locale: Locale; withAuthor: boolean };

function sectionsInOrder(opinions: readonly SummaryOpinion[]): SummaryOpinion[][] {
  // Opinions arrive in draft order (see service.ts), so a section's opinions are consecutive.
  const groups = new Map<string, SummaryOpinion[]>();
  for (const o of opinions) {
    const key = o.sectionId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()];
}

function opinionParagraphs(t: Translator, o: SummaryOpinion, withAuthor: boolean): Paragraph[] {
  const author = withAuthor ? adoptionRow(t, o)[3] : '';
  return [
    official(author ? t('summaries.letter.opinionBy', { seq: o.seq, text: o.text, author }) : t('summaries.letter.opinion', { seq: o.seq, text: o.text })),
    official(t('summaries.letter.reply', { reply: o.reply.trim() || t('summaries.letter.replyMissing') })),
  ];
}

export function opinionReplyParagraphs(t: Translator, opinions: readonly SummaryOpinion[], options: Options): Paragraph[] {
  if (!opinions.length) return [official(t('summaries.letter.noOpinions'))];
  const paragraphs: Paragraph[] = [];
  sectionsInOrder(opinions).forEach((inSection, index) => {
    const number = options.locale === 'zh-CN' ? chineseNumber(index + 1) : String(index + 1);
    paragraphs.push(official(t('summaries.letter.section', { number, section: sectionLabel(t, inSection[0]!) }), { font: LEVEL2_FONT }));
    for (const disposition of GROUP_ORDER) {
      const group = inSection.filter((o) => o.disposition === disposition);
      if (!group.length) continue;
      paragraphs.push(official(t(`summaries.letter.group.${disposition}`, { count: group.length })));
      for (const o of group) paragraphs.push(...opinionParagraphs(t, o, options.withAuthor));
    }
  });
  return paragraphs;
}

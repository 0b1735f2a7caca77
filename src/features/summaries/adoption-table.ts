/**
 * The 意见采纳情况表 as an office sends it (XLSX and DOCX): a title, 征求时间 / 征求对象 / 反馈情况, then one row per
 * opinion with its section, its author as published and how it was handled. The CSV stays plain data (table.ts).
 */
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import { publicAuthor } from '../publication/results';
import { closedEarlyAt } from '../rounds/views';
import { figuresSentence } from './figure-items';
import type { SummaryHead, SummaryOpinion } from './service';
import { sectionLabel } from './table';

export type AdoptionPreamble = { title: string; lines: string[] };

export function adoptionPreamble(t: Translator, locale: Locale, summary: SummaryHead): AdoptionPreamble {
  const { round, figures } = summary;
  const end = closedEarlyAt(round) ?? round.closesAt;
  const audience = STAKEHOLDER_CATEGORIES.filter((c) => figures.byCategory[c]).map((c) => t(`category.${c}`));
  return {
    title: t('summaries.adoption.title', { title: round.draftTitle || round.title }),
    lines: [
      t('summaries.adoption.period', { opens: formatDate(round.opensAt, locale), closes: formatDate(end, locale) }),
      t('summaries.adoption.audience', { audience: audience.join(t('summaries.adoption.joiner')) || t('common.none'), invited: figures.invited }),
      t('summaries.adoption.feedback', { figures: figuresSentence(t, figures) }),
    ],
  };
}

export function adoptionHeader(t: Translator): string[] {
  return [t('summaries.col.seq'), t('summaries.col.section'), t('summaries.col.text'), t('summaries.adoption.author'), t('summaries.adoption.handling'), t('summaries.adoption.reason')];
}

/** 处理情况: a pending opinion says so rather than pass for handled. */
export function adoptionRow(t: Translator, o: SummaryOpinion): string[] {
  const author = publicAuthor(t, { publication: o.publication, name: o.authorName, organization: o.authorOrganization, category: o.authorCategory, erased: o.authorErased });
  return [String(o.seq), sectionLabel(t, o), o.text, author, t(`summaries.disposition.${o.disposition}`), o.reply];
}

/** Column widths of the XLSX (characters) and shares of the DOCX table (percent): the opinion and the reason get room. */
export const ADOPTION_XLSX_WIDTHS = [6, 18, 56, 20, 11, 44];
export const ADOPTION_DOCX_PERCENT = [5, 13, 33, 14, 9, 26];

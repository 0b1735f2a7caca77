/** The 意见采纳情况表 as offices file it: one header and one row per opinion, shared by the page and every download. */
import { opinionSectionName } from '../rounds/section-name';
import type { Translator } from '../../lib/i18n';
import type { SummaryOpinion } from './service';

export function tableHeader(t: Translator): string[] {
  return [
    t('summaries.col.seq'),
    t('summaries.col.section'),
    t('summaries.col.text'),
    t('summaries.col.author'),
    t('summaries.col.channel'),
    t('summaries.col.disposition'),
    t('summaries.col.reply'),
  ];
}

export function sectionLabel(t: Translator, o: Pick<SummaryOpinion, 'sectionId' | 'sectionNumber' | 'sectionHeading'>): string {
  return opinionSectionName(t, o, t('summaries.section.whole'));
}

/** 提出单位/人: the unit and the person, whichever is known. */
export function authorLabel(o: Pick<SummaryOpinion, 'authorName' | 'authorOrganization'>): string {
  return [o.authorOrganization, o.authorName].filter(Boolean).join(' ');
}

/** The row as text, not yet made safe for spreadsheets: 序号, 章节/条款, 意见内容, 提出单位/人, 渠道, 采纳情况, 理由/说明. */
export function tableRow(t: Translator, o: SummaryOpinion): [number, string, string, string, string, string, string] {
  const author = o.authorErased ? t('stakeholders.erasedAuthor') : authorLabel(o);
  return [o.seq, sectionLabel(t, o), o.text, author, t(`rounds.channel.${o.channel}`), t(`summaries.disposition.${o.disposition}`), o.reply];
}

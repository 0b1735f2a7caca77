/** The figures as labelled lines: the same labels and values on the page, in the XLSX 统计 sheet and in the DOCX. */
import type { Translator } from '../../lib/i18n';
import { CHANNEL_GROUPS, percent, type RoundFigures } from './figures';

export type FigureItem = { label: string; value: number; shown: string; percent?: boolean };

export function figureItems(t: Translator, f: RoundFigures): FigureItem[] {
  const count = (label: string, value: number): FigureItem => ({ label, value, shown: String(value) });
  return [
    count(t('summaries.fig.invited'), f.invited),
    count(t('summaries.fig.heardInvited'), f.heardInvited),
    { label: t('summaries.fig.responseRate'), value: f.responseRate, shown: percent(f.heardInvited, f.invited), percent: true },
    count(t('summaries.fig.declined'), f.declined),
    count(t('summaries.fig.heard'), f.heard),
    ...CHANNEL_GROUPS.map((g) => count(t('summaries.fig.heardBy', { channel: t(`summaries.channelGroup.${g}`) }), f.heardByChannel[g])),
    count(t('summaries.fig.opinions'), f.opinions.total),
  ];
}

/** One sentence with the figures, for the documents' prose (汇总, 答复). */
export function figuresSentence(t: Translator, f: RoundFigures): string {
  return t('summaries.fig.sentence', {
    invited: f.invited,
    heardInvited: f.heardInvited,
    rate: percent(f.heardInvited, f.invited),
    heard: f.heard,
    online: f.heardByChannel.online,
    phone: f.heardByChannel.phone,
    inPerson: f.heardByChannel.in_person,
    letter: f.heardByChannel.letter,
    meeting: f.heardByChannel.meeting,
    total: f.opinions.total,
  });
}

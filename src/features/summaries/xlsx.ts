/**
 * The summary as an Excel workbook: 意见采纳情况表 (titled, set up to print), 征求对象及反馈情况 (invitees and status),
 * 统计 (the figures).
 * User text goes in as strings in text-formatted cells (the opinions' inline, streamed; the rest shared), never as
 * formulas, and is neutralized as well.
 */
import { CHANNELS, DISPOSITIONS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { InviteeRow } from '../rounds/board';
import { figureItems } from './figure-items';
import type { SummaryHead, SummaryOpinion } from './service';
import { ADOPTION_XLSX_WIDTHS, adoptionHeader, adoptionPreamble, adoptionRow } from './adoption-table';
import type { XlsxCell, XlsxSheet } from '../../lib/xlsx';
import { streamXlsx } from '../../lib/xlsx-stream';

const INVITEE_WIDTHS = [16, 28, 16, 18, 18];
const COUNT_WIDTHS = [44, 12];
/** The default font of Chinese Office; WPS and LibreOffice fall back to their own CJK font. */
const WORKBOOK_FONT = '等线';

function inviteeSheet(t: Translator, locale: Locale, invitees: InviteeRow[]): XlsxSheet {
  return {
    name: t('summaries.sheet.invitees'),
    widths: INVITEE_WIDTHS,
    header: [t('summaries.invitee.name'), t('summaries.invitee.organization'), t('summaries.invitee.category'), t('summaries.invitee.status'), t('summaries.invitee.lastActivity')],
    rows: invitees.map((i) => [
      i.erased ? t('summaries.invitee.erased') : i.name,
      i.organization,
      t(`category.${i.category}`),
      t(`rounds.invitationStatus.${i.status}`) + (i.revoked ? t('summaries.invitee.revoked') : ''),
      formatDateTime(i.lastActivityAt, locale),
    ]),
  };
}

function countSheet(t: Translator, summary: SummaryHead): XlsxSheet {
  const { figures } = summary;
  const rows: XlsxCell[][] = figureItems(t, figures).map((item) => [item.label, item.percent ? { percent: item.value } : item.value]);
  for (const d of DISPOSITIONS) rows.push([`${t('summaries.dispositions')}：${t(`summaries.disposition.${d}`)}`, figures.dispositions[d]]);
  for (const category of STAKEHOLDER_CATEGORIES) {
    const c = figures.byCategory[category];
    if (!c) continue;
    rows.push([`${t(`category.${category}`)}：${t('summaries.invited')}`, c.invited], [`${t(`category.${category}`)}：${t('summaries.responded')}`, c.heard]);
  }
  for (const channel of CHANNELS) {
    const n = figures.opinions.byChannel[channel];
    if (n) rows.push([`${t('summaries.byChannel')}：${t(`rounds.channel.${channel}`)}`, n]);
  }
  return { name: t('summaries.sheet.counts'), widths: COUNT_WIDTHS, header: [t('summaries.figure'), t('summaries.value')], rows };
}

async function* adoptionRows(t: Translator, chunks: AsyncIterable<SummaryOpinion[]>): AsyncGenerator<XlsxCell[][]> {
  for await (const chunk of chunks) yield chunk.map((o) => adoptionRow(t, o));
}

/** The workbook as a stream: the 意见采纳情况表's rows are written chunk by chunk as `chunks` reads them. */
export function summaryXlsx(t: Translator, locale: Locale, summary: SummaryHead, invitees: InviteeRow[], chunks: AsyncIterable<SummaryOpinion[]>): ReadableStream<Uint8Array> {
  const preamble = adoptionPreamble(t, locale, summary);
  const opinions = {
    name: t('summaries.sheet.opinions'),
    widths: ADOPTION_XLSX_WIDTHS,
    title: { text: preamble.title, lines: preamble.lines },
    header: adoptionHeader(t),
    rows: adoptionRows(t, chunks),
  };
  return streamXlsx([opinions, inviteeSheet(t, locale, invitees), countSheet(t, summary)], WORKBOOK_FONT);
}

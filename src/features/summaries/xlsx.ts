/**
 * The summary as an Excel workbook: 意见采纳情况表, 征求对象及反馈情况 (invitees and status), 统计 (counts).
 * Every piece of user text is a typed String cell (a shared string, never a formula) and is neutralized as well,
 * so that editing the cell later in Excel or WPS cannot turn it into one.
 */
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/universal';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { InviteeRow } from '../rounds/board';
import type { Summary } from './service';
import { neutralizeFormula, tableHeader, tableRow, xmlSafe } from './table';
import { DISPOSITIONS, STAKEHOLDER_CATEGORIES, type Channel } from '../../db/schema';

const OPINION_WIDTHS = [6, 24, 60, 26, 10, 12, 40];
const INVITEE_WIDTHS = [16, 28, 16, 14, 18];
const COUNT_WIDTHS = [32, 12];

const text = (value: string) => ({ value: neutralizeFormula(xmlSafe(value)), type: String, wrap: true, alignVertical: 'top' as const });
const header = (labels: string[]): Row => labels.map((value) => ({ value, type: String, fontWeight: 'bold' as const }));
const count = (label: string, value: number, format?: string): Row => [text(label), { value, type: Number, ...(format ? { format } : {}) }];

function opinionSheet(t: Translator, summary: Summary): SheetData {
  const rows: SheetData = [header(tableHeader(t))];
  for (const o of summary.opinions) {
    const [seq, ...cells] = tableRow(t, o);
    rows.push([{ value: seq, type: Number, alignVertical: 'top' }, ...cells.map(text)]);
  }
  return rows;
}

function inviteeSheet(t: Translator, locale: Locale, invitees: InviteeRow[]): SheetData {
  const rows: SheetData = [
    header([t('summaries.invitee.name'), t('summaries.invitee.organization'), t('summaries.invitee.category'), t('summaries.invitee.status'), t('summaries.invitee.lastActivity')]),
  ];
  for (const i of invitees) {
    const status = t(`rounds.invitationStatus.${i.status}`) + (i.revoked ? t('summaries.invitee.revoked') : '');
    rows.push([
      text(i.erased ? t('summaries.invitee.erased') : i.name),
      text(i.organization),
      text(t(`category.${i.category}`)),
      text(status),
      text(formatDateTime(i.lastActivityAt, locale)),
    ]);
  }
  return rows;
}

function countSheet(t: Translator, summary: Summary): SheetData {
  const total = summary.opinions.length;
  const rows: SheetData = [
    header([t('summaries.figure'), t('summaries.value')]),
    count(t('summaries.invited'), summary.invited),
    count(t('summaries.responded'), summary.responded),
    count(t('summaries.declined'), summary.declined),
    count(t('summaries.responseRate'), summary.responseRate, '0.0%'),
    count(t('summaries.writtenResponses'), summary.writtenResponses),
    count(t('summaries.opinionTotal'), total),
  ];
  for (const d of DISPOSITIONS) rows.push(count(`${t('summaries.dispositions')}：${t(`summaries.disposition.${d}`)}`, summary.dispositions[d]));
  for (const category of STAKEHOLDER_CATEGORIES) {
    const figures = summary.byCategory[category];
    if (!figures) continue;
    rows.push(count(`${t(`category.${category}`)}：${t('summaries.invited')}`, figures.invited));
    rows.push(count(`${t(`category.${category}`)}：${t('summaries.responded')}`, figures.responded));
  }
  for (const [channel, n] of Object.entries(summary.byChannel) as [Channel, number][]) {
    rows.push(count(`${t('summaries.channel')}：${t(`rounds.channel.${channel}`)}`, n));
  }
  return rows;
}

export async function summaryXlsx(t: Translator, locale: Locale, summary: Summary, invitees: InviteeRow[]): Promise<Blob> {
  const widths = (list: number[]) => list.map((width) => ({ width }));
  return writeXlsxFile(
    [
      { data: opinionSheet(t, summary), sheet: t('summaries.sheet.opinions'), columns: widths(OPINION_WIDTHS), stickyRowsCount: 1 },
      { data: inviteeSheet(t, locale, invitees), sheet: t('summaries.sheet.invitees'), columns: widths(INVITEE_WIDTHS), stickyRowsCount: 1 },
      { data: countSheet(t, summary), sheet: t('summaries.sheet.counts'), columns: widths(COUNT_WIDTHS), stickyRowsCount: 1 },
    ],
    { fontFamily: '等线', fontSize: 11 },
  ).toBlob();
}

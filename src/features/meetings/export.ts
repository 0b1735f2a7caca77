/** The attendance sheet as an Excel workbook: every invitee and walk-in, their answer, deputy, note and check-in. */
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/universal';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { neutralizeFormula, xmlSafe } from '../summaries/table';
import type { AttendeeRow } from './rsvp';

const WIDTHS = [18, 28, 10, 24, 30, 18, 10];

/** User text as a typed String cell (a shared string, never a formula), neutralized for later edits in Excel or WPS. */
const text = (value: string) => ({ value: neutralizeFormula(xmlSafe(value)), type: String, wrap: true, alignVertical: 'top' as const });

export async function attendanceXlsx(t: Translator, locale: Locale, attendees: AttendeeRow[]): Promise<Blob> {
  const header: Row = [
    t('meetings.attendees.name'),
    t('meetings.attendees.organization'),
    t('meetings.attendees.rsvp'),
    t('meetings.attendees.deputy'),
    t('meetings.attendees.note'),
    t('meetings.attendees.checkedIn'),
    t('meetings.attendees.walkIn'),
  ].map((value) => ({ value, type: String, fontWeight: 'bold' as const }));
  const rows: SheetData = [header];
  for (const a of attendees) {
    rows.push([
      text(a.name),
      text(a.organization),
      text(t(`meetings.rsvp.${a.rsvp}`)),
      text([a.deputyName, a.deputyTitle].filter(Boolean).join('，')),
      text(a.note),
      text(a.checkedInAt ? formatDateTime(a.checkedInAt, locale) : ''),
      text(a.walkIn ? t('common.yes') : ''),
    ]);
  }
  return writeXlsxFile(rows, { columns: WIDTHS.map((width) => ({ width })), sheet: t('meetings.sheet.title') }).toBlob();
}

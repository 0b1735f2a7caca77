/** The 意见采纳情况表 as CSV: UTF-8 with BOM and CRLF (Excel and WPS open it right), formula-safe cells. */
import { encodeCsv } from '../../lib/csv';
import type { Translator } from '../../lib/i18n';
import type { Summary } from './service';
import { tableHeader, tableRows } from './table';

export function summaryCsv(t: Translator, summary: Summary): string {
  return encodeCsv(tableHeader(t), tableRows(t, summary));
}

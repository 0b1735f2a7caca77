/** The 修改对照表 as a workbook: one sheet, header frozen, text cells formula-safe (lib/xlsx). */
import type { Translator } from '../../lib/i18n';
import { buildXlsx } from '../../lib/xlsx';
import { changesTableCells, changesTableHeader, type ChangeTableRow } from './changes-table';

/** 等线, as the summary workbook: the font Excel in Chinese opens with. */
const WORKBOOK_FONT = '等线';

export function changesTableXlsx(t: Translator, rows: ChangeTableRow[]): Uint8Array {
  return buildXlsx([{ name: t('summaries.changes.title'), widths: [6, 50, 50, 30], header: changesTableHeader(t), rows: changesTableCells(t, rows) }], WORKBOOK_FONT);
}

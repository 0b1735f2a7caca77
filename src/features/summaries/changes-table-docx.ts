/**
 * The 修改对照表 as a Word document: A4 landscape so that the original and the revised article sit side by side, the
 * header row repeated on every page (tableHeader), rows never split across pages.
 */
import { Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { Translator } from '../../lib/i18n';
import { changesTableCells, changesTableHeader, type ChangeTableRow } from './changes-table';
import { A4_PAGE, body, runs, SIZE, title } from './docx-parts';

/** Shares of the table width: number, 原条文, 修改后条文, 修改理由. */
const COLUMN_PERCENT = [6, 37, 37, 20];

function cell(text: string, i: number, bold = false): TableCell {
  return new TableCell({ width: { size: COLUMN_PERCENT[i]!, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(text, { size: SIZE.table, bold }) })] });
}

export async function changesTableDocx(t: Translator, roundTitle: string, rows: ChangeTableRow[]): Promise<Uint8Array> {
  const head = new TableRow({ tableHeader: true, cantSplit: true, children: changesTableHeader(t).map((label, i) => cell(label, i, true)) });
  const lines = changesTableCells(t, rows).map((cells) => new TableRow({ cantSplit: true, children: cells.map((text, i) => cell(text, i)) }));
  const document = new Document({
    sections: [
      {
        properties: { page: { size: { ...A4_PAGE.size, orientation: PageOrientation.LANDSCAPE }, margin: A4_PAGE.margin } },
        children: [
          title(t('summaries.changes.docTitle', { title: roundTitle })),
          ...(rows.length ? [] : [body(t('summaries.changes.empty'))]),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...lines] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

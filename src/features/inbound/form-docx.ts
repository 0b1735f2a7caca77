/**
 * The 意见反馈表 as a Word document: title, the person and the deadline, one table row per section (label, excerpt,
 * 修改意见, 理由) and how to send it back. The invitation's reference is a custom document property, which Word and
 * WPS keep when they save the file.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { A4_PAGE, BODY_FONT, body, runs, SIZE, title } from '../summaries/docx-parts';
import type { FeedbackFormModel } from './form-model';

export const REFERENCE_PROPERTY = 'RoundtableReference';
/** Column shares: 章节, 原文摘要, 修改意见, 理由; the two to fill get most of the page. */
const COLUMN_PERCENT = [16, 24, 34, 26];

function cell(text: string, percentWidth: number, bold = false): TableCell {
  return new TableCell({ width: { size: percentWidth, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(text, { size: SIZE.table, bold }) })] });
}

export async function feedbackFormDocx(model: FeedbackFormModel): Promise<Uint8Array> {
  const { headers, fields } = model;
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [headers.label, headers.excerpt, headers.opinion, headers.reason].map((label, i) => cell(label, COLUMN_PERCENT[i]!, true)),
  });
  const rows = model.rows.map((row) => new TableRow({ children: [row.label, row.excerpt, '', ''].map((text, i) => cell(text, COLUMN_PERCENT[i]!)) }));
  const doc = new Document({
    creator: 'Roundtable',
    title: `${model.title} ${model.roundTitle}`,
    customProperties: [{ name: REFERENCE_PROPERTY, value: model.reference }],
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: A4_PAGE },
        children: [
          title(model.title),
          body(model.roundTitle, { align: 'center' }),
          body(`${fields.name}：${model.name}    ${fields.organization}：${model.organization}`),
          body(`${fields.deadline}：${model.deadline}`),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] }),
          body(''),
          body(`${fields.returnTo}：${model.returnTo}`),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

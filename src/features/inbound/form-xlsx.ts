/**
 * The 意见反馈表 as a workbook: the form sheet (one row per section), a sheet with the person, the deadline and how
 * to send it back, and a hidden sheet holding the invitation's reference.
 */
import { buildXlsx } from '../../lib/xlsx';
import type { FeedbackFormModel } from './form-model';

export const REFERENCE_SHEET = 'roundtable';
const FONT = '宋体';

export function feedbackFormXlsx(model: FeedbackFormModel): Uint8Array {
  const { headers, fields } = model;
  return buildXlsx(
    [
      {
        name: model.title,
        widths: [22, 40, 50, 40],
        header: [headers.label, headers.excerpt, headers.opinion, headers.reason],
        rows: model.rows.map((row) => [row.label, row.excerpt, '', '']),
      },
      {
        name: fields.returnTo,
        widths: [16, 80],
        header: [model.title, model.roundTitle],
        rows: [
          [fields.name, model.name],
          [fields.organization, model.organization],
          [fields.deadline, model.deadline],
          [fields.returnTo, model.returnTo],
        ],
      },
      { name: REFERENCE_SHEET, widths: [40], header: [model.reference], rows: [], hidden: true },
    ],
    FONT,
  );
}

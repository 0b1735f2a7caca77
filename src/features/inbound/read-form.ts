/**
 * Reads a filled 意见反馈表 (DOCX or XLSX, as Word, Excel or WPS saved it) back into rows of label, 修改意见 and 理由,
 * and the invitation reference it carries. The form's table is found by its header, in either language, so rows
 * added or reordered by the person who filled it are still read.
 */
import { catalog } from '../../i18n/catalog';
import { LOCALES } from '../../lib/i18n';
import { REFERENCE_PROPERTY } from './form-docx';
import { customProperties, docxTableRows, openPackage, sharedStrings, sheetRows } from './ooxml';
import { referenceRe } from './reference';

export type FilledRow = { label: string; opinion: string; reason: string };
export type FilledForm = { format: 'docx' | 'xlsx'; reference: string | null; rows: FilledRow[] };

const header = (key: 'inbound.form.col.section' | 'inbound.form.col.opinion' | 'inbound.form.col.reason') =>
  new Set(LOCALES.map((locale) => normalizeCell(catalog[locale][key])));

/** Spaces (full-width too) and the apostrophe our writer puts before a formula-like text are not content. */
export function normalizeCell(text: string): string {
  return text.replace(/^'/, '').replace(/[\s\u3000]+/g, '');
}

/** The rows under the header row that names the 修改意见 column. */
function formRows(table: string[][]): FilledRow[] | null {
  const sectionHeads = header('inbound.form.col.section');
  const opinionHeads = header('inbound.form.col.opinion');
  const reasonHeads = header('inbound.form.col.reason');
  const headerIndex = table.findIndex((row) => row.some((cell) => opinionHeads.has(normalizeCell(cell))));
  if (headerIndex < 0) return null;
  const head = table[headerIndex]!.map(normalizeCell);
  const column = (heads: Set<string>, fallback: number) => {
    const found = head.findIndex((cell) => heads.has(cell));
    return found < 0 ? fallback : found;
  };
  const [label, opinion, reason] = [column(sectionHeads, 0), column(opinionHeads, 2), column(reasonHeads, 3)];
  return table.slice(headerIndex + 1).map((row) => ({
    label: (row[label] ?? '').replace(/^'/, '').trim(),
    opinion: (row[opinion] ?? '').trim(),
    reason: (row[reason] ?? '').trim(),
  }));
}

function readDocx(bytes: Uint8Array): FilledForm | null {
  const parts = openPackage(bytes, (name) => name === 'word/document.xml' || name === 'docProps/custom.xml');
  const document = parts?.['word/document.xml'];
  if (!document) return null;
  const rows = formRows(docxTableRows(document));
  if (!rows) return null;
  const property = customProperties(parts['docProps/custom.xml'])[REFERENCE_PROPERTY] ?? '';
  return { format: 'docx', reference: referenceRe.exec(property)?.[0] ?? null, rows };
}

function readXlsx(bytes: Uint8Array): FilledForm | null {
  const parts = openPackage(bytes, (name) => name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(name));
  if (!parts) return null;
  const strings = sharedStrings(parts['xl/sharedStrings.xml']);
  const sheets = Object.keys(parts)
    .filter((name) => name.startsWith('xl/worksheets/'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => sheetRows(parts[name]!, strings));
  let rows: FilledRow[] | null = null;
  let reference: string | null = null;
  for (const sheet of sheets) {
    rows ??= formRows(sheet);
    for (const row of sheet) for (const cell of row) reference ??= referenceRe.exec(cell)?.[0] ?? null;
  }
  return rows ? { format: 'xlsx', reference, rows } : null;
}

/** Null when the bytes are neither a Word nor an Excel 意见反馈表. */
export function readFilledForm(bytes: Uint8Array): FilledForm | null {
  return readDocx(bytes) ?? readXlsx(bytes);
}

/**
 * Table rows of a Word document written as WordprocessingML text. The docx library builds every cell as objects and
 * serializes them slowly (about 30 s for 12,000 opinions × 7 cells in workerd); the 意见采纳情况表 is therefore packed
 * with one placeholder row that is then replaced by rows written here, in the same format docx writes.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { BODY_FONT } from './docx-parts';
import { xmlSafe } from '../../lib/xlsx';

export const ROWS_PLACEHOLDER = 'ROUNDTABLE-TABLE-ROWS-PLACEHOLDER';
const DOCUMENT_PART = 'word/document.xml';

function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

function runsXml(text: string, size: number): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${BODY_FONT.ascii}" w:eastAsia="${BODY_FONT.eastAsia}" w:hAnsi="${BODY_FONT.hAnsi}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  return text
    .split(/\r\n|\r|\n/)
    .map((line, i) => `<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join('');
}

/** One `<w:tr>` per row; widths are shares of the table width in percent (written in fiftieths, as docx does). */
export function rowsXml(rows: Iterable<readonly string[]>, widths: readonly number[], size: number): string {
  const parts: string[] = [];
  for (const row of rows) {
    parts.push(
      `<w:tr>${row.map((text, i) => `<w:tc><w:tcPr><w:tcW w:type="pct" w:w="${widths[i]! * 50}"/></w:tcPr><w:p>${runsXml(text, size)}</w:p></w:tc>`).join('')}</w:tr>`,
    );
  }
  return parts.join('');
}

/** Replaces the row holding the placeholder in the packed document by the given rows. */
export function fillTableRows(packed: ArrayBuffer, rows: string): Uint8Array {
  const files = unzipSync(new Uint8Array(packed));
  const xml = new TextDecoder().decode(files[DOCUMENT_PART]);
  const marker = xml.indexOf(ROWS_PLACEHOLDER);
  if (marker < 0) throw new Error('table placeholder missing from the packed document');
  const start = Math.max(xml.lastIndexOf('<w:tr>', marker), xml.lastIndexOf('<w:tr ', marker));
  const end = xml.indexOf('</w:tr>', marker) + '</w:tr>'.length;
  files[DOCUMENT_PART] = strToU8(xml.slice(0, start) + rows + xml.slice(end));
  return zipSync(files, { level: 6 });
}

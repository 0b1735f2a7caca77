/**
 * The workbook of lib/xlsx.ts written as a stream: a sheet's rows may arrive in chunks (read from D1 as the file
 * goes out) and their text then goes in inline, so that nothing of a row stays in memory once written. Titles,
 * headers and sheets given whole keep shared strings, as buildXlsx writes them.
 */
import { headerRowOf, packageParts, SharedStrings, sharedStringsXml, sheetEnd, sheetRows, sheetStart, type XlsxCell, type XlsxSheet } from './xlsx';
import { zipStream, type ZipEntry } from './zip-stream';

export type XlsxStreamSheet = Omit<XlsxSheet, 'rows'> & { rows: XlsxCell[][] | AsyncIterable<XlsxCell[][]> };

async function* sheetPieces(sheet: XlsxStreamSheet, strings: SharedStrings): AsyncGenerator<string> {
  const start = sheetStart(sheet, strings);
  yield start.xml;
  let next = headerRowOf(sheet) + 1;
  if (Array.isArray(sheet.rows)) {
    yield sheetRows(sheet.rows, next, strings, sheet.rowHeight);
  } else {
    for await (const chunk of sheet.rows) {
      yield sheetRows(chunk, next, null, sheet.rowHeight);
      next += chunk.length;
    }
  }
  yield sheetEnd(start.merges);
}

export function streamXlsx(sheets: XlsxStreamSheet[], font: string): ReadableStream<Uint8Array> {
  const strings = new SharedStrings();
  const { contentTypes, others } = packageParts(sheets, font);
  // Lazy, in the order buildXlsx writes them: the shared strings are complete only once every sheet is written.
  function* entries(): Generator<ZipEntry> {
    yield { name: '[Content_Types].xml', content: contentTypes };
    for (const [i, sheet] of sheets.entries()) yield { name: `xl/worksheets/sheet${i + 1}.xml`, content: sheetPieces(sheet, strings) };
    for (const [name, xml] of others) yield { name, content: xml };
    yield { name: 'xl/sharedStrings.xml', content: (function* () { yield sharedStringsXml(strings); })() };
  }
  return zipStream(entries());
}

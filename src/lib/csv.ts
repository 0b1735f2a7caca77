/** CSV for spreadsheets: encoding detection on the way in; UTF-8 with BOM, CRLF and formula-safe cells on the way out. */
import { headerSafe } from './single-line';

export const UTF8_BOM = '\uFEFF';

/** Cells starting with these are run as formulas by Excel, WPS and LibreOffice (OWASP "CSV injection"). */
const formulaStartRe = /^[=+\-@\t\r]/;
const needsQuotesRe = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** A leading apostrophe makes a spreadsheet show the text as typed instead of running it. */
export function neutralizeFormula(text: string): string {
  return formulaStartRe.test(text) ? `'${text}` : text;
}

/** One cell: formula payloads get a leading apostrophe so they show as text; quotes where CSV needs them. */
export function csvCell(value: CsvValue): string {
  const text = neutralizeFormula(value === null || value === undefined ? '' : String(value));
  return needsQuotesRe.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line end. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

/** A whole file as Excel opens it correctly in Chinese: BOM, CRLF line ends. */
export function encodeCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

export type CsvEncoding = 'utf-8' | 'gb18030';

/** What a decoder puts where bytes cannot be read in the file's encoding: readers of the text flag it, never keep it. */
export const UNDECODABLE = '\uFFFD';

function countUndecodable(text: string): number {
  let count = 0;
  for (let at = text.indexOf(UNDECODABLE); at !== -1; at = text.indexOf(UNDECODABLE, at + 1)) count++;
  return count;
}

/**
 * Excel saves "CSV UTF-8" with a BOM and plain "CSV" on Chinese Windows as GBK: BOM, then strict UTF-8, then the
 * encoding that leaves fewer unreadable bytes (a UTF-8 file with one damaged cell stays UTF-8 instead of turning into
 * GB18030 mojibake). Unreadable bytes come out as U+FFFD for the caller to flag where they are.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const gb = new TextDecoder('gb18030').decode(bytes);
    const utf8 = new TextDecoder('utf-8').decode(bytes);
    return countUndecodable(utf8) < countUndecodable(gb) ? { text: utf8, encoding: 'utf-8' } : { text: gb, encoding: 'gb18030' };
  }
}

/** `Content-Disposition` with an ASCII fallback and the real (possibly Chinese) name per RFC 5987. */
export function attachmentDisposition(rawFilename: string, asciiFallback: string): string {
  // Names come from user text (a meeting's series): no control or bidi character may shape the name shown.
  const filename = headerSafe(rawFilename);
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

export function csvResponseHeaders(filename: string, asciiFallback: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': attachmentDisposition(filename, asciiFallback),
    'cache-control': 'no-store',
  };
}

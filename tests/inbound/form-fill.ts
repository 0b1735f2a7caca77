/**
 * Fills a generated 意见反馈表 the way people's programs save it: Word (one run per cell, shared strings in Excel)
 * and WPS (text runs split mid-word, inline strings in Excel). The bytes are what the import then reads.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export type Fill = { opinion: string; reason?: string };
type Style = 'word' | 'wps';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

function docxParagraph(text: string, style: Style): string {
  if (style === 'word') return `<w:p><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>${esc(text)}</w:t></w:r></w:p>`;
  // WPS splits runs at language and spell-check boundaries, often mid-phrase, and marks them with its own rsid attributes.
  const chunks = text.match(/.{1,3}/gsu) ?? [''];
  return `<w:p w:rsidR="00A1B2C3"><w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>${chunks.map((c) => `<w:r w:rsidRPr="00D4E5F6"><w:rPr><w:rFonts w:hint="eastAsia"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">${esc(c)}</w:t></w:r>`).join('<w:proofErr w:type="spellStart"/>')}</w:p>`;
}

const cellTextRe = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
const cellText = (cell: string) => [...cell.matchAll(cellTextRe)].map((m) => m[1]).join('');

/** Fills the rows whose first cell is one of `fills`' labels; `extra` rows are appended under the table. */
export function fillDocx(bytes: Uint8Array, fills: Record<string, Fill>, style: Style, extra: { label: string; fill: Fill }[] = []): Uint8Array {
  return rezip(bytes, (files) => {
    let xml = strFromU8(files['word/document.xml']!);
    xml = xml.replace(/<w:tr[\s>][\s\S]*?<\/w:tr>/g, (row) => {
      const cells = row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
      const fill = fills[cellText(cells[0] ?? '')];
      if (!fill || cells.length < 4) return row;
      const filled = (cell: string, text: string) => cell.replace(/<w:p>[\s\S]*<\/w:p>/, docxParagraph(text, style));
      let out = row.replace(cells[2]!, filled(cells[2]!, fill.opinion));
      if (fill.reason) out = out.replace(cells[3]!, filled(cells[3]!, fill.reason));
      if (style === 'wps') out = out.replace(cells[0]!, filled(cells[0]!, cellText(cells[0]!)));
      return out;
    });
    const added = extra
      .map(({ label, fill }) => `<w:tr>${[label, '', fill.opinion, fill.reason ?? ''].map((t) => `<w:tc>${docxParagraph(t, style)}</w:tc>`).join('')}</w:tr>`)
      .join('');
    xml = xml.replace(/<\/w:tbl>/, `${added}</w:tbl>`);
    files['word/document.xml'] = strToU8(xml);
  });
}

/** Fills column C (修改意见) and D (理由) of the rows whose column A is a label in `fills`. */
export function fillXlsx(bytes: Uint8Array, fills: Record<string, Fill>, style: Style, extra: { label: string; fill: Fill }[] = []): Uint8Array {
  return rezip(bytes, (files) => {
    let sst = strFromU8(files['xl/sharedStrings.xml']!);
    const strings = [...sst.matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
    const added: string[] = [];
    const cell = (ref: string, text: string) => {
      if (style === 'wps') return `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
      added.push(text);
      return `<c r="${ref}" s="2" t="s"><v>${strings.length + added.length - 1}</v></c>`;
    };
    let sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    let lastRow = 0;
    sheet = sheet.replace(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g, (whole, n: string, inner: string) => {
      lastRow = Math.max(lastRow, Number(n));
      const first = /<c r="A\d+"[^>]*><v>(\d+)<\/v><\/c>/.exec(inner);
      const fill = first ? fills[strings[Number(first[1])]!] : undefined;
      if (!fill) return whole;
      const keep = inner.replace(/<c r="[CD]\d+"[^>]*>[\s\S]*?<\/c>/g, '');
      return `<row r="${n}">${keep}${cell(`C${n}`, fill.opinion)}${fill.reason ? cell(`D${n}`, fill.reason) : ''}</row>`;
    });
    const more = extra.map(({ label, fill }, i) => {
      const n = lastRow + 1 + i;
      return `<row r="${n}">${cell(`A${n}`, label)}${cell(`C${n}`, fill.opinion)}${fill.reason ? cell(`D${n}`, fill.reason) : ''}</row>`;
    });
    sheet = sheet.replace('</sheetData>', `${more.join('')}</sheetData>`);
    files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
    if (added.length) {
      sst = sst.replace('</sst>', `${added.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`);
      files['xl/sharedStrings.xml'] = strToU8(sst);
    }
  });
}

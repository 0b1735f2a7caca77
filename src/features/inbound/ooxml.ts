/**
 * Just enough XML to read a filled 意见反馈表 back: Word tables (rows of cells of paragraphs, however the runs are
 * split) and Excel cells (shared strings, inline strings, plain values), plus the custom document properties.
 * Regular expressions suffice because Office XML is machine-written and these elements never nest in themselves
 * (a table inside a table cell is read as that cell's text).
 */
import { strFromU8, unzipSync } from 'fflate';
import { FORM_MAX_INFLATED_BYTES } from './form-file';

const xmlEntityRe = /&(lt|gt|quot|apos|amp);|&#(x?)([0-9a-fA-F]+);/g;
const xmlEntities: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

export function decodeXml(text: string): string {
  return text.replace(xmlEntityRe, (_, name: string | undefined, hex: string, digits: string) =>
    name ? xmlEntities[name]! : String.fromCodePoint(Number.parseInt(digits, hex ? 16 : 10)),
  );
}

/** The parts of a zip package, or null when the bytes are not one (or would inflate past the limit). */
export function openPackage(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, string> | null {
  let files: Record<string, Uint8Array>;
  let inflated = 0;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        inflated += file.originalSize;
        return inflated <= FORM_MAX_INFLATED_BYTES && wanted(file.name);
      },
    });
  } catch {
    return null;
  }
  if (inflated > FORM_MAX_INFLATED_BYTES) return null;
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const alternateContentRe = /<mc:AlternateContent\b[^>]*>([\s\S]*?)<\/mc:AlternateContent>/g;
const choiceRe = /<mc:Choice\b[^>]*>([\s\S]*?)<\/mc:Choice>/;
const fallbackRe = /<mc:Fallback\b[^>]*>([\s\S]*?)<\/mc:Fallback>/;

/**
 * Word writes some content twice in mc:AlternateContent: a text box as DrawingML and as VML, an emoji as a symbol
 * reference with the character as fallback. One branch is read: the choice when it holds text, else the fallback.
 */
export function resolveAlternateContent(xml: string): string {
  return xml.replace(alternateContentRe, (_, inner: string) => {
    const choice = choiceRe.exec(inner)?.[1] ?? '';
    return /<w:t[\s>]/.test(choice) ? choice : (fallbackRe.exec(inner)?.[1] ?? choice);
  });
}

const docxRowRe = /<w:tr[\s>][\s\S]*?<\/w:tr>/g;
const docxCellRe = /<w:tc[\s>][\s\S]*?<\/w:tc>/g;
const docxParagraphRe = /<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g;
const docxRunTextRe = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\/>/g;

function docxParagraphText(paragraph: string): string {
  let text = '';
  for (const run of paragraph.matchAll(docxRunTextRe)) text += run[1] !== undefined ? decodeXml(run[1]) : run[2] === 'tab' ? '\t' : '\n';
  return text;
}

/** Every table row of a Word document body, as the text of its cells (paragraphs joined by line breaks). */
export function docxTableRows(documentXml: string): string[][] {
  return [...resolveAlternateContent(documentXml).matchAll(docxRowRe)].map(([row]) =>
    [...row.matchAll(docxCellRe)].map(([cell]) => [...cell.matchAll(docxParagraphRe)].map(([p]) => docxParagraphText(p)).join('\n').trim()),
  );
}

/** Every paragraph of a Word document body, tables included, one per line: the text of a document for search. */
export function docxText(documentXml: string): string {
  return [...resolveAlternateContent(documentXml).matchAll(docxParagraphRe)].map(([p]) => docxParagraphText(p)).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const customPropertyRe = /<property\b[^>]*\bname="([^"]*)"[^>]*>[\s\S]*?<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g;

export function customProperties(customXml: string | undefined): Record<string, string> {
  if (!customXml) return {};
  return Object.fromEntries([...customXml.matchAll(customPropertyRe)].map((m) => [decodeXml(m[1]!), decodeXml(m[2]!)]));
}

const sharedItemRe = /<si>([\s\S]*?)<\/si>|<si\/>/g;
/** `<t>` directly or inside rich-text runs `<r>`; phonetic guides `<rPh>` are not the cell's text. */
const textRe = /<t(?:\s[^>]*)?>([^<]*)<\/t>|<t\/>/g;
const phoneticRe = /<rPh\b[\s\S]*?<\/rPh>/g;

function stringItemText(xml: string): string {
  return [...xml.replace(phoneticRe, '').matchAll(textRe)].map((m) => decodeXml(m[1] ?? '')).join('');
}

export function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(sharedItemRe)].map((m) => stringItemText(m[1] ?? ''));
}

const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const attrRe = (name: string) => new RegExp(`\\b${name}="([^"]*)"`);
const refAttrRe = attrRe('r');
const typeAttrRe = attrRe('t');
const valueRe = /<v>([^<]*)<\/v>/;
const inlineRe = /<is>([\s\S]*?)<\/is>/;

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A worksheet's text as rows of cells, placed by their references (WPS and Excel skip empty cells). */
export function sheetRows(sheetXml: string, strings: string[]): string[][] {
  const rows: string[][] = [];
  for (const m of sheetXml.matchAll(cellRe)) {
    const attrs = m[1] ?? '';
    const ref = refAttrRe.exec(attrs)?.[1];
    if (!ref) continue;
    const type = typeAttrRe.exec(attrs)?.[1];
    const inner = m[2] ?? '';
    const raw = valueRe.exec(inner)?.[1];
    let text: string;
    if (type === 's') text = strings[Number(raw)] ?? '';
    else if (type === 'inlineStr') text = stringItemText(inlineRe.exec(inner)?.[1] ?? '');
    else text = raw === undefined ? '' : decodeXml(raw);
    const row = Number(/\d+$/.exec(ref)?.[0] ?? 0) - 1;
    if (row < 0) continue;
    (rows[row] ??= [])[columnIndex(ref)] = text;
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (cell) => cell ?? ''));
}

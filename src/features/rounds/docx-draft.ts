/**
 * A Word draft (.docx) as the text the splitter reads: its paragraphs in order, Word's heading styles as Markdown
 * headings (numbering such as 一、 or （一） in the text is recognised by the splitter as well), and Word's automatic
 * numbering written out as it prints. Only `word/document.xml`, `word/numbering.xml` and `word/styles.xml` are
 * inflated, each within the limits below.
 */
import { strFromU8 } from 'fflate';
import { readZipEntry, type ZipLimits } from '../../lib/bounded-unzip';
import { numberer, parseNumbering } from './docx-numbering';
import { fail, ok, type Result } from '../../lib/result';

const DOCUMENT_PART = 'word/document.xml';
const NUMBERING_PART = 'word/numbering.xml';
const STYLES_PART = 'word/styles.xml';
/** The text of a draft is at most 200 000 characters; its XML, with Word's markup, stays well under this. */
export const DOCX_PART_MAX_MB = 20;
/** Every part of the file together, inflated (pictures included). */
export const DOCX_TOTAL_MAX_MB = 50;
const MB = 1024 * 1024;

export type DocxError = 'not_docx' | 'too_large';
/** `<w:p>` or `<w:p …>`, not `<w:pPr>` or `<w:pStyle>`. */
const paragraphRe = /<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g;
const runTextRe = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g;
/** English Word names heading styles `Heading1`; Chinese Word keeps the built-in ids `1`, `2`… */
const headingStyleRe = /<w:pStyle w:val="(?:[Hh]eading)?\s?([1-6])"\s*\/>/;
const outlineLevelRe = /<w:outlineLvl w:val="([0-5])"\s*\/>/;
const xmlEntities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => xmlEntities[entity]!).replace(/&#(x?)([0-9a-fA-F]+);/g, (_, hex: string, digits: string) => String.fromCodePoint(Number.parseInt(digits, hex ? 16 : 10)));
}

function headingLevel(paragraph: string): number | null {
  const style = headingStyleRe.exec(paragraph);
  if (style) return Number(style[1]);
  const outline = outlineLevelRe.exec(paragraph);
  return outline ? Number(outline[1]) + 1 : null;
}

/** The draft's text; `not_docx` when the bytes are not a Word document, `too_large` past the inflated-size limits. */
export function docxToDraftText(bytes: Uint8Array): Result<string, DocxError> {
  const limits: ZipLimits = { maxEntryBytes: DOCX_PART_MAX_MB * MB, maxTotalBytes: DOCX_TOTAL_MAX_MB * MB };
  const xml = readZipEntry(bytes, DOCUMENT_PART, limits);
  if (!xml.ok) return fail(xml.error === 'too_large' ? 'too_large' : 'not_docx');
  const optionalPart = (name: string) => {
    const part = readZipEntry(bytes, name, limits);
    return part.ok ? strFromU8(part.value) : null;
  };
  const numberOf = numberer(parseNumbering(optionalPart(NUMBERING_PART), optionalPart(STYLES_PART)));
  const paragraphs: string[] = [];
  for (const [paragraph] of strFromU8(xml.value).matchAll(paragraphRe)) {
    // Word shows (and counts) the number of an empty numbered paragraph; the draft keeps only paragraphs with text.
    const number = numberOf(paragraph);
    let text = '';
    for (const run of paragraph.matchAll(runTextRe)) text += run[1] !== undefined ? decodeXml(run[1]) : run[2] === 'tab' ? '\t' : '\n';
    text = text.trim();
    if (!text) continue;
    text = number + text;
    const level = headingLevel(paragraph);
    paragraphs.push(level ? `${'#'.repeat(level)} ${text}` : text);
  }
  return ok(paragraphs.join('\n\n'));
}

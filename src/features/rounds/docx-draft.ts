/**
 * A Word draft (.docx) as the text the splitter reads: its paragraphs in order, Word's heading styles as Markdown
 * headings (numbering such as 一、 or （一） in the text is recognised by the splitter as well). fflate opens the zip;
 * only `word/document.xml` is read.
 */
import { strFromU8, unzipSync } from 'fflate';

const DOCUMENT_PART = 'word/document.xml';
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

/** The draft's text, or null when the bytes are not a Word document. */
export function docxToDraftText(bytes: Uint8Array): string | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name === DOCUMENT_PART });
  } catch {
    return null;
  }
  const xml = files[DOCUMENT_PART];
  if (!xml) return null;
  const paragraphs: string[] = [];
  for (const [paragraph] of strFromU8(xml).matchAll(paragraphRe)) {
    let text = '';
    for (const run of paragraph.matchAll(runTextRe)) text += run[1] !== undefined ? decodeXml(run[1]) : run[2] === 'tab' ? '\t' : '\n';
    text = text.trim();
    if (!text) continue;
    const level = headingLevel(paragraph);
    paragraphs.push(level ? `${'#'.repeat(level)} ${text}` : text);
  }
  return paragraphs.join('\n\n');
}

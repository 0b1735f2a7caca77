/**
 * The text of a file that came with a reply and is not a 意见反馈表, kept for search: Word documents through the OOXML
 * reader, plain text decoded as UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode") or GBK. PDF is not read:
 * its text sits in compressed content streams behind per-font character maps, more than a small reader in a Worker
 * can decode reliably; staff open the file itself.
 */
import { decodeCsvBytes } from '../../lib/csv';
import { FORM_CONTENT_TYPES } from './form-file';
import { docxText, openPackage } from './ooxml';

/** Per message: enough for a few pages of several documents; the files themselves are in R2. */
export const ATTACHMENT_TEXT_MAX_CHARS = 50_000;

function extensionOf(name: string | null): string {
  return /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return decodeCsvBytes(bytes).text;
}

/** The text of a DOCX or TXT file, or null for any other kind (PDF included) or a file that cannot be read. */
export function attachmentText(file: { filename: string | null; mimeType: string; content: Uint8Array }): string | null {
  const extension = extensionOf(file.filename);
  if (extension === 'docx' || file.mimeType === FORM_CONTENT_TYPES.docx) {
    const document = openPackage(file.content, (name) => name === 'word/document.xml')?.['word/document.xml'];
    return document ? docxText(document) : null;
  }
  if (extension === 'txt' || file.mimeType === 'text/plain') return decodeText(file.content).replace(/\r\n?/g, '\n').trim();
  return null;
}

/** Each file's name and text, one after the other, cut at the limit. */
export function joinAttachmentTexts(texts: { filename: string; text: string }[]): string {
  const joined = texts.filter((t) => t.text).map((t) => `${t.filename}\n${t.text}`).join('\n\n');
  return joined.length > ATTACHMENT_TEXT_MAX_CHARS ? `${joined.slice(0, ATTACHMENT_TEXT_MAX_CHARS)}…` : joined;
}

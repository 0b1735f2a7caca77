/** An uploaded draft file read as text: .md/.txt (GBK from Chinese Windows included) or .docx, within the limits. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { decodeCsvBytes } from '../../lib/csv';
import { docxToDraftText } from './docx-draft';
import { DRAFT_DOCX_MAX_BYTES, DRAFT_FILE_MAX_BYTES } from './schemas';

/** The file's text, an error naming the accepted types and limits, or nothing when no file was sent. */
export async function readDraftFile(c: Context<AppEnv>, file: unknown): Promise<{ text: string } | { error: string } | null> {
  if (!(file instanceof File) || file.size === 0) return null;
  const isWord = /\.docx$/i.test(file.name);
  const refused = { error: c.get('t')('rounds.error.draftFile', { max: Math.round(DRAFT_FILE_MAX_BYTES / 1000), maxDocx: Math.round(DRAFT_DOCX_MAX_BYTES / 1_000_000) }) };
  if (!(isWord || /\.(md|markdown|txt)$/i.test(file.name)) || file.size > (isWord ? DRAFT_DOCX_MAX_BYTES : DRAFT_FILE_MAX_BYTES)) return refused;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = isWord ? docxToDraftText(bytes) : decodeCsvBytes(bytes).text;
  return text === null ? refused : { text };
}

/** An uploaded draft file read as text: .md/.txt (GBK from Chinese Windows included) or .docx, within the limits. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { decodeCsvBytes } from '../../lib/csv';
import { docxToDraftText, DOCX_PART_MAX_MB, DOCX_TOTAL_MAX_MB } from './docx-draft';
import { DRAFT_DOCX_MAX_BYTES, DRAFT_FILE_MAX_BYTES } from './schemas';

/** The file's text, an error naming the accepted types and limits, or nothing when no file was sent. */
export async function readDraftFile(c: Context<AppEnv>, file: unknown): Promise<{ text: string } | { error: string } | null> {
  if (!(file instanceof File) || file.size === 0) return null;
  const isWord = /\.docx$/i.test(file.name);
  const refused = { error: c.get('t')('rounds.error.draftFile', { max: Math.round(DRAFT_FILE_MAX_BYTES / 1000), maxDocx: Math.round(DRAFT_DOCX_MAX_BYTES / 1_000_000) }) };
  if (!(isWord || /\.(md|markdown|txt)$/i.test(file.name)) || file.size > (isWord ? DRAFT_DOCX_MAX_BYTES : DRAFT_FILE_MAX_BYTES)) return refused;
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isWord) return { text: decodeCsvBytes(bytes).text };
  const read = docxToDraftText(bytes);
  if (read.ok) return { text: read.value };
  return read.error === 'too_large' ? { error: c.get('t')('rounds.error.draftInflated', { partMb: DOCX_PART_MAX_MB, totalMb: DOCX_TOTAL_MAX_MB }) } : refused;
}

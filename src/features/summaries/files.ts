/** Download names and headers: the round's title and the date, in Chinese, with an ASCII fallback (RFC 5987). */
import { attachmentDisposition } from '../../lib/csv';
import type { Translator } from '../../lib/i18n';
import { shanghaiDateStamp } from '../../lib/time';

/** Characters Windows refuses in file names, and control characters. */
const unsafeFileCharRe = /[\\/:*?"<>|\u0000-\u001f]/g;
const TITLE_MAX = 60;

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
} as const;
export type DownloadKind = keyof typeof CONTENT_TYPES;

/** A name made safe for every file system, cut to a length that file names survive. */
export const safeFileName = (text: string): string => text.replace(unsafeFileCharRe, '_').slice(0, TITLE_MAX);

/** The name of one reply letter inside the ZIP of all of them: whom it answers. */
export const letterFileName = (t: Translator, addressee: string): string => t('summaries.file.letterTo', { name: safeFileName(addressee) });

export type DownloadWhich = 'summary' | 'reply' | 'replies' | 'changes';
const FILE_KEYS = { summary: 'summaries.file.summary', reply: 'summaries.file.reply', replies: 'summaries.file.replies', changes: 'summaries.file.changes' } as const;

/** `to`: whom a single reply letter answers, added to its name. */
export function downloadHeaders(
  t: Translator,
  which: DownloadWhich,
  round: { id: string; title: string },
  kind: DownloadKind,
  now: Date,
  to?: string,
): Record<string, string> {
  const date = shanghaiDateStamp(now);
  const name = t(FILE_KEYS[which], { title: safeFileName(round.title), date }) + (to ? `-${safeFileName(to)}` : '');
  return {
    'content-type': CONTENT_TYPES[kind],
    'content-disposition': attachmentDisposition(`${name}.${kind}`, `${which}-${round.id}-${date}.${kind}`),
    'cache-control': 'no-store',
  };
}

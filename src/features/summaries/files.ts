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
} as const;
export type DownloadKind = keyof typeof CONTENT_TYPES;

const FILE_NAMES = { summary: 'summaries.file.summary', reply: 'summaries.file.reply', changes: 'summaries.file.changes' } as const;

export function downloadHeaders(
  t: Translator,
  which: 'summary' | 'reply' | 'changes',
  round: { id: string; title: string },
  kind: DownloadKind,
  now: Date,
): Record<string, string> {
  const date = shanghaiDateStamp(now);
  const title = round.title.replace(unsafeFileCharRe, '_').slice(0, TITLE_MAX);
  const name = t(FILE_NAMES[which], { title, date });
  return {
    'content-type': CONTENT_TYPES[kind],
    'content-disposition': attachmentDisposition(`${name}.${kind}`, `${which}-${round.id}-${date}.${kind}`),
    'cache-control': 'no-store',
  };
}

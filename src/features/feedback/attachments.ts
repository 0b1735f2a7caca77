/**
 * Files a stakeholder attaches to their feedback: limits, type checks (extension and magic bytes), storage in R2,
 * listing, removal and reading back. Rows live in `feedback_attachments`; the bytes in the ATTACHMENTS bucket.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { feedbackAttachments } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { attachmentDisposition } from '../../lib/csv';
import { fail, ok, type Fail, type Ok, type Result } from '../../lib/result';
import { headerSafe } from '../../lib/single-line';

export const ATTACHMENTS_MAX_PER_RESPONSE = 3;
export const ATTACHMENT_MAX_MB = 10;
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024;
const FILENAME_MAX_CHARS = 120;

type Magic = 'pdf' | 'zip' | 'ole' | 'jpg' | 'png' | 'text';
/** What a person calls the kind of file an extension promises ("内容不是 PDF 文件"). */
export type FileKind = 'pdf' | 'word' | 'excel' | 'jpeg' | 'png' | 'text';

/** Allowed extensions: the type served back, the leading bytes a real file of that kind starts with, its kind. */
export const ATTACHMENT_TYPES: Record<string, { contentType: string; magic: Magic; kind: FileKind }> = {
  pdf: { contentType: 'application/pdf', magic: 'pdf', kind: 'pdf' },
  doc: { contentType: 'application/msword', magic: 'ole', kind: 'word' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip', kind: 'word' },
  xls: { contentType: 'application/vnd.ms-excel', magic: 'ole', kind: 'excel' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip', kind: 'excel' },
  txt: { contentType: 'text/plain; charset=utf-8', magic: 'text', kind: 'text' },
  jpg: { contentType: 'image/jpeg', magic: 'jpg', kind: 'jpeg' },
  jpeg: { contentType: 'image/jpeg', magic: 'jpg', kind: 'jpeg' },
  png: { contentType: 'image/png', magic: 'png', kind: 'png' },
};
export const ATTACHMENT_EXTENSIONS_TEXT = 'pdf, doc, docx, xls, xlsx, txt, jpg, png';
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES).map((ext) => `.${ext}`).join(',');

const SIGNATURES: Record<Exclude<Magic, 'text'>, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d],
  zip: [0x50, 0x4b, 0x03, 0x04],
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  jpg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};
/** A text file holds no NUL byte in its first few kilobytes. */
const TEXT_SNIFF_BYTES = 4096;

export type AttachmentRow = typeof feedbackAttachments.$inferSelect;
/** too_large: over the size limit; bad_extension: not on the list; not_content: the bytes are not what the extension says. */
export type AttachmentError = 'too_many' | 'too_large' | 'bad_extension' | 'not_content' | 'empty';
/** Which file was refused and why, with what the message names: the kind it claimed to be, its size. */
export type AttachmentRefusal = { error: AttachmentError; filename: string; kind?: FileKind; size?: number };
export type CheckFilesResult = Ok<CheckedFile[]> | (Fail<AttachmentError> & { refusal: AttachmentRefusal });
export type CheckedFile = { filename: string; contentType: string; bytes: Uint8Array };

/** The served type: the stored one if it is on the allow-list, bytes otherwise. */
export function servedContentType(stored: string): string {
  return Object.values(ATTACHMENT_TYPES).some((type) => type.contentType === stored) ? stored : 'application/octet-stream';
}

/** The last path segment, without control or bidi characters (`報告\u202Efdp.exe`), shortened keeping the extension. */
export function cleanFilename(name: string): string {
  const base = headerSafe(name.split(/[\\/]/).pop() ?? '').replace(/"/g, '') || 'file';
  if (base.length <= FILENAME_MAX_CHARS) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return base.slice(0, FILENAME_MAX_CHARS - ext.length) + ext;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function looksLike(bytes: Uint8Array, magic: Magic): boolean {
  if (magic === 'text') return !bytes.subarray(0, TEXT_SNIFF_BYTES).includes(0);
  return SIGNATURES[magic].every((byte, i) => bytes[i] === byte);
}

/** Checks every file against the limits before anything is stored: one bad file refuses them all. */
export async function checkFiles(files: File[], alreadyAttached: number): Promise<CheckFilesResult> {
  const refuse = (refusal: AttachmentRefusal) => ({ ...fail(refusal.error, { attachments: refusal.filename }), refusal });
  if (alreadyAttached + files.length > ATTACHMENTS_MAX_PER_RESPONSE) return refuse({ error: 'too_many', filename: cleanFilename(files[files.length - 1]?.name ?? '') });
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const filename = cleanFilename(file.name);
    const type = ATTACHMENT_TYPES[extensionOf(filename)];
    if (!type) return refuse({ error: 'bad_extension', filename });
    if (file.size > ATTACHMENT_MAX_BYTES) return refuse({ error: 'too_large', filename, size: file.size });
    if (file.size === 0) return refuse({ error: 'empty', filename });
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!looksLike(bytes, type.magic)) return refuse({ error: 'not_content', filename, kind: type.kind });
    checked.push({ filename, contentType: type.contentType, bytes });
  }
  return ok(checked);
}

/** Files chosen in a form's `attachments` input; an empty input posts one nameless empty file. */
export function chosenFiles(values: unknown): File[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.filter((v): v is File => v instanceof File && (v.size > 0 || v.name !== ''));
}

export async function listAttachments(deps: Deps, responseId: string | null | undefined): Promise<AttachmentRow[]> {
  if (!responseId) return [];
  return deps.db
    .select()
    .from(feedbackAttachments)
    .where(and(eq(feedbackAttachments.responseId, responseId), isNull(feedbackAttachments.removedAt)))
    .orderBy(asc(feedbackAttachments.createdAt), asc(feedbackAttachments.id));
}

/** Bytes go to R2 first; a row is written only for a stored object. */
export async function storeAttachments(deps: Deps, bucket: R2Bucket, target: { responseId: string; roundId: string }, files: CheckedFile[]) {
  const now = deps.clock();
  const rows = [];
  for (const file of files) {
    const id = deps.newId();
    const r2Key = `feedback/${target.roundId}/${target.responseId}/${id}`;
    await bucket.put(r2Key, file.bytes, { httpMetadata: { contentType: file.contentType } });
    rows.push({ id, ...target, filename: file.filename, contentType: file.contentType, size: file.bytes.length, r2Key, createdAt: now });
  }
  if (rows.length) await deps.db.insert(feedbackAttachments).values(rows);
  return rows;
}

/** Removing keeps the row (who attached what, when) and deletes the bytes. */
export async function removeAttachment(deps: Deps, bucket: R2Bucket, responseId: string, id: string): Promise<Result<void, 'not_found'>> {
  const removed = await deps.db
    .update(feedbackAttachments)
    .set({ removedAt: deps.clock() })
    .where(and(eq(feedbackAttachments.id, id), eq(feedbackAttachments.responseId, responseId), isNull(feedbackAttachments.removedAt)))
    .returning({ r2Key: feedbackAttachments.r2Key });
  if (!removed[0]) return fail('not_found');
  await bucket.delete(removed[0].r2Key);
  return ok(undefined);
}

/** One live attachment by id, scoped to a response (stakeholder) or a round (staff). */
export async function findAttachment(deps: Deps, id: string, scope: { responseId: string } | { roundId: string }): Promise<AttachmentRow | null> {
  const owner = 'responseId' in scope ? eq(feedbackAttachments.responseId, scope.responseId) : eq(feedbackAttachments.roundId, scope.roundId);
  const row = await deps.db
    .select()
    .from(feedbackAttachments)
    .where(and(eq(feedbackAttachments.id, id), owner, isNull(feedbackAttachments.removedAt)))
    .get();
  return row ?? null;
}

export async function countAttachments(deps: Deps, responseId: string | null | undefined): Promise<number> {
  if (!responseId) return 0;
  const row = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(feedbackAttachments)
    .where(and(eq(feedbackAttachments.responseId, responseId), isNull(feedbackAttachments.removedAt)))
    .get();
  return row?.n ?? 0;
}

/** The stored file as a download: never sniffed, never shown inline, the real name per RFC 5987. */
export async function attachmentResponse(bucket: R2Bucket, row: AttachmentRow): Promise<Response | null> {
  const object = await bucket.get(row.r2Key);
  if (!object) return null;
  const ext = extensionOf(row.filename);
  return new Response(object.body, {
    headers: {
      'content-type': servedContentType(row.contentType),
      'content-disposition': attachmentDisposition(row.filename, `attachment-${row.id}${ext ? `.${ext}` : ''}`),
      'content-length': String(object.size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

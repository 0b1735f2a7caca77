/** What the import page and the import API share: reading the upload and wording a whole-file refusal. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { fail, ok, type Result } from '../../lib/result';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportColumn, type ParseFailure } from './import-parse';

/** Multipart framing around the file; a body beyond this is refused before it is read. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export type UploadFailure = 'too_large' | 'file_required';

export function bodyTooLarge(c: Context<AppEnv>, maxBytes = IMPORT_MAX_BYTES): boolean {
  const length = Number(c.req.header('content-length') ?? '0');
  return Number.isFinite(length) && length > maxBytes * 1.4 + MULTIPART_OVERHEAD_BYTES;
}

/** The uploaded file's bytes and the other form fields. */
export async function readUpload(c: Context<AppEnv>, field = 'file'): Promise<Result<{ bytes: Uint8Array; form: Record<string, unknown> }, UploadFailure>> {
  if (bodyTooLarge(c)) return fail('too_large');
  const form = await c.req.parseBody();
  const file = form[field];
  if (!(file instanceof File) || file.size === 0) return fail('file_required');
  if (file.size > IMPORT_MAX_BYTES) return fail('too_large');
  return ok({ bytes: new Uint8Array(await file.arrayBuffer()), form });
}

export function uploadFailureMessage(c: Context<AppEnv>, failure: UploadFailure | ParseFailure, missing?: ImportColumn[]): string {
  const t = c.get('t');
  switch (failure) {
    case 'file_required':
      return t('stakeholders.import.fileRequired');
    case 'too_large':
      return t('stakeholders.import.too_large', { mb: IMPORT_MAX_BYTES / (1024 * 1024) });
    case 'too_many_rows':
      return t('stakeholders.import.too_many_rows', { rows: IMPORT_MAX_ROWS });
    case 'missing_columns':
      return t('stakeholders.import.missing_columns', { columns: (missing ?? []).join(', ') });
    case 'empty':
      return t('stakeholders.import.empty');
  }
}


export function fromBase64(value: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

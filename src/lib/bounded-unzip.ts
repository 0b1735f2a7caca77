/**
 * One entry of a ZIP archive, with its inflated size capped twice: by the sizes the central directory declares, before
 * anything is inflated, and while inflating, because declared sizes can lie. A small upload cannot take the Worker's
 * memory (a "zip bomb": 5 MB of deflate can inflate to gigabytes).
 */
import { Inflate } from 'fflate';
import { fail, ok, type Result } from './result';

export type ZipLimits = { maxEntryBytes: number; maxTotalBytes: number };
export type ZipReadError = 'not_zip' | 'missing' | 'too_large';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1032×, so one step adds at most ~8 MB. */
const INFLATE_STEP_BYTES = 8 * 1024;

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

/** The central directory's entries, or null when the bytes are not a ZIP archive. ZIP64 sizes read as 0xFFFFFFFF: too large. */
function centralDirectory(bytes: Uint8Array, view: DataView): Entry[] | null {
  let end = -1;
  for (let at = bytes.length - END_RECORD_BYTES; at >= Math.max(0, bytes.length - END_RECORD_BYTES - MAX_COMMENT_BYTES); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_FILE_HEADER) return null;
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Inflates raw deflate data, stopping as soon as the output passes `max` bytes. */
function inflateCapped(data: Uint8Array, max: number): Result<Uint8Array, 'not_zip' | 'too_large'> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= max) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && total <= max; at += INFLATE_STEP_BYTES) {
      inflater.push(data.subarray(at, at + INFLATE_STEP_BYTES), at + INFLATE_STEP_BYTES >= data.length);
    }
  } catch {
    return fail('not_zip');
  }
  if (total > max) return fail('too_large');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return ok(out);
}

/** The inflated bytes of the entry called `name`, if every entry's declared size and their sum are within the limits. */
export function readZipEntry(bytes: Uint8Array, name: string, limits: ZipLimits): Result<Uint8Array, ZipReadError> {
  if (bytes.length < END_RECORD_BYTES) return fail('not_zip');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(bytes, view);
  if (!entries) return fail('not_zip');
  const declaredTotal = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declaredTotal > limits.maxTotalBytes || entries.some((entry) => entry.size > limits.maxEntryBytes)) return fail('too_large');
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) return fail('missing');
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_FILE_HEADER) return fail('not_zip');
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return fail('not_zip');
  if (entry.method === STORED) return data.length > limits.maxEntryBytes ? fail('too_large') : ok(data.slice());
  if (entry.method !== DEFLATED) return fail('not_zip');
  return inflateCapped(data, limits.maxEntryBytes);
}

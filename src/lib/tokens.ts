/** Capability tokens: random, URL-safe, and stored only as their SHA-256. */
import { keptValues } from './kept-values';

/** 32 random bytes = 256 bits, well above the 128-bit floor. */
export function randomToken(byteLength = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return hex(new Uint8Array(digest));
}

/** Hashes of tokens presented lately (one per entry, so unknown tokens sent in bulk only push out older ones). */
const presentedHashes = keptValues<string>(4096, () => 1);

/**
 * The SHA-256 of a token a request presents (a session cookie, a personal link): the same few come back with every
 * request of a visit, so their hashes are kept in the isolate rather than digested again each time.
 */
export async function presentedTokenHash(token: string): Promise<string> {
  let hash = presentedHashes.get(token);
  if (hash === undefined) {
    hash = await sha256Hex(token);
    presentedHashes.set(token, hash);
  }
  return hash;
}

export async function hmacSha256(secret: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value));
  return base64Url(new Uint8Array(signature));
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.length !== right.length) return false;
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= left[i]! ^ right[i]!;
  return diff === 0;
}

/** Standard base64 of any number of bytes (attachments, uploads, signatures, tokens). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a call has a limit on them.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex; a table, as every signed-in request hashes its session cookie. */
function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_BYTES[b];
  return out;
}

/** Time-ordered identifiers (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32). */
const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdFactory = () => string;

/** Ids sort by creation time, so keyset paging on `id` lists newest or oldest first without another column. */
export function createIdFactory(clock: () => Date): IdFactory {
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return () => {
    const time = clock().getTime();
    if (time === lastTime) {
      lastRandom = incrementBytes(lastRandom);
    } else {
      lastTime = time;
      lastRandom = crypto.getRandomValues(new Uint8Array(10));
    }
    return encodeTime(time) + encodeRandom(lastRandom);
  };
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD_BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = CROCKFORD_BASE32[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/** Keeps ids created in the same millisecond in creation order. */
function incrementBytes(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] !== 255) {
      next[i] = next[i]! + 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

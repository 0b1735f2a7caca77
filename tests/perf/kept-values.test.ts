import { describe, expect, it } from 'vitest';
import { keptValues } from '../../src/lib/kept-values';
import { presentedTokenHash, randomToken, sha256Hex } from '../../src/lib/tokens';

describe('values kept in the isolate', () => {
  it('forget the least recently used beyond the bound, counting in the units given', () => {
    const kept = keptValues<string>(10, (value) => value.length);
    kept.set('a', 'aaaa');
    kept.set('b', 'bbbb');
    expect(kept.get('a')).toBe('aaaa'); // now more recent than b
    kept.set('c', 'cccc');
    expect(kept.get('b')).toBeUndefined();
    expect(kept.entries().map(([key]) => key)).toEqual(['a', 'c']);
    expect(kept.stats()).toEqual({ keys: 2, units: 8 });
    kept.set('a', 'a');
    expect(kept.stats()).toEqual({ keys: 2, units: 5 });
  });

  it('keep one value larger than the bound rather than none', () => {
    const kept = keptValues<string>(3, (value) => value.length);
    kept.set('big', 'x'.repeat(10));
    expect(kept.get('big')).toHaveLength(10);
  });
});

describe('hashes of presented tokens', () => {
  it('are the SHA-256 of the token, the same when kept', async () => {
    const token = randomToken();
    const expected = await sha256Hex(token);
    expect(await presentedTokenHash(token)).toBe(expected);
    expect(await presentedTokenHash(token)).toBe(expected);
    expect(await presentedTokenHash(`${token}x`)).toBe(await sha256Hex(`${token}x`));
  });
});

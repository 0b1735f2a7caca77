// A seeded pseudo-random generator (mulberry32) and the draws the reference data is made of: the same seed gives
// the same people, rounds, opinions and answers on every machine.

export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random = {
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** `weights`: { value: weight }. */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    /**
     * `count` distinct items, favouring the first ones (Zipf-like, exponent `s`): a few sections draw most comments.
     * Weighted sampling without replacement (Efraimidis–Spirakis keys), in the items' order.
     */
    zipfSample: (items, count, s = 0.8) =>
      items
        .map((item, i) => ({ item, i, key: Math.log(1 - next()) * (i + 1) ** s }))
        .sort((a, b) => b.key - a.key)
        .slice(0, count)
        .sort((a, b) => a.i - b.i)
        .map((x) => x.item),
    /** Exponentially distributed, mean `mean`. */
    exponential: (mean) => -Math.log(1 - next()) * mean,
  };
  return random;
}

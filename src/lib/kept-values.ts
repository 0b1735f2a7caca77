/**
 * Values kept in the isolate between requests, least recently used forgotten beyond a bound counted in units the
 * caller chooses (characters, bytes). A key must hold every input of its value: nothing is ever invalidated.
 */
export type KeptValues<T> = {
  /** The value kept under `key`, now the most recently used; undefined when none is. */
  get(key: string): T | undefined;
  /** Keeps `value` under `key`, forgetting the least recently used keys beyond the bound. */
  set(key: string, value: T): void;
  /** What is kept, least recently used first (without making any of it more recent). */
  entries(): [string, T][];
  stats(): { keys: number; units: number };
};

export function keptValues<T>(maxUnits: number, sizeOf: (value: T) => number): KeptValues<T> {
  const kept = new Map<string, T>();
  let units = 0;
  return {
    get(key) {
      const value = kept.get(key);
      if (value !== undefined) {
        kept.delete(key);
        kept.set(key, value);
      }
      return value;
    },
    set(key, value) {
      const previous = kept.get(key);
      if (previous !== undefined) {
        kept.delete(key);
        units -= sizeOf(previous);
      }
      kept.set(key, value);
      units += sizeOf(value);
      while (units > maxUnits && kept.size > 1) {
        const [oldest, oldValue] = kept.entries().next().value!;
        kept.delete(oldest);
        units -= sizeOf(oldValue);
      }
    },
    entries: () => [...kept.entries()],
    stats: () => ({ keys: kept.size, units }),
  };
}

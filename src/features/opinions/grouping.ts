/**
 * Groups opinions that say the same thing: Chinese texts compared by their character bigrams (Dice coefficient),
 * then single-link clustering. Pure and deterministic; no external service.
 */

/** Pairs at or above this similarity are "the same point" by default. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.25;

/**
 * Bigrams that nearly every opinion in a consultation contains ("建议…", "希望…", "…问题"): they would make
 * unrelated opinions look alike, so they do not count.
 */
const COMMON_BIGRAMS = new Set(['建议', '希望', '问题', '解决', '进一', '一步', '加强', '相关', '有关', '方面', '我们', '可以', '应当', '需要', '以及', '对于', '提出', '意见', '方案', '本条', '目前', '现在']);

/** Runs of letters, digits and CJK characters: punctuation and spaces split a text into phrases. */
const phraseRe = /[\p{L}\p{N}]+/gu;

/** The set of character bigrams of a text, taken within phrases; a one-character phrase counts as itself. */
export function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const phrase of text.toLowerCase().match(phraseRe) ?? []) {
    const chars = [...phrase];
    if (chars.length === 1) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = chars[i]! + chars[i + 1]!;
      if (!COMMON_BIGRAMS.has(gram)) grams.add(gram);
    }
  }
  return grams;
}

/** Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|), 0 when both are empty. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

export type Groupable = { id: string; text: string };

/**
 * Clusters items: two items are linked when their similarity reaches the threshold, and a group is everything
 * linked directly or through others (single link). Groups keep the input order of their members; groups are
 * ordered by their first member; singletons are groups of one. Candidate pairs come from an inverted index of
 * bigrams, so texts that share nothing are never compared.
 */
export function groupSimilar<T extends Groupable>(items: readonly T[], threshold = DEFAULT_SIMILARITY_THRESHOLD): T[][] {
  const grams = items.map((item) => bigrams(item.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    // The smaller index is the root, so the result does not depend on the order pairs are found in.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const postings = new Map<string, number[]>();
  grams.forEach((set, i) => {
    const shared = new Map<number, number>();
    for (const gram of set) {
      const list = postings.get(gram);
      if (list) for (const j of list) shared.set(j, (shared.get(j) ?? 0) + 1);
      if (list) list.push(i);
      else postings.set(gram, [i]);
    }
    for (const [j, count] of shared) {
      if ((2 * count) / (set.size + grams[j]!.size) >= threshold) union(i, j);
    }
  });

  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

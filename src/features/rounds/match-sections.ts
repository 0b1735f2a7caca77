/**
 * Matches the units of a revised draft to those of the version before, so that a unit that survives keeps its id:
 * identical text first (an article renumbered after an insertion, or moved), then the most similar text, with a
 * bonus for the same label. What is left is a split (a new unit whose text came out of an old one), a merge (an
 * old unit whose text went into a new one), or plainly added or removed. Pure: character bigrams, no I/O.
 */
import type { ChangeKind } from '../../db/schema';

export type MatchUnit = { id?: string; key: string; parentKey: string | null; number: string; heading: string; body: string };

/** How `after[i]` relates to `before`: the id it keeps (null: a new unit), and the change, if any. */
export type MatchedUnit = { keptId: string | null; kind: ChangeKind | null; fromId: string | null };
export type MatchResult = { after: MatchedUnit[]; removed: { id: string; intoIndex: number | null }[] };

/** Below this Dice similarity two units are different units, however close their labels. */
const SIMILAR_MIN = 0.5;
const SAME_LABEL_BONUS = 0.1;
/** Share of a unit's bigrams found in another for it to count as split off from it, or merged into it. */
const CONTAINED_MIN = 0.6;

const unitText = (u: MatchUnit) => `${u.heading}\n${u.body}`.replace(/\s+/g, '');

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) counts.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [pair, n] of a) shared += Math.min(n, b.get(pair) ?? 0);
  return shared;
}

const size = (m: Map<string, number>) => [...m.values()].reduce((sum, n) => sum + n, 0);

export function matchSections(before: (MatchUnit & { id: string })[], after: MatchUnit[]): MatchResult {
  const beforeText = before.map(unitText);
  const afterText = after.map(unitText);
  const beforeGrams = beforeText.map(bigrams);
  const afterGrams = afterText.map(bigrams);
  const pairOf = new Map<number, number>(); // after index → before index
  const taken = new Set<number>();
  const pair = (a: number, b: number) => {
    pairOf.set(a, b);
    taken.add(b);
  };

  // Identical text: the same label first, then any (renumbered or moved).
  for (const sameLabel of [true, false]) {
    after.forEach((unit, a) => {
      if (pairOf.has(a) || !afterText[a]) return;
      const b = before.findIndex((old, i) => !taken.has(i) && beforeText[i] === afterText[a] && (!sameLabel || old.number === unit.number));
      if (b >= 0) pair(a, b);
    });
  }

  const candidates: { a: number; b: number; score: number }[] = [];
  after.forEach((unit, a) => {
    if (pairOf.has(a)) return;
    before.forEach((old, b) => {
      if (taken.has(b)) return;
      const dice = (2 * overlap(afterGrams[a]!, beforeGrams[b]!)) / (size(afterGrams[a]!) + size(beforeGrams[b]!) || 1);
      if (dice >= SIMILAR_MIN) candidates.push({ a, b, score: dice + (old.number === unit.number ? SAME_LABEL_BONUS : 0) });
    });
  });
  candidates.sort((x, y) => y.score - x.score);
  for (const { a, b } of candidates) if (!pairOf.has(a) && !taken.has(b)) pair(a, b);

  const contained = (part: Map<string, number>, whole: Map<string, number>) => overlap(part, whole) / (size(part) || 1);
  const bestHost = (part: Map<string, number>, hosts: Map<string, number>[]) => {
    let best = -1;
    let bestShare = CONTAINED_MIN;
    hosts.forEach((host, i) => {
      const share = contained(part, host);
      if (share >= bestShare) [best, bestShare] = [i, share];
    });
    return best;
  };

  const keptIdOf = (a: number) => (pairOf.has(a) ? before[pairOf.get(a)!]!.id : null);
  const movedIds = movedAfter(before, after, pairOf);
  const result: MatchResult = {
    after: after.map((unit, a) => {
      const b = pairOf.get(a);
      if (b === undefined) {
        const from = bestHost(afterGrams[a]!, beforeGrams);
        return { keptId: null, kind: 'added', fromId: from >= 0 ? before[from]!.id : null };
      }
      const kind = beforeText[b] !== afterText[a] || before[b]!.heading !== unit.heading ? 'modified' : movedIds.has(a) ? 'moved' : null;
      return { keptId: keptIdOf(a), kind, fromId: null };
    }),
    removed: [],
  };
  before.forEach((old, b) => {
    if (taken.has(b)) return;
    const into = bestHost(beforeGrams[b]!, afterGrams);
    result.removed.push({ id: old.id, intoIndex: into >= 0 ? into : null });
  });
  return result;
}

/**
 * Matched units that moved: their parent changed, or they fall outside the longest run kept in the old order
 * (an article renumbered because another was inserted before it has not moved).
 */
function movedAfter(before: (MatchUnit & { id: string })[], after: MatchUnit[], pairOf: Map<number, number>): Set<number> {
  const moved = new Set<number>();
  const idOfBeforeKey = new Map(before.map((u) => [u.key, u.id]));
  const afterIndexOfKey = new Map(after.map((u, i) => [u.key, i]));
  const parentIdAfter = (a: number) => {
    const parentIndex = after[a]!.parentKey === null ? undefined : afterIndexOfKey.get(after[a]!.parentKey!);
    return parentIndex === undefined ? null : pairOf.has(parentIndex) ? before[pairOf.get(parentIndex)!]!.id : `new:${parentIndex}`;
  };
  const order = [...pairOf.entries()].sort((x, y) => x[0] - y[0]);
  for (const [a, b] of order) {
    const parentBefore = before[b]!.parentKey === null ? null : (idOfBeforeKey.get(before[b]!.parentKey!) ?? null);
    if (parentBefore !== parentIdAfter(a)) moved.add(a);
  }
  const kept = longestIncreasing(order.map(([, b]) => b));
  order.forEach(([a], i) => {
    if (!kept.has(i)) moved.add(a);
  });
  return moved;
}

/** Indexes of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

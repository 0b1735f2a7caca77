/** The handling result of a reply (办理结果) and the one the dispositions suggest. */
import type { Disposition } from '../../db/schema';
import { emptyDispositions, type DispositionCounts } from './figures';

/** The categories a reply to a proposal uses: 解决或采纳 · 列入计划拟解决 · 留作参考 · 因条件限制无法解决. */
export const HANDLING_RESULTS = ['adopted', 'planned', 'reference', 'unable'] as const;
export type HandlingResult = (typeof HANDLING_RESULTS)[number];

export const isHandlingResult = (value: string | undefined): value is HandlingResult => (HANDLING_RESULTS as readonly string[]).includes(value ?? '');

/**
 * The handling result a reply letter suggests. 解决或采纳 only when every opinion was adopted or partly adopted: a
 * letter must not claim it while one was not adopted or kept for reference. Opinions still pending make it
 * 列入计划拟解决; mostly refused ones 因条件限制无法解决; any other mix 留作参考. Staff may choose another.
 */
export function suggestedResult(d: DispositionCounts): HandlingResult {
  const accepted = d.adopted + d.partly_adopted;
  if (d.pending > 0 || accepted + d.not_adopted + d.noted === 0) return 'planned';
  if (d.not_adopted === 0 && d.noted === 0) return 'adopted';
  if (d.not_adopted > accepted + d.noted) return 'unable';
  return 'reference';
}

export function countDispositions(opinions: readonly { disposition: Disposition }[]): DispositionCounts {
  const counts = emptyDispositions();
  for (const o of opinions) counts[o.disposition] += 1;
  return counts;
}

/** The handling result of a reply (办理结果) and the one the dispositions suggest. */
import type { DispositionCounts } from './figures';

export const HANDLING_RESULTS = ['adopted', 'planned', 'reference'] as const;
export type HandlingResult = (typeof HANDLING_RESULTS)[number];

/**
 * The handling result a reply letter suggests (办理结果): 解决或采纳 when adopted and partly adopted opinions are at
 * least half of those decided, 留作参考 otherwise. Staff may choose another before drafting.
 */
export function suggestedResult(d: DispositionCounts): HandlingResult {
  const decided = d.adopted + d.partly_adopted + d.not_adopted + d.noted;
  if (decided === 0) return 'planned';
  return (d.adopted + d.partly_adopted) * 2 >= decided ? 'adopted' : 'reference';
}

/**
 * Which page links a pager shows: the first and the last, and a few either side of the current one, with a gap
 * between. A round of 100,000 opinions has 2,000 pages of triage; a link to each was most of the page's work.
 * Pages are 0-based.
 */
export type PagerItem = number | 'gap';

export function pageWindow(current: number, pages: number, radius = 2): PagerItem[] {
  const items: PagerItem[] = [];
  const from = Math.max(0, current - radius);
  const to = Math.min(pages - 1, current + radius);
  if (from > 0) items.push(0);
  if (from > 1) items.push('gap');
  for (let page = from; page <= to; page++) items.push(page);
  if (to < pages - 2) items.push('gap');
  if (to < pages - 1) items.push(pages - 1);
  return items;
}

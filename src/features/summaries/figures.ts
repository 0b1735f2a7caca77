/** Small formatting rules shared by the page, the downloads and the reply letter. */
import type { DispositionCounts } from './service';

/** `42.9%`; a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

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

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 25 → 二十五 (meeting numbers: 第一期早餐会); beyond 99 the digits as they are. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** `3月21日` as the reply letters write dates (Asia/Shanghai). */
export function monthDay(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' }).format(date);
}

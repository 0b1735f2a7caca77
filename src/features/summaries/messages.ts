/** Messages of round summaries (意见采纳情况汇总). */
export const zh = {
  'summaries.title': '意见采纳情况汇总',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'summaries.title': 'Summary of opinions and their handling',
};

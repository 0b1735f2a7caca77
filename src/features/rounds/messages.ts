/** Messages of the rounds feature. */
export const zh = {
  'rounds.title': 'rounds',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'rounds.title': 'rounds',
};

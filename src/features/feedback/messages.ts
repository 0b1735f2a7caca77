/** Messages of the feedback feature. */
export const zh = {
  'feedback.title': 'feedback',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'feedback.title': 'feedback',
};

/** Messages of the auth feature. */
export const zh = {
  'auth.title': 'auth',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'auth.title': 'auth',
};

/** Messages of the mail feature. */
export const zh = {
  'mail.title': 'mail',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'mail.title': 'mail',
};

/** Messages of the settings feature. */
export const zh = {
  'settings.title': 'settings',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'settings.title': 'settings',
};

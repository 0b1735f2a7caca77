/** Messages of the stakeholders feature. */
export const zh = {
  'stakeholders.title': 'stakeholders',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'stakeholders.title': 'stakeholders',
};

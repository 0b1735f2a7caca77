/** Messages of the meetings slice: zh-CN first, English second. */
export const zh = {
  'meetings.title': '早餐会',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'meetings.title': 'Breakfast meetings',
};

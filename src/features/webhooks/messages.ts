/** Messages of the provider webhooks (answers to Resend, read by people only when debugging). */
export const zh = {
  'webhooks.error.signature': '签名缺失、无效或已过期。',
  'webhooks.error.replayed': '该事件已处理过。',
  'webhooks.error.payload': '事件内容无法解析。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'webhooks.error.signature': 'The signature is missing, invalid or too old.',
  'webhooks.error.replayed': 'This event was already processed.',
  'webhooks.error.payload': 'The event body could not be read.',
};

/** Messages of the unsubscribe pages (reached from a link in an email, no sign-in). */
export const zh = {
  'unsubscribe.title': '退订邮件',
  'unsubscribe.intro': '地址 {email} 将不再收到以下邮件：{kind}。',
  'unsubscribe.note': '退订后，您本人操作所需的邮件（例如反馈回执）仍会发送。',
  'unsubscribe.confirm': '确认退订',
  'unsubscribe.all': '退订全部通知邮件',
  'unsubscribe.done': '已退订。地址 {email} 将不再收到：{kind}。',
  'unsubscribe.already': '地址 {email} 已退订：{kind}。',
  'unsubscribe.invalid': '退订链接无效或不完整。请从邮件中重新打开链接。',
  'unsubscribe.kind.rounds': '征求意见邀请和提醒',
  'unsubscribe.kind.meetings': '早餐会通知',
  'unsubscribe.kind.all': '全部通知邮件',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.intro': '{email} will no longer get: {kind}.',
  'unsubscribe.note': 'Emails you ask for yourself (such as the copy of your feedback) are still sent.',
  'unsubscribe.confirm': 'Unsubscribe',
  'unsubscribe.all': 'Unsubscribe from all notification emails',
  'unsubscribe.done': 'Done. {email} will no longer get: {kind}.',
  'unsubscribe.already': '{email} is already unsubscribed from: {kind}.',
  'unsubscribe.invalid': 'This unsubscribe link is not valid or incomplete. Open it again from the email.',
  'unsubscribe.kind.rounds': 'consultation invitations and reminders',
  'unsubscribe.kind.meetings': 'breakfast meeting notices',
  'unsubscribe.kind.all': 'all notification emails',
};

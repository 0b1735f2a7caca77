/** The staff home page: what needs doing. */
export const zh = {
  'home.todo.title': '待办事项',
  'home.todo.openRounds': '进行中的征求意见',
  'home.todo.openRounds.none': '目前没有进行中的征求意见。',
  'home.todo.round': '{title}：反馈率 {rate}%（{responded}/{invited}），还剩 {days} 天',
  'home.todo.pendingOpinions': '尚未确定采纳情况的意见',
  'home.todo.pendingOpinions.none': '所有意见均已确定采纳情况。',
  'home.todo.pendingOpinions.round': '{title}：{count} 条待处理',
  'home.todo.nextMeeting': '下一次早餐会',
  'home.todo.nextMeeting.none': '目前没有已安排的早餐会。',
  'home.todo.nextMeeting.counts': '出席 {seated} 人 · 候补 {waitlist} 人 · 未回复 {noAnswer} 人',
  'home.todo.failedMail': '发送失败或被退回的邮件：{count} 封',
  'home.todo.failedMail.none': '没有发送失败的邮件。',
};

export const en: Record<keyof typeof zh, string> = {
  'home.todo.title': 'What needs doing',
  'home.todo.openRounds': 'Open consultations',
  'home.todo.openRounds.none': 'No consultation is open.',
  'home.todo.round': '{title}: response rate {rate}% ({responded}/{invited}), {days} days left',
  'home.todo.pendingOpinions': 'Opinions without a disposition',
  'home.todo.pendingOpinions.none': 'Every opinion has a disposition.',
  'home.todo.pendingOpinions.round': '{title}: {count} to decide',
  'home.todo.nextMeeting': 'Next breakfast meeting',
  'home.todo.nextMeeting.none': 'No breakfast meeting is scheduled.',
  'home.todo.nextMeeting.counts': '{seated} attending · {waitlist} waiting · {noAnswer} no answer',
  'home.todo.failedMail': 'Mail failed or bounced: {count}',
  'home.todo.failedMail.none': 'No failed mail.',
};

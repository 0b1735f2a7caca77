/** Messages of the round page's bounded board: the invitee pages and the latest opinions. */
export const zh = {
  'rounds.board.inviteeRange': '第 {from}–{to} 位，共 {total} 位',
  'rounds.board.previousPage': '上一页',
  'rounds.board.latestOpinions': '最新意见',
  'rounds.board.latestNote': '按听取时间显示最新的 {shown} 条意见（共 {total} 条），每条只显示开头。',
  'rounds.board.allInTriage': '查看和处理全部意见',
  'rounds.board.fullText': '全文',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'rounds.board.inviteeRange': 'Invitees {from}–{to} of {total}',
  'rounds.board.previousPage': 'Previous page',
  'rounds.board.latestOpinions': 'Latest opinions',
  'rounds.board.latestNote': 'The {shown} most recently heard of {total} opinions, each shown by its beginning.',
  'rounds.board.allInTriage': 'See and triage all opinions',
  'rounds.board.fullText': 'Full text',
};

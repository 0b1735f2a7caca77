/**
 * The new part of a reply: what comes before the quoted history (Outlook's "-----原始邮件-----" and "发件人:" block,
 * Foxmail's and QQ Mail's "------------------ 原始邮件 ------------------", 163's "在 … 写道：", Gmail's "On … wrote:",
 * "> " quotes) and before the signature ("-- ", "发自我的iPhone").
 */
const historyStartRes = [
  /^-{2,}\s*(原始邮件|Original Message)\s*-{2,}\s*$/i,
  /^-{5,}\s*$/,
  /^(发件人|From)\s*[:：]\s*\S/,
  /^在\s*.+写道\s*[:：]?\s*$/,
  /^On .+ wrote:\s*$/,
  /^>/,
];
const signatureStartRes = [/^--\s*$/, /^(发自我的|Sent from my|从我的)/i];

export function newPartOfReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (historyStartRes.some((re) => re.test(trimmed)) || signatureStartRes.some((re) => re.test(trimmed))) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

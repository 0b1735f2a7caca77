/**
 * What a received message is, from its headers: a bounce (a delivery report), an auto-reply (out of office,
 * 自动回复) or a person's mail; and what the receiving server found about its origin (SPF, DKIM, DMARC).
 */
export type HeaderList = { key: string; value: string }[];
export type MailKind = 'bounce' | 'auto_reply' | 'personal';

const autoSubjectRe = /自动回复|自动答复|休假|Auto(?:matic)?[- ]?(?:Reply|Response)|Out of (?:the )?Office|Abwesenheit/i;
const bounceSenderRe = /^(mailer-daemon|postmaster)@/i;
const bounceSubjectRe = /Undeliver|Delivery Status Notification|Mail Delivery (?:Failed|System)|退信|系统退信|投递失败/i;

function header(headers: HeaderList, key: string): string | null {
  return headers.find((h) => h.key === key)?.value ?? null;
}

export function classifyMail(headers: HeaderList, from: string, subject: string): MailKind {
  const contentType = header(headers, 'content-type') ?? '';
  if (/multipart\/report/i.test(contentType) || bounceSenderRe.test(from) || bounceSubjectRe.test(subject)) return 'bounce';
  const autoSubmitted = header(headers, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return 'auto_reply';
  if (header(headers, 'x-autoreply') || header(headers, 'x-autorespond')) return 'auto_reply';
  if (/^(auto_reply|bulk|junk)$/i.test(header(headers, 'precedence')?.trim() ?? '')) return 'auto_reply';
  if (autoSubjectRe.test(subject)) return 'auto_reply';
  return 'personal';
}

export type MailAuthentication = { spf: string | null; dkim: string | null; dmarc: string | null };

/** From `Authentication-Results` (the receiving server's verdicts) and, for SPF, `Received-SPF`. */
export function mailAuthentication(headers: HeaderList): MailAuthentication {
  const results = headers.filter((h) => h.key === 'authentication-results').map((h) => h.value).join(';');
  const verdict = (method: string) => new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(results)?.[1]?.toLowerCase() ?? null;
  const receivedSpf = /^\s*([a-z]+)/i.exec(header(headers, 'received-spf') ?? '')?.[1]?.toLowerCase() ?? null;
  return { spf: verdict('spf') ?? receivedSpf, dkim: verdict('dkim'), dmarc: verdict('dmarc') };
}

/**
 * Added centrally at send time, so that no feature has to: every non-transactional email carries RFC 8058
 * one-click unsubscribe headers and a footer line linking to the confirm page. The token is never stored.
 */
import type { Deps } from '../../lib/deps';
import { createTranslator, LOCALES } from '../../lib/i18n';
import { suppressionKind, unsubscribeToken, unsubscribeUrl } from '../unsubscribe/tokens';
import type { OutboxRow } from './status';

export type DecoratedEmail = { html: string; text: string; headers: Record<string, string> };

/** The address part of `Name <address>` (or the whole value when there are no brackets). */
export function mailboxAddress(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

export async function unsubscribeLinkFor(deps: Deps, row: Pick<OutboxRow, 'toEmail' | 'kind'>): Promise<string> {
  const token = await unsubscribeToken(deps.config.signingSecret, { email: row.toEmail, kind: suppressionKind(row.kind) });
  return unsubscribeUrl(deps.config.appUrl, token);
}

export function unsubscribeHeaders(deps: Deps, link: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${link}>, <mailto:${mailboxAddress(deps.config.mailFrom)}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The footer goes inside the body, before `</body>`, in both languages. */
function withFooter(html: string, text: string, link: string): { html: string; text: string } {
  const lines = LOCALES.map((locale) => createTranslator(locale)('mail.unsubscribe.footer'));
  const htmlFooter =
    `<p style="margin:16px auto;max-width:600px;font-size:12px;color:#4a5664;text-align:center;">` +
    lines.map((line) => `<a href="${escapeHtml(link)}" style="color:#4a5664;">${escapeHtml(line)}</a>`).join('<br>') +
    `</p>`;
  const at = html.lastIndexOf('</body>');
  return {
    html: at === -1 ? html + htmlFooter : html.slice(0, at) + htmlFooter + html.slice(at),
    text: `${text}\n\n———\n\n${lines.join('\n')}\n${link}\n`,
  };
}

/** What actually leaves: the stored row, plus unsubscribe headers and footer for non-transactional mail. */
export async function decorateForSending(deps: Deps, row: OutboxRow): Promise<DecoratedEmail> {
  const headers = { ...(row.headers ?? {}) };
  if (row.transactional) return { html: row.html, text: row.text, headers };
  const link = await unsubscribeLinkFor(deps, row);
  return { ...withFooter(row.html, row.text, link), headers: { ...headers, ...unsubscribeHeaders(deps, link) } };
}

/** Email bodies: zh-CN first, then English; HTML and plain text; no remote images, no scripts. */
import { createTranslator, LOCALES, type Locale, type Translator } from '../../lib/i18n';

export type EmailBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'button'; label: string; url: string }
  | { type: 'facts'; items: { label: string; value: string }[] };

export type EmailContent = { subject: string; heading: string; blocks: EmailBlock[] };

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * Renders one email in both languages. `compose` is called once per locale with that locale's translator,
 * so every string comes from the catalog.
 */
export async function renderEmail(compose: (t: Translator, locale: Locale) => EmailContent, footer?: (t: Translator) => string): Promise<RenderedEmail> {
  const parts = LOCALES.map((locale) => {
    const t = createTranslator(locale);
    return { locale, t, content: compose(t, locale) };
  });
  const [first, second] = parts as [(typeof parts)[number], (typeof parts)[number]];
  const subject = first.content.subject === second.content.subject ? first.content.subject : `${first.content.subject} / ${second.content.subject}`;
  const html = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f5f8;font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1d2733;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f8;">
          <tr>
            <td align="center" style="padding:16px;">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #d5dbe3;border-radius:6px;">
                {parts.map(({ locale, content }, index) => (
                  <tr>
                    <td lang={locale} style={`padding:20px 24px;${index > 0 ? 'border-top:1px solid #d5dbe3;color:#4a5664;' : ''}`}>
                      <h1 style="font-size:20px;line-height:1.4;margin:0 0 12px;">{content.heading}</h1>
                      {content.blocks.map((block) => renderHtmlBlock(block))}
                    </td>
                  </tr>
                ))}
                {footer ? (
                  <tr>
                    <td style="padding:12px 24px;border-top:1px solid #d5dbe3;font-size:12px;color:#4a5664;">
                      {parts.map(({ t }) => (
                        <p style="margin:0 0 4px;">{footer(t)}</p>
                      ))}
                    </td>
                  </tr>
                ) : null}
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
  const text = [
    ...parts.map(({ content }) => [content.heading, '', ...content.blocks.map(renderTextBlock)].join('\n')),
    ...(footer ? [parts.map(({ t }) => footer(t)).join('\n')] : []),
  ].join('\n\n———\n\n');
  return { subject, html: '<!doctype html>' + (await html.toString()), text };
}

function renderHtmlBlock(block: EmailBlock) {
  switch (block.type) {
    case 'paragraph':
      return <p style="font-size:15px;line-height:1.7;margin:0 0 12px;">{block.text}</p>;
    case 'button':
      return (
        <p style="margin:16px 0;">
          <a href={block.url} style="display:inline-block;background:#9e1b1b;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:4px;">
            {block.label}
          </a>
        </p>
      );
    case 'facts':
      return (
        <table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 12px;font-size:15px;line-height:1.7;">
          {block.items.map((item) => (
            <tr>
              <td style="padding:2px 12px 2px 0;color:#4a5664;white-space:nowrap;vertical-align:top;">{item.label}</td>
              <td style="padding:2px 0;">{item.value}</td>
            </tr>
          ))}
        </table>
      );
  }
}

function renderTextBlock(block: EmailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return block.text + '\n';
    case 'button':
      return `${block.label}:\n${block.url}\n`;
    case 'facts':
      return block.items.map((item) => `${item.label}: ${item.value}`).join('\n') + '\n';
  }
}

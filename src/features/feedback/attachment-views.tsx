/** The attachment parts of the feedback pages: the file input (inside the form) and the list (outside it). */
import type { Translator } from '../../lib/i18n';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_EXTENSIONS_TEXT,
  ATTACHMENT_MAX_MB,
  ATTACHMENTS_MAX_PER_RESPONSE,
  type AttachmentRefusal,
  type AttachmentRow,
} from './attachments';
import { WeChatDownloadHint } from '../../ui/wechat';

const KB = 1024;
const MB = 1024 * 1024;

export function attachmentHint(t: Translator): string {
  return t('feedback.attachments.hint', { count: ATTACHMENTS_MAX_PER_RESPONSE, mb: ATTACHMENT_MAX_MB, types: ATTACHMENT_EXTENSIONS_TEXT });
}

/** The refusal of a file, naming it and what is wrong: the limit it broke, or the kind its content is not. */
export function attachmentErrorText(t: Translator, refusal: AttachmentRefusal): string {
  const { error, filename: name } = refusal;
  switch (error) {
    case 'too_many':
      return t('feedback.attachments.error.too_many', { name, count: ATTACHMENTS_MAX_PER_RESPONSE });
    case 'too_large':
      // Rounded up: a file just over the limit must not read as "10.0 MB, over 10 MB".
      return t('feedback.attachments.error.too_large', { name, mb: ATTACHMENT_MAX_MB, size: (Math.ceil(((refusal.size ?? 0) / MB) * 10) / 10).toFixed(1) });
    case 'bad_extension':
      return t('feedback.attachments.error.bad_extension', { name, types: ATTACHMENT_EXTENSIONS_TEXT });
    case 'not_content':
      return t('feedback.attachments.error.not_content', { name, kind: t(`feedback.attachments.kind.${refusal.kind ?? 'pdf'}`) });
    case 'empty':
      return t('feedback.attachments.error.empty', { name });
  }
}

export function AttachmentInput({ t, error }: { t: Translator; error?: string }) {
  const describedBy = ['attachments-hint', error ? 'attachments-error' : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="attachments">{t('feedback.attachments.label')}</label>
      <p class="field__hint" id="attachments-hint">
        {attachmentHint(t)}
      </p>
      {error ? (
        <p class="field__error" id="attachments-error">
          {error}
        </p>
      ) : null}
      <input id="attachments" name="attachments" type="file" multiple accept={ATTACHMENT_ACCEPT} aria-describedby={describedBy} />
    </div>
  );
}

export function sizeText(t: Translator, bytes: number): string {
  return t('feedback.attachments.size', { kb: Math.max(1, Math.ceil(bytes / KB)) });
}

/** The files given so far, with a download link each; a remove button each while the round is open. */
export function AttachmentList(props: { t: Translator; token: string; attachments: AttachmentRow[]; removable: boolean; inWeChat: boolean }) {
  const { t, token, attachments, removable, inWeChat } = props;
  if (!removable && attachments.length === 0) return null;
  return (
    <section class="panel fb-attachments" aria-labelledby="fb-attachments-heading">
      <h2 id="fb-attachments-heading">{t('feedback.attachments.heading')}</h2>
      {attachments.length === 0 ? <p class="muted">{t('feedback.attachments.none')}</p> : null}
      <ul class="fb-attachments__list">
        {attachments.map((a) => (
          <li class="fb-attachments__item">
            <a href={`/f/${token}/attachments/${a.id}`}>{a.filename}</a> <span class="muted">{sizeText(t, a.size)}</span>
            {removable ? (
              <form method="post" action={`/f/${token}/attachments/${a.id}/remove`} class="fb-attachments__remove">
                <button type="submit" class="button button--quiet">
                  {t('feedback.attachments.remove', { name: a.filename })}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {attachments.length ? <WeChatDownloadHint t={t} inWeChat={inWeChat} /> : null}
    </section>
  );
}

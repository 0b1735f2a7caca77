/** WeChat's in-app browser: it cannot save downloads (calendar files, Word files, attachments) to the phone. */
import type { Translator } from '../lib/i18n';

/** WeChat's WebViews name themselves `MicroMessenger/<version>` in the user agent, on Android and iOS alike. */
const weChatUserAgentRe = /\bMicroMessenger\//i;

export function isWeChat(userAgent: string | undefined): boolean {
  return weChatUserAgentRe.test(userAgent ?? '');
}

/** Beside a download, in WeChat only: how to reach the system browser, where the download works. */
export function WeChatDownloadHint({ t, inWeChat }: { t: Translator; inWeChat: boolean }) {
  if (!inWeChat) return null;
  return (
    <p class="wechat-hint" role="note">
      {t('common.wechat.downloadHint')}
    </p>
  );
}
